package org.jsna.input;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import org.jsna.console.JsnaException;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.Cuts;
import org.jsna.input.csv.CsvScanner;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.PartitionFiles;
import org.jsna.input.csv.RowEstimate;
import org.jsna.validate.Header;

/**
 * The identifiers of a file that may repeat, found by a first, quick pass over its identifier column before the
 * file is read: each row's ASCII id is hashed to 64 bits, the hashes go to disk in partitions, and the hashes met
 * more than once are kept (in a file without repeats, none). While the file is then read, an id whose hash is not
 * among them is known to be the only one of its text in the whole file: it is the first of its id without going
 * into the id table. Only ids that may repeat (and ids that are not ASCII, whose bytes depend on the encoding) go
 * into the table, which decides exactly, in file order, as before. So a file of 30 million events with no repeated
 * id needs no table of 30 million ids (a gigabyte at the L benchmark), only a few megabytes of buffers.
 *
 * <p>The pass hashes every row that has the id column, valid or not, so what it keeps is a superset of the repeats
 * among valid rows (a hash shared by two different ids only sends them to the table). It reports no defect: when
 * it meets one that stops a reading (a quote never closed, a row too long), it gives up and the file is read with
 * the whole table, which then reports that defect where it belongs in file order.
 */
final class RepeatedIds {

    private static final int BITS = 6;
    private static final int PARTS = 1 << BITS;
    /** Hashes a partition buffers before it writes them to its file. */
    private static final int BUFFER = 8192;

    /** Sorted: the hashes met more than once. */
    private final long[] repeated;
    /** Where the pass cut the file into chunks: the reading proper cuts it there again. */
    private final Cuts cuts;

    private RepeatedIds(long[] repeated, Cuts cuts) {
        this.repeated = repeated;
        this.cuts = cuts;
    }

    /** Where the pass cut the file (every chunk end: the pass read the whole file). */
    Cuts cuts() {
        return cuts;
    }

    /** Whether an ASCII id of hash {@code h} ({@link KeyTable#hash64}) may occur on more than one row of the file. */
    boolean mayRepeat(long h) {
        return Arrays.binarySearch(repeated, h) >= 0;
    }

    /** Number of distinct hashes met more than once. */
    int size() {
        return repeated.length;
    }

    /**
     * Reads the id column of the file; returns null when it could not (the file then goes through the whole id
     * table). The partitions live in a folder made inside {@code scratch} and deleted before this returns.
     *
     * @param idColumn the id column's name in the file (after jsna.yaml's {@code columns:})
     * @param progress told the bytes read so far after each block (may be null)
     */
    static RepeatedIds scan(CsvFile.Spec spec, CsvFile.Run run, String idColumn, Path scratch,
            LongConsumer progress) {
        try (Ledger ledger = new Ledger(scratch)) {
            Hashes rows = new Hashes(idColumn, ledger);
            Cuts cuts;
            try {
                cuts = CsvFile.scan(spec, run, rows, progress);
            } catch (JsnaException e) {
                if (e.kind() != JsnaException.Kind.INPUT) {
                    throw e; // unreadable, a full disk, a stop by a signal: the run ends here
                }
                return null; // a defect of the file: the reading proper reports it, in file order
            }
            return rows.failed || !cuts.isComplete() ? null
                    : new RepeatedIds(ledger.repeated(run.threads() > 1), cuts);
        }
    }

    /** The rows' handler of the pass: each chunk's hashes in parallel, handed to the ledger in file order. */
    private static final class Hashes implements CsvFile.Rows<Hashes.Part> {
        /** One chunk's hashes; stopped when the chunk holds a defect that stops a reading. */
        static final class Part {
            long[] h;
            int n;
            boolean stopped;

            Part(int capacity) {
                h = new long[capacity];
            }
        }

        /** Sizes a chunk's hashes once, from the chunks hashed before it. */
        private final RowEstimate estimate = new RowEstimate();
        private int fields;

        private final String idColumn;
        private final Ledger ledger;
        private int column = -1;
        boolean failed;

        Hashes(String idColumn, Ledger ledger) {
            this.idColumn = idColumn;
            this.ledger = ledger;
        }

        @Override
        public void header(Header header, CsvFile.Text t, CsvFile.Out out) {
            this.column = header.find(idColumn);
            this.fields = header.size();
            if (column < 0) {
                failed = true; // the reading proper names the missing column
            }
        }

        /** Parts whose hashes the ledger has taken, for later chunks (their arrays kept). */
        private final Queue<Part> spare = new ConcurrentLinkedQueue<>();

