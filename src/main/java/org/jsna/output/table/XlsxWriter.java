package org.jsna.output.table;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jsna.console.JsnaException;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.ReportData;

/**
 * {@code OUT/jsna.xlsx} (issue 4): one sheet per table ({@code indicators}, {@code inequalities},
 * {@code data-quality}, {@code population}) with the CSV columns, plus {@code metadata}
 * (definitions, methods, disclosure control, inputs with hashes, run settings). Written with the
 * streaming SXSSF writer. Numbers are numeric cells (empty when not calculable or suppressed) with
 * a display format; full precision is kept in the cell. Text is always a string cell, never a
 * formula, so nothing in the data can run in a spreadsheet. Header rows are frozen and filtered.
 */
public final class XlsxWriter {

    private XlsxWriter() {
    }

    static {
        // POI logs through the Log4j API; without a provider it prints an error line on stderr. jsna's
        // messages for humans go through Log, so POI's internal logging is routed to the silent
        // simple logger unless the user configured Log4j explicitly.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
            System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
            System.setProperty("log4j2.simplelogLevel", "OFF");
            System.setProperty("org.apache.logging.log4j.level", "OFF");
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle money;
        final CellStyle text;
        final CellStyle wrap;
        final CellStyle title;
        /**
         * The workbook's default style (index 0), set on every cell that has no other: the file is the
         * same as with no style, but POI then need not look for a column's default style cell by cell.
         */
        final CellStyle plain;

        Styles(SXSSFWorkbook wb) {
            plain = wb.getCellStyleAt(0);
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            integer = wb.createCellStyle();
            integer.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("\"£\"#,##0.00"));
            text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setDataFormat(wb.createDataFormat().getFormat("@"));
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = wb.createCellStyle();
            title.setFont(big);
        }
    }

    /**
     * Writes the workbook to {@code file}. The streaming workbook keeps its sheets in temporary files: in a
     * folder of the run's own beside {@code file} (in the output's temporary folder, so a stopped run leaves
     * none), deleted when the workbook is written; never POI's default, a {@code poifiles} folder in the system's
     * temporary folder that the first user to make it owns (every other user's workbook then failed) and that a
     * stopped run left files in.
     */
    public static void write(ReportData data, Path file) {
        Path work = file.resolveSibling("." + file.getFileName() + ".work");
        try {
            Files.createDirectory(work);
        } catch (IOException e) {
            throw JsnaException.io("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            TempFile.withStrategy(new DefaultTempFileCreationStrategy(work.toFile()), () -> {
                writeWorkbook(data, file);
                return null;
            });
        } finally {
            try {
                deleteWork(work);
            } catch (IOException e) {
                // within the run's temporary folder, which goes with the run
            }
        }
    }

    /** Deletes the work folder and the sheets' temporary files in it (POI makes no folders there). */
    private static void deleteWork(Path dir) throws IOException {
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void writeWorkbook(ReportData data, Path file) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            Styles st = new Styles(wb);
            indicators(wb, st, data);
            inequalities(wb, st, data);
            dataQuality(wb, st, data);
            population(wb, st, data);
            metadata(wb, st, data);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            wb.dispose();
        } catch (IOException e) {
            throw JsnaException.io("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static SXSSFSheet sheet(SXSSFWorkbook wb, Styles st, String name, String[] header, int[] widths) {
        SXSSFSheet sh = wb.createSheet(name);
        Row r = sh.createRow(0);
        for (int i = 0; i < header.length; i++) {
            Cell c = r.createCell(i);
            c.setCellValue(header[i]);
            c.setCellStyle(st.header);
            sh.setColumnWidth(i, 256 * (i < widths.length ? widths[i] : 14));
        }
        sh.createFreezePane(0, 1);
        return sh;
    }

    /** Rows a sheet holds, the header's included (Excel's 1,048,576; smaller in tests). */
    static int rowsPerSheet = org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxRows();

    /**
     * The rows of one table over as many sheets as it needs: a table longer than a sheet goes on in
     * {@code name (2)}, {@code name (3)}, …, each with the header and its filter (1,048,575 rows of
     * indicators.csv fill a sheet; writing the next ended a national run after all its work).
     */
    private static final class Pages {
        private final SXSSFWorkbook wb;
        private final Styles st;
        private final String name;
        private final String[] header;
        private final int[] widths;
        private SXSSFSheet sheet;
        private int next;
        private int sheets;

        Pages(SXSSFWorkbook wb, Styles st, String name, String[] header, int[] widths) {
            this.wb = wb;
            this.st = st;
            this.name = name;
            this.header = header;
            this.widths = widths;
            start();
        }

        private void start() {
            sheets++;
            sheet = sheet(wb, st, sheets == 1 ? name : name + " (" + sheets + ")", header, widths);
            next = 1;
        }

        Row row() {
            if (next >= rowsPerSheet) {
                finish();
                start();
            }
            return sheet.createRow(next++);
        }

        void finish() {
            filter(sheet, next - 1, header.length);
        }
    }

    private static void filter(SXSSFSheet sh, int lastRow, int columns) {
        if (lastRow >= 1) {
            sh.setAutoFilter(new CellRangeAddress(0, lastRow, 0, columns - 1));
        }
    }

    /** Excel's limit on the text of one cell (POI refuses more). */
    static final int MAX_TEXT = 32_767;

    static void text(Row r, int col, String s, CellStyle style) {
        Cell c = r.createCell(col);
        c.setCellValue(cellText(s)); // a string cell: never a formula
        c.setCellStyle(style);
    }

    /**
     * Text as a cell can hold it: at most {@value #MAX_TEXT} characters (longer text, e.g. a
     * locality name of 40,000 characters, is cut and ends with an ellipsis; the CSV has it whole).
     */
    static String cellText(String s) {
        if (s == null) {
            return "";
        }
        String whole = literal(s);
        if (whole.length() <= MAX_TEXT) {
            return whole;
        }
        // the longest start whose stored form (escapes included) and an ellipsis fit: the stored length only
        // grows with the start, so search it
        int lo = 0;
        int hi = Math.min(s.length(), MAX_TEXT - 1);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (literal(s.substring(0, mid)).length() + 1 <= MAX_TEXT) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int end = lo;
        if (end > 0 && end < s.length() && Character.isLowSurrogate(s.charAt(end))
                && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return literal(s.substring(0, end)) + "…";
    }

    /** {@code _xHHHH_}: how OOXML writes a character in a cell's text, which a spreadsheet decodes on reading. */
    private static final java.util.regex.Pattern OOXML_ESCAPE = java.util.regex.Pattern.compile("_(x[0-9A-Fa-f]{4}_)");

    /**
     * The text as the workbook must store it to be read back as it is: each {@code _xHHHH_} in it (a locality
     * named {@code _x003D_HYPERLINK(...)} would read as {@code =HYPERLINK(...)}) gets its underscore written as
     * {@code _x005F_}, as Excel itself does.
     */
    static String literal(String s) {
        return s.indexOf("_x") < 0 ? s : OOXML_ESCAPE.matcher(s).replaceAll("_x005F_$1");
    }

    /** A numeric cell in {@code style}; NaN is a blank cell and an infinity the text Inf or -Inf, both in {@code plain}. */
    static void number(Row r, int col, double v, CellStyle style, CellStyle plain) {
        Cell c = r.createCell(col);
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            c.setCellValue(v);
            c.setCellStyle(style);
        } else {
            if (Double.isInfinite(v)) {
                c.setCellValue(v > 0 ? "Inf" : "-Inf");
            }
            c.setCellStyle(plain);
        }
    }

    private static boolean money(String unit) {
        return unit != null && unit.startsWith("£");
    }

    private static void indicators(SXSSFWorkbook wb, Styles st, ReportData data) {
        int[] w = {22, 40, 9, 20, 16, 18, 18, 11, 12, 11, 11, 11, 11, 11, 14, 22, 12, 14, 14, 36, 20, 28};
        Pages sh = new Pages(wb, st, "indicators", IndicatorRow.HEADER, w);
        for (IndicatorRow x : data.indicators()) {
            Row r = sh.row();
            text(r, 0, x.indicatorId, st.plain);
            text(r, 1, x.indicatorName, st.plain);
            text(r, 2, x.period, st.text);
            text(r, 3, x.clientGroup, st.plain);
            text(r, 4, x.locality, st.plain);
            text(r, 5, x.categoryType, st.plain);
            text(r, 6, x.category, st.text);
            boolean pounds = money(x.unit);
            boolean share = "funder_share_pct".equals(x.indicatorId);
            number(r, 7, x.count, pounds || share ? st.money : st.integer, st.plain);
            number(r, 8, x.denominator, share ? st.money : st.integer, st.plain);
            CellStyle v = pounds ? st.money : st.decimal;
            number(r, 9, x.value, v, st.plain);
            number(r, 10, x.lower95, v, st.plain);
            number(r, 11, x.upper95, v, st.plain);
            number(r, 12, x.lower998, v, st.plain);
            number(r, 13, x.upper998, v, st.plain);
            text(r, 14, x.unit, st.plain);
            text(r, 15, x.method, st.plain);
            number(r, 16, x.comparatorValue, v, st.plain);
            text(r, 17, x.comparedToArea95, st.plain);
            text(r, 18, x.comparedToArea998, st.plain);
            text(r, 19, x.valueNote, st.plain);
            text(r, 20, x.recentTrend, st.plain);
            text(r, 21, x.recentTrendReason, st.plain);
        }
        sh.finish();
    }

    private static void inequalities(SXSSFWorkbook wb, Styles st, ReportData data) {
        int[] w = {22, 9, 20, 11, 12, 12, 9, 12, 12, 14, 40};
        Pages sh = new Pages(wb, st, "inequalities", InequalityRow.HEADER, w);
        for (InequalityRow x : data.inequalities()) {
            Row r = sh.row();
            text(r, 0, x.indicatorId, st.plain);
            text(r, 1, x.period, st.text);
            text(r, 2, x.clientGroup, st.plain);
            double[] v = {x.sii, x.siiLower95, x.siiUpper95, x.rii, x.riiLower95, x.riiUpper95,
                x.ratioMostLeastDeprived};
            for (int i = 0; i < v.length; i++) {
                number(r, 3 + i, v[i], st.decimal, st.plain);
            }
            text(r, 10, x.valueNote, st.plain);
        }
        sh.finish();
    }

    private static void dataQuality(SXSSFWorkbook wb, Styles st, ReportData data) {
        // the CSV's columns, note included: a withheld count says why it is empty, as in data-quality.csv
        SXSSFSheet sh = sheet(wb, st, "data-quality", new String[] {"file", "item", "count", "note"},
                new int[] {24, 34, 12, 46});
        int n = 1;
        for (DataQualityItem x : data.dataQuality()) {
            Row r = sh.createRow(n++);
            text(r, 0, x.file(), st.plain);
            text(r, 1, x.item(), st.plain);
            if (x.withheld()) {
                text(r, 2, "", st.plain); // a file total that would give back a suppressed count
                text(r, 3, CsvTables.WITHHELD, st.plain);
            } else {
                number(r, 2, x.count(), st.integer, st.plain);
                text(r, 3, "", st.plain);
            }
        }
        filter(sh, n - 1, 4);
    }

    private static void population(SXSSFWorkbook wb, Styles st, ReportData data) {
        Pages sh = new Pages(wb, st, "population", new String[] {"year", "locality", "sex", "age_band", "population"},
                new int[] {8, 22, 6, 10, 12});
        for (org.jsna.indicators.PopulationCell x : data.population()) {
            Row r = sh.row();
            number(r, 0, x.year(), st.plain, st.plain);
            text(r, 1, x.locality(), st.plain);
            text(r, 2, String.valueOf(x.sex()), st.plain);
            text(r, 3, x.ageBand(), st.text);
            number(r, 4, x.population(), st.integer, st.plain);
        }
        sh.finish();
    }

    /** Rows of the metadata sheet: section title rows and two-to-eight-column rows. */
    private static void metadata(SXSSFWorkbook wb, Styles st, ReportData data) {
        SXSSFSheet sh = wb.createSheet("metadata");
        int[] w = {26, 44, 40, 34, 14, 22, 14, 12};
        for (int i = 0; i < w.length; i++) {
            sh.setColumnWidth(i, 256 * w[i]);
        }
        List<String[]> rows = new ArrayList<>();
        int[] n = {0};
        java.util.function.Consumer<String> section = title -> {
            if (n[0] > 0) {
                n[0]++;
            }
            Row r = sh.createRow(n[0]++);
            text(r, 0, title, st.title);
        };
        java.util.function.BiConsumer<String[], Boolean> line = (cells, head) -> {
            Row r = sh.createRow(n[0]++);
            for (int i = 0; i < cells.length; i++) {
                text(r, i, cells[i], head ? st.header : st.wrap);
            }
        };
        section.accept("jsna: joint strategic needs assessment tables");
        line.accept(new String[] {"About", "Sheets indicators, inequalities, data-quality and population hold the same "
                + "tables as the CSV files of the run. Empty cells are not calculable or suppressed; value_note says "
                + "why."}, false);
        section.accept("Indicator definitions");
        line.accept(new String[] {"indicator_id", "name", "numerator", "denominator", "unit", "method", "polarity",
            "deciles"}, true);
        for (Indicator i : Indicator.values()) {
            line.accept(new String[] {i.id, i.label, i.numerator, i.denominator, i.unit, i.method, i.polarity,
                i.decile ? "yes" : "no"}, false);
        }
        section.accept("Methods");
        for (String[] m : METHODS) {
            line.accept(m, false);
        }
        section.accept("Disclosure control");
        line.accept(new String[] {"Applied", data.suppression() ? "yes" : "NO: disclosure control was turned off "
                + "(--no-suppression); these tables are for internal use only"}, false);
        for (String[] m : SUPPRESSION) {
            line.accept(new String[] {m[0], m[1].replace(COUNTS, data.suppressedCounts(" to "))}, false);
        }
        section.accept("Inputs");
        line.accept(new String[] {"role", "path", "sha256", "encoding", "bytes", "rows_read", "rows_used",
            "rows_rejected"}, true);
        Object inputs = data.manifest() == null ? null : data.manifest().get("inputs");
        if (inputs instanceof List<?>) {
            for (Object o : (List<?>) inputs) {
                if (o instanceof Map<?, ?>) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    Row r = sh.createRow(n[0]++);
                    String[] keys = {"role", "path", "sha256", "encoding"};
                    for (int i = 0; i < keys.length; i++) {
                        text(r, i, str(m.get(keys[i])), st.plain);
                    }
                    String[] nums = {"bytes", "rows_read", "rows_used", "rows_rejected"};
                    for (int i = 0; i < nums.length; i++) {
                        Object v = m.get(nums[i]);
                        if (v instanceof Number) {
                            number(r, 4 + i, ((Number) v).doubleValue(), st.integer, st.plain);
                        } else {
                            text(r, 4 + i, str(v), st.plain);
                        }
                    }
                }
            }
        }
        section.accept("Run");
        if (data.manifest() != null) {
            for (Map.Entry<String, Object> e : data.manifest().entrySet()) {
                if (e.getKey().equals("inputs") || e.getKey().equals("outputs")) {
                    continue;
                }
                line.accept(new String[] {e.getKey(), str(e.getValue())}, false);
            }
        }
        line.accept(new String[] {"periods", String.join(", ", data.periods())}, false);
        line.accept(new String[] {"localities", String.join(", ", data.localities())}, false);
        List<String> groups = new ArrayList<>();
        data.clientGroups().forEach((k, v) -> groups.add(k + " (" + v + ")"));
        line.accept(new String[] {"client groups", String.join(", ", groups)}, false);
        rows.clear();
    }

    static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    static final String[][] METHODS = {
        {"Rates (per 1,000)", "Crude rate = count / population × 1,000. 95% and 99.8% confidence intervals by Byar's "
            + "method, exact Poisson (chi-square) limits when the count is under 10."},
        {"Directly standardised rate", "Referrals per 100,000 standardised to the European Standard Population 2013; "
            + "confidence intervals by Dobson's method; not calculated when the count is under 10."},
        {"Percentages", "Proportion × 100 with Wilson score confidence intervals."},
        {"Cost per user", "Mean of people's total cost with Student's t-distribution confidence intervals."},
        {"Waits", "Median (mean of the two middle values when n is even) and nearest-rank 90th percentile."},
        {"Comparison with the area", "A locality is higher (lower) when its confidence interval lies wholly above "
            + "(below) the whole-area value, similar when it contains it. Demand indicators have no polarity."},
        {"Inequality", "Slope index of inequality (SII) and relative index of inequality (RII) across the ten "
            + "deprivation deciles (1 = most deprived), 95% CIs by simulation as PHEindicatormethods; a negative SII "
            + "means more demand in more deprived areas."},
        {"Reference", "Methods follow the R package PHEindicatormethods (UK Health Security Agency)."},
    };

    /** Where the suppression rows name the configured range of counts. */
    private static final String COUNTS = "{counts}";

    static final String[][] SUPPRESSION = {
        {"Primary", "A row whose numerator or count-based denominator is " + COUNTS + " is suppressed: count, "
            + "denominator, value and confidence limits are left empty and value_note begins with 'suppressed'."},
        {"Secondary", "Where a set of localities, deciles or categories holds exactly one suppressed row, the next "
            + "smallest row is suppressed too, so it cannot be worked out by subtraction."},
        {"Money", "For cost indicators the disclosure count is the number of distinct people behind the amount."},
    };
}
