package org.jsna.output.chart;

import java.nio.file.Path;

/** Manual helper: renders the fixture's charts into a folder to look at. Not a test. */
public final class DumpCharts {
    public static void main(String[] args) {
        ChartRenderer.renderAll(org.jsna.output.ReportFixture.small(), Path.of(args[0]), true, true, 2);
    }
}
