package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case of life-expectancy, sii and quantile from {@code golden/cases.tsv}
 * through the CLI in process ({@link Main#run}) and compares as golden/CASES.md says: rows matched
 * on the key columns, the expected file's columns compared ({@code NA} = empty), relative 1e-9
 * ({@code exact}), simulated SII/RII limits within 5% of the expected width ({@code sii_ci}), exit
 * codes for error cases. Inputs and expected files: src/test/resources/golden-hard (copied from
 * /work/shared/golden).
 */
class HardCalcGoldenTest {

    /** The methods this test covers. */
    static final Set<String> METHODS = Set.of("life-expectancy", "sii", "quantile");

    /** Text columns that are metadata (not compared). */
    private static final Set<String> METADATA = Set.of("confidence", "statistic", "method", "CI_method",
            "CI_confidence", "groupvars", "qinverted", "indicator_type", "transform", "area", "la");

    @TempDir
    Path tmp;

    static Path golden() throws URISyntaxException {
        return Path.of(HardCalcGoldenTest.class.getResource("/golden-hard/cases.tsv").toURI()).getParent();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(golden().resolve("cases.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (METHODS.contains(f[1])) {
                out.add(Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
        }
        assertEquals(19, out.size(), "life-expectancy, sii and quantile cases in cases.tsv");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(String id, String method, String expected, String key, String tolerance, String args)
            throws Exception {
        Path dir = golden();
        List<String> argv = new ArrayList<>(List.of("calc", method));
        String[] parts = args.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            argv.add(parts[i]);
            if (parts[i].equals("--input") && i + 1 < parts.length) {
                argv.add(dir.resolve(parts[++i]).toString());
            }
        }
        Path outFile = tmp.resolve(id + ".csv");
        argv.add("--out");
        argv.add(outFile.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (tolerance.startsWith("exit")) {
            assertEquals(Integer.parseInt(tolerance.substring(4)), code, id + ": " + stderr);
            assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
            return;
        }
        assertEquals(0, code, id + ": " + stderr);
        compare(id, read(dir.resolve(expected)), read(outFile), List.of(key.split(",")), tolerance);
    }

    private static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (CSVRecord rec : p) {
                rows.add(new HashMap<>(rec.toMap()));
            }
        }
        return rows;
    }

    private static String keyOf(Map<String, String> row, List<String> key) {
        StringBuilder sb = new StringBuilder();
        for (String k : key) {
            String v = row.get(k);
            assertTrue(v != null, "key column " + k + " present");
            try {
                v = Double.toString(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                // text key
            }
            sb.append(v).append('\u0001');
        }
        return sb.toString();
    }

    private static void compare(String id, List<Map<String, String>> expected, List<Map<String, String>> actual,
            List<String> key, String tolerance) {
        Map<String, Map<String, String>> byKey = new HashMap<>();
        for (Map<String, String> row : actual) {
            assertTrue(byKey.put(keyOf(row, key), row) == null, id + ": duplicated row " + keyOf(row, key));
        }
        assertEquals(expected.size(), actual.size(), id + ": row count");
        for (Map<String, String> e : expected) {
            String k = keyOf(e, key);
            Map<String, String> a = byKey.get(k);
            assertTrue(a != null, id + ": missing row " + k);
            for (Map.Entry<String, String> cell : e.entrySet()) {
                String col = cell.getKey();
                if (key.contains(col) || METADATA.contains(col)) {
                    continue;
                }
                String what = id + " row " + k.replace('\u0001', '/') + " column " + col;
                boolean simulated = tolerance.equals("sii_ci") && (col.startsWith("sii_") || col.startsWith("rii_"));
                if (!a.containsKey(col)) {
                    if (mustBePresent(col)) {
                        fail(what + ": column missing from jsna's output");
                    }
                    continue; // other numeric columns are compared when jsna writes them
                }
                if (simulated) {
                    String base = col.replace("_lower", "_@").replace("_upper", "_@");
                    double lo = Double.parseDouble(e.get(base.replace("_@", "_lower")));
                    double up = Double.parseDouble(e.get(base.replace("_@", "_upper")));
                    double tol = 0.05 * (up - lo);
                    double act = Double.parseDouble(a.get(col));
                    assertTrue(Math.abs(act - Double.parseDouble(cell.getValue())) <= tol,
                            what + ": expected " + cell.getValue() + " ± " + tol + ", got " + act);
                } else {
                    assertCell(what, cell.getValue(), a.get(col));
                }
            }
        }
    }

    /** The columns CASES.md says jsna must write. */
    private static boolean mustBePresent(String col) {
        return col.equals("value") || col.equals("quantile") || col.equals("intercept") || col.equals("sii")
                || col.equals("rii") || col.startsWith("sii_") || col.startsWith("rii_")
                || col.matches("(lower|upper)(cl|\\d+_\\dcl)");
    }

    private static void assertCell(String what, String expected, String actual) {
        if (expected.equals("NA")) {
            assertTrue(actual.isEmpty() || actual.equals("NA") || actual.equals("NaN"),
                    what + ": expected NA, got " + actual);
            return;
        }
        if (expected.equals("Inf") || expected.equals("-Inf")) {
            assertTrue(actual.equals(expected) || actual.equals(expected.replace("Inf", "Infinity")),
                    what + ": expected " + expected + ", got " + actual);
            return;
        }
        double e;
        try {
            e = Double.parseDouble(expected);
        } catch (NumberFormatException notNumber) {
            assertEquals(expected, actual, what);
            return;
        }
        assertFalse(actual.isEmpty(), what + ": expected " + expected + ", got an empty cell");
        double a = Double.parseDouble(actual);
        double tol = Math.max(1e-12, 1e-9 * Math.abs(e));
        assertTrue(Math.abs(a - e) <= tol, what + ": expected " + expected + ", got " + actual);
    }
}
