package org.jsna.input.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jsna.console.JsnaException;
import org.jsna.validate.CsvLimits;
import org.jsna.validate.Header;
import org.jsna.validate.Problem;

/**
 * Reads one CSV file through a {@link Rows} handler: the file is read once in blocks ({@link ChunkSource}: size,
 * SHA-256 and encoding in the same pass), its header row is read here, and the rest is cut into chunks at
 * record boundaries that are parsed on several threads. Each chunk goes through three steps: {@link
 * Rows#parse} on any thread; {@link Rows#ordered} one chunk at a time in file order (where row problems are
 * reported, so that the first defect in the file is the first reported and rejects.csv is in file order);
 * {@link Rows#finish} on any thread again. At most a few chunks are in flight, so a file of gigabytes is read
 * in a few blocks of memory.
 *
 * <p>With one thread every step runs on the calling thread, chunk after chunk.
 */
public final class CsvFile {

    /** Default block size: the new bytes of one chunk. */
    public static final int BLOCK = 2 << 20;

    /**
     * One file to read. {@code cuts}: where a first pass over the same file with the same {@link Run} cut it
     * (from {@link #scan}), replayed instead of searching the bytes again; null to search.
     */
    public record Spec(Path path, String name, String role, String encoding, int skipRows, boolean encodingMatters,
            Cuts cuts) {
        public Spec(Path path, String name, String role, String encoding, int skipRows, boolean encodingMatters) {
            this(path, name, role, encoding, skipRows, encodingMatters, null);
        }
    }

    /** What reading the file found besides its rows. */
    public record Result(long bytes, String sha256, Charset charset) {
    }

    /** The rows of one kind of file. */
    public interface Rows<R> {
        /** The header row: finds the columns (a missing one is an input error); {@code out} takes the rows' problems. */
        void header(Header header, Text text, Out out);

        /** Parses the rows of one chunk; any thread. */
        R parse(Chunk chunk);

        /** Reports the chunk's problems (to {@code out}) and does what needs file order; one chunk at a time. */
        void ordered(R result, Out out);

        /** Hands the chunk's rows on; any thread, after {@link #ordered} of the chunk. */
        void finish(R result);
    }

    /** How a run reads its files: threads, block size, row problems, progress. */
    public static final class Run {
        final Executor executor;
        final int threads;

        /** The number of threads a run reads on (1: the calling thread only). */
        public int threads() {
            return threads;
        }
        final BufferPool pool;
        final boolean skip;
        final Consumer<Problem> problems;
        final AtomicLong seq = new AtomicLong();
        /**
         * Memory set aside for the failure path: out of memory, a reading thread lets it go first, so that
         * handing back the permits and telling the file's reading does not fail in turn.
         */
        volatile byte[] reserve = new byte[1 << 20];

        /**
         * @param executor runs the chunks (null: everything on the calling thread)
         * @param threads  the executor's threads
         * @param block    block size in bytes
         * @param skip     false: the first row problem stops the run; true: each goes to {@code problems}
         */
        public Run(Executor executor, int threads, int block, boolean skip, Consumer<Problem> problems) {
            this.executor = threads > 1 ? executor : null;
            this.threads = Math.max(1, threads);
            this.pool = new BufferPool(block);
            this.skip = skip;
            this.problems = problems == null ? p -> { } : problems;
        }
    }

    /** The text of the file being read: its encoding (once known) and the UTF-8 form of a field. */
    public static final class Text {
        private volatile ChunkSource source;
        private final Charset fixed;

        Text(ChunkSource source) {
            this.source = source;
            this.fixed = null;
        }

        /** Text of a known encoding (no file behind it). */
        public Text(Charset known) {
            this.fixed = known;
        }

        /** The encoding, or null while it is not known yet. */
        public Charset known() {
            return fixed != null ? fixed : source.charset();
        }

        /** The UTF-8 form of {@code b[s..e)} (see {@link Encoding#utf8}); ASCII needs no copy, but gets one. */
        public byte[] utf8(byte[] b, int s, int e) {
            return Encoding.utf8(b, s, e, known());
        }
    }

