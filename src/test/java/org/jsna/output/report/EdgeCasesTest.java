package org.jsna.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.chart.ChartRenderer;
import org.jsna.output.table.XlsxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs of degenerate runs: nothing to draw must still give a valid workbook and page, never a crash. */
class EdgeCasesTest {

    @Test
    void emptyTablesGiveNoChartsAndAValidWorkbookAndPage(@TempDir Path dir) throws Exception {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("carers", "Carers");
        ReportData empty = new ReportData(List.of(), List.of(), List.of(), List.of(), List.of("North", "South"),
                groups, List.of(), false, new LinkedHashMap<>());
        assertEquals(List.of(), ChartRenderer.renderAll(empty, dir.resolve("charts"), true, true, 2));
        XlsxWriter.write(empty, dir.resolve("jsna.xlsx"));
        assertTrue(Files.size(dir.resolve("jsna.xlsx")) > 0);
        HtmlReport.write(empty, dir, dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        HtmlReportTest.parse(html);
        assertTrue(html.contains("Disclosure control was turned off"));
        assertTrue(html.contains("No periods to report."));
    }

    @Test
    void everyLocalitySuppressedOrMissingStillDraws(@TempDir Path dir) throws Exception {
        ReportData full = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023"), 1);
        List<IndicatorRow> rows = new ArrayList<>();
        for (IndicatorRow r : full.indicators()) {
            if (!r.isAll() && !r.isUnknown()) {
                r.count = Double.NaN;
                r.denominator = Double.NaN;
                r.value = Double.NaN;
                r.lower95 = Double.NaN;
                r.upper95 = Double.NaN;
                r.suppressed = true;
                r.valueNote = "suppressed";
            }
            rows.add(r);
        }
        ReportData data = new ReportData(rows, List.of(), List.of(), full.dataQuality(), full.localities(),
                full.clientGroups(), full.periods(), true, full.manifest());
        List<Path> files = ChartRenderer.renderAll(data, dir.resolve("charts"), true, false, 2);
        assertTrue(files.size() > 10);
        HtmlReport.write(data, dir, dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        HtmlReportTest.parse(html);
        assertTrue(html.contains("Not shown to protect confidentiality (small numbers): Eastfield, Hillcrest"));
        // with every locality hidden nothing was compared, so the page must not say "no difference"
        assertTrue(html.contains("No locality could be compared with the area."));
        assertTrue(!html.contains("No locality was significantly different"));
        // nor must the summary say that no locality is higher or lower
        assertTrue(html.contains("No locality's referral rate could be compared with the area's"), "summary");
        assertTrue(!html.contains("than the area: no locality"), "summary");
    }

    @Test
    void oneLocalityIsTheWholeAreaAndIsNotSummarisedAsDifferent(@TempDir Path dir) throws Exception {
        ReportData one = ReportFixture.build(List.of("Farnbury"), List.of("2023"), 2);
        HtmlReport.write(one, dir, dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        HtmlReportTest.parse(html);
        assertTrue(html.contains("One locality, Farnbury: the whole area, so no locality is compared with it."),
                "summary");
        assertTrue(!html.contains("than the area: no locality"), "summary");
    }
}
