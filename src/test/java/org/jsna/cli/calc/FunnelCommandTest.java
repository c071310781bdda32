package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jsna calc funnel} end to end in this JVM: every funnel line of golden/cases.tsv against
 * the reference output (rows matched on the key column, golden/CASES.md tolerances), the help,
 * and the exit codes of bad options (2) and bad data (3).
 */
class FunnelCommandTest {

    @TempDir
    Path tmp;

    private static Path golden() {
        try {
            return Path.of(FunnelCommandTest.class.getResource("/golden/cases.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> goldenFunnelCases() throws IOException {
        Path dir = golden();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cases.tsv"))) {
            String[] f = line.split("\t");
            if (!f[1].equals("funnel")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(f[0], () -> runCase(dir, f[2], f[3].split(","), f[5])));
        }
        assertEquals(10, tests.size(), "funnel cases in cases.tsv");
        return tests.stream();
    }

    private void runCase(Path dir, String expectedFile, String[] key, String args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("calc", "funnel"));
        for (String a : args.split(" ")) {
            argv.add(a.startsWith("funnel/") ? dir.resolve(a).toString() : a);
        }
        Path out = tmp.resolve("out.csv");
        argv.add("--out");
        argv.add(out.toString());
        Run r = run(argv.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        compare(read(dir.resolve(expectedFile)), read(out), key, expectedFile);
    }

    private static List<Map<String, String>> read(Path p) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader rd = Files.newBufferedReader(p);
             CSVParser parser = CSVParser.parse(rd, CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord rec : parser) {
                rows.add(new HashMap<>(rec.toMap()));
            }
        }
        return rows;
    }

