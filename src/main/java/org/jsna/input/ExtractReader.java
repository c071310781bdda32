package org.jsna.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jsna.console.JsnaException;
import org.jsna.validate.Problem;

/**
 * Reads the four inputs into valid typed records (data.md): areas, then each population file, then
 * referrals, then services, streaming one record at a time and handing each valid row to a
 * {@link RecordSink}. Identifiers become dense int indices here and never leave as text.
 *
 * <p>Row defects either stop the run (the first one throws a {@link JsnaException}, exit 3) or, with
 * {@code skipInvalidRows}, go to the problem consumer while reading goes on. Whole-file defects (missing
 * column, empty file, unterminated quote, header-only population or areas file, all-zero population,
 * text that is not valid in a declared UTF-8) always throw; a missing or unreadable file is exit 4.
 */
public final class ExtractReader {

    /** Marks a failed int field; not Integer.MIN_VALUE, which is {@link ServiceRecord#endDate}'s "no end". */
    private static final int FAILED = Integer.MIN_VALUE + 1;
    /** An empty optional end date, as {@link ServiceRecord#endDate} holds it. */
    private static final int NO_END = Integer.MIN_VALUE;
    /** Marks a failed optional code (compared by identity); null means the field was empty. */
    private static final String FAILED_CODE = new String("failed code");
    private static final String[] BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
        "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};
    private static final String NUMBER = "a plain number such as 1200.50 (no currency sign, thousands separator, "
            + "NaN or Infinity)";

    private final JsnaConfig cfg;
    private final LocalDate todayDate;
    private final int today;
    private final boolean skip;
    private final Consumer<Problem> problems;

    private final Map<String, Long> areaLines = new HashMap<>();
    private final Set<String> localityNames = new TreeSet<>();
    private final Map<String, Integer> popAreas = new HashMap<>();
    private final LongHashSet popKeys = new LongHashSet();
    private final IdTable referralIds = new IdTable();
    private final IdTable personIds = new IdTable();
    private final IdTable eventIds = new IdTable();
    private final Set<String> sexCanonical = JsnaConfig.CANONICAL_CODES.get("sex");
    private static final Set<String> POPULATION_SEXES = Set.of("F", "M");
    private final Set<String> sourceCanonical = JsnaConfig.CANONICAL_CODES.get("source");
    private final Set<String> outcomeCanonical = JsnaConfig.CANONICAL_CODES.get("outcome");
    private final Set<String> funderCanonical = JsnaConfig.CANONICAL_CODES.get("funder");

    private final Map<String, String> sexCodes;
    private final Map<String, String> groupCodes;
    private final Map<String, String> sourceCodes;
    private final Map<String, String> outcomeCodes;
    private final Map<String, String> funderCodes;
    private final Map<String, String> serviceTypeCodes;

    private Ctx ctx;
    private CsvScanner sc;
    private Progress progress;
    private boolean used;

    /** Receives how far the reading of each file has got, for a progress bar (called about every megabyte). */
    public interface Progress {
        void update(String role, Path file, long bytesDone, long bytesTotal);
    }

    /** Sets a progress listener (null for none); returns this reader. */
    public ExtractReader withProgress(Progress listener) {
        this.progress = listener;
        return this;
    }

    /** Counts the bytes handed to the decoder and reports them to the progress listener. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final String role;
        private final Path path;
        private final long total;
        private final Progress listener;
        private long done;
        private long reported;

        CountingStream(InputStream in, String role, Path path, long total, Progress listener) {
            super(in);
            this.role = role;
            this.path = path;
            this.total = total;
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            } else if (n < 0 && listener != null && reported != done) {
                reported = done;
                listener.update(role, path, done, total);
            }
            return n;
        }

        private void count(int n) {
            done += n;
            if (listener != null && done - reported >= 1 << 20) {
                reported = done;
                listener.update(role, path, done, total);
            }
        }
    }

    /** State of the file being read. */
    private static final class Ctx {
        String role;
        Path path;
        String name;
        long bytes;
        String sha256;
        Charset charset;
        String[] header;
        /** Physical line of the header row (1, or later in an ONS wide file with skipped rows). */
        long headerLine = 1;
        /** Columns whose values rejects.csv never holds: identifiers, birth dates and years of birth. */
        boolean[] withheld;
        DateParser dates;
        long read;
        long used;
        long rejected;
        final Map<String, Long> reasons = new LinkedHashMap<>();

