package org.jsna.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.validate.CodeRule;
import org.jsna.validate.Problem;
import org.jsna.validate.TextLookup;

/**
 * Reads the four inputs (data.md) into the aggregation: the area lookup, then each population file, then
 * referrals, then services, one file after another, each on several threads ({@link CsvFile}), with every row
 * checked against the rules of {@code validate/} by the reader of its kind ({@link AreasReader},
 * {@link PopulationLongReader}, {@link OnsWideReader}, {@link ReferralsReader}, {@link ServicesReader}). Valid
 * rows go to a {@link RecordSink} as primitive batches; identifiers become dense indices here and never leave as
 * text. The result is the same whatever the number of threads.
 *
 * <p>Row defects either stop the run (the first one in file order throws a {@link JsnaException}, exit 3) or,
 * with {@code skipInvalidRows}, go to the problem consumer in file order while reading goes on. Whole-file
 * defects (missing column, empty file, unterminated quote, a size limit, header-only population or areas file,
 * all-zero population, bytes that are not valid in a declared UTF-8) always throw; a missing or unreadable file
 * is exit 4. {@code jsna validate} reads through this class too, with the same rules.
 */
public final class InputReader {

    /** Receives how far the reading of each file has got, for a progress bar (called after each block). */
    public interface Progress {
        void update(String role, Path file, long bytesDone, long bytesTotal);
    }

    /**
     * The block size of readers made from now on that set none ({@link #blockSize}): {@link CsvFile#BLOCK}. A test
     * hook: tests that run whole commands set a few bytes here to cut small files into many chunks.
     */
    static volatile int defaultBlock = CsvFile.BLOCK;

    final JsnaConfig cfg;
    final LocalDate today;
    private final boolean skip;
    private final Consumer<Problem> problems;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int block = Math.max(64, defaultBlock);
    private Progress progress;
    private boolean used;
    /** Where a pass over the services' event ids keeps its temporary files; null: no such pass. */
    private Path scratch;

    // the code lists of data.md and jsna.yaml's codes, by the bytes of a field
    final CodeRule sexCodes;
    final CodeRule populationSexCodes;
    final CodeRule groupCodes;
    final CodeRule sourceCodes;
    final CodeRule outcomeCodes;
    final CodeRule funderCodes;

    // shared by the reading threads
    RecordSink sink;
    TextLookup areaLookup = new TextLookup(Map.of());
    int areaCount;
    final KeyTable outsideAreas = new KeyTable();
    /** Population keys met so far (across the population files). */
    PopulationKeys popKeys;
    final KeyTable referralIds = new KeyTable();
    /** Event ids: asked only whether a row repeats one and, for ties, their order (no dense index). */
    final KeyTable eventIds = new KeyTable(false);
    /**
     * With a scratch folder: the referral ids that may repeat (the others are not in {@link #referralIds}), the
     * valid referrals whose ids are not in the table, and the events naming one of those (joined after the
     * services are read); null without.
     */
    RepeatedIds referralRepeats;
    IdLedger referralLedger;
    IdLedger linkLedger;
    /** Counts of dense indices handed out (by the ordered step, one chunk at a time). */
    int referralCount;
    int eventCount;
    private final Set<String> localityNames = new TreeSet<>();
    /** The area lookup had a defect of the whole file and validate went on without it. */
    private boolean lookupMissing;

    /** Chunks whose rows may still be found to repeat a key of a row before them. */
    private final Map<Long, RowReader.Rows> inFlight = new ConcurrentHashMap<>();
    final KeyTable.Displaced keyDisplaced = p -> inFlight.get(p >>> 30).keyFlags[(int) (p & 0x3FFFFFFF)] =
            KeyTable.LATER;

    /**
     * @param cfg             resolved settings
     * @param today           the day of the run: a later date is an error
     * @param skipInvalidRows false: the first row defect throws (exit 3); true: each goes to {@code problems}
     * @param problems        receives row defects when skipping, in file order (may be null otherwise)
     */
    public InputReader(JsnaConfig cfg, LocalDate today, boolean skipInvalidRows, Consumer<Problem> problems) {
        this.cfg = cfg;
        this.today = today;
        this.skip = skipInvalidRows;
        this.problems = problems == null ? p -> { } : problems;
        this.sexCodes = new CodeRule("sex", CodeLists.SEXES, JsnaConfig.CANONICAL_CODES.get("sex"), cfg.codes("sex"));
        // the same codes, but a population is by F and M only: its message lists those
        this.populationSexCodes = new CodeRule("sex", CodeLists.SEXES, List.of("F", "M"), cfg.codes("sex"));
        List<String> ids = new ArrayList<>();
        for (ClientGroup g : cfg.clientGroups()) {
            ids.add(g.id());
        }
        this.groupCodes = new CodeRule("client_group", ids, ids, cfg.codes("client_group"));
        this.sourceCodes = new CodeRule("source", CodeLists.SOURCES, JsnaConfig.CANONICAL_CODES.get("source"),
                cfg.codes("source"));
        this.outcomeCodes = new CodeRule("outcome", CodeLists.OUTCOMES, JsnaConfig.CANONICAL_CODES.get("outcome"),
                cfg.codes("outcome"));
        this.funderCodes = new CodeRule("funder", CodeLists.FUNDERS, JsnaConfig.CANONICAL_CODES.get("funder"),
                cfg.codes("funder"));
    }

