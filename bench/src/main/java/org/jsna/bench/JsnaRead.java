package org.jsna.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jsna.input.AreaTable;
import org.jsna.input.ConfigLoader;
import org.jsna.input.InputReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.PopulationBatch;
import org.jsna.input.RecordSink;
import org.jsna.input.ReferralBatch;
import org.jsna.input.ServiceBatch;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvScanner;
import org.jsna.validate.Header;

/**
 * The one place where the JMH benchmarks ({@link ReadBenchmark}) call jsna's input reading: the byte-level
 * path of issue 8 (input/csv: blocks, chunks cut at record boundaries, parsed on every core). When the reader
 * changes again, point these two methods at the new code and the benchmarks measure it unchanged.
 */
public final class JsnaRead {

    private JsnaRead() {
    }

    /**
     * Reads one CSV file through jsna's CSV path only (blocks, SHA-256 and encoding, chunks, the scanner's
     * records and fields; no validation or parsing of values) on {@code threads} threads. Returns the fields
     * seen, so the work cannot be optimised away.
     */
    public static long scan(Path file, int threads) {
        AtomicLong fields = new AtomicLong();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            CsvFile.Run run = new CsvFile.Run(pool, threads, CsvFile.BLOCK, true, p -> { });
            CsvFile.read(new CsvFile.Spec(file, file.toString(), "bench", null, 0, false), run,
                    new CsvFile.Rows<Long>() {
                        @Override
                        public void header(Header header, CsvFile.Text text, CsvFile.Out out) {
                        }

                        @Override
                        public Long parse(Chunk chunk) {
                            CsvScanner sc = new CsvScanner();
                            sc.reset(chunk);
                            long n = 0;
                            while (sc.next()) {
                                n += sc.fieldCount();
                            }
                            return n;
                        }

                        @Override
                        public void ordered(Long result, CsvFile.Out out) {
                        }

                        @Override
                        public void finish(Long result) {
                            fields.addAndGet(result);
                        }
                    }, null);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return fields.get();
    }

    /**
     * Reads an input folder (jsna.yaml or the four canonical files) the way {@code jsna report} does, on
     * {@code threads} threads: encoding detection and SHA-256, header mapping, every validation rule and the
     * parsing of every value into primitive batches, handed to a sink that only counts them. Returns the rows
     * delivered.
     */
    public static long readExtract(Path dir, int threads) {
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        Counting sink = new Counting();
        new InputReader(cfg, LocalDate.now(), false, null).threads(threads).read(sink);
        return sink.n.get();
    }

    private static final class Counting implements RecordSink {
        final AtomicLong n = new AtomicLong();

        @Override
        public void areas(AreaTable areas) {
            n.addAndGet(areas.size());
        }

        @Override
        public void population(PopulationBatch b) {
            n.addAndGet(b.size);
        }

        @Override
        public void referrals(ReferralBatch b) {
            n.addAndGet(b.size);
        }

        @Override
        public void services(ServiceBatch b) {
            n.addAndGet(b.size);
        }

        @Override
        public void links(int[] referral, int[] start, int count) {
        }

        @Override
        public void referralsNotFound(long count) {
        }
    }
}