        @Override
        public Part parse(Chunk chunk) {
            int expected = column < 0 ? 0 : estimate.rows(chunk, fields);
            Part p = spare.poll();
            if (p == null) {
                p = new Part(expected);
            } else {
                p.n = 0;
                p.stopped = false;
                if (p.h.length < expected) {
                    p.h = new long[expected];
                }
            }
            if (column < 0) {
                return p;
            }
            int rows = 0;
            CsvScanner sc = new CsvScanner();
            sc.reset(chunk);
            byte[] b = chunk.buf();
            try {
                // only the id column is looked at; each record found and stopped at as the reading proper does
                while (sc.nextField(column)) {
                    rows++;
                    int s = sc.wantedStart();
                    int e = sc.wantedEnd();
                    if (s >= e) {
                        continue; // no such field, or blank
                    }
                    if (!org.jsna.validate.TextLookup.isAscii(b, s, e)) {
                        continue; // never taken on trust: such an id always goes to the table
                    }
                    if (p.n == p.h.length) {
                        p.h = Arrays.copyOf(p.h, Math.max(16, p.n * 2));
                    }
                    p.h[p.n++] = KeyTable.hash64(b, s, e);
                }
            } catch (CsvScanner.Stop s) {
                p.stopped = true;
            }
            estimate.saw(chunk, rows);
            return p;
        }

        @Override
        public void ordered(Part p, CsvFile.Out out) {
            if (p.stopped) {
                failed = true;
            }
            if (!failed) {
                ledger.add(p.h, p.n);
            }
        }

        @Override
        public void finish(Part p) {
            spare.offer(p);
        }
    }

    /** 64-bit hashes in {@value #PARTS} partition files by their top bits; then the ones met twice. */
    private static final class Ledger implements AutoCloseable {
        private final PartitionFiles files;
        private final long[][] buffers = new long[PARTS][];
        private final int[] used = new int[PARTS];

        Ledger(Path scratch) {
            files = new PartitionFiles(scratch, "ids", PARTS, "the ids' hashes");
        }

        void add(long[] h, int n) {
            for (int i = 0; i < n; i++) {
                int k = (int) (h[i] >>> (64 - BITS));
                long[] b = buffers[k];
                if (b == null) {
                    b = buffers[k] = new long[BUFFER];
                }
                b[used[k]++] = h[i];
                if (used[k] == BUFFER) {
                    ByteBuffer bb = ByteBuffer.allocate(BUFFER * 8).order(ByteOrder.LITTLE_ENDIAN);
                    bb.asLongBuffer().put(b, 0, BUFFER);
                    files.write(k, bb);
                    used[k] = 0;
                }
            }
        }

        /**
         * The hashes added more than once, sorted and distinct. With {@code parallel}, the partitions are searched
         * on the common pool, two or more at a time.
         */
        long[] repeated(boolean parallel) {
            long[][] parts = new long[PARTS][];
            // each thread's partitions share one buffer and one table: 64 of each, megabytes apiece, made in well
            // under a second, took G1's heap from 0.7 to 2.1 GB at the L benchmark
            Queue<Scratch> spare = new ConcurrentLinkedQueue<>();
            java.util.stream.IntStream k = java.util.stream.IntStream.range(0, PARTS);
            (parallel ? k.parallel() : k).forEach(p -> {
                Scratch s = spare.poll();
                if (s == null) {
                    s = new Scratch();
                }
                parts[p] = repeated(p, s);
                spare.offer(s);
            });
            int m = 0;
            for (long[] p : parts) {
                m += p.length;
            }
            long[] r = new long[m];
            m = 0;
            for (long[] p : parts) {
                System.arraycopy(p, 0, r, m, p.length);
                m += p.length;
            }
            Arrays.sort(r);
            int d = 0;
            for (int i = 0; i < r.length; i++) {
                if (d == 0 || r[d - 1] != r[i]) {
                    r[d++] = r[i];
                }
            }
            return Arrays.copyOf(r, d);
        }

        /** What one thread's partitions share: the partition read back and the table of its hashes. */
        private static final class Scratch {
            ByteBuffer loaded;
            long[] table = new long[0];
        }

        /**
         * Partition k's hashes added more than once, unsorted: found through an open-addressing table of the
         * partition's hashes (zero marks an empty slot; a hash of zero is counted apart), which at 30 million
         * ids took a quarter of the time sorting the partitions did.
         */
        private long[] repeated(int k, Scratch scratch) {
            ByteBuffer bb = scratch.loaded = files.load(k, 0, scratch.loaded);
            bb.flip();
            int n = bb.remaining() / 8 + used[k];
            java.nio.LongBuffer onDisk = bb.asLongBuffer();
            long[] rest = buffers[k];
            buffers[k] = null;
            used[k] = 0;
            int cap = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
            int mask = cap - 1;
            if (scratch.table.length < cap) {
                scratch.table = new long[cap];
            } else {
                Arrays.fill(scratch.table, 0, cap, 0L);
            }
            long[] table = scratch.table;
            long[] out = new long[16];
            int m = 0;
            int zeros = 0;
            for (int j = 0; j < n; j++) {
                long h = j < onDisk.limit() ? onDisk.get(j) : rest[j - onDisk.limit()];
                boolean again;
                if (h == 0) {
                    again = ++zeros >= 2;
                } else {
                    int i = (int) (h ^ (h >>> 32)) & mask;
                    long v;
                    while ((v = table[i]) != 0 && v != h) {
                        i = (i + 1) & mask;
                    }
                    again = v == h;
                    table[i] = h;
                }
                if (again) {
                    if (m == out.length) {
                        out = Arrays.copyOf(out, m * 2);
                    }
                    out[m++] = h; // once per repeat: made distinct when gathered
                }
            }
            return Arrays.copyOf(out, m);
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