    /** Where a chunk's row problems go, in file order. */
    public static final class Out {
        private final String file;
        private final boolean skip;
        private final Consumer<Problem> consumer;
        private final Text text;
        private Header header;
        private boolean[] withheld = new boolean[0];
        private final List<Reject> deferred = new ArrayList<>();
        private long rejected;
        private final Map<String, Long> reasons = new LinkedHashMap<>();

        Out(String file, boolean skip, Consumer<Problem> consumer, Text text) {
            this.file = file;
            this.skip = skip;
            this.consumer = consumer;
            this.text = text;
        }

        /** The columns whose values rejects.csv never holds (identifiers, birth dates and years). */
        public void withhold(boolean[] columns) {
            this.withheld = columns;
        }

        public long rejected() {
            return rejected;
        }

        public Map<String, Long> reasons() {
            return reasons;
        }

        /**
         * A row defect: stops the run (exit 3) unless invalid rows are skipped, in which case it is counted
         * and passed on (when its value can be shown: a value other than ASCII waits for the encoding).
         */
        public void add(Reject r) {
            if (!skip) {
                if (decodable(r)) {
                    throw problem(r).toException();
                }
                throw new Pending(r, null);
            }
            rejected++;
            reasons.merge(r.reason(), 1L, Long::sum);
            if (!deferred.isEmpty() && text.known() != null) {
                flush();
            }
            if (deferred.isEmpty() && decodable(r)) {
                consumer.accept(problem(r));
            } else {
                deferred.add(r);
            }
        }

        /** A whole-file defect found in a chunk: reported after the rows before it. */
        public void stop(JsnaException e) {
            if (!deferred.isEmpty()) {
                throw new Pending(null, e);
            }
            throw e;
        }

        private boolean decodable(Reject r) {
            return r.value() == null || text.known() != null || org.jsna.validate.TextLookup.isAscii(r.value(), 0,
                    r.value().length);
        }

        /** Passes on the problems that waited for the encoding, now known. */
        void flush() {
            for (Reject r : deferred) {
                consumer.accept(problem(r));
            }
            deferred.clear();
        }