    private static String keyOf(Map<String, String> row, String[] key) {
        StringBuilder sb = new StringBuilder();
        for (String k : key) {
            String v = row.get(k);
            try {
                v = Double.toString(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                // a text key
            }
            sb.append(v).append('|');
        }
        return sb.toString();
    }

    private static void compare(List<Map<String, String>> expected, List<Map<String, String>> actual, String[] key,
            String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        Map<String, Map<String, String>> byKey = new HashMap<>();
        for (Map<String, String> row : actual) {
            assertTrue(byKey.put(keyOf(row, key), row) == null, what + ": duplicated row " + keyOf(row, key));
        }
        for (Map<String, String> want : expected) {
            Map<String, String> got = byKey.get(keyOf(want, key));
            assertTrue(got != null, what + ": no row " + keyOf(want, key));
            for (Map.Entry<String, String> cell : want.entrySet()) {
                String col = cell.getKey();
                if (col.equals("statistic") || col.equals("method")) {
                    continue; // metadata, not compared (CASES.md)
                }
                assertTrue(got.containsKey(col), what + ": column " + col);
                String e = cell.getValue();
                String a = got.get(col);
                String where = what + " " + keyOf(want, key) + " " + col;
                if (col.equals("significance") || col.equals("area")) {
                    assertEquals(e, a, where);
                } else if (e.equals("NA")) {
                    assertTrue(a.isEmpty() || a.equals("NA") || a.equals("NaN"), where + ": " + a);
                } else {
                    double ev = Double.parseDouble(e);
                    double av = Double.parseDouble(a);
                    assertEquals(ev, av, Math.max(1e-12, 1e-9 * Math.abs(ev)), where);
                }
            }
        }
    }

    @Test
    void helpHasAPasteableExample() {
        Run r = run("calc", "funnel", "--help");
        assertEquals(0, r.code());
        String help = r.out() + r.err(); // jsna prints help on stderr (stdout is for data)
        assertTrue(help.contains("jsna calc funnel --input"), help);
        assertTrue(help.contains("--statistic"));
    }

    private Path csv(String text) throws IOException {
        Path p = tmp.resolve("in.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badDataIsExit3NamingFileLineAndColumn() throws IOException {
        Path in = csv("area,x,n\nA,5,10\nB,-1,10\n");
        Run r = run("calc", "funnel", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--statistic", "proportion", "--output", "significance");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("in.csv:3") && r.err().contains("'x'") && r.err().contains("-1"), r.err());

        in = csv("area,x,n\nA,5,10\nB,11,10\n");
        r = run("calc", "funnel", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--statistic", "proportion", "--output", "limits");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("in.csv:3"), r.err());

        in = csv("area,x,n\nA,5,10\nB,,10\n");
        r = run("calc", "funnel", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--statistic", "ratio", "--output", "significance");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("in.csv:3") && r.err().contains("'x'"), r.err());

        // a rate row without events needs its population
        in = csv("area,ev,pop,rate\nA,5,1000,500\nB,0,,0\n");
        r = run("calc", "funnel", "--input", in.toString(), "--numerator", "ev", "--denominator", "pop",
                "--rate", "rate", "--rate-type", "crude", "--statistic", "rate", "--output", "limits", "--years", "1");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("in.csv:3") && r.err().contains("'pop'"), r.err());

        in = csv("area,x,n\nA,5,0\n");
        r = run("calc", "funnel", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--statistic", "ratio", "--output", "limits", "--ratio-type", "count");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("in.csv:2") && r.err().contains("'n'"), r.err());
    }

    @Test
    void badOptionsAreExit2() throws IOException {
        Path in = csv("area,x,n,r\nA,5,10,50\n");
        String f = in.toString();
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "proportion", "--output", "points").code());
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "ratio", "--output", "limits").code());
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "share", "--output", "limits").code());
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "rate", "--rate", "r", "--rate-type", "crude", "--output", "limits").code());
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "proportion", "--output", "limits", "--multiplier", "0").code());
        assertEquals(2, run("calc", "funnel", "--input", f, "--numerator", "x", "--denominator", "n",
                "--statistic", "proportion", "--output", "limits", "--confidence", "0.99").code());
    }

    @Test
    void dsrPointsBelowTenEventsAreEmptyWithANote() throws IOException {
        Path in = csv("area,ev,pop,dsr\nA,9,1000,850\nB,40,5000,790\nC,0,800,0\n");
        Run r = run("calc", "funnel", "--input", in.toString(), "--numerator", "ev", "--denominator", "pop",
                "--rate", "dsr", "--rate-type", "dsr", "--statistic", "rate", "--output", "points", "--years", "2",
                "--out", "-");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("area,ev,pop,dsr,dsr_chart,denominator_derived,value_note", lines.get(0));
        assertEquals("A,9,1000,850,,,fewer than 10 events: not plotted for a DSR", lines.get(1));
        // (100000 × 40 / 790) / 2 = 2531.6455696202534
        assertTrue(lines.get(2).startsWith("B,40,5000,790,790,2531.64556962025"), lines.get(2));
        assertTrue(lines.get(3).endsWith(",,,fewer than 10 events: not plotted for a DSR"), lines.get(3));
    }

    @Test
    void headerOnlyInputGivesHeaderOnlyOutput() throws IOException {
        Path in = csv("area,x,n\n");
        Run r = run("calc", "funnel", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--statistic", "ratio", "--ratio-type", "count", "--output", "limits", "--out", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("Observed_events,lower_2s_exp_events,lower_2s_limit,upper_2s_exp_events,upper_2s_limit,"
                + "lower_3s_exp_events,lower_3s_limit,upper_3s_exp_events,upper_3s_limit,statistic,method,value_note"),
                r.out().lines().toList());
        assertTrue(r.err().contains("no data rows"), r.err());
    }

    @Test
    void byGivesEachGroupItsOwnFunnel() throws IOException {
        Path in = csv("region,area,x,n\nN,A,50,100\nN,B,10,100\nS,C,5,100\nS,D,95,100\n");
        Run r = run("calc", "funnel", "--input", in.toString(), "--by", "region", "--numerator", "x",
                "--denominator", "n", "--statistic", "proportion", "--output", "limits", "--out", "-");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(201, lines.length);
        assertTrue(lines[0].startsWith("region,Population,"), lines[0]);
        // N: average 60/200 = 30%; S: 100/200 = 50%
        assertTrue(lines[1].startsWith("N,") && lines[1].contains(",30,"), lines[1]);
        assertTrue(lines[101].startsWith("S,") && lines[101].contains(",50,"), lines[101]);
    }
}
