package org.jsna.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsna.console.JsnaException;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.CsvScanner;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.RowEstimate;
import org.jsna.input.csv.Reject;
import org.jsna.validate.Header;

/**
 * What the readers of the four kinds of file share: the columns from the header, the scan of a chunk's
 * records (each through the kind's rules, {@link #row}), and the rows of a chunk kept for the ordered
 * step: rows that failed a rule, in file order, and rows that passed (which may still turn out to repeat a
 * key of an earlier row, found once every earlier chunk is read).
 *
 * @param <C> the kind's chunk of rows
 */
abstract class RowReader<C extends RowReader.Rows> implements CsvFile.Rows<C> {

    /**
     * A row that failed, with the number of passing rows before it in its chunk (its place among them), and
     * for a row that failed after its identifier was checked, that identifier: as UTF-8 to look up, and as read.
     */
    record Failed(Reject reject, int passedBefore, byte[] key, int hash, byte[] keyAsRead) {
    }

    /** An identifier as UTF-8 (to compare) and as read (to quote). */
    record Key(byte[] utf8, byte[] asRead) {
    }

    /** The rows of one chunk. */
    static class Rows {
        Chunk chunk;
        int read;
        final List<Failed> failed = new ArrayList<>();
        /** Rows that passed their rules. */
        int passed;
        /** A whole-file defect met in the chunk, after the rows above. */
        JsnaException stop;
        /** Valid rows (passed and not duplicates), set by the ordered step. */
        int valid;
        /** Per passing row: {@link KeyTable#FIRST} or {@link KeyTable#LATER} for the row's unique key. */
        byte[] keyFlags;

        Rows(Chunk chunk) {
            this.chunk = chunk;
        }

        /**
         * Empties the rows for {@code next}, a later chunk of the same file, keeping the arrays (they grow as
         * rows come). A kind with more state than its arrays clears it here.
         */
        void reset(Chunk next) {
            chunk = next;
            read = 0;
            failed.clear();
            passed = 0;
            stop = null;
            valid = 0;
        }

        /** Position of passing row {@code i} in the run: chunk, then row (file order). */
        long position(int i) {
            return chunk.seq() << 30 | i;
        }
    }

    final InputReader in;
    final String role;
    final String name;
    Header header;
    CsvFile.Text text;
    /** Rows read and rows used (valid), counted by the ordered step. */
    long read;
    long used;

    RowReader(InputReader in, String role, String name) {
        this.in = in;
        this.role = role;
        this.name = name;
    }

    /** Index of a canonical column; a required one, or one named in {@code columns:}, must be present. */
    int col(String canonical, boolean required) {
        return header.column(in.cfg.column(role, canonical), canonical, role, required,
                in.cfg.columns(role).containsKey(canonical));
    }

    @Override
    public void header(Header h, CsvFile.Text t, CsvFile.Out out) {
        this.header = h;
        this.text = t;
        columns();
        // a column named in columns: must be in the file even when this reading does not use it (a typo in
        // the name of an optional column would otherwise pass silently)
        for (String canonical : in.cfg.columns(role).keySet()) {
            col(canonical, false);
        }
    }

    /** Finds the kind's columns in {@link #header}. */
    abstract void columns();

    abstract C newRows(Chunk chunk);

    /**
     * The rows of chunks already handed on ({@link #recycle}), filled again by later chunks: a file's reading then
     * makes as many sets of row arrays as chunks are in flight at once, not one per chunk (at the L benchmark,
     * gigabytes of arrays that lived just long enough to be copied by the collector, and so to grow its heap).
     */
    private final java.util.Queue<C> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The rows of a finished chunk, made ready for {@code chunk}. */
    C reuse(C c, Chunk chunk) {
        c.reset(chunk);
        c.keyFlags = flags(chunk, header.size(), c.keyFlags);
        return c;
    }

    /**
     * The chunk's rows are handed on, and neither the reader nor the sink refers to them any more: a later chunk
     * may fill them again.
     */
    void recycle(C c) {
        spare.offer(c);
    }

    /** The file is read: the rows kept for later chunks go (the reader itself may live on, its arrays need not). */
    void done() {
        spare.clear();
    }

    /** Sizes a chunk's row arrays once, from the chunks parsed before it. */
    private final RowEstimate estimate = new RowEstimate();

    /** The rows to make room for in a chunk's arrays ({@link RowEstimate}); they still grow past it. */
    int expectedRows(Chunk chunk) {
        return estimate.rows(chunk, header == null ? 1 : header.size());
    }

