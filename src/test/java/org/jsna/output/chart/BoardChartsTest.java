package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.report.HtmlReport;
import org.junit.jupiter.api.Test;

/** Issue 7, item 8: the charts as a Health and Wellbeing Board reads them. */
class BoardChartsTest {

    private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

    /** The text a reader sees in an SVG, one string per text element. */
    static List<String> texts(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = TEXT.matcher(svg);
        while (m.find()) {
            out.add(m.group(1).replace("&apos;", "'").replace("&amp;", "&").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&quot;", "\""));
        }
        return out;
    }

    static String svg(ReportData data, String name) {
        ChartSpec spec = ChartRenderer.plan(data).get(name);
        assertNotNull(spec, () -> name + " not in the plan: " + ChartRenderer.plan(data).keySet());
        return ChartRenderer.svgDocument(spec, name);
    }

    static String rgb(Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    // ---------------------------------------------------------------- pyramid

    @Test
    void pyramidTicksAreAFewRoundPercentages() {
        Set<Double> round = Set.of(0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0);
        for (double max = 0.05; max <= 60; max *= 1.07) {
            double step = Charts.pyramidStep(max);
            assertTrue(round.contains(step), "step " + step);
            double perSide = Math.ceil(max * 1.04 / step - 1e-9);
            assertTrue(perSide <= 4, max + ": " + perSide + " ticks a side");
            assertTrue(perSide >= 2 || step == 0.1, max + ": only " + perSide + " tick a side at step " + step);
        }
        assertEquals(1.0, Charts.pyramidStep(3.3));
        assertEquals(2.0, Charts.pyramidStep(4.2));
        assertEquals(5.0, Charts.pyramidStep(12));
        // the rendered pyramid: tick labels are the round steps, at most 4 a side and 0
        String svg = svg(ReportFixture.small(), "pyramid--population--all--all--2023");
        List<String> ticks = texts(svg).stream().filter(t -> t.matches("[0-9.]+")).toList();
        assertTrue(ticks.size() >= 3 && ticks.size() <= 9, "tick labels " + ticks);
        for (String t : ticks) {
            double v = Double.parseDouble(t);
            assertEquals(0, v % 0.5, 1e-9, "round tick " + t);
        }
    }

    @Test
    void pyramidSexesAreNotTheComparisonColours() {
        for (Color c : List.of(Palette.MALE, Palette.FEMALE)) {
            assertNotEquals(Palette.HIGHER, c);
            assertNotEquals(Palette.LOWER, c);
            assertNotEquals(Palette.SIMILAR, c);
        }
        String svg = svg(ReportFixture.small(), "pyramid--population--all--all--2023");
        assertTrue(svg.contains(rgb(Palette.MALE)) && svg.contains(rgb(Palette.FEMALE)));
        assertFalse(svg.contains(rgb(Palette.HIGHER)), "orange means 'higher than the area' elsewhere");
        assertFalse(svg.contains(rgb(Palette.LOWER)), "blue means 'lower than the area' elsewhere");
    }

    // ---------------------------------------------------------------- waits

    @Test
    void waitChartsDoNotClaimIntervalsTheyLack() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2022/23", "2023/24"), 1);
        for (String id : List.of("wait_days_median", "wait_days_p90")) {
            for (String name : List.of("localities--" + Slug.of(id) + "--mental-health--all--2023-24",
                    "trend--" + Slug.of(id) + "--mental-health--all--all")) {
                String all = String.join(" ", texts(svg(data, name)));
                assertFalse(all.contains("95% confidence interval"), name + ": " + all);
                assertFalse(all.contains("95% CI"), name + ": " + all);
                assertFalse(all.contains("Higher than the area"), name);
                assertFalse(all.contains("Method: none"), name);
                assertTrue(all.contains("no confidence interval") || all.contains("No confidence interval"), name);
            }
        }
        // a measure with intervals still says so
        String rate = String.join(" ", texts(svg(data, "localities--referrals-rate--mental-health--all--2023-24")));
        assertTrue(rate.contains("95% confidence interval"));
    }

    @Test
    void aRateWhoseLocalitiesAreAllSuppressedIsStillAMeasureWithIntervals() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 1);
        for (IndicatorRow r : data.indicators()) {
            if (!r.isAll() && r.indicatorId.equals("referrals_rate")) {
                r.value = Double.NaN;
                r.lower95 = Double.NaN;
                r.upper95 = Double.NaN;
                r.suppressed = true;
                r.valueNote = "suppressed (small number)";
            }
        }
        String all = String.join(" ", texts(svg(data, "localities--referrals-rate--mental-health--all--2023-24")));
        assertFalse(all.contains("no confidence interval"), all);
        assertTrue(all.contains("No value to show"), all);
        assertTrue(all.contains("Area "), "the whole area is still drawn: " + all);
    }

    // ---------------------------------------------------------------- trend

    @Test
    void trendChartsCarryTheirIntervalsAndDistinctLineStyles() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2021/22", "2022/23", "2023/24"), 1);
        ReportTables rows = new ReportTables(data);
        JFreeChart chart = Charts.trend(rows, "referrals_rate", "mental_health");
        XYPlot plot = chart.getXYPlot();
        IntervalXYDataset ds = (IntervalXYDataset) plot.getDataset();
        List<String> locs = data.localities();
        assertEquals(locs.size() + 1, ds.getSeriesCount());
        int intervals = 0;
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            String loc = s < locs.size() ? locs.get(s) : "All";
            for (int i = 0; i < data.periods().size(); i++) {
                IndicatorRow r = rows.get("referrals_rate", data.periods().get(i), "mental_health", loc);
                if (ReportTables.shown(r)) {
                    assertEquals(r.value, ds.getYValue(s, i), 0);
                    assertEquals(r.lower95, ds.getStartYValue(s, i), 0);
                    assertEquals(r.upper95, ds.getEndYValue(s, i), 0);
                    assertEquals(i, ds.getXValue(s, i), 0.2, "point near its period");
                    intervals++;
                } else {
                    assertTrue(Double.isNaN(ds.getYValue(s, i)), "a gap, not a zero");
                }
            }
        }
        assertEquals((locs.size() + 1) * 3, intervals);
        String all = String.join(" ", texts(ChartRenderer.svgDocument(
                ChartRenderer.plan(data).get("trend--referrals-rate--mental-health--all--all"), "t")));
        assertTrue(all.contains("Vertical bars: 95% confidence intervals."), all);
        // each locality's line differs by dash and marker, not colour alone
        Set<String> styles = new HashSet<>();
        for (int s = 0; s < locs.size(); s++) {
            BasicStroke st = (BasicStroke) plot.getRenderer().getSeriesStroke(s);
            styles.add(Arrays.toString(st.getDashArray()) + "/" + Palette.seriesShapeIndex(s));
        }
        assertEquals(locs.size(), styles.size(), styles.toString());
    }

    @Test
    void theFirst24SeriesHaveDistinctDashAndMarkerPairs() {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < Palette.DISTINCT_STYLES; i++) {
            pairs.add(Palette.seriesDashIndex(i) + "/" + Palette.seriesShapeIndex(i));
        }
        assertEquals(Palette.DISTINCT_STYLES, pairs.size());
        // and neighbours never share a dash or a marker
        for (int i = 1; i < Palette.DISTINCT_STYLES; i++) {
            assertNotEquals(Palette.seriesDashIndex(i - 1), Palette.seriesDashIndex(i));
            assertNotEquals(Palette.seriesShapeIndex(i - 1), Palette.seriesShapeIndex(i));
        }
    }

    @Test
    void partPeriodsGetAHollowPoint() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2022/23", "2023/24"), 1);
        for (IndicatorRow r : data.indicators()) {
            if (r.period.equals("2023/24") && r.indicatorId.equals("referrals_rate")) {
                r.note("part period: 2023-04-01 to 2023-12-31 (275 of 366 days)");
            }
        }
        JFreeChart chart = Charts.trend(new ReportTables(data), "referrals_rate", "mental_health");
        TrendRenderer r = (TrendRenderer) chart.getXYPlot().getRenderer();
        assertTrue(r.getItemShapeFilled(0, 0));
        assertFalse(r.getItemShapeFilled(0, 1));
        assertTrue(String.join(" ", texts(ChartRenderer.svgElement(chart,
                ChartRenderer.plan(data).get("trend--referrals-rate--mental-health--all--all"), "t")))
                .contains("Hollow points: part periods."));
    }

    // ---------------------------------------------------------------- Unknown

    @Test
    void noUnknownAreaRowWhenThereIsNoUnknownArea() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 1);
        String name = "localities--referrals-rate--mental-health--all--2023-24";
        assertTrue(String.join(" ", texts(svg(data, name))).contains("Unknown area"), "12 unplaced referrals");
        for (IndicatorRow r : data.indicators()) {
            if (r.isUnknown() && r.categoryType.isEmpty()) {
                r.count = 0; // as indicators.csv has it when every record was placed
            }
        }
        assertFalse(String.join(" ", texts(svg(data, name))).contains("Unknown"));
        String html = HtmlReport.render(data, null);
        assertFalse(html.contains("<th scope=\"col\">Unknown</th>"), "no empty Unknown column in the table");
    }

    // ---------------------------------------------------------------- spine

    @Test
    void anAllSuppressedSpineIsNotDrawnAndTheReportSaysWhy() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 1);
        String loc = ReportFixture.LOCALITIES.get(1);
        for (IndicatorRow r : data.indicators()) {
            if (r.locality.equals(loc)) {
                r.value = Double.NaN;
                r.lower95 = Double.NaN;
                r.upper95 = Double.NaN;
                r.count = Double.NaN;
                r.suppressed = true;
                r.valueNote = "suppressed (small number)";
            }
        }
        ChartPlan plan = ChartRenderer.fullPlan(data);
        String spine = "spine--indicators--mental-health--" + Slug.of(loc) + "--2023-24";
        assertNull(plan.charts().get(spine));
        assertTrue(plan.charts().containsKey("spine--indicators--mental-health--" + Slug.of(ReportFixture.LOCALITIES.get(0))
                + "--2023-24"));
        ChartPlan.Omitted o = plan.omitted().stream().filter(x -> x.kind().equals("spine") && x.locality().equals(loc))
                .findFirst().orElseThrow();
        assertTrue(o.reason().contains("suppressed"), o.reason());
        String html = HtmlReport.render(data, null);
        assertTrue(html.contains("Spine charts (in the charts folder, one per locality) not drawn for " + loc
                + ": every value is suppressed (small numbers) or not available."), "the report says why");
    }

    // ---------------------------------------------------------------- funnel

    @Test
    void funnelNamesArePlacedWithoutOverlapAndEveryPointIsDrawn() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 1);
        String svg = svg(data, "funnel--referrals-rate--mental-health--all--2023-24");
        List<String> t = texts(svg);
        for (String loc : data.localities()) {
            assertTrue(t.contains(loc) || String.join(" ", t).contains("Not labelled (no room): "), loc);
        }
        Map<String, ChartSpec> plan = ChartRenderer.plan(data);
        assertTrue(plan.containsKey("funnel--referrals-rate--mental-health--all--2023-24"));
    }
}