        Problem problem(Reject r) {
            String value = null;
            if (r.value() != null) {
                Charset cs = text.known();
                value = Encoding.decode(r.value(), 0, r.value().length,
                        cs != null ? cs : java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            String column = header == null ? null : header.name(r.column());
            boolean hide = r.column() >= 0 && r.column() < withheld.length && withheld[r.column()];
            return Problem.of(file, r.line(), column, value, r.expected(), r.reason(), hide);
        }
    }

    /** A problem that can be reported only once the file's encoding is known (the rest of the file is read first). */
    static final class Pending extends RuntimeException {
        final Reject reject;
        final JsnaException stop;

        Pending(Reject reject, JsnaException stop) {
            super("pending", null, false, false);
            this.reject = reject;
            this.stop = stop;
        }
    }

    /** The header as read: where it is, its names, and where the rows start. */
    private record HeaderRead(Header header, Chunk rest) {
    }

    private CsvFile() {
    }

    /**
     * Reads a file through {@code rows}.
     *
     * @param progress told the bytes read so far after each block (may be null)
     * @return the counts and rejects of the file, with its size, SHA-256 and encoding
     */
    public static <R> Outcome read(Spec spec, Run run, Rows<R> rows, LongConsumer progress) {
        // data.md: a file that changes while it is read (an extract still being written, rows appended) ends the
        // run, exit 3; what was read would be some of one file and some of another, or a prefix reported as whole
        Object before = Cuts.stampOf(spec.path());
        Outcome o = read(spec, run, rows, progress, true);
        if (before != null && !before.equals(Cuts.stampOf(spec.path()))) {
            throw Cuts.changed(spec.name());
        }
        return o;
    }

    /**
     * Reads the file as {@link #read} does but without its SHA-256, for a first pass over a file that is then
     * read again (the handler reports no rows, so the outcome has no rejects). Returns where it cut the file,
     * for the reading proper with the same run ({@link Spec#cuts}).
     */
    public static <R> Cuts scan(Spec spec, Run run, Rows<R> rows, LongConsumer progress) {
        Cuts cuts = new Cuts();
        cuts.stamp(Cuts.stampOf(spec.path()));
        read(spec, run, rows, progress, false, cuts);
        cuts.finish(spec.path());
        return cuts;
    }

    private static <R> Outcome read(Spec spec, Run run, Rows<R> rows, LongConsumer progress, boolean hash) {
        return read(spec, run, rows, progress, hash, null);
    }

    private static <R> Outcome read(Spec spec, Run run, Rows<R> rows, LongConsumer progress, boolean hash,
            Cuts record) {
        try {
            return readFile(spec, run, rows, progress, hash, record);
        } catch (NoSuchFileException e) {
            throw JsnaException.io(spec.role() + " file '" + spec.path() + "' not found", e);
        } catch (AccessDeniedException e) {
            throw JsnaException.io(spec.role() + " file '" + spec.path() + "' is not readable", e);
        } catch (IOException e) {
            throw JsnaException.io("cannot read " + spec.role() + " file '" + spec.path() + "': " + e.getMessage(), e);
        }
    }

    /** What reading a file gave: bytes, hash, encoding, and its rejected rows by reason. */
    public record Outcome(Result result, long rejected, Map<String, Long> reasons) {
    }

    private static <R> Outcome readFile(Spec spec, Run run, Rows<R> rows, LongConsumer progress, boolean hash,
            Cuts record) throws IOException {
        String declared = spec.encoding();
        String sha = null;
        long bytes = -1;
        ChunkSource src = open(spec, declared, hash, run, progress, record);
        try {
            HeaderRead h = header(spec, src, run);
            Charset known = src.charset();
            if (known == null && (spec.encodingMatters() || !h.header().names().stream().allMatch(CsvFile::ascii))) {
                // the columns or the codes depend on the encoding: find it first, then read again
                run.pool.release(h.rest().buf());
                src.drain();
                sha = src.sha256();
                bytes = src.bytes();
                known = src.charset();
                src.close();
                declared = known.equals(Encoding.WINDOWS_1252) ? Encoding.CP1252 : Encoding.UTF8;
                if (record != null) {
                    record.clear(); // the reading starts again
                }
                src = open(spec, declared, false, run, progress, record);
                h = header(spec, src, run);
            }
            Text text = new Text(src);
            Out out = new Out(spec.name(), run.skip, run.problems, text);
            out.header = h.header();
            rows.header(h.header(), text, out);
            chunks(src, h.rest(), run, rows, out);
            out.flush();
            if (sha == null) {
                sha = src.sha256();
                bytes = src.bytes();
            }
            return new Outcome(new Result(bytes, sha, src.charset()), out.rejected, out.reasons);
        } finally {
            src.close();
        }
    }

    /** {@code record}: where the source's cuts are recorded (null: not recorded). */
    private static ChunkSource open(Spec spec, String declared, boolean hash, Run run, LongConsumer progress,
            Cuts record) throws IOException {
        ReadableByteChannel ch = FileChannel.open(spec.path(), StandardOpenOption.READ);
        Cuts replay = spec.cuts() != null && spec.cuts().replayableOver(spec.path()) ? spec.cuts() : null;
        return new ChunkSource(ch, spec.name(), declared, hash, run.pool, progress, record, replay);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Skips the title rows, reads the header row; the chunk returned holds the rows after it (maybe none). */
    private static HeaderRead header(Spec spec, ChunkSource src, Run run) throws IOException {
        if (spec.skipRows() == 0) {
            src.start();
        } else if (!src.skipLines(spec.skipRows())) {
            throw Header.endsWithinSkippedRows(spec.name(), spec.skipRows());
        }
        CsvScanner sc = new CsvScanner();
        while (true) {
            Chunk c = src.next();
            if (c == null) {
                throw Header.emptyFile(spec.name());
            }
            sc.reset(c);
            boolean found;
            try {
                found = sc.next();
            } catch (CsvScanner.Stop s) {
                throw error(s, spec.name(), c.startLine(), null);
            }
            if (!found) {
                run.pool.release(c.buf());
                continue;
            }
            long line = c.startLine() + sc.recordLine();
            Charset cs = src.charset();
            if (sc.defect() != CsvScanner.OK) {
                int f = sc.defectField();
                String raw = decode(sc.bytes(), sc.rawStart(f), sc.rawEnd(f), cs);
                throw Header.badCell(spec.name(), line, f, raw, sc.defect() == CsvScanner.NUL);
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < sc.fieldCount(); i++) {
                names.add(decode(sc.bytes(), sc.start(i), sc.end(i), cs));
            }
            return new HeaderRead(new Header(spec.name(), line, names), c.from(sc.position(),
                    c.startLine() + sc.lines()));
        }
    }

    private static String decode(byte[] b, int s, int e, Charset cs) {
        return Encoding.decode(b, s, e, cs != null ? cs : java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The input error of a whole-file defect the scanner stopped at, in a chunk starting on {@code startLine}. */
    public static JsnaException error(CsvScanner.Stop s, String file, long startLine, Header header) {
        long line = startLine + s.line;
        String column = header == null || s.field < 0 ? null : header.name(s.field);
        switch (s.kind) {
            case FIELD_TOO_LONG:
                return CsvLimits.fieldTooLong(file, line, column);
            case ROW_TOO_LONG:
                return CsvLimits.rowTooLong(file, line);
            case TOO_MANY_FIELDS:
                return CsvLimits.tooManyFields(file, line);
            case QUOTE_TOO_LONG:
                return CsvLimits.quoteTooLong(file, line, column);
            default:
                return CsvLimits.unterminatedQuote(file, line, column);
        }
    }

    // ------------------------------------------------------------------ the chunks

    /** One chunk's way through the three steps. */
    private static final class Job<R> {
        final Chunk chunk;
        R result;
        /** Its buffer and permit were given back (at most once: a failure may reach a job twice). */
        boolean retired;

        Job(Chunk chunk) {
            this.chunk = chunk;
        }
    }

    /** The chunks of one file in flight: parsed ones wait here for their turn in file order. */
    private static final class Flight<R> {
        final Run run;
        final Rows<R> rows;
        final Out out;
        final int maxInFlight;
        final Semaphore permits;
        final Map<Long, Job<R>> parsed = new HashMap<>();
        long nextSeq;
        volatile Throwable failure;

        Flight(Run run, Rows<R> rows, Out out, long firstSeq) {
            this.run = run;
            this.rows = rows;
            this.out = out;
            this.maxInFlight = run.threads * 2;
            this.permits = new Semaphore(maxInFlight);
            this.nextSeq = firstSeq;
        }

        /** Parses the job's chunk and passes it on; never throws (a failure is kept for the reading thread). */
        void run(Job<R> job, Rows<R> rows) {
            try {
                try {
                    job.result = rows.parse(job.chunk);
                } catch (Throwable t) {
                    if (t instanceof OutOfMemoryError) {
                        run.reserve = null;
                    }
                    fail(t);
                }
                parsed(job);
            } catch (Throwable t) {
                if (t instanceof OutOfMemoryError) {
                    run.reserve = null;
                }
                abandon(job, t);
            }
        }

        void fail(Throwable t) {
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                }
            }
        }

        void retire(Job<R> j) {
            synchronized (j) {
                if (j.retired) {
                    return;
                }
                j.retired = true;
            }
            permits.release();
            try {
                run.pool.release(j.chunk.buf());
            } catch (Throwable t) {
                fail(t); // the buffer is only not reused
            }
        }

        /**
         * After {@link Rows#parse}: runs the ordered step of every chunk whose turn has come, then finishes them.
         * Whatever goes wrong here, an out-of-memory error too, fails the file and gives back the permits of
         * this job and of every job waiting, so that the reading stops with that error instead of waiting for
         * ever for a permit.
         */
        void parsed(Job<R> job) {
            List<Job<R>> ready = new ArrayList<>();
            try {
                step(job, ready);
            } catch (Throwable t) {
                for (Job<R> j : ready) {
                    retire(j);
                }
                abandon(job, t);
            }
        }

        /**
         * The job failed outside its parse: the file fails, and the job and every job waiting for its turn give
         * back their permits (none of them will be passed on now).
         */
        void abandon(Job<R> job, Throwable t) {
            fail(t);
            synchronized (this) {
                for (Job<R> j : parsed.values()) {
                    retire(j);
                }
                parsed.clear();
            }
            retire(job);
        }

        private void step(Job<R> job, List<Job<R>> ready) {
            synchronized (this) {
                parsed.put(job.chunk.seq(), job);
                while (failure == null && parsed.containsKey(nextSeq)) {
                    Job<R> j = parsed.remove(nextSeq);
                    nextSeq++;
                    try {
                        rows.ordered(j.result, out);
                        ready.add(j);
                    } catch (Throwable t) {
                        fail(t);
                        retire(j);
                    }
                }
                if (failure != null) {
                    for (Job<R> j : parsed.values()) {
                        retire(j);
                    }
                    parsed.clear();
                }
            }
            for (Job<R> j : ready) {
                try {
                    if (failure == null) {
                        rows.finish(j.result);
                    }
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    retire(j);
                }
            }
        }
    }

    /**
     * Waits until every job handed out has given back its permit. After an out-of-memory error (or worse) a job
     * may be unable to do even that, so then the wait ends 10 s after the error was seen: the run stops with the
     * error rather than wait for ever.
     */
    private static <R> void awaitJobs(Flight<R> f) {
        if (acquire(f, f.maxInFlight)) {
            f.permits.release(f.maxInFlight);
        }
    }

    /**
     * Takes {@code n} permits; false when it gave up: 10 s after an out-of-memory error (or worse) was seen, a
     * permit still out may never come back (a thread that failed even to hand it back).
     */
    private static <R> boolean acquire(Flight<R> f, int n) {
        boolean interrupted = false;
        long errorSeen = 0;
        try {
            while (true) {
                try {
                    if (f.permits.tryAcquire(n, 1, java.util.concurrent.TimeUnit.SECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (f.failure instanceof Error) {
                    long now = System.nanoTime();
                    if (errorSeen == 0) {
                        errorSeen = now;
                    } else if (now - errorSeen > 10_000_000_000L) {
                        return false;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <R> void chunks(ChunkSource src, Chunk first, Run run, Rows<R> rows, Out out) throws IOException {
        Flight<R> f = new Flight<>(run, rows, out, run.seq.get());
        JsnaException sourceError = null;
        IOException ioError = null;
        Chunk c = first;
        try {
            while (c != null && f.failure == null) {
                Chunk chunk = c.withSeq(run.seq.getAndIncrement());
                Job<R> job = new Job<>(chunk);
                if (run.executor == null) {
                    f.permits.acquireUninterruptibly();
                    f.run(job, rows);
                } else {
                    if (!acquire(f, 1)) {
                        break;
                    }
                    if (f.failure != null) {
                        f.permits.release();
                        break;
                    }
                    try {
                        run.executor.execute(() -> f.run(job, rows));
                    } catch (Throwable t) {
                        f.abandon(job, t); // never handed over (e.g. no memory left for the task)
                        break;
                    }
                }
                if (f.failure != null) {
                    break;
                }
                c = src.next();
            }
        } catch (JsnaException e) {
            sourceError = e; // invalid bytes: reported after the chunks before them
        } catch (IOException e) {
            ioError = e;
        } catch (RuntimeException | Error e) {
            f.fail(e);
        }
        awaitJobs(f);
        Throwable t = f.failure;
        if (t instanceof Pending p) {
            src.drain();
            out.flush();
            throw p.stop != null ? p.stop : out.problem(p.reject).toException();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
        if (ioError != null) {
            throw ioError;
        }
        if (sourceError != null) {
            throw sourceError;
        }
    }
}
