package org.jsna.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.console.JsnaException;
import org.jsna.console.Streams;
import org.jsna.indicators.Indicator;
import org.jsna.output.Json;
import org.jsna.output.table.CellFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jsna indicators}: the indicator catalogue, as data on stdout. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "List the indicator catalogue: id, name, numerator, denominator, unit, method, polarity, "
                + "decile (whether deprivation-decile rows are made) and category_type. Written to stdout (UTF-8).",
        footerHeading = "%nExample:%n",
        footer = {"  jsna indicators --format csv > catalogue.csv"})
public final class IndicatorsCommand implements Runnable {

    /** Output formats. */
    @SuppressWarnings("java:S115") // lower case so that messages list the values as they are typed
    enum Format { text, csv, json }

    /** Columns of the csv and json forms, in this order. */
    static final List<String> COLUMNS = List.of("id", "name", "numerator", "denominator", "unit", "method",
            "polarity", "decile", "category_type", "base");

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public void run() {
        PrintStream out = new PrintStream(Streams.out(), false, StandardCharsets.UTF_8);
        switch (format) {
            case csv -> csv(out);
            case json -> out.print(json());
            default -> out.print(text());
        }
        // A reader that stops early (`jsna indicators | head -3`) closes the pipe: that is not an
        // error (style.md), so a failed write to stdout ends quietly with exit 0.
        out.flush();
    }

    private static List<String> values(Indicator i) {
        return List.of(i.id, i.label, i.numerator, i.denominator, i.unit, i.method, i.polarity,
                Boolean.toString(i.decile), i.categoryType == null ? "" : i.categoryType,
                i.base.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void csv(PrintStream out) {
        try {
            CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180);
            p.printRecord(COLUMNS);
            for (Indicator i : Indicator.values()) {
                p.printRecord(values(i).stream().map(CellFormat::text).toList());
            }
            p.flush();
        } catch (IOException e) {
            throw JsnaException.io("cannot write the catalogue to stdout (" + e.getMessage() + ")", e);
        }
    }

    static String json() {
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

    static String text() {
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
            line(sb, "base", i.base.name().toLowerCase(java.util.Locale.ROOT));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(key).append(':').append(" ".repeat(15 - key.length())).append(value).append('\n');
    }
}
