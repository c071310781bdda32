package org.jsna.output.table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;

/**
 * The CSV tables of {@code jsna report} (cli.md): UTF-8, RFC 4180 (CRLF, quotes only where needed),
 * one header row, every number through {@link CellFormat} and every text through {@link CellFormat#text}.
 */
public final class CsvTables {

    private CsvTables() {
    }

    static CSVPrinter open(Path file, String[] header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180);
        p.printRecord((Object[]) header);
        return p;
    }

    /** A count column: an integer when whole (counts of people and records), else a plain decimal (pounds). */
    static String count(double v) {
        return CellFormat.number(v);
    }

    public static void writeIndicators(List<IndicatorRow> rows, Path file) throws IOException {
        try (CSVPrinter p = open(file, IndicatorRow.HEADER)) {
            for (IndicatorRow r : rows) {
                p.printRecord(CellFormat.text(r.indicatorId), CellFormat.text(r.indicatorName), CellFormat.text(r.period),
                        CellFormat.text(r.clientGroup), CellFormat.text(r.locality), CellFormat.text(r.categoryType),
                        CellFormat.text(r.category), count(r.count), CellFormat.number(r.denominator), CellFormat.number(r.value),
                        CellFormat.number(r.lower95), CellFormat.number(r.upper95), CellFormat.number(r.lower998),
                        CellFormat.number(r.upper998), CellFormat.text(r.unit), CellFormat.text(r.method),
                        CellFormat.number(r.comparatorValue), CellFormat.text(r.comparedToArea95),
                        CellFormat.text(r.comparedToArea998), CellFormat.text(r.valueNote),
                        CellFormat.text(r.recentTrend), CellFormat.text(r.recentTrendReason));
            }
        }
    }

    public static void writeInequalities(List<InequalityRow> rows, Path file) throws IOException {
        try (CSVPrinter p = open(file, InequalityRow.HEADER)) {
            for (InequalityRow r : rows) {
                p.printRecord(CellFormat.text(r.indicatorId), CellFormat.text(r.period), CellFormat.text(r.clientGroup),
                        CellFormat.number(r.sii), CellFormat.number(r.siiLower95), CellFormat.number(r.siiUpper95),
                        CellFormat.number(r.rii), CellFormat.number(r.riiLower95), CellFormat.number(r.riiUpper95),
                        CellFormat.number(r.ratioMostLeastDeprived), CellFormat.text(r.valueNote));
            }
        }
    }

    /** The note of a data-quality count withheld by disclosure control. */
    public static final String WITHHELD = "withheld: it would give back a suppressed count";

    public static void writeDataQuality(List<DataQualityItem> items, Path file) throws IOException {
        try (CSVPrinter p = open(file, new String[] {"file", "item", "count", "note"})) {
            for (DataQualityItem i : items) {
                p.printRecord(CellFormat.text(i.file()), CellFormat.text(i.item()), i.withheld() ? "" : CellFormat.count(i.count()),
                        i.withheld() ? WITHHELD : "");
            }
        }
    }

    /**
     * rejects.csv, written as rejects arrive: {@code file, line, column, reason, row}. The fifth column
     * keeps its contract name {@code row} (cli.md: columns are never renamed) but holds only the
     * offending value (docs/outputs.md), never the rest of the row; it is empty when the value is an
     * identifier, a birth date or year of birth, or when the defect is the row's shape. Text cells are
     * guarded against spreadsheet formulas ({@link CellFormat#text}); a NUL byte is never written (it is shown
     * as in messages, a backslash and u0000).
     */
    public static final class Rejects implements AutoCloseable {
        /** The header of rejects.csv. */
        public static final String[] HEADER = {"file", "line", "column", "reason", "row"};
        private final CSVPrinter printer;
        private long written;

        public Rejects(Path file) throws IOException {
            printer = open(file, HEADER);
        }

        public void add(String file, long line, String column, String reason, String value) throws IOException {
            printer.printRecord(safe(file), Long.toString(line), safe(column), safe(reason), safe(value));
            written++;
        }

        private static String safe(String s) {
            return CellFormat.text(s == null ? "" : s.replace("\0", "\\u0000"));
        }

        public long written() {
            return written;
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }
    }
}
