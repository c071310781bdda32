package org.jsna.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.indicators.Indicator;
import org.jsna.output.table.CellFormat;

/**
 * The indicator catalogue ({@link Indicator}) as {@code jsna indicators} writes it: a text listing, an RFC 4180
 * CSV (text cells guarded as in every CSV jsna writes) or JSON, with the columns {@link #COLUMNS} in this order.
 */
public final class Catalogue {

    /** Columns of the csv and json forms, in this order. */
    public static final List<String> COLUMNS = List.of("id", "name", "numerator", "denominator", "unit", "method",
            "polarity", "decile", "category_type", "base");

    private Catalogue() {
    }

    private static List<String> values(Indicator i) {
        return List.of(i.id, i.label, i.numerator, i.denominator, i.unit, i.method, i.polarity,
                Boolean.toString(i.decile), i.categoryType == null ? "" : i.categoryType,
                i.base.name().toLowerCase(Locale.ROOT));
    }

    /** A header row and one row per indicator. */
    public static String csv() {
        StringBuilder sb = new StringBuilder();
        try {
            CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180);
            p.printRecord(COLUMNS);
            for (Indicator i : Indicator.values()) {
                p.printRecord(values(i).stream().map(CellFormat::text).toList());
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return sb.toString();
    }

    /** An array of one object per indicator; {@code decile} a boolean, {@code category_type} null when none. */
    public static String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            List<String> v = values(i);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                String col = COLUMNS.get(c);
                if (col.equals("decile")) {
                    row.put(col, i.decile);
                } else if (col.equals("category_type")) {
                    row.put(col, i.categoryType);
                } else {
                    row.put(col, v.get(c));
                }
            }
            rows.add(row);
        }
        return Json.write(rows);
    }

    /** Per indicator its id and name, then one indented line per attribute, then a blank line. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        for (Indicator i : Indicator.values()) {
            sb.append(i.id).append("  ").append(i.label).append('\n');
            line(sb, "numerator", i.numerator);
            line(sb, "denominator", i.denominator);
            line(sb, "unit", i.unit);
            line(sb, "method", i.method);
            line(sb, "polarity", i.polarity);
            line(sb, "decile", i.decile ? "yes" : "no");
            line(sb, "category_type", i.categoryType == null ? "-" : i.categoryType);
            line(sb, "base", i.base.name().toLowerCase(Locale.ROOT));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(key).append(':').append(" ".repeat(15 - key.length())).append(value).append('\n');
    }
}