        ReadSummary.FileSummary summary() {
            return new ReadSummary.FileSummary(role, path, bytes, sha256, charset.name(), read, used, rejected,
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons)));
        }
    }

    /**
     * @param cfg             resolved settings
     * @param today           the day of the run: a later date is an error
     * @param skipInvalidRows false: the first row defect throws (exit 3); true: each goes to {@code problems}
     * @param problems        receives row defects when skipping (may be null otherwise)
     */
    public ExtractReader(JsnaConfig cfg, LocalDate today, boolean skipInvalidRows, Consumer<Problem> problems) {
        this.cfg = cfg;
        this.todayDate = today;
        this.today = (int) today.toEpochDay();
        this.skip = skipInvalidRows;
        this.problems = problems == null ? p -> { } : problems;
        this.sexCodes = lookup("sex", JsnaConfig.CANONICAL_CODES.get("sex"));
        Set<String> ids = new TreeSet<>();
        for (ClientGroup g : cfg.clientGroups()) {
            ids.add(g.id());
        }
        this.groupCodes = lookup("client_group", ids);
        this.sourceCodes = lookup("source", sourceCanonical);
        this.outcomeCodes = lookup("outcome", JsnaConfig.CANONICAL_CODES.get("outcome"));
        this.funderCodes = lookup("funder", funderCanonical);
        this.serviceTypeCodes = lookup("service_type", Set.of());
    }

    private Map<String, String> lookup(String column, Set<String> canonical) {
        Map<String, String> m = new HashMap<>();
        for (String c : canonical) {
            m.put(c, c);
        }
        for (Map.Entry<String, String> e : cfg.codes(column).entrySet()) {
            String target = m.getOrDefault(e.getValue(), e.getValue());
            m.put(e.getKey(), target);
        }
        return m;
    }

    /**
     * The locality names of every row of the area lookup, valid or not (after {@link #read}): a
     * {@code localities:} entry of jsna.yaml must be one of them.
     */
    public Set<String> localityNames() {
        return localityNames;
    }

    /**
     * Stops with a usage error (exit 2) when jsna.yaml's {@code localities} names a locality that no
     * row of the area lookup has: a misspelt name would otherwise drop silently out of the order.
     */
    public void checkLocalityOrder() {
        for (String l : cfg.localities()) {
            if (!localityNames.contains(l)) {
                throw JsnaException.usage((cfg.configFile() == null ? "jsna.yaml" : cfg.configFile().toString())
                        + ": localities: '" + JsnaException.quote(l) + "' is not a locality of the area lookup "
                        + cfg.areas() + ": expected one of " + String.join(", ", localityNames));
            }
        }
    }

    /** Reads every input once, calling the sink for each valid row, and returns what was read. */
    public ReadSummary read(RecordSink sink) {
        this.sink = sink;
        if (used) {
            throw new IllegalStateException("an ExtractReader reads its inputs once");
        }
        used = true;
        sink.idOrders(referralIds::compare, eventIds::compare);
        List<ReadSummary.FileSummary> files = new ArrayList<>();
        files.add(readFile(JsnaConfig.AREAS, cfg.areas(), null, sink));
        for (JsnaConfig.PopulationInput p : cfg.population()) {
            files.add(readFile(JsnaConfig.POPULATION, p.path(), p.year(), sink));
        }
        files.add(readFile(JsnaConfig.REFERRALS, cfg.referrals(), null, sink));
        files.add(readFile(JsnaConfig.SERVICES, cfg.services(), null, sink));
        return new ReadSummary(List.copyOf(files), referralIds.size(), personIds.size(), eventIds.size());
    }

    private ReadSummary.FileSummary readFile(String role, Path path, Integer itemYear, RecordSink sink) {
        ctx = new Ctx();
        ctx.role = role;
        ctx.path = path;
        ctx.name = path.toString();
        ctx.dates = new DateParser(cfg.dateFormat(role));
        ConfigLoader.checkFile(path, role + " file");
        try {
            TextEncoding.Detected enc;
            try (InputStream in = Files.newInputStream(path)) {
                enc = TextEncoding.detect(in, ctx.name, cfg.encoding(role), true);
            }
            ctx.bytes = enc.bytes();
            ctx.sha256 = enc.sha256();
            ctx.charset = enc.charset();
            InputStream raw = new CountingStream(Files.newInputStream(path), role, path, ctx.bytes, progress);
            try (CsvScanner scanner = new CsvScanner(TextEncoding.reader(raw, ctx.charset), ctx.name)) {
                sc = scanner;
                boolean wide = role.equals(JsnaConfig.POPULATION) && cfg.onsWideLayout();
                if (wide && cfg.onsWide().skipRows() > 0 && !sc.skipLines(cfg.onsWide().skipRows())) {
                    throw JsnaException.input(ctx.name + ": the file ends within the " + cfg.onsWide().skipRows()
                            + " rows to skip (ons_wide.skip_rows): expected a header after them");
                }
                readHeader();
                switch (role) {
                    case JsnaConfig.AREAS:
                        readAreas(sink);
                        break;
                    case JsnaConfig.POPULATION:
                        if (wide) {
                            readPopulationWide(sink, itemYear);
                        } else {
                            readPopulationLong(sink, itemYear);
                        }
                        break;
                    case JsnaConfig.REFERRALS:
                        readReferrals(sink);
                        break;
                    default:
                        readServices(sink);
                        break;
                }
            }
        } catch (CharacterCodingException e) {
            throw JsnaException.input(ctx.name + ": bytes that are not valid UTF-8 near line "
                    + (sc == null ? 1 : sc.recordLine()) + ": expected UTF-8 text as declared by encoding in jsna.yaml "
                    + "(use windows-1252 or auto for Excel exports)");
        } catch (NoSuchFileException e) {
            throw JsnaException.io(role + " file '" + path + "' not found", e);
        } catch (AccessDeniedException e) {
            throw JsnaException.io(role + " file '" + path + "' is not readable", e);
        } catch (IOException e) {
            throw JsnaException.io("cannot read " + role + " file '" + path + "': " + e.getMessage(), e);
        } finally {
            sc = null;
        }
        org.jsna.console.Log.detail(ctx.name + ": " + ctx.read + " rows read, " + ctx.used + " used, " + ctx.rejected
                + " rejected (" + ctx.charset.name() + ", " + ctx.bytes + " bytes)");
        return ctx.summary();
    }

    // ---------------------------------------------------------------- header and columns

    private void readHeader() throws IOException {
        if (!sc.next()) {
            throw JsnaException.input(atHeader() + ": empty file: expected a header row with the column names");
        }
        ctx.headerLine = sc.recordLine();
        if (sc.defect() != CsvScanner.OK) {
            throw JsnaException.input(JsnaException.where(ctx.name, sc.recordLine(), null) + ": header field "
                    + (sc.defectField() + 1) + " '" + JsnaException.quote(sc.rawField(sc.defectField())) + "': expected "
                    + (sc.defect() == CsvScanner.NUL ? "a column name without NUL bytes" : "a column name with balanced quotes"));
        }
        String[] h = new String[sc.fieldCount()];
        for (int i = 0; i < h.length; i++) {
            h[i] = sc.field(i);
        }
        ctx.header = h;
        ctx.withheld = new boolean[h.length];
        sc.header(h);
        if (JsnaConfig.REFERRALS.equals(ctx.role) || JsnaConfig.SERVICES.equals(ctx.role)) {
            for (String id : List.of("referral_id", "person_id", "event_id", "birth_date", "birth_year")) {
                int i = find(cfg.column(ctx.role, id));
                if (i >= 0) {
                    ctx.withheld[i] = true;
                }
            }
        }
    }

    /** Index of a column by name: exact match first, then ignoring case; -1 when absent. */
    private int find(String name) {
        String[] h = ctx.header;
        for (int i = 0; i < h.length; i++) {
            if (h[i].equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < h.length; i++) {
            if (h[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of a canonical column; a required one, or one named in {@code columns:}, must be present. */
    private int col(String canonical, boolean required) {
        String name = cfg.column(ctx.role, canonical);
        int i = find(name);
        boolean mapped = cfg.columns(ctx.role).containsKey(canonical);
        if (i < 0 && (required || mapped)) {
            throw missingColumn(name, canonical, mapped);
        }
        return i;
    }

    /** {@code file:line} of the header row, where whole-file defects about the columns or rows are reported. */
    private String atHeader() {
        return JsnaException.where(ctx.name, ctx.headerLine, null);
    }

    private JsnaException missingColumn(String name, String canonical, boolean mapped) {
        return JsnaException.input(atHeader() + ": missing required column '" + name + "'"
                + (mapped ? " (given for " + canonical + " in columns." + ctx.role + ")" : "")
                + ": the header has " + headerList());
    }

    private String headerList() {
        StringBuilder sb = new StringBuilder();
        for (String h : ctx.header) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (sb.length() > 200) {
                sb.append("…");
                break;
            }
            sb.append(JsnaException.quote(h));
        }
        return sb.toString();
    }

    private String colName(int i) {
        return i >= 0 && i < ctx.header.length ? ctx.header[i] : null;
    }

    // ---------------------------------------------------------------- row helpers

    /** Records a row defect: throws when not skipping, otherwise reports it. Always returns false. */
    private boolean fail(int column, String value, String expected, String reason) {
        return fail(colName(column), value, expected, reason, rejectValue(column, value, reason));
    }

    private boolean fail(String column, String value, String expected, String reason, String rejectValue) {
        Problem p = new Problem(ctx.name, sc.recordLine(), column, value, expected, reason, rejectValue);
        if (!skip) {
            throw p.toException();
        }
        problems.accept(p);
        ctx.rejected++;
        ctx.reasons.merge(reason, 1L, Long::sum);
        return false;
    }

    /**
     * The offending value as rejects.csv may hold it: empty for a defect of the row's shape (a ragged row,
     * an unbalanced quote: no single value), and for an identifier, birth date or year of birth
     * (person-level); a NUL shown as in messages. Never any other field of the row.
     */
    private String rejectValue(int column, String value, String reason) {
        if (value == null || column < 0 || column < ctx.withheld.length && ctx.withheld[column]
                || reason.equals("unbalanced_quote") || reason.equals("ragged_row")) {
            return "";
        }
        return value.replace("\0", "\\u0000");
    }

    /** Shape checks common to every row: quotes, NUL bytes, number of fields. */
    private boolean shapeOk() {
        if (sc.defect() == CsvScanner.UNBALANCED_QUOTE) {
            int f = sc.defectField();
            return fail(f, sc.rawField(f), "a field with balanced quotes (a quote inside a field is written \"\" "
                    + "within a quoted field)", "unbalanced_quote");
        }
        if (sc.defect() == CsvScanner.NUL) {
            int f = sc.defectField();
            return fail(f, sc.rawField(f), "text without NUL bytes", "nul_byte");
        }
        if (sc.fieldCount() != ctx.header.length) {
            return fail((String) null, null, ctx.header.length + " fields as in the header, found " + sc.fieldCount(),
                    "ragged_row", "");
        }
        return true;
    }

    private boolean missing(int i) {
        return fail(i, "", "a value (the column is required)", "missing_value");
    }

    /** Canonical code of a coded column; null after a failure. */
    private String code(int i, String value, Map<String, String> codes, String column, Set<String> canonical) {
        String c = codes.get(value);
        if (c == null) {
            fail(i, value, "one of " + String.join(", ", new TreeSet<>(canonical)) + ", or a value mapped in codes."
                    + column, "unknown_code");
        }
        return c;
    }

    /** Canonical code of an optional coded column: null when empty or absent, FAILED_CODE after a failure. */
    private String optionalCode(int i, Map<String, String> codes, String column, Set<String> canonical) {
        if (sc.blank(i)) {
            return null;
        }
        String c = code(i, sc.field(i), codes, column, canonical);
        if (c == null) {
            return FAILED_CODE;
        }
        return c.isEmpty() ? null : c; // mapped to "": not recorded, as an empty field
    }

    /** The canonical client group of a row (a required column); null after a failure. */
    private String clientGroup(int i, Set<String> groupIds) {
        String v = requiredText(i);
        return v == null ? null : code(i, v, groupCodes, "client_group", groupIds);
    }

    /** The trimmed text of a required column; null (reported missing) when empty. */
    private String requiredText(int i) {
        String v = sc.field(i);
        if (v.isEmpty()) {
            missing(i);
            return null;
        }
        return v;
    }

    /** True when a required column has a value; otherwise reports it missing. */
    private boolean present(int i) {
        if (sc.blank(i)) {
            missing(i);
            return false;
        }
        return true;
    }

    /** True when a required identifier is present and not yet in {@code ids}; otherwise reports why not. */
    private boolean newId(int i, IdTable ids, String expected, String duplicateType) {
        if (!present(i)) {
            return false;
        }
        if (sc.lookup(ids, i) >= 0) {
            fail(i, sc.field(i), expected, duplicateType);
            return false;
        }
        return true;
    }

    private char sex(int i) {
        String v = requiredText(i);
        if (v == null) {
            return 0;
        }
        String c = code(i, v, sexCodes, "sex", sexCanonical);
        return c == null ? 0 : c.charAt(0);
    }

    /** The sex of a population row: F or M only (a population by sex has no "not known"). */
    private char populationSex(int i) {
        String v = requiredText(i);
        if (v == null) {
            return 0;
        }
        String c = code(i, v, sexCodes, "sex", POPULATION_SEXES);
        char sex = c == null ? 0 : c.charAt(0);
        if (sex == 'U') {
            fail(i, sc.field(i), "F or M (population estimates are by sex; U, not known, is for referrals and "
                    + "services)", "unknown_code");
            return 0;
        }
        return sex;
    }

    /** A date not after today as epoch day, or FAILED. Leaves the parts in {@code ctx.dates}. */
    private int date(int i, boolean required) {
        String v = sc.field(i);
        if (v.isEmpty()) {
            if (required) {
                missing(i);
            }
            return FAILED;
        }
        int d = ctx.dates.parse(v);
        if (d == DateParser.INVALID) {
            fail(i, v, "a date as " + ctx.dates.pattern() + " (a real calendar date)", "bad_date");
            return FAILED;
        }
        if (d > today) {
            fail(i, v, "a date not after " + todayDate + " (the day of the run)", "future_date");
            return FAILED;
        }
        return d;
    }

    /**
     * An optional end date, not after today and on or after {@code start} (the {@code startWord}): NO_END
     * when empty or absent, FAILED after a failure.
     */
    private int endDate(int i, int start, String startWord) {
        if (sc.blank(i)) {
            return NO_END;
        }
        int end = date(i, false);
        if (end == FAILED) {
            return FAILED;
        }
        if (end < start) {
            fail(i, sc.field(i), "an end date on or after the " + startWord + " " + LocalDate.ofEpochDay(start),
                    "end_before_start");
            return FAILED;
        }
        return end;
    }

    /** Indices of the age columns: age, birth_date, birth_year (-1 when absent); one is required. */
    private int[] ageColumns() {
        int[] a = {col("age", false), col("birth_date", false), col("birth_year", false)};
        if (a[0] < 0 && a[1] < 0 && a[2] < 0) {
            throw JsnaException.input(atHeader() + ": missing required column '" + cfg.column(ctx.role, "age")
                    + "' (or '" + cfg.column(ctx.role, "birth_date") + "' or '" + cfg.column(ctx.role, "birth_year")
                    + "'): the header has " + headerList());
        }
        return a;
    }

    /**
     * Whole years on the date whose parts are given: from age, else birth_date (exact age), else
     * birth_year (taken as born on 1 July). FAILED after a failure.
     */
    private int age(int[] cols, int y, int m, int d, String dateWord) {
        if (!sc.blank(cols[0])) {
            String v = sc.field(cols[0]);
            long a = Numbers.parseWhole(v);
            if (a < 0 || a > 120) {
                fail(cols[0], v, "a whole number of years 0..120", "bad_age");
                return FAILED;
            }
            return (int) a;
        }
        int by;
        int bm;
        int bd;
        int at;
        if (!sc.blank(cols[1])) {
            at = cols[1];
            int b = date(at, true);
            if (b == FAILED) {
                return FAILED;
            }
            by = ctx.dates.year;
            bm = ctx.dates.month;
            bd = ctx.dates.day;
        } else if (!sc.blank(cols[2])) {
            at = cols[2];
            String v = sc.field(at);
            long yr = Numbers.parseWhole(v);
            if (yr < 1800 || yr > 2200) {
                fail(at, v, "a year of birth such as 1948", "bad_age");
                return FAILED;
            }
            by = (int) yr;
            bm = 7;
            bd = 1;
        } else {
            int first = cols[0] >= 0 ? cols[0] : cols[1] >= 0 ? cols[1] : cols[2];
            missing(first);
            return FAILED;
        }
        int age = y - by - (m < bm || m == bm && d < bd ? 1 : 0);
        if (age < 0 || age > 120) {
            fail(at, sc.field(at), "a birth giving an age 0..120 on the " + dateWord + " (age " + age + ")",
                    "bad_age");
            return FAILED;
        }
        return age;
    }

    // ---------------------------------------------------------------- areas

    private void readAreas(RecordSink sink) throws IOException {
        int iArea = col("area_code", true);
        int iLoc = col("locality", true);
        int iImd = col("imd_decile", true);
        int iName = col("area_name", false);
        AreaRecord r = new AreaRecord();
        while (sc.next()) {
            ctx.read++;
            if (iLoc < sc.fieldCount() && !sc.field(iLoc).isEmpty()) {
                localityNames.add(sc.field(iLoc)); // valid row or not: the names the lookup uses
            }
            if (!areaRow(r, iArea, iLoc, iImd, iName)) {
                continue;
            }
            areaLines.put(r.areaCode, r.line);
            ctx.used++;
            areaIndex.put(r.areaCode, areaCodes.size());
            areaCodes.add(r.areaCode);
            areaLocalities.add(r.locality);
            areaDeciles.add((byte) r.imdDecile);
            areaNames.add(r.areaName);
        }
        if (ctx.read == 0) {
            throw JsnaException.input(atHeader() + ": no rows after the header: expected at least one area");
        }
        byte[] deciles = new byte[areaDeciles.size()];
        for (int i = 0; i < deciles.length; i++) {
            deciles[i] = areaDeciles.get(i);
        }
        sink.areas(new AreaTable(List.copyOf(areaCodes), List.copyOf(areaLocalities), deciles,
                java.util.Collections.unmodifiableList(new ArrayList<>(areaNames))));
    }

    private boolean areaRow(AreaRecord r, int iArea, int iLoc, int iImd, int iName) {
        if (!shapeOk()) {
            return false;
        }
        String area = sc.field(iArea);
        if (area.isEmpty()) {
            return missing(iArea);
        }
        Long first = areaLines.get(area);
        if (first != null) {
            return fail(iArea, area, "an area code not already given (line " + first + ")", "duplicate_area_code");
        }
        String loc = sc.field(iLoc);
        if (loc.isEmpty()) {
            return fail(iLoc, "", "a locality name", "empty_locality");
        }
        if (loc.equals("All") || loc.equals("Unknown")) {
            // the tables use these two names for the whole area and for records with an unknown area
            return fail(iLoc, loc, "a locality name other than All and Unknown (jsna's names for the whole area "
                    + "and for records with an unknown area)", "reserved_locality");
        }
        String imd = sc.field(iImd);
        long dec = Numbers.parseWhole(imd);
        if (dec < 1 || dec > 10) {
            return fail(iImd, imd, "a whole number 1..10 (1 = most deprived)", "bad_imd_decile");
        }
        r.line = sc.recordLine();
        r.areaCode = area;
        r.locality = loc;
        r.imdDecile = (int) dec;
        r.areaName = iName >= 0 ? sc.field(iName) : null;
        return true;
    }

    // ---------------------------------------------------------------- population

    private long popKey(int area, char sex, int lo, int hi, int year) {
        long y = year < 0 ? 0 : year - 1799;
        return ((long) area << 27) | ((sex == 'M' ? 1L : 0L) << 26) | ((long) lo << 19) | ((long) hi << 12) | y;
    }

    private int popArea(String area) {
        Integer a = popAreas.get(area);
        if (a == null) {
            a = popAreas.size();
            popAreas.put(area, a);
        }
        return a;
    }

    /** A population count: non-negative whole number, or -1 after a failure. */
    private long count(int i) {
        String v = sc.field(i);
        if (v.isEmpty()) {
            missing(i);
            return -1;
        }
        long n = Numbers.parseWhole(v);
        if (n == Numbers.BAD || n == Numbers.NOT_WHOLE) {
            fail(i, v, n == Numbers.BAD ? "a whole number of people (no thousands separator)"
                    : "a whole number of people", "bad_number");
            return -1;
        }
        if (n < 0) {
            fail(i, v, "a population of 0 or more", "negative_value");
            return -1;
        }
        return n;
    }

    private void readPopulationLong(RecordSink sink, Integer itemYear) throws IOException {
        int iArea = col("area_code", true);
        int iSex = col("sex", true);
        int iAge = col("age", false);
        int iBand = iAge >= 0 ? -1 : col("age_band", false);
        if (iAge < 0 && iBand < 0) {
            throw JsnaException.input(atHeader() + ": missing required column '" + cfg.column(ctx.role, "age")
                    + "' (or '" + cfg.column(ctx.role, "age_band") + "'): the header has " + headerList());
        }
        int iYear = itemYear != null ? -1 : col("year", false);
        int iPop = col("population", true);
        PopulationRecord r = new PopulationRecord();
        r.source = ctx.name;
        long total = 0;
        while (sc.next()) {
            ctx.read++;
            if (!shapeOk()) {
                continue;
            }
            String area = requiredText(iArea);
            if (area == null) {
                continue;
            }
            char sex = populationSex(iSex);
            if (sex == 0) {
                continue;
            }
            int lo;
            int hi;
            int rawAge = -1;
            if (iAge >= 0) {
                String v = sc.field(iAge);
                long a = v.equals("90+") ? 90 : Numbers.parseWhole(v);
                if (v.isEmpty()) {
                    missing(iAge);
                    continue;
                }
                if (a < 0 || a > 120) {
                    fail(iAge, v, "a whole number of years 0..120 (90 and over may be given as 90)", "bad_age");
                    continue;
                }
                rawAge = (int) a;
                lo = (int) Math.min(a, 90);
                hi = lo;
            } else {
                String v = sc.field(iBand);
                int b = band(v);
                if (b < 0) {
                    fail(iBand, v, "an age band 0-4, 5-9, … 85-89, 90+", "bad_age_band");
                    continue;
                }
                lo = b * 5;
                hi = b == 18 ? 90 : lo + 4;
            }
            int year = -1;
            if (itemYear != null) {
                year = itemYear;
            } else if (iYear >= 0) {
                String v = sc.field(iYear);
                long y = Numbers.parseWhole(v);
                if (v.isEmpty()) {
                    missing(iYear);
                    continue;
                }
                if (y < 1800 || y > 2200) {
                    fail(iYear, v, "a mid-year such as 2023", "bad_year");
                    continue;
                }
                year = (int) y;
            }
            long pop = count(iPop);
            if (pop < 0) {
                continue;
            }
            // the key holds the age as given: 91, 92, … are distinct rows that fold (add up) into 90
            if (!popKeys.add(popKey(popArea(area), sex, rawAge >= 0 ? rawAge : lo, rawAge >= 0 ? rawAge : hi, year))) {
                fail(iArea, area, "one row per population key (area, sex, age, year): this key was given before",
                        "duplicate_population_key");
                continue;
            }
            r.line = sc.recordLine();
            r.areaCode = area;
            r.sex = sex;
            r.ageLow = lo;
            r.ageHigh = hi;
            r.year = year;
            r.population = pop;
            total += pop;
            ctx.used++;
            emit(r, true);
        }
        flushPopulation();
        checkPopulationTotal(total);
    }

    private static int band(String v) {
        for (int i = 0; i < BANDS.length; i++) {
            if (BANDS[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    private void checkPopulationTotal(long total) {
        if (ctx.read == 0) {
            throw JsnaException.input(atHeader() + ": no rows after the header: expected population rows");
        }
        if (total == 0 && ctx.used > 0) {
            throw JsnaException.input(ctx.name + ": every population value is 0: expected a resident population");
        }
    }

    private void readPopulationWide(RecordSink sink, Integer itemYear) throws IOException {
        String areaColumn = cfg.onsWide().areaColumn();
        int iArea = find(areaColumn);
        if (iArea < 0) {
            throw missingColumn(areaColumn, "area", false);
        }
        int[] cells = new int[182];
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a <= 90; a++) {
                String name = (s == 0 ? "F" : "M") + a;
                int i = find(name);
                if (i < 0) {
                    throw missingColumn(name, name, false);
                }
                cells[s * 91 + a] = i;
            }
        }
        int year = itemYear != null ? itemYear : cfg.onsWide().year() != null ? cfg.onsWide().year() : -1;
        long[] values = new long[182];
        PopulationRecord r = new PopulationRecord();
        r.source = ctx.name;
        long total = 0;
        rows:
        while (sc.next()) {
            ctx.read++;
            if (!shapeOk()) {
                continue;
            }
            String area = requiredText(iArea);
            if (area == null) {
                continue;
            }
            for (int k = 0; k < 182; k++) {
                long v = count(cells[k]);
                if (v < 0) {
                    continue rows;
                }
                values[k] = v;
            }
            // one wide row holds every (sex, age) of its area: the key is (area, year) across all files
            long key = ((long) popArea(area) << 13) | (year < 0 ? 0 : year - 1799);
            if (!popKeys.add(key)) {
                fail(iArea, area, "one row per area and year: this area was given before", "duplicate_population_key");
                continue;
            }
            r.line = sc.recordLine();
            r.areaCode = area;
            r.year = year;
            long rowTotal = 0;
            for (int k = 0; k < 182; k++) {
                r.sex = k < 91 ? 'F' : 'M';
                r.ageLow = k % 91;
                r.ageHigh = r.ageLow;
                r.population = values[k];
                rowTotal += values[k];
                emit(r, k == 0);
            }
            total += rowTotal;
            ctx.used++;
        }
        flushPopulation();
        checkPopulationTotal(total);
    }

    // ---------------------------------------------------------------- referrals

    private void readReferrals(RecordSink sink) throws IOException {
        int iId = col("referral_id", true);
        int iPerson = col("person_id", true);
        int iDate = col("referral_date", true);
        int iGroup = col("client_group", true);
        int iArea = col("area_code", true);
        int iSex = col("sex", true);
        int[] ages = ageColumns();
        int iSource = col("source", false);
        int iOutcome = col("outcome", false);
        int iEnd = col("end_date", false);
        Set<String> groupIds = groupIdSet();
        ReferralRecord r = new ReferralRecord();
        while (sc.next()) {
            ctx.read++;
            if (!shapeOk()) {
                continue;
            }
            if (!newId(iId, referralIds, "a referral_id not given before (each referral once)",
                    "duplicate_referral_id") || !present(iPerson)) {
                continue;
            }
            int date = date(iDate, true);
            if (date == FAILED) {
                continue;
            }
            int y = ctx.dates.year;
            int m = ctx.dates.month;
            int d = ctx.dates.day;
            String group = clientGroup(iGroup, groupIds);
            if (group == null) {
                continue;
            }
            String area = sc.field(iArea);
            char sex = sex(iSex);
            if (sex == 0) {
                continue;
            }
            int age = age(ages, y, m, d, "referral date");
            if (age == FAILED) {
                continue;
            }
            String source = optionalCode(iSource, sourceCodes, "source", sourceCanonical);
            if (source == FAILED_CODE) {
                continue;
            }
            String outcome = optionalCode(iOutcome, outcomeCodes, "outcome", outcomeCanonical);
            if (outcome == FAILED_CODE) {
                continue;
            }
            if (endDate(iEnd, date, "referral date") == FAILED) {
                continue;
            }
            r.line = sc.recordLine();
            r.referralIndex = sc.add(referralIds, iId);
            r.personIndex = sc.add(personIds, iPerson);
            r.date = date;
            r.clientGroup = group;
            r.areaCode = area;
            r.sex = sex;
            r.age = age;
            r.source = source;
            r.outcome = outcome;
            ctx.used++;
            emit(r);
        }
        if (referralBatch.size > 0) {
            sink.referrals(referralBatch);
            referralBatch = new ReferralBatch(BATCH);
        }
    }

    private Set<String> groupIdSet() {
        Set<String> ids = new TreeSet<>();
        for (ClientGroup g : cfg.clientGroups()) {
            ids.add(g.id());
        }
        return ids;
    }

    // ---------------------------------------------------------------- services

    private void readServices(RecordSink sink) throws IOException {
        int iId = col("event_id", true);
        int iPerson = col("person_id", true);
        int iGroup = col("client_group", true);
        int iType = col("service_type", true);
        int iStart = col("start_date", true);
        int iEnd = col("end_date", false);
        int iUnits = col("units", false);
        int iCost = col("cost", false);
        int iUnitCost = col("unit_cost", false);
        int iFunder = col("funder", false);
        int iRef = col("referral_id", false);
        int iArea = col("area_code", true);
        int iSex = col("sex", true);
        int[] ages = ageColumns();
        Set<String> groupIds = groupIdSet();
        ServiceRecord r = new ServiceRecord();
        while (sc.next()) {
            ctx.read++;
            if (!shapeOk()) {
                continue;
            }
            if (!newId(iId, eventIds, "an event_id not given before (each event once)", "duplicate_event_id")
                    || !present(iPerson)) {
                continue;
            }
            String group = clientGroup(iGroup, groupIds);
            if (group == null) {
                continue;
            }
            String type = requiredText(iType);
            if (type == null) {
                continue;
            }
            type = serviceTypeCodes.getOrDefault(type, type);
            int start = date(iStart, true);
            if (start == FAILED) {
                continue;
            }
            int y = ctx.dates.year;
            int m = ctx.dates.month;
            int d = ctx.dates.day;
            int end = endDate(iEnd, start, "start date");
            if (end == FAILED) {
                continue;
            }
            double units = decimal(iUnits, "units");
            if (units == FAILED_DOUBLE) {
                continue;
            }
            double cost = decimal(iCost, "cost");
            if (cost == FAILED_DOUBLE) {
                continue;
            }
            double unitCost = decimal(iUnitCost, "unit_cost");
            if (unitCost == FAILED_DOUBLE) {
                continue;
            }
            if (Double.isNaN(cost) && !Double.isNaN(unitCost) && !Double.isNaN(units)) {
                cost = unitCost * units;
            }
            String funder = optionalCode(iFunder, funderCodes, "funder", funderCanonical);
            if (funder == FAILED_CODE) {
                continue;
            }
            String area = sc.field(iArea);
            char sex = sex(iSex);
            if (sex == 0) {
                continue;
            }
            int age = age(ages, y, m, d, "start date");
            if (age == FAILED) {
                continue;
            }
            int refIndex = -1;
            boolean notFound = false;
            if (!sc.blank(iRef)) {
                refIndex = sc.lookup(referralIds, iRef);
                notFound = refIndex < 0;
            }
            r.line = sc.recordLine();
            r.eventIndex = sc.add(eventIds, iId);
            r.personIndex = sc.add(personIds, iPerson);
            r.clientGroup = group;
            r.serviceType = type;
            r.startDate = start;
            r.endDate = end;
            r.units = units;
            r.cost = cost;
            r.funder = funder;
            r.referralIndex = refIndex;
            r.referralIdNotFound = notFound;
            r.areaCode = area;
            r.sex = sex;
            r.age = age;
            ctx.used++;
            emit(r);
        }
        if (serviceBatch.size > 0) {
            sink.services(serviceBatch);
            serviceBatch = new ServiceBatch(BATCH);
        }
    }

    // ---------------------------------------------------------------- batches for the sink

    private static final int BATCH = 8192;
    private RecordSink sink;
    private final Map<String, Integer> areaIndex = new HashMap<>();
    private final List<String> areaCodes = new ArrayList<>();
    private final List<String> areaLocalities = new ArrayList<>();
    private final List<Byte> areaDeciles = new ArrayList<>();
    private final List<String> areaNames = new ArrayList<>();
    private final List<String> groupIds = new ArrayList<>();
    private PopulationBatch populationBatch;
    private ReferralBatch referralBatch = new ReferralBatch(BATCH);
    private ServiceBatch serviceBatch = new ServiceBatch(BATCH);

    private int areaIndexOf(String code) {
        if (code == null || code.isEmpty()) {
            return RecordBatch.AREA_EMPTY;
        }
        Integer a = areaIndex.get(code);
        return a == null ? RecordBatch.AREA_UNKNOWN : a;
    }

    private int groupIndexOf(String id) {
        if (groupIds.isEmpty()) {
            for (ClientGroup g : cfg.clientGroups()) {
                groupIds.add(g.id());
            }
        }
        return groupIds.indexOf(id);
    }

    /** A population cell; {@code newRow} when it starts a row of the file (an ONS wide row holds 182 cells). */
    private void emit(PopulationRecord r, boolean newRow) {
        if (populationBatch == null) {
            populationBatch = new PopulationBatch(ctx.name, BATCH);
        }
        Integer a = areaIndex.get(r.areaCode);
        if (a == null) {
            if (newRow) {
                populationBatch.rowsOutsideLookup++;
            }
            return;
        }
        int i = populationBatch.next();
        populationBatch.area[i] = a;
        populationBatch.sex[i] = (byte) (r.sex == 'M' ? 1 : 0);
        populationBatch.ageLow[i] = (byte) r.ageLow;
        populationBatch.ageHigh[i] = (byte) r.ageHigh;
        populationBatch.year[i] = r.year;
        populationBatch.population[i] = r.population;
        if (populationBatch.size == BATCH) {
            flushPopulation();
        }
    }

    private void flushPopulation() {
        if (populationBatch == null) {
            populationBatch = new PopulationBatch(ctx.name, 0);
        }
        sink.population(populationBatch);
        populationBatch = null;
    }

    private void emit(ReferralRecord r) {
        ReferralBatch b = referralBatch;
        int i = b.next();
        b.referral[i] = r.referralIndex;
        b.person[i] = r.personIndex;
        b.date[i] = r.date;
        b.group[i] = (byte) groupIndexOf(r.clientGroup);
        b.area[i] = areaIndexOf(r.areaCode);
        b.age[i] = (byte) Math.min(r.age, 120);
        b.sex[i] = (byte) CodeLists.SEXES.indexOf(String.valueOf(r.sex));
        b.source[i] = (byte) CodeLists.index(CodeLists.SOURCES, r.source);
        b.outcome[i] = (byte) CodeLists.index(CodeLists.OUTCOMES, r.outcome);
        if (b.size == BATCH) {
            sink.referrals(b);
            referralBatch = new ReferralBatch(BATCH);
        }
    }

    private void emit(ServiceRecord r) {
        ServiceBatch b = serviceBatch;
        int i = b.next();
        b.event[i] = r.eventIndex;
        b.person[i] = r.personIndex;
        b.start[i] = r.startDate;
        b.group[i] = (byte) groupIndexOf(r.clientGroup);
        b.area[i] = areaIndexOf(r.areaCode);
        b.age[i] = (byte) Math.min(r.age, 120);
        b.sex[i] = (byte) CodeLists.SEXES.indexOf(String.valueOf(r.sex));
        b.cost[i] = r.cost;
        b.funder[i] = (byte) CodeLists.index(CodeLists.FUNDERS, r.funder);
        b.referral[i] = r.referralIdNotFound ? ServiceBatch.REFERRAL_NOT_FOUND
                : r.referralIndex < 0 ? ServiceBatch.NO_REFERRAL : r.referralIndex;
        if (b.size == BATCH) {
            sink.services(b);
            serviceBatch = new ServiceBatch(BATCH);
        }
    }

    /** Marks a failed decimal; no real value is -infinity here because infinities are rejected. */
    private static final double FAILED_DOUBLE = Double.NEGATIVE_INFINITY;

    /** An optional non-negative decimal: NaN when empty or absent, FAILED_DOUBLE after a failure. */
    private double decimal(int i, String what) {
        if (sc.blank(i)) {
            return Double.NaN;
        }
        String v = sc.field(i);
        double x = Numbers.parseDecimal(v);
        if (Double.isNaN(x)) {
            fail(i, v, NUMBER, "bad_number");
            return FAILED_DOUBLE;
        }
        if (x < 0) {
            fail(i, v, "a " + what + " of 0 or more", "negative_value");
            return FAILED_DOUBLE;
        }
        return x;
    }
}
