package org.jsna.cli;

import static org.jsna.cli.BrokenInputsTest.AREAS;
import static org.jsna.cli.BrokenInputsTest.POP;
import static org.jsna.cli.BrokenInputsTest.REF;
import static org.jsna.cli.BrokenInputsTest.SVC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsna.cli.CorpusFiles.Result;
import org.jsna.input.ReadBlocks;
import org.jsna.pipeline.ReportPipeline;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.jsna.pipeline.ReportPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: the parallel input path gives exactly what a one-thread run gives. A small council is given the
 * awkward bytes of real extracts: quoted fields holding commas, doubled quotes and line ends (LF, CR LF and a
 * lone CR), files with CR LF, LF and lone CR line ends, a UTF-8 byte-order mark, Windows-1252 text, a last line
 * without its line end, ONS title rows and rows longer than a block; and the row defects of the broken-input
 * corpus ({@link BrokenInputsTest#rowCases}) are spread over every file, one of them with a non-ASCII value
 * met while the file's encoding is still unknown. {@code jsna report --on-error skip} runs it with
 * {@code --threads 1} and the default 2 MiB blocks (one chunk per file: the bytes read in order), then with
 * 1, 2 and 4 threads on blocks of 64 or 97 bytes (thousands of chunks whose boundaries fall everywhere, also
 * within quoted fields, CR LF pairs and the byte-order mark's file), and with more threads than chunks. Every
 * output file must be the same bytes (manifest.json, jsna.xlsx and report.html apart from the command line
 * and the times they record), rejects.csv must list the defects at the physical lines where they were put,
 * in file order, and stderr must say the same. With {@code --on-error fail} the first defect in file order
 * stops every run, and {@code jsna validate} lists the same problems in the same order on tiny chunks.
 */
class ParallelInputTest {

    /**
     * Formats of the one pair of runs that writes more than the tables: the workbook and the report show the same
     * data again (charts, drawings of indicators.csv, would cost most of the test's time).
     */
    static final String MORE_FORMATS = "csv,xlsx,html";

    @TempDir
    static Path tmp;

    /** A defect where it must be reported: the file's name, physical line, column, reason. */
    record Expected(String file, long line, String column, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ":" + reason;
        }
    }

    /** A council ready to run, and the defects it holds in file order. */
    record Council(Path dir, List<Expected> defects) {
    }

    static Council plain;
    static Council ons;
    static Council late;

    @BeforeAll
    static void councils() throws IOException {
        plain = council("plain", false, false);
        ons = council("ons", true, false);
        // only the services defects: the first in file order comes after thousands of chunks of other files
        late = council("late", false, true);
    }

    // ------------------------------------------------------------------ the council

    /** How one file is written: its line ends, encoding, byte-order mark, last line end, and cell edits. */
    record Shape(String eol, Charset charset, boolean bom, boolean lastEol, BiFunction<Integer, String, String> edit) {
    }

    static Council council(String name, boolean onsWide, boolean servicesDefectsOnly) throws IOException {
        Path d = tmp.resolve(name);
        SampleWriter.write(d, new SampleSettings(10, 200, 300, 1));
        List<BrokenInputsTest.RowCase> cases = new ArrayList<>();
        for (BrokenInputsTest.RowCase rc : BrokenInputsTest.rowCases()) {
            boolean fits = onsWide ? !rc.file().equals(POP) : !rc.ons();
            if (fits && (!servicesDefectsOnly || rc.file().equals(SVC))) {
                cases.add(rc);
            }
        }
        List<String> order = new ArrayList<>(List.of(AREAS));
        if (onsWide) {
            List<String> items = CorpusFiles.writeOnsWide(d.resolve(POP), d, "Mid-");
            Files.delete(d.resolve(POP));
            Files.writeString(d.resolve("jsna.yaml"), BrokenInputsTest.onsYaml(items));
            order.addAll(List.of("Mid-2022.csv", "Mid-2023.csv", "Mid-2024.csv"));
        } else {
            order.add(POP);
        }
        order.addAll(List.of(REF, SVC));
        for (BrokenInputsTest.RowCase rc : cases) {
            rc.edit().apply(d);
        }
        List<Expected> defects = new ArrayList<>();
        for (BrokenInputsTest.RowCase rc : cases) {
            defects.add(new Expected(rc.file(), rc.line(), rc.column(), rc.reason()));
        }
        if (!onsWide && !servicesDefectsOnly) {
            // a non-ASCII value in a UTF-8 file without a byte-order mark: reported once the file's end shows
            // that it is UTF-8 and not Windows-1252, after the problems before it and before those after it
            CorpusFiles.set(d.resolve(POP), 500, "population", "zw\u00f6lf");
            defects.add(new Expected(POP, 500, "population", "bad_number"));
        }
        java.util.Set<String> caseLines = new java.util.HashSet<>();
        defects.forEach(e -> caseLines.add(e.file() + ":" + e.line()));

        Map<String, long[]> lines = new HashMap<>();
        Charset cp1252 = Charset.forName("windows-1252");
        lines.put(AREAS, reshape(d.resolve(AREAS), new Shape("\r\n", cp1252, false, true, (i, l) ->
                i % 2 == 0 && !caseLines.contains(AREAS + ":" + i)
                        ? field(l, 1, "\"M\u00f4n, \"\"Uchaf\"\"\r\n" + l.split(",")[1] + "\"") : l)));
        if (onsWide) {
            String[] eols = {"\n", "\r\n", "\r"};
            for (int y = 0; y < 3; y++) {
                String f = "Mid-202" + (2 + y) + ".csv";
                lines.put(f, reshape(d.resolve(f), new Shape(eols[y], StandardCharsets.UTF_8, false, y != 1,
                        (i, l) -> l)));
            }
        } else {
            lines.put(POP, reshape(d.resolve(POP), new Shape("\n", StandardCharsets.UTF_8, false, true, (i, l) -> l)));
        }
        String[] teams = {"\"Team, \"\"B\"\"\nEast\"", "\"Multi\r\nline\r\nteam\"", "\"ends in a quote \"\"\"", "\",\"",
            "\"\"", "\"lone\rCR\""};
        lines.put(REF, reshape(d.resolve(REF), new Shape("\r", StandardCharsets.UTF_8, true, true, (i, l) ->
                i > 1 && i % 3 == 0 && !caseLines.contains(REF + ":" + i)
                        ? l.substring(0, l.lastIndexOf(',') + 1) + teams[(i / 3) % teams.length] : l)));
        String[] notes = {",\"note, with\nnewline\"", ",\"CR\rinside\"", ",", ",\"\"\"quoted\"\" start\"",
            ",\"caf\u00e9 \u20ac5\""};
        lines.put(SVC, reshape(d.resolve(SVC), new Shape("\r\n", cp1252, false, false, (i, l) ->
                i == 1 ? l + ",note" : l + notes[i % notes.length])));

        List<Expected> mapped = new ArrayList<>();
        for (Expected e : defects) {
            mapped.add(new Expected(e.file(), lines.get(e.file())[(int) e.line()], e.column(), e.reason()));
        }
        mapped.sort(Comparator.<Expected>comparingInt(e -> order.indexOf(e.file())).thenComparingLong(Expected::line));
        return new Council(d, mapped);
    }

    /** Replaces field {@code i} of a line without quotes. */
    static String field(String line, int i, String value) {
        String[] f = line.split(",", -1);
        f[i] = value;
        return String.join(",", f);
    }

    /**
     * Rewrites a file (LF line ends, UTF-8, as jsna sample and the corpus edits leave it) in {@code shape};
     * returns the physical line on which each former line (1-based) now starts.
     */
    static long[] reshape(Path f, Shape shape) throws IOException {
        List<String> ls = CorpusFiles.lines(f);
        long[] startsOn = new long[ls.size() + 1];
        StringBuilder sb = new StringBuilder(shape.bom() ? "\uFEFF" : "");
        long physical = 1;
        for (int i = 1; i <= ls.size(); i++) {
            String rec = shape.edit().apply(i, ls.get(i - 1));
            startsOn[i] = physical;
            physical += lineEnds(rec) + 1;
            sb.append(rec);
            if (i < ls.size() || shape.lastEol()) {
                sb.append(shape.eol());
            }
        }
        Files.write(f, sb.toString().getBytes(shape.charset()));
        return startsOn;
    }

    /** Line ends inside a record: CR LF, a lone CR and a lone LF each end one physical line. */
    static int lineEnds(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ runs

    record Run(String name, Path out, Result result) {
        /** stderr with the output folder named alike, so that runs into different folders compare. */
        String err() {
            return result.err().replace(out.toString(), "OUT");
        }
    }

    /** {@code jsna report} on {@code threads} threads; {@code block} bytes per block, 0 for the default. */
    static Run report(Council c, String name, int threads, int block, String onError, String formats)
            throws Exception {
        return report(c, name, threads, block, -1, onError, formats);
    }

    /** As above; {@code spillAbove} >= 0: the records go to disk past that many bytes. */
    static Run report(Council c, String name, int threads, int block, long spillAbove, String onError,
            String formats) throws Exception {
        Path out = tmp.resolve("out-" + c.dir().getFileName() + "-" + name);
        List<String> args = List.of("report", c.dir().toString(), "--out", out.toString(), "--formats", formats,
                "--on-error", onError, "--threads", Integer.toString(threads), "--no-progress");
        if (spillAbove >= 0) {
            System.setProperty(ReportPipeline.SPILL_ABOVE, Long.toString(spillAbove));
        }
        try {
            Result r = block == 0 ? CorpusFiles.run(args) : ReadBlocks.with(block, () -> CorpusFiles.run(args));
            return new Run(name, out, r);
        } finally {
            System.clearProperty(ReportPipeline.SPILL_ABOVE);
        }
    }

    /**
     * Threads, block size (0: the default) and the bytes of records held before they go to disk (-1: the
     * default) of a run compared with the one-thread run.
     */
    record Variant(int threads, int block, long spillAbove) {
        Variant(int threads, int block) {
            this(threads, block, -1);
        }

        String name() {
            return "t" + threads + (block == 0 ? "" : "-b" + block) + (spillAbove < 0 ? "" : "-s" + spillAbove);
        }
    }

    @Test
    void everyThreadCountAndChunkSizeGivesTheSameOutputs() throws Exception {
        // each file one chunk with 8 threads: more threads than chunks
        checkRuns(plain, "csv", new Variant(1, 64), new Variant(2, 64), new Variant(8, 0));
        // four threads on 97-byte blocks, with the workbook and the report too; and with the records on disk by
        // partition of the people (from the first record, and past 2,000 bytes)
        checkRuns(plain, MORE_FORMATS, new Variant(4, 97), new Variant(2, 0, 0), new Variant(3, 211, 2000));
    }

    @Test
    void onsWidePopulationWithTitleRowsAndRowsLongerThanABlock() throws Exception {
        checkRuns(ons, "csv", new Variant(1, 64), new Variant(2, 64), new Variant(4, 97), new Variant(8, 0));
    }

    private static void checkRuns(Council c, String formats, Variant... variants) throws Exception {
        String suffix = formats.equals("csv") ? "" : "-more";
        Run one = report(c, "t1" + suffix, 1, 0, "skip", formats);
        assertEquals(0, one.result().code(), one.result().err());
        BrokenInputsTest.assertClean(one.result().err());
        assertEquals(c.defects().stream().map(Expected::toString).toList(), rejects(one.out()),
                "rejects.csv of the one-thread run: the defects where they were put, in file order");
        assertTrue(one.err().contains(c.defects().size() + " invalid rows rejected: see OUT"), one.err());
        for (String f : formats.split(",")) {
            assertTrue(files(one.out()).stream().anyMatch(n -> n.endsWith("." + f)), f + " written");
        }
        for (Variant v : variants) {
            Run r = report(c, v.name() + suffix, v.threads(), v.block(), v.spillAbove(), "skip", formats);
            assertEquals(0, r.result().code(), r.name() + ": " + r.result().err());
            assertEquals(one.err(), r.err(), r.name() + ": stderr");
            assertSameOutputs(one.out(), r.out(), r.name());
        }
    }

    /** With --on-error fail, the first defect in file order stops the run, whichever chunk is parsed first. */
    @Test
    void theFirstDefectInFileOrderStopsEveryRun() throws Exception {
        for (Council c : List.of(plain, late)) {
            Run one = report(c, "fail-t1", 1, 0, "fail", "csv");
            assertEquals(3, one.result().code(), one.result().err());
            Expected first = c.defects().get(0);
            assertEquals(1, one.result().errLines().size(), one.result().err());
            assertTrue(one.err().contains(first.file() + ":" + first.line() + ":"), first + " / " + one.err());
            for (int[] tb : new int[][] {{2, 64}, {4, 97}, {8, 0}}) {
                Run r = report(c, "fail-t" + tb[0] + "-b" + tb[1], tb[0], tb[1], "fail", "csv");
                assertEquals(3, r.result().code(), r.name());
                assertEquals(one.err(), r.err(), r.name());
            }
        }
    }

    /** jsna validate (on as many threads as there are processors) lists the same problems on tiny chunks. */
    @Test
    void validateListsTheSameProblemsInTheSameOrder() throws Exception {
        List<String> args = List.of("validate", plain.dir().toString());
        Result whole = CorpusFiles.run(args);
        Result tiny = ReadBlocks.with(64, () -> CorpusFiles.run(args));
        assertEquals(3, whole.code(), whole.err());
        assertEquals(whole.err(), tiny.err());
        List<String> listed = new ArrayList<>();
        for (String l : whole.errLines()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/([^/:]+\\.csv):(\\d+): ").matcher(l);
            if (m.find()) {
                listed.add(m.group(1) + ":" + m.group(2));
            }
        }
        assertEquals(plain.defects().stream().map(e -> e.file() + ":" + e.line()).toList(), listed, whole.err());
    }

    // ------------------------------------------------------------------ comparing outputs

    /** rejects.csv as {@code name:line:column:reason} in its order. */
    static List<String> rejects(Path out) throws IOException {
        List<String> got = new ArrayList<>();
        try (Reader rd = Files.newBufferedReader(out.resolve("rejects.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd)) {
                got.add(Path.of(r.get("file")).getFileName() + ":" + r.get("line") + ":" + r.get("column") + ":"
                        + r.get("reason"));
            }
        }
        return got;
    }

    static void assertSameOutputs(Path a, Path b, String name) throws IOException {
        assertEquals(rejects(a), rejects(b), name + ": rejects.csv");
        List<String> files = files(a);
        assertEquals(files, files(b), name + ": output files");
        assertTrue(files.containsAll(List.of("indicators.csv", "inequalities.csv", "data-quality.csv", "rejects.csv",
                "manifest.json")), files.toString());
        for (String f : files) {
            if (f.endsWith("/")) {
                continue;
            }
            Path x = a.resolve(f);
            Path y = b.resolve(f);
            String what = name + ": " + f;
            if (f.endsWith(".xlsx")) {
                assertSameWorkbook(x, y, what);
            } else if (f.equals("manifest.json") || f.endsWith(".html")) {
                assertEquals(normalise(Files.readString(x)), normalise(Files.readString(y)), what);
            } else {
                assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), what);
            }
        }
    }

    /** Every part of the workbook the same, apart from the command line and the times it records. */
    static void assertSameWorkbook(Path x, Path y, String what) throws IOException {
        Map<String, String> px = parts(x);
        Map<String, String> py = parts(y);
        assertEquals(List.copyOf(px.keySet()), List.copyOf(py.keySet()), what + ": parts");
        for (String part : px.keySet()) {
            assertEquals(px.get(part), py.get(part), what + ": " + part);
        }
    }

    static Map<String, String> parts(Path xlsx) throws IOException {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(xlsx.toFile())) {
            Enumeration<? extends ZipEntry> e = z.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = z.getInputStream(entry)) {
                    parts.put(entry.getName(), normalise(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
                }
            }
        }
        return parts;
    }

    /**
     * The command line and the times a run records (manifest.json, the report's methods section, the workbook's
     * metadata sheet and document properties), and the hashes of the two outputs that hold them, made alike.
     */
    static String normalise(String s) {
        return s.replaceAll("jsna report [^<\"\\n]*", "jsna report ARGS")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME")
                .replaceAll("(\"path\": \"(?:jsna\\.xlsx|report\\.html)\",\\s*\"bytes\": )\\d+(,\\s*\"sha256\": \")"
                        + "[0-9a-f]{64}", "$1N$2SHA");
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            // folders too, so that one left behind (e.g. of the records kept on disk) shows
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }
}
