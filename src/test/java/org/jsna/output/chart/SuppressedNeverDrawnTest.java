package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.IntervalCategoryDataset;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.report.HtmlReport;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 3 (chart side): nothing drawn or written in the report comes from a suppressed
 * row. Every suppressed row of the fixture is "poisoned": its cells keep huge, recognisable
 * numbers, as if disclosure control had marked it but not blanked it. No chart text, axis,
 * range, line or sentence may then show or be shaped by those numbers.
 */
class SuppressedNeverDrawnTest {

    static final double VALUE = 7_777_777.25;
    static final double LOWER = 6_666_666;
    static final double UPPER = 8_888_888;
    static final double COUNT = 5_555_555;
    static final double DENOMINATOR = 9_999_999;
    /** Any number of a million or more, as the charts format it. */
    static final Pattern MILLIONS = Pattern.compile("\\d{1,3}(,\\d{3}){2,}|\\d{7,}");
    static final List<String> POISON = List.of("7,777,7", "6,666,6", "8,888,8", "5,555,5", "9,999,9", "77777", "66666",
            "88888", "55555", "99999");

    static ReportData poisoned(List<String> periods) {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, periods, 3);
        int n = 0;
        for (IndicatorRow r : data.indicators()) {
            if (ReportTables.isSuppressed(r)) {
                poison(r);
                n++;
            }
        }
        assertTrue(n > 20, "the fixture suppresses rows: " + n);
        return data;
    }

    static void poison(IndicatorRow r) {
        r.value = VALUE;
        r.lower95 = LOWER;
        r.upper95 = UPPER;
        r.lower998 = LOWER;
        r.upper998 = UPPER;
        r.count = COUNT;
        r.denominator = DENOMINATOR;
        r.comparedToArea95 = "higher";
        r.comparedToArea998 = "higher";
        r.suppressed = true;
        if (!r.valueNote.startsWith("suppressed")) {
            r.valueNote = "suppressed (small number)";
        }
    }

    @Test
    void noChartShowsOrIsScaledByASuppressedCell() {
        ReportData data = poisoned(List.of("2022/23", "2023/24"));
        Map<String, ChartSpec> plan = ChartRenderer.plan(data);
        assertTrue(plan.size() > 50);
        for (Map.Entry<String, ChartSpec> e : plan.entrySet()) {
            String text = String.join(" | ", BoardChartsTest.texts(ChartRenderer.svgDocument(e.getValue(), e.getKey())));
            Matcher m = MILLIONS.matcher(text);
            assertFalse(m.find(), () -> e.getKey() + " shows or is scaled by a suppressed cell: " + text);
            for (String p : POISON) {
                assertFalse(text.contains(p), () -> e.getKey() + " shows " + p);
            }
        }
    }

    @Test
    void theReportSaysNothingFromASuppressedCell() {
        ReportData data = poisoned(List.of("2022/23", "2023/24"));
        String html = HtmlReport.render(data, null);
        // the embedded charts are checked above; here the words and tables around them
        String words = html.replaceAll("data:image/svg\\+xml;base64,[A-Za-z0-9+/=]+", "data:");
        for (String p : POISON) {
            assertFalse(words.contains(p), "report.html shows " + p);
        }
        // a suppressed locality is never named as higher than the area, though its poisoned row says so
        Matcher m = Pattern.compile("Significantly <span class=\"hi\">higher</span> than the area: ([^.]*)\\.")
                .matcher(words);
        while (m.find()) {
            assertFalse(m.group(1).contains(ReportFixture.LOCALITIES.get(3)) && m.group(1).contains("7,777"),
                    m.group(1));
        }
        // and the embedded charts are the same checked charts
        Matcher img = Pattern.compile("data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int n = 0;
        while (img.find()) {
            String svg = new String(Base64.getDecoder().decode(img.group(1)), StandardCharsets.UTF_8);
            assertFalse(MILLIONS.matcher(String.join(" ", BoardChartsTest.texts(svg))).find());
            n++;
        }
        assertTrue(n > 5);
    }

    @Test
    void spineRangesComeFromPublishedLocalitiesOnly() {
        ReportData data = poisoned(List.of("2023/24"));
        ReportTables rows = new ReportTables(data);
        String group = "learning_disability"; // the fixture suppresses localities of this small group
        String loc = ReportFixture.LOCALITIES.get(0);
        JFreeChart chart = Charts.spine(rows, loc, "2023/24", group);
        IntervalCategoryDataset range = (IntervalCategoryDataset) ((CategoryPlot) chart.getPlot()).getDataset(0);
        List<String> ids = rows.plainIndicatorIds();
        int checked = 0;
        for (int c = 0; c < ids.size(); c++) {
            String id = ids.get(c);
            IndicatorRow area = rows.get(id, "2023/24", group, "All");
            double min = Double.NaN;
            double max = Double.NaN;
            boolean anySuppressed = false;
            for (String l : data.localities()) {
                IndicatorRow r = rows.get(id, "2023/24", group, l);
                anySuppressed |= ReportTables.isSuppressed(r);
                if (ReportTables.shown(r)) {
                    min = Double.isNaN(min) ? r.value : Math.min(min, r.value);
                    max = Double.isNaN(max) ? r.value : Math.max(max, r.value);
                }
            }
            if (!ReportTables.shown(area) || Double.isNaN(min)) {
                continue;
            }
            double span = Math.max(Math.abs(min - area.value), Math.abs(max - area.value));
            if (span == 0) {
                continue;
            }
            assertEquals((min - area.value) / span, range.getStartValue(0, c).doubleValue(), 1e-9, id);
            assertEquals((max - area.value) / span, range.getEndValue(0, c).doubleValue(), 1e-9, id);
            if (anySuppressed) {
                checked++;
            }
        }
        assertTrue(checked > 0, "some indicator had a suppressed locality");
    }

    @Test
    void aSuppressedWholeAreaGivesNoFunnelAndNoAreaLine() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 1);
        for (IndicatorRow r : data.indicators()) {
            if (r.isAll() && r.categoryType.isEmpty() && r.indicatorId.equals("referrals_rate")) {
                poison(r);
            }
        }
        ChartPlan plan = ChartRenderer.fullPlan(data);
        assertNull(plan.charts().get("funnel--referrals-rate--mental-health--all--2023-24"));
        ChartPlan.Omitted o = plan.omitted().stream().filter(x -> x.kind().equals("funnel")).findFirst().orElseThrow();
        assertEquals("the whole area's rate is suppressed (small numbers)", o.reason());
        String svg = ChartRenderer.svgDocument(plan.charts().get("localities--referrals-rate--mental-health--all--2023-24"),
                "x");
        String text = String.join(" ", BoardChartsTest.texts(svg));
        assertFalse(text.contains("Area 7"), text);
        assertTrue(text.contains("the whole-area value is suppressed"), text);
        assertNotNull(plan.charts().get("localities--referrals-rate--mental-health--all--2023-24"));
        // a spine's label says the area's value is suppressed, as the CSV and the report's tables do ("n/a" is the
        // legend's "not calculable")
        String spine = null;
        for (Map.Entry<String, ChartSpec> e : plan.charts().entrySet()) {
            if (e.getKey().startsWith("spine--") && e.getKey().contains("--mental-health--")) {
                spine = String.join(" ", BoardChartsTest.texts(ChartRenderer.svgDocument(e.getValue(), e.getKey())));
                break;
            }
        }
        assertNotNull(spine, "a spine chart of the group");
        assertTrue(spine.contains("(area suppressed)"), spine);
    }
}