    /**
     * Checks one record against the kind's rules; keeps it in {@code c} when it passes. A rule that fails
     * reports to {@code r}; {@code line} is where the record starts. {@code c} is the kind's rows ({@code C}):
     * typed as the base so that a kind's override is the one method called, with no bridge method beside it that
     * the optimising compiler would compile a second time with the whole rule book inlined (about half a second
     * of compiler time per kind, at the start of every run).
     */
    abstract boolean row(Rows c, CsvRow r, long line);

    /** For a row that failed after its identifier was checked: that identifier, else null. */
    Key keyOfFailedRow(C c, CsvRow r) {
        return null;
    }

    @Override
    public C parse(Chunk chunk) {
        C c = spare.poll();
        c = c == null ? newRows(chunk) : reuse(c, chunk);
        CsvScanner sc = new CsvScanner();
        CsvRow r = new CsvRow(sc, text);
        sc.reset(chunk);
        try {
            while (sc.next()) {
                c.read++;
                r.begin();
                long line = chunk.startLine() + sc.recordLine();
                if (!row(c, r, line)) {
                    Key key = keyOfFailedRow(c, r);
                    c.failed.add(key == null ? new Failed(r.reject(line), c.passed, null, 0, null)
                            : new Failed(r.reject(line), c.passed, key.utf8(),
                                    KeyTable.hash(key.utf8(), 0, key.utf8().length), key.asRead()));
                }
            }
        } catch (CsvScanner.Stop s) {
            c.stop = CsvFile.error(s, name, chunk.startLine(), header);
        }
        estimate.saw(chunk, c.read);
        parsed(c);
        return c;
    }

    /** Every record of the chunk has been through {@link #row}: the kind's work on the passing rows together. */
    void parsed(C c) {
    }

    /**
     * The ordered step for kinds whose passing rows may repeat a key: failed rows and duplicates are reported
     * in file order; {@code duplicate(c, i)} says whether passing row {@code i} repeats an earlier valid row's
     * key (then {@code dupReject} makes its problem), and {@code failedDuplicate} whether a failed row's key was
     * already taken by an earlier valid row (reported as the duplicate instead).
     */
    void report(C c, CsvFile.Out out, Dup<C> dups) {
        read += c.read;
        int f = 0;
        List<Failed> failed = c.failed;
        int valid = 0;
        for (int i = 0; i <= c.passed; i++) {
            while (f < failed.size() && failed.get(f).passedBefore() == i) {
                Failed x = failed.get(f++);
                Reject dup = x.key() == null ? null : dups.failedDuplicate(c, x, c.position(i));
                out.add(dup != null ? dup : x.reject());
            }
            if (i < c.passed) {
                if (dups.duplicate(c, i)) {
                    out.add(dups.reject(c, i));
                } else {
                    valid++;
                }
            }
        }
        c.valid = valid;
        used += valid;
        if (c.stop != null) {
            out.stop(c.stop);
        }
    }

    /** How a kind finds its duplicates in the ordered step. */
    interface Dup<C> {
        boolean duplicate(C c, int i);

        Reject reject(C c, int i);

        default Reject failedDuplicate(C c, Failed f, long position) {
            return null;
        }
    }

    /** A flags array for the passing rows of a chunk of {@code bytes} bytes whose rows have {@code fields} fields. */
    static byte[] flags(Chunk chunk, int fields) {
        return flags(chunk, fields, null);
    }

    /** As {@link #flags(Chunk, int)}, in {@code reuse} (cleared) when it is long enough. */
    static byte[] flags(Chunk chunk, int fields, byte[] reuse) {
        int n = (chunk.end() - chunk.start()) / Math.max(1, fields) + 2;
        if (reuse != null && reuse.length >= n) {
            Arrays.fill(reuse, 0, n, (byte) 0);
            return reuse;
        }
        return new byte[n];
    }

    static int[] grow(int[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    static byte[][] grow(byte[][] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    static long[] grow(long[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    static byte[] grow(byte[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    static double[] grow(double[] a, int n) {
        return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    /** The file's summary once it is read. */
    ReadSummary.FileSummary summary(CsvFile.Outcome o, java.nio.file.Path path) {
        return new ReadSummary.FileSummary(role, path, o.result().bytes(), o.result().sha256(),
                o.result().charset().name(), read, used, o.rejected(),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(o.reasons())));
    }
}
