package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jsna.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every case of golden/cases.tsv whose method is implemented, in process, and compares the
 * output with the reference package's output as golden/CASES.md says. Also the property tests:
 * lower ≤ value ≤ upper, the 99.8% interval contains the 95% one, and shuffling the input rows
 * still matches the golden output.
 */
class GoldenCasesTest {

    /** The {@code jsna calc} methods whose golden cases run; extend it when a method lands. */
    static final Set<String> IMPLEMENTED = Set.of("proportion", "rate", "mean", "dsr", "isr", "funnel");

    /** Options whose value is a path relative to golden/. */
    private static final Set<String> PATH_OPTIONS = Set.of("--input", "--reference", "--observed-totals", "--standard");

    @TempDir
    static Path tmp;

    /** One line of cases.tsv. */
    record Case(String id, String method, String expected, List<String> key, String tolerance, List<String> args) {
    }

    static Path goldenDir() {
        try {
            return Path.of(GoldenCasesTest.class.getResource("/golden/cases.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(goldenDir().resolve("cases.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> key = f[3].equals("-") ? List.of() : List.of(f[3].split(","));
            List<String> args = new ArrayList<>(Arrays.asList(f[5].trim().split("\\s+")));
            out.add(new Case(f[0], f[1], f[2], key, f[4], args));
        }
        return out;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The full argument list: paths resolved against golden/, the input optionally replaced, --out added. */
    static List<String> arguments(Case c, Path input, Path out) {
        List<String> a = new ArrayList<>(List.of("calc", c.method()));
        for (int i = 0; i < c.args().size(); i++) {
            String s = c.args().get(i);
            a.add(s);
            if (PATH_OPTIONS.contains(s) && i + 1 < c.args().size()) {
                String v = c.args().get(++i);
                if (s.equals("--input") && input != null) {
                    a.add(input.toString());
                } else if (s.equals("--standard") && (v.equals("esp2013") || v.startsWith("column:"))) {
                    a.add(v);
                } else {
                    a.add(goldenDir().resolve(v).toString());
                }
            }
        }
        if (out != null) {
            a.add("--out");
            a.add(out.toString());
        }
        return a;
    }

    static String inputOf(Case c) {
        return c.args().get(c.args().indexOf("--input") + 1);
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        return cases().stream().filter(c -> IMPLEMENTED.contains(c.method()))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c, null)));
    }

    @TestFactory
    Stream<DynamicTest> rowOrderDoesNotMatter() throws IOException {
        return cases().stream().filter(c -> IMPLEMENTED.contains(c.method()) && c.tolerance().equals("exact"))
                .map(c -> DynamicTest.dynamicTest(c.id() + " (shuffled)", () -> {
                    Path in = goldenDir().resolve(inputOf(c));
                    List<String> lines = new ArrayList<>(Files.readAllLines(in, StandardCharsets.UTF_8));
                    List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
                    Collections.shuffle(body, new Random(c.id().hashCode()));
                    List<String> all = new ArrayList<>();
                    all.add(lines.get(0));
                    all.addAll(body);
                    Path shuffled = tmp.resolve(c.id() + "-shuffled.csv");
                    Files.write(shuffled, all, StandardCharsets.UTF_8);
                    check(c, shuffled);
                }));
    }

    private static void check(Case c, Path input) throws IOException {
        Path out = tmp.resolve(c.id() + (input == null ? "" : "-s") + ".csv");
        Files.deleteIfExists(out);
        Run r = run(arguments(c, input, out));
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        switch (c.tolerance()) {
            case "exit2" -> assertEquals(2, r.code(), r.err());
            case "exit3" -> {
                assertEquals(3, r.code(), r.err());
                assertTrue(r.err().startsWith("jsna: error: "), r.err());
            }
            default -> {
                assertEquals(0, r.code(), r.err());
                GoldenCompare.Csv expected = GoldenCompare.read(goldenDir().resolve(c.expected()));
                GoldenCompare.Csv actual = GoldenCompare.read(out);
                assertEquals("value_note", actual.header().get(actual.header().size() - 1), "value_note last");
                List<String> problems = GoldenCompare.compare(expected, actual, c.key(), c.tolerance());
                if (!problems.isEmpty()) {
                    fail(problems.size() + " mismatches, first: " + String.join("\n", problems.subList(0, Math.min(10, problems.size()))));
                }
                checkIntervals(actual);
            }
        }
        if (c.tolerance().startsWith("exit")) {
            assertFalse(Files.exists(out), "no output file for a failed run");
        }
    }

    /** lower ≤ value ≤ upper for every level, and the 99.8% interval contains the 95% one. */
    private static void checkIntervals(GoldenCompare.Csv csv) {
        for (Map<String, String> row : csv.rows()) {
            if (csv.header().contains("lowercl")) {
                ordered(row, "lowercl", "value", "uppercl");
            }
            if (csv.header().contains("lower95_0cl")) {
                ordered(row, "lower99_8cl", "lower95_0cl", "value", "upper95_0cl", "upper99_8cl");
            }
        }
    }

    private static void ordered(Map<String, String> row, String... cols) {
        double prev = Double.NEGATIVE_INFINITY;
        for (String c : cols) {
            String v = row.get(c);
            if (v == null || GoldenCompare.isMissing(v)) {
                continue;
            }
            double d = Double.parseDouble(v);
            assertTrue(d >= prev, "expected " + String.join(" <= ", cols) + " in " + row);
            prev = d;
        }
    }
}
