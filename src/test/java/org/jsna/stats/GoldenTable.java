package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden CSVs (R {@code write.csv}: quoted strings, {@code NA} for missing) copied from
 * /work/shared/golden into src/test/resources/golden, and compares numbers as
 * golden/CASES.md says.
 */
final class GoldenTable {

    private final List<Map<String, String>> rows;

    private GoldenTable(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    static GoldenTable read(String path) {
        String resource = "/golden/" + path;
        try (InputStream in = GoldenTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<List<String>> records = parse(text);
            List<String> header = records.get(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> rec : records.subList(1, records.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), rec.get(i));
                }
                rows.add(row);
            }
            return new GoldenTable(rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    List<String> columns() {
        return new ArrayList<>(rows.get(0).keySet());
    }

    /** Minimal RFC 4180 parser: quoted fields may hold commas and doubled quotes. */
    private static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                rec.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                rec.add(field.toString());
                field.setLength(0);
                out.add(rec);
                rec = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !rec.isEmpty()) {
            rec.add(field.toString());
            out.add(rec);
        }
        return out;
    }

    /** A golden cell as a double: NA -> NaN, Inf -> infinity. */
    static double number(String cell) {
        switch (cell) {
            case "NA":
            case "":
                return Double.NaN;
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(cell);
        }
    }

    /** The {@code exact} tolerance of golden/CASES.md: max(1e-12, 1e-9 × |expected|). */
    static void assertClose(String expectedCell, double actual, String what) {
        double expected = number(expectedCell);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NA, got " + actual);
            return;
        }
        if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        if (Double.isNaN(actual)) {
            fail(what + ": expected " + expectedCell + ", got NA");
        }
        double tol = Math.max(1e-12, 1e-9 * Math.abs(expected));
        assertTrue(Math.abs(actual - expected) <= tol,
                what + ": expected " + expectedCell + ", got " + actual + " (tolerance " + tol + ")");
    }
}
