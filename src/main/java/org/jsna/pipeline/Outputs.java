package org.jsna.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.jsna.indicators.ReportData;
import org.jsna.output.chart.ChartRenderer;
import org.jsna.output.report.HtmlReport;
import org.jsna.output.table.CsvTables;
import org.jsna.output.table.XlsxWriter;

/** Writes the formats asked for (csv, xlsx, png, svg, html) from the finished report data into {@code dir}. */
final class Outputs {

    private Outputs() {
    }

    static void write(ReportData data, Path dir, Set<String> formats, int threads, OutputFolder folder)
            throws IOException {
        if (formats.contains("csv")) {
            CsvTables.writeIndicators(data.indicators(), dir.resolve("indicators.csv"));
            CsvTables.writeInequalities(data.inequalities(), dir.resolve("inequalities.csv"));
            CsvTables.writeDataQuality(data.dataQuality(), dir.resolve("data-quality.csv"));
        }
        folder.checkNotStopped();
        if (formats.contains("xlsx")) {
            XlsxWriter.write(data, dir.resolve("jsna.xlsx"));
        }
        folder.checkNotStopped();
        boolean png = formats.contains("png");
        boolean svg = formats.contains("svg");
        if (png || svg) {
            ChartRenderer.renderAll(data, dir.resolve("charts"), png, svg, threads);
        }
        folder.checkNotStopped();
        if (formats.contains("html")) {
            HtmlReport.write(data, dir, dir.resolve("report.html"));
        }
    }
}
