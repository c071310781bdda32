package org.jsna.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.jsna.input.AreaRecord;
import org.jsna.input.ConfigLoader;
import org.jsna.input.ExtractReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.PopulationRecord;
import org.jsna.input.RecordSink;
import org.jsna.input.ReferralRecord;
import org.jsna.input.ScannerAccess;
import org.jsna.input.ServiceRecord;

/**
 * The one place where the JMH benchmarks ({@link ReadBenchmark}) call jsna's input reading. When the
 * reader is rewritten (issue 8, item 2: byte-level, parallel), point these two methods at the new
 * code and the benchmarks measure it unchanged, on the same files.
 */
public final class JsnaRead {

    private JsnaRead() {
    }

    /**
     * Reads one CSV file with jsna's record scanner only: splitting into records and fields (RFC 4180
     * quoting, line ends, BOM), no validation or parsing of values. Returns a number that depends on
     * everything read (the fields seen), so the work cannot be optimised away.
     */
    public static long scan(Path file) throws IOException {
        return ScannerAccess.scan(file);
    }

    /**
     * Reads an input folder (jsna.yaml or the four canonical files) the way {@code jsna report}
     * does: encoding detection and SHA-256, header mapping, every validation rule and the parsing
     * of every value, delivering each valid record to a sink that only counts them. Returns the
     * records delivered.
     */
    public static long readExtract(Path dir) {
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        Counting sink = new Counting();
        new ExtractReader(cfg, LocalDate.now(), false, null).read(sink);
        return sink.n;
    }

    private static final class Counting implements RecordSink {
        long n;

        @Override
        public void area(AreaRecord r) {
            n++;
        }

        @Override
        public void population(PopulationRecord r) {
            n++;
        }

        @Override
        public void referral(ReferralRecord r) {
            n++;
        }

        @Override
        public void service(ServiceRecord r) {
            n++;
        }
    }
}
