package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jsna calc trend} end to end in this JVM: the R workbook's series (src/test/resources/trend,
 * SOURCE.md) give the markers, reasons, statistics and slopes of their {@code .out.csv}, the periods used
 * and the header; the help; and the exit codes and one-line messages of bad options (2), bad data (3)
 * and a missing file (4).
 */
class TrendCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        return runWithInput(new byte[0], args);
    }

    private static Run runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TrendCommandTest.class.getResourceAsStream("/trend/" + name)) {
            return in.readAllBytes();
        }
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            return p.getRecords();
        }
    }

    private static final List<String> HEADER = List.of("sheet", "group", "n_periods", "first_period_used",
            "last_period_used", "recent_trend", "recent_trend_reason", "statistic", "slope", "method", "value_note");

    private void workbook(String name, String kind) throws IOException {
        Path in = tmp.resolve(name + ".csv");
        Files.write(in, resource(name + ".csv"));
        Path out = tmp.resolve("out.csv");
        Run r = run("calc", "trend", "--input", in.toString(), "--by", "sheet,group", "--period", "period",
                "--kind", kind, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out);
        assertEquals(String.join(",", HEADER), text.lines().findFirst().orElseThrow());
        List<CSVRecord> got = parse(text);
        List<CSVRecord> want = parse(new String(resource(name + ".out.csv"), StandardCharsets.UTF_8));
        assertEquals(want.size(), got.size());
        for (CSVRecord w : want) {
            CSVRecord g = got.stream().filter(x -> x.get("sheet").equals(w.get("sheet"))
                    && x.get("group").equals(w.get("group"))).findFirst().orElseThrow(() -> new AssertionError(
                    "no output row for " + w.toMap()));
            String what = w.get("sheet") + " / " + w.get("group");
            for (String col : List.of("n_periods", "first_period_used", "last_period_used")) {
                assertEquals(w.get(col), g.get(col), what + " " + col);
            }
            assertEquals(w.get("marker"), g.get("recent_trend"), what);
            assertEquals(w.get("reason"), g.get("recent_trend_reason"), what);
            for (String col : List.of("statistic", "slope")) {
                if (w.get(col).isEmpty()) {
                    assertEquals("", g.get(col), what + " " + col);
                } else {
                    double e = Double.parseDouble(w.get(col));
                    assertEquals(e, Double.parseDouble(g.get(col)), Math.abs(e) * 1e-9, what + " " + col);
                }
            }
            assertFalse(g.get("method").isEmpty());
        }
    }

    @Test
    void rWorkbookRate() throws IOException {
        workbook("r_workbook_rate", "rate");
    }

    @Test
    void rWorkbookProportion() throws IOException {
        workbook("r_workbook_proportion", "proportion");
    }

    @Test
    void groupsAreSortedAndStdinWorks() throws IOException {
        // fiscal years out of order and groups out of order: the output is sorted by group, and the 5 most
        // recent fiscal years (2019/20 .. 2023/24) are used, 2018/19 ignored
        String csv = "area,period,value,lower_ci_95,upper_ci_95\n"
                + "b,2023/24,5,4,6\nb,2019/20,1,0,2\nb,2021/22,3,2,4\nb,2018/19,,,\nb,2020/21,2,1,3\nb,2022/23,4,3,5\n"
                + "a,2020/21,1,0,2\n";
        Run r = runWithInput(csv.getBytes(StandardCharsets.UTF_8), "calc", "trend", "--input", "-", "--by", "area",
                "--period", "period", "--kind", "rate");
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = parse(r.out());
        assertEquals("a", rows.get(0).get("area"));
        assertEquals("not enough data points", rows.get(0).get("recent_trend_reason"));
        assertEquals("2020/21", rows.get(0).get("first_period_used"));
        Map<String, String> b = rows.get(1).toMap();
        assertEquals("6", b.get("n_periods"));
        assertEquals("2019/20", b.get("first_period_used"));
        assertEquals("2023/24", b.get("last_period_used"));
        // y = t with s = 1/1.96: w = 1.96², X² = 10 · 1.959963984540054² = 38.414588206941 (hand)
        assertEquals("increasing", b.get("recent_trend"));
        assertEquals(10 * 1.959963984540054 * 1.959963984540054, Double.parseDouble(b.get("statistic")), 1e-9 * 38.4);
        assertEquals(1.0, Double.parseDouble(b.get("slope")), 1e-9);
    }

    @Test
    void otherColumnNames() throws IOException {
        String csv = "year,n,pop\n2001,10,100\n2002,20,100\n2003,30,100\n2004,40,100\n2005,50,100\n";
        Run r = runWithInput(csv.getBytes(StandardCharsets.UTF_8), "calc", "trend", "--input", "-", "--period",
                "year", "--kind", "proportion", "--count", "n", "--denominator", "pop");
        assertEquals(0, r.code(), r.err());
        CSVRecord row = parse(r.out()).get(0);
        // Armitage X² = 10000/210 (see TrendMarkerTest.armitageTenThousandOver210)
        assertEquals(10000.0 / 210, Double.parseDouble(row.get("statistic")), 1e-9 * 47.6);
        assertEquals("increasing", row.get("recent_trend"));
    }

    private Run fails(int code, String csv, String... args) throws IOException {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, csv);
        List<String> argv = new ArrayList<>(List.of("calc", "trend", "--input", in.toString()));
        argv.addAll(List.of(args));
        Run r = run(argv.toArray(new String[0]));
        assertEquals(code, r.code(), r.err());
        assertEquals("", r.out());
        if (code != 2) { // a usage error adds picocli's hint to try --help
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return r;
    }

    @Test
    void badPeriodsAreInputErrors() throws IOException {
        String head = "g,period,count,denominator\n";
        Run r = fails(3, head + "x,2019,1,2\nx,soon,1,2\n", "--by", "g", "--period", "period", "--kind", "proportion");
        assertTrue(r.err().contains("in.csv:3: column 'period': value 'soon'"), r.err());
        r = fails(3, head + "x,2019/20,1,2\nx,2020,1,2\n", "--by", "g", "--period", "period", "--kind", "proportion");
        assertTrue(r.err().contains(":3: column 'period': value '2020': expected a period in the same form as line 2"),
                r.err());
        r = fails(3, head + "x,2019/21,1,2\n", "--period", "period", "--kind", "proportion");
        assertTrue(r.err().contains(":2: column 'period': value '2019/21'"), r.err());
        r = fails(3, head + "x,,1,2\n", "--period", "period", "--kind", "proportion");
        assertTrue(r.err().contains(":2: column 'period'"), r.err());
    }

    @Test
    void badNumbersAndMissingColumnsAreInputErrors() throws IOException {
        Run r = fails(3, "period,count,denominator\n2019,one,2\n", "--period", "period", "--kind", "proportion");
        assertTrue(r.err().contains(":2: column 'count': value 'one'"), r.err());
        r = fails(3, "period,value,lower_ci_95\n2019,1,0\n", "--period", "period", "--kind", "rate");
        assertTrue(r.err().contains("column 'upper_ci_95' not found"), r.err());
    }

    @Test
    void usageAndIoErrors() throws IOException {
        String csv = "period,count,denominator\n2019,1,2\n";
        Run r0 = fails(2, csv, "--period", "period", "--kind", "percent");
        assertTrue(r0.err().contains("expected proportion or rate"), r0.err());
        fails(2, csv, "--kind", "rate");
        fails(2, csv, "--period", "period");
        Run r = run("calc", "trend", "--input", tmp.resolve("missing.csv").toString(), "--period", "p", "--kind",
                "rate");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void help() {
        Run r = run("calc", "trend", "--help");
        assertEquals(0, r.code());
        String help = r.out() + r.err(); // jsna prints help on stderr (stdout is for data)
        assertTrue(help.contains("--kind") && help.contains("jsna calc trend --input"), help);
    }

    /**
     * The --help example runs calc trend on a report's indicators.csv. Grouped by indicator, client group and
     * locality only, it put every breakdown row (decile, sex, age band, source) in its plain row's series, and
     * those series said "duplicate periods". The example's --by now names every key column of a series
     * (trends.md: indicator x period x client group x locality x category), as docs/calc.md does.
     */
    @Test
    void theHelpsExampleOnAReportsIndicatorsGivesNoDuplicatePeriods() throws IOException {
        Run help = run("calc", "trend", "--help");
        // the example's lines joined where they end in a backslash
        String example = (help.out() + help.err()).replaceAll("\\\\\\s+", " ").replaceAll(" +", " ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jsna calc trend --input \\S+ --by (\\S+)")
                .matcher(example);
        assertTrue(m.find(), help.out() + help.err());
        String by = m.group(1);
        Path out = tmp.resolve("report");
        Run report = run("report", "src/test/resources/report/basic", "--out", out.toString(), "--formats", "csv");
        assertEquals(0, report.code(), report.err());
        Run r = run("calc", "trend", "--input", out.resolve("indicators.csv").toString(), "--by", by, "--period",
                "period", "--kind", "rate");
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = parse(r.out());
        assertFalse(rows.isEmpty());
        for (CSVRecord x : rows) {
            assertFalse(x.get("recent_trend_reason").equals("duplicate periods"), "--by " + by + ": " + x.toMap());
        }
    }

    /** "95% limits" in a description is a format string to picocli: --help printed ten "picocli WARN" lines. */
    @Test
    void theHelpSaysNinetyFivePerCentWithoutPicocliWarnings() {
        // picocli's tracer writes to System.err itself, not to the stream the command is given
        PrintStream saved = System.err;
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        Run help;
        try {
            System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
            help = run("calc", "trend", "--help");
        } finally {
            System.setErr(saved);
        }
        String warnings = traced.toString(StandardCharsets.UTF_8);
        assertEquals(0, help.code());
        assertFalse((help.out() + help.err() + warnings).contains("picocli WARN"), warnings);
        assertTrue((help.out() + help.err()).replaceAll("\\s+", " ").contains("Column of lower 95% limits (rate)"),
                help.out() + help.err());
    }
}
