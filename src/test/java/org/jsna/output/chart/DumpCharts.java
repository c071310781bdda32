package org.jsna.output.chart;

import java.nio.file.Path;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.report.HtmlReport;
import org.jsna.output.table.XlsxWriter;

/** Manual helper (not a test): writes the full fixture's charts, workbook and report into a folder to look at. */
public final class DumpCharts {
    public static void main(String[] args) {
        ReportData data = args.length > 1 && args[1].equals("small") ? ReportFixture.small() : ReportFixture.build();
        Path out = Path.of(args[0]);
        long t0 = System.nanoTime();
        int n = ChartRenderer.renderAll(data, out.resolve("charts"), true, true, 2).size();
        long t1 = System.nanoTime();
        XlsxWriter.write(data, out.resolve("jsna.xlsx"));
        HtmlReport.write(data, out, out.resolve("report.html"));
        long t2 = System.nanoTime();
        System.err.printf("%d chart files in %.1f s; workbook and report in %.1f s%n", n, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