    /** Reads on {@code n} threads (1: everything on the calling thread); returns this reader. */
    public InputReader threads(int n) {
        this.threads = Math.max(1, n);
        return this;
    }

    /** Reads in blocks of {@code bytes} (tests use small blocks to cut small files into many chunks). */
    public InputReader blockSize(int bytes) {
        this.block = Math.max(64, bytes);
        return this;
    }

    /**
     * Lets the reading keep temporary files in a folder made inside {@code dir} (deleted before {@link #read}
     * returns): the services file then gets a first pass over its event ids ({@link RepeatedIds}), so that only
     * ids that may repeat are held while it is read. Without it every event id is held (the whole file's ids at
     * once: a gigabyte for 30 million). Returns this reader.
     */
    public InputReader scratch(Path dir) {
        this.scratch = dir;
        return this;
    }

    /** Sets a progress listener (null for none); returns this reader. */
    public InputReader withProgress(Progress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * The locality names of every row of the area lookup, valid or not (after {@link #read}): a
     * {@code localities:} entry of jsna.yaml must be one of them.
     */
    public Set<String> localityNames() {
        return localityNames;
    }

    /**
     * Stops with a usage error (exit 2) when jsna.yaml's {@code localities} names a locality that no row of the
     * area lookup has: a misspelt name would otherwise drop silently out of the order. Warns of the lookup's
     * localities the list does not name (report, project and validate alike).
     */
    public void checkLocalityOrder() {
        if (lookupMissing) {
            return; // its defect is reported: the names cannot be checked against it
        }
        for (String l : cfg.localities()) {
            if (!localityNames.contains(l)) {
                throw JsnaException.usage((cfg.configFile() == null ? "jsna.yaml" : cfg.configFile().toString())
                        + ": localities: '" + JsnaException.quote(l) + "' is not a locality of the area lookup "
                        + cfg.areas() + ": expected one of " + String.join(", ", localityNames));
            }
        }
        if (cfg.localities().isEmpty()) {
            return;
        }
        // the list only orders the tables, so a locality it does not name is reported after the listed ones; said,
        // because a name written otherwise than a listed one (claymere beside Claymere) is silently a locality of
        // its own
        List<String> unlisted = new ArrayList<>();
        for (String f : localityNames) {
            if (!cfg.localities().contains(f)) {
                String like = null;
                for (String l : cfg.localities()) {
                    if (l.strip().equalsIgnoreCase(f.strip())) {
                        like = l;
                    }
                }
                unlisted.add("'" + f + "'" + (like == null ? "" : " (a locality of its own beside the listed '" + like
                        + "': names are matched exactly)"));
            }
        }
        if (!unlisted.isEmpty()) {
            Log.warnOnce("the lookup's " + (unlisted.size() == 1 ? "locality " : "localities ")
                    + String.join(", ", unlisted) + (unlisted.size() == 1 ? " is" : " are") + " not in jsna.yaml's "
                    + "localities: reported after the listed ones");
        }
    }

    /**
     * For the reading threads: whatever escapes a task is a second failure while handling the first (kept by the
     * file's reading, e.g. out of memory); the default handler would print it, or, with no memory left to print,
     * make the JVM print that it could not.
     */
    private static final Thread.UncaughtExceptionHandler QUIET = (t, e) -> { };

    /** Reads every input once, handing the valid rows to the sink, and returns what was read. */
    public ReadSummary read(RecordSink sink) {
        if (used) {
            throw new IllegalStateException("an InputReader reads its inputs once");
        }
        used = true;
        this.sink = sink;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jsna-reader");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(QUIET);
            return t;
        }) : null;
        try {
            CsvFile.Run run = new CsvFile.Run(pool, threads, block, skip, problems);
            List<ReadSummary.FileSummary> files = new ArrayList<>();
            try {
                files.add(areas(run));
            } catch (JsnaException e) {
                if (fileStops == null || e.kind() != JsnaException.Kind.INPUT) {
                    throw e;
                }
                // validate: the other files are still checked, against an empty lookup (every area unknown,
                // which is no defect of theirs; the population's areas are all outside it, counted, not listed)
                fileStops.accept(e);
                lookupMissing = true;
                Log.info("the other files are checked without the area lookup: their area codes are not checked");
                sink.areas(new AreaTable(List.of(), List.of(), new byte[0], List.of()));
            }
            popKeys = new PopulationKeys(!cfg.onsWideLayout(), areaCount);
            for (JsnaConfig.PopulationInput p : cfg.population()) {
                PopulationReader<?> pr = cfg.onsWideLayout() ? new OnsWideReader(this, p.path().toString(), p.year())
                        : new PopulationLongReader(this, p.path().toString(), p.year());
                add(files, () -> {
                    ReadSummary.FileSummary s = file(run, pr, p.path(), cfg.onsWideLayout()
                            ? cfg.onsWide().skipRows() : 0, !sexCodes.ascii() || !areaLookup.ascii(), null);
                    pr.end(); // the file's own checks of the whole (no rows, every value 0) are part of it
                    return s;
                });
            }
            // the population's duplicate check is done
            popKeys = null;
            outsideAreas.clear();
            boolean events = !sexCodes.ascii() || !groupCodes.ascii() || !areaLookup.ascii();
            ReferralsReader rr = new ReferralsReader(this, cfg.referrals().toString());
            rr.repeats = repeatedIds(run, JsnaConfig.REFERRALS, cfg.referrals(), "referral_id");
            if (rr.repeats != null) {
                referralRepeats = rr.repeats;
                referralLedger = new IdLedger(scratch, "referrals");
                linkLedger = new IdLedger(scratch, "links");
            }
            add(files, () -> file(run, rr, cfg.referrals(), 0, events || !sourceCodes.ascii() || !outcomeCodes.ascii()
                    || !ascii(cfg.dateFormat(JsnaConfig.REFERRALS)), rr.repeats));
            ServicesReader sr = new ServicesReader(this, cfg.services().toString());
            sr.repeats = repeatedIds(run, JsnaConfig.SERVICES, cfg.services(), "event_id");
            add(files, () -> file(run, sr, cfg.services(), 0, events || !funderCodes.ascii()
                    || !ascii(cfg.dateFormat(JsnaConfig.SERVICES)), sr.repeats));
            if (referralLedger != null) {
                links(sink);
            }
            // what only the reading needed goes: the aggregation needs the memory (each record carries its own
            // id's bytes for the ties of IdOrder)
            referralIds.clear();
            eventIds.clear();
            return new ReadSummary(List.copyOf(files), referralCount, eventCount);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (IdLedger l : new IdLedger[] {referralLedger, linkLedger}) {
                if (l != null) {
                    l.close();
                }
            }
        }
    }

    /**
     * Where a defect of a whole file goes when the reading is to go on with the next file ({@code jsna validate});
     * null: it ends the reading (report, project).
     */
    private Consumer<JsnaException> fileStops;

    /**
     * Goes on with the next file after a defect of a whole file (a missing column, an unclosed quote, a row past
     * the size limits), telling it to {@code stops} in file order: for {@code jsna validate}, which lists every
     * problem. After a defect of the areas file the other files are checked against an empty lookup (every area
     * unknown, which is no defect of theirs).
     */
    public void keepGoingAfterFileDefects(Consumer<JsnaException> stops) {
        this.fileStops = stops;
    }

    /** Reads one file into {@code files}; see {@link #keepGoingAfterFileDefects}. */
    private void add(List<ReadSummary.FileSummary> files,
            java.util.function.Supplier<ReadSummary.FileSummary> read) {
        if (fileStops == null) {
            files.add(read.get());
            return;
        }
        try {
            files.add(read.get());
        } catch (JsnaException e) {
            if (e.kind() != JsnaException.Kind.INPUT) {
                throw e;
            }
            fileStops.accept(e);
        }
    }

    /** Links the events that named a referral not in the id table to theirs, one partition of the ids at a time. */
    private void links(RecordSink sink) {
        int[][] batch = {new int[4096], new int[4096]};
        int[] n = {0};
        long missing = IdLedger.join(referralLedger, linkLedger, (referral, start) -> {
            batch[0][n[0]] = referral;
            batch[1][n[0]] = start;
            if (++n[0] == batch[0].length) {
                sink.links(batch[0], batch[1], n[0]);
                n[0] = 0;
            }
        }, threads > 1);
        if (n[0] > 0) {
            sink.links(batch[0], batch[1], n[0]);
        }
        sink.referralsNotFound(missing);
    }

    /**
     * Reads one file through its reader. {@code firstPass}: the first pass over it (null: none), which reported
     * the first half of the progress and cut the file into chunks where this reading cuts it again.
     */
    private ReadSummary.FileSummary file(CsvFile.Run run, RowReader<?> reader, Path path, int skipRows,
            boolean encodingMatters, RepeatedIds firstPass) {
        boolean secondPass = firstPass != null;
        String role = reader.role;
        ConfigLoader.checkFile(path, role + " file");
        long size = sizeOf(path);
        long total = size;
        CsvFile.Spec spec = new CsvFile.Spec(path, path.toString(), role, cfg.encoding(role), skipRows,
                encodingMatters, secondPass ? firstPass.cuts() : null);
        if (size > 0 && (JsnaConfig.REFERRALS.equals(role) || JsnaConfig.SERVICES.equals(role))) {
            sink.expect(role, estimateRows(path, size));
        }
        if (secondPass) {
            // what the first pass found (the ids that repeat, the cuts) holds only for the bytes it read; a change
            // during this reading CsvFile.read finds itself
            firstPass.cuts().requireUnchanged(path, path.toString());
        }
        CsvFile.Outcome o = CsvFile.read(spec, run, reader, progress == null ? null
                : done -> progress.update(role, path, secondPass ? total - total / 2 + done / 2 : done, total));
        reader.done(); // its rows kept for later chunks go: the file has no more
        ReadSummary.FileSummary s = reader.summary(o, path);
        Log.detail(path + ": " + s.rowsRead() + " rows read, " + s.rowsUsed() + " used, " + s.rowsRejected()
                + " rejected (" + s.encoding() + ", " + s.bytes() + " bytes)");
        return s;
    }

    /**
     * The first pass over a file's id column ({@link RepeatedIds}), when the reader has a scratch folder; null
     * when there is none or the pass gave up (the file is then read with every id held).
     */
    private RepeatedIds repeatedIds(CsvFile.Run run, String role, Path path, String idColumn) {
        if (scratch == null) {
            return null;
        }
        ConfigLoader.checkFile(path, role + " file");
        long size = sizeOf(path);
        CsvFile.Spec spec = new CsvFile.Spec(path, path.toString(), role, cfg.encoding(role), 0, false);
        return RepeatedIds.scan(spec, run, cfg.column(role, idColumn), scratch, progress == null ? null
                : done -> progress.update(role, path, done / 2, size));
    }

    /** The file's size, or -1 when it cannot be had (reading it then says why). */
    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Rows of a file estimated from its size and the lines of its first megabyte (an estimate only: it sizes
     * the aggregation's arrays once; a file with more rows grows them as it goes).
     */
    static long estimateRows(Path path, long size) {
        byte[] head = new byte[1 << 20];
        int n = 0;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] == '\n') {
                lines++;
            }
        }
        if (n == 0 || lines < 2) {
            return 0;
        }
        // a valid referral or service row has at least seven fields and a date: never under 20 bytes, so a
        // first megabyte of odd short lines cannot make the estimate run away
        return Math.min((long) Math.ceil((double) size * lines / n), size / 20);
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** Reads the area lookup and hands it to the sink; its reader (every row's candidate) goes when this returns. */
    private ReadSummary.FileSummary areas(CsvFile.Run run) {
        Path areas = cfg.areas();
        AreasReader ar = new AreasReader(this, areas.toString());
        ReadSummary.FileSummary s = file(run, ar, areas, 0, false, null);
        sink.areas(areaTable(ar));
        return s;
    }

    private AreaTable areaTable(AreasReader ar) {
        AreaTable t = ar.table(localityNames);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            index.putIfAbsent(t.codes().get(i), i);
        }
        areaLookup = new TextLookup(index);
        areaCount = t.size();
        return t;
    }

    /** The area of field {@code i}: its index in the lookup, {@link RecordBatch#AREA_EMPTY} or {@link RecordBatch#AREA_UNKNOWN}. */
    int area(CsvRow r, int i) {
        if (r.blank(i)) {
            return RecordBatch.AREA_EMPTY;
        }
        int a = areaLookup.get(r, i);
        return a == TextLookup.ABSENT ? RecordBatch.AREA_UNKNOWN : a;
    }

    /** Indices of the age columns of a referrals or services file: age, birth_date, birth_year; one is required. */
    int[] ageColumns(RowReader<?> reader) {
        int[] a = {reader.col("age", false), reader.col("birth_date", false), reader.col("birth_year", false)};
        if (a[0] < 0 && a[1] < 0 && a[2] < 0) {
            throw reader.header.missingOneOf(cfg.column(reader.role, "age"), List.of(cfg.column(reader.role,
                    "birth_date"), cfg.column(reader.role, "birth_year")));
        }
        return a;
    }

    void register(RowReader.Rows c) {
        inFlight.put(c.chunk.seq(), c);
    }

    void unregister(RowReader.Rows c) {
        inFlight.remove(c.chunk.seq());
    }
}
