package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A golden CSV of golden/funnel (the reference package's output, copied to test resources):
 * header and rows of simple, comma-separated cells.
 * Comparison as golden/CASES.md: |actual − expected| ≤ max(1e-12, 1e-9 |expected|), NA = missing.
 */
final class FunnelGoldenFile {

    final List<String> header;
    final List<String[]> rows;

    private FunnelGoldenFile(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static FunnelGoldenFile read(String name) {
        try (InputStream in = FunnelGoldenFile.class.getResourceAsStream("/golden/funnel/" + name)) {
            assertNotNull(in, name);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] lines = text.split("\r?\n");
            List<String> header = Arrays.asList(split(lines[0]));
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    rows.add(split(lines[i]));
                }
            }
            return new FunnelGoldenFile(header, rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits one CSV line; cells may be quoted (a quoted cell may hold commas). */
    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }

    int col(String name) {
        int i = header.indexOf(name);
        assertTrue(i >= 0, "golden column " + name);
        return i;
    }

    double[] numbers(String column) {
        int c = col(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(rows.get(i)[c]);
        }
        return out;
    }

    String[] texts(String column) {
        int c = col(column);
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    static double number(String s) {
        if (s.isEmpty() || s.equals("NA")) {
            return Double.NaN;
        }
        if (s.equals("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equals("-Inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    static void near(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected missing, got " + actual);
            return;
        }
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, Math.max(1e-12, 1e-9 * Math.abs(expected)), what);
    }
}
