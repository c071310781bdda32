package org.jsna.calc;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Compares a jsna output CSV with a golden output as golden/CASES.md says: rows matched on the key
 * columns (numeric keys as numbers), only the expected file's columns compared, {@code NA} = empty,
 * tolerance {@code max(1e-12, 1e-9·|expected|)}; with {@code sii_ci} the simulated SII/RII limits
 * within 5% of the expected interval's width. Text columns other than keys and {@code significance}
 * are metadata and not compared. Returns the list of mismatches (empty = equal).
 */
public final class GoldenCompare {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern REQUIRED = Pattern.compile(
            "value|lowercl|uppercl|(lower|upper)\\d+_\\dcl|sii|rii|intercept|(sii|rii)_(lower|upper).*|quantile"
                    + "|.*_[23]s_limit|baseline|significance|.*_chart|denominator_derived");
    private static final Pattern SIMULATED = Pattern.compile("(sii|rii)_(lower|upper).*");

    private GoldenCompare() {
    }

    /** A parsed CSV: header and rows. */
    public record Csv(List<String> header, List<Map<String, String>> rows) {
    }

    public static Csv read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<String> header = new ArrayList<>(p.getHeaderNames());
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord rec : p) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), i < rec.size() ? rec.get(i) : "");
                }
                rows.add(m);
            }
            return new Csv(header, rows);
        }
    }

    /** The mismatches between {@code actual} and {@code expected}; key columns as in cases.tsv. */
    public static List<String> compare(Csv expected, Csv actual, List<String> key, String tolerance) {
        List<String> problems = new ArrayList<>();
        for (String k : key) {
            if (!actual.header().contains(k)) {
                problems.add("key column " + k + " missing from the output");
                return problems;
            }
        }
        Map<List<String>, Map<String, String>> exp = index(expected, key, problems, "expected");
        Map<List<String>, Map<String, String>> act = index(actual, key, problems, "actual");
        for (List<String> k : exp.keySet()) {
            if (!act.containsKey(k)) {
                problems.add("row " + k + " missing from the output");
            }
        }
        for (List<String> k : act.keySet()) {
            if (!exp.containsKey(k)) {
                problems.add("extra row " + k + " in the output");
            }
        }
        for (String col : expected.header()) {
            if (key.contains(col)) {
                continue;
            }
            if (!actual.header().contains(col)) {
                if (REQUIRED.matcher(col).matches()) {
                    problems.add("column " + col + " missing from the output");
                }
                continue;
            }
            for (Map.Entry<List<String>, Map<String, String>> e : exp.entrySet()) {
                Map<String, String> a = act.get(e.getKey());
                if (a == null) {
                    continue;
                }
                String ev = e.getValue().get(col).strip();
                String av = a.get(col).strip();
                String why = cell(col, ev, av, tolerance, e.getValue());
                if (why != null) {
                    problems.add("row " + e.getKey() + " column " + col + ": expected '" + ev + "', got '" + av + "' " + why);
                }
            }
        }
        return problems;
    }

    private static String cell(String col, String ev, String av, String tolerance, Map<String, String> expRow) {
        if (isMissing(ev)) {
            return isMissing(av) ? null : "(expected a missing value)";
        }
        if (ev.equals("Inf") || ev.equals("-Inf")) {
            String a = av.replace("Infinity", "Inf");
            return a.equals(ev) ? null : "(expected infinity)";
        }
        if (!NUMBER.matcher(ev).matches()) {
            if (col.equals("significance")) {
                return ev.equals(av) ? null : "(text differs)";
            }
            return null; // metadata text
        }
        if (isMissing(av)) {
            return "(a number never matches a missing value)";
        }
        if (!NUMBER.matcher(av).matches()) {
            return "(not a number)";
        }
        double e = Double.parseDouble(ev);
        double a = Double.parseDouble(av);
        double tol = Math.max(1e-12, 1e-9 * Math.abs(e));
        if ("sii_ci".equals(tolerance) && SIMULATED.matcher(col).matches()) {
            String lowerCol = col.replace("_upper", "_lower");
            String upperCol = col.replace("_lower", "_upper");
            String l = expRow.get(lowerCol);
            String u = expRow.get(upperCol);
            if (l != null && u != null && NUMBER.matcher(l.strip()).matches() && NUMBER.matcher(u.strip()).matches()) {
                tol = 0.05 * Math.abs(Double.parseDouble(u.strip()) - Double.parseDouble(l.strip()));
            }
        }
        return Math.abs(a - e) <= tol ? null : "(difference " + Math.abs(a - e) + " > " + tol + ")";
    }

    static boolean isMissing(String s) {
        return s.isEmpty() || s.equals("NA") || s.equals("NaN");
    }

    private static Map<List<String>, Map<String, String>> index(Csv csv, List<String> key, List<String> problems, String which) {
        Map<List<String>, Map<String, String>> out = new LinkedHashMap<>();
        for (Map<String, String> row : csv.rows()) {
            List<String> k = new ArrayList<>();
            for (String c : key) {
                String v = row.get(c) == null ? "" : row.get(c).strip();
                if (NUMBER.matcher(v).matches()) {
                    v = Double.toString(Double.parseDouble(v));
                }
                k.add(v);
            }
            if (out.put(k, row) != null) {
                problems.add("duplicated " + which + " row " + k);
            }
        }
        return out;
    }

    /** Columns of confidence limits, for the property tests. */
    public static final Set<String> ONE_LEVEL = Set.of("lowercl", "uppercl");
}
