package org.jsna.cli;

import java.nio.file.Path;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportJob;
import org.jsna.output.chart.ChartRenderer;
import org.jsna.output.report.HtmlReport;
import org.jsna.output.table.XlsxWriter;

/** Draws the formats of {@code jsna report} beyond CSV: the workbook, the charts and the HTML report. */
final class ReportRenderers {

    private ReportRenderers() {
    }

    static void render(ReportData data, Path dir, ReportJob.Options o) {
        if (o.formats().contains("xlsx")) {
            XlsxWriter.write(data, dir.resolve("jsna.xlsx"));
        }
        boolean png = o.formats().contains("png");
        boolean svg = o.formats().contains("svg");
        if (png || svg) {
            ChartRenderer.renderAll(data, dir.resolve("charts"), png, svg, o.threads());
        }
        if (o.formats().contains("html")) {
            HtmlReport.write(data, dir, dir.resolve("report.html"));
        }
    }
}
