package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsna.indicators.Disclosure;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.junit.jupiter.api.Test;

/**
 * The table under each chart of report.html (WCAG 1.1.1): each cell is the published value of the row it stands
 * for, a suppressed one "supp.", and the funnel's table puts each locality where the exact Poisson limits do.
 * Expected cells are worked by hand from values set in the fixture.
 */
class ChartTableTest {

    static final String GROUP = "mental_health";
    static final String P1 = "2022/23";
    static final String P2 = "2023/24";

    static ReportData data() {
        return ReportFixture.build(ReportFixture.LOCALITIES, List.of(P1, P2), 1);
    }

    static IndicatorRow find(ReportData data, String id, String period, String loc) {
        for (IndicatorRow r : data.indicators()) {
            if (r.indicatorId.equals(id) && r.period.equals(period) && r.clientGroup.equals(GROUP)
                    && r.locality.equals(loc) && r.categoryType.isEmpty()) {
                return r;
            }
        }
        throw new AssertionError("no row " + id + " " + period + " " + loc);
    }

    static List<String> rowOf(ChartTable t, String heading) {
        for (List<String> r : t.rows()) {
            if (r.get(0).equals(heading)) {
                return r;
            }
        }
        throw new AssertionError("no row " + heading + " in " + t.rows());
    }

    @Test
    void trendTableHasEveryLocalityInEveryPeriodWithItsInterval() {
        ReportData data = data();
        IndicatorRow east = find(data, "referrals_rate", P1, "Eastfield");
        east.value = 12.345;
        east.lower95 = 10;
        east.upper95 = 15.04;
        Disclosure.suppress(find(data, "referrals_rate", P2, "Hillcrest"), Disclosure.PRIMARY_NOTE);
        IndicatorRow area = find(data, "referrals_rate", P2, "All");
        area.value = 1234.5;
        area.lower95 = 1200;
        area.upper95 = 1270.25;
        ChartTable t = ChartTable.trend(new ReportTables(data), "referrals_rate", GROUP);
        assertEquals(List.of("Locality", P1, P2), t.header());
        assertEquals(ReportFixture.LOCALITIES.size() + 1, t.rows().size(), "each locality and the whole area");
        assertEquals("12.3 (10.0 to 15.0)", rowOf(t, "Eastfield").get(1));
        assertEquals("supp.", rowOf(t, "Hillcrest").get(2));
        assertEquals("1,235 (1,200 to 1,270)", rowOf(t, "Whole area").get(2));
        assertEquals("Whole area", t.rows().get(t.rows().size() - 1).get(0));
    }

    @Test
    void localitiesTableSaysTheComparisonOfPublishedRowsOnly() {
        ReportData data = data();
        IndicatorRow north = find(data, "referrals_rate", P2, "Northgate");
        north.value = 30;
        north.lower95 = 27.5;
        north.upper95 = 32.75;
        north.comparedToArea95 = "higher";
        Disclosure.suppress(find(data, "referrals_rate", P2, "Westmoor"), Disclosure.PRIMARY_NOTE);
        ChartTable t = ChartTable.localities(new ReportTables(data), "referrals_rate", P2, GROUP);
        assertEquals(List.of("Northgate", "30.0", "27.5 to 32.8", "higher"), rowOf(t, "Northgate"));
        assertEquals(List.of("Westmoor", "supp.", "", ""), rowOf(t, "Westmoor"));
        assertEquals("", rowOf(t, "Whole area").get(3), "the area is not compared with itself");
        assertFalse(t.numeric(0));
        assertTrue(t.numeric(1));
        assertFalse(t.numeric(3), "the comparison is words");
    }

    @Test
    void deprivationTableNamesTheEndsOfTheScale() {
        ReportData data = data();
        ChartTable t = ChartTable.deprivation(new ReportTables(data), "referrals_rate", P2, GROUP);
        assertEquals(10, t.rows().size());
        assertEquals("1 (most deprived)", t.rows().get(0).get(0));
        assertEquals("10 (least deprived)", t.rows().get(9).get(0));
    }

    /**
     * Whole area 200 referrals per 10,000 people (20 per 1,000). At a population of 10,000 the 95% limits of a
     * count are about 200 ± 1.96 √200 = 172 to 228 (exact Poisson: 173 to 229), so 15 and 25 per 1,000 are
     * outside them, 21 per 1,000 within.
     */
    @Test
    void funnelTablePlacesEachLocalityByTheExactLimits() {
        ReportData data = data();
        IndicatorRow area = find(data, "referrals_rate", P2, "All");
        area.count = 2000;
        area.denominator = 100_000;
        area.value = 20;
        double[][] set = {{25, 250}, {21, 210}, {15, 150}};
        String[] locs = {"Eastfield", "Hillcrest", "Northgate"};
        for (int i = 0; i < 3; i++) {
            IndicatorRow r = find(data, "referrals_rate", P2, locs[i]);
            r.value = set[i][0];
            r.count = set[i][1];
            r.denominator = 10_000;
        }
        Disclosure.suppress(find(data, "referrals_rate", P2, "Riverside"), Disclosure.PRIMARY_NOTE);
        ChartTable t = ChartTable.funnel(new ReportTables(data), "referrals_rate", P2, GROUP);
        assertEquals(List.of("Eastfield", "10,000", "25.0", "above the 95% limit"), rowOf(t, "Eastfield"));
        assertEquals(List.of("Hillcrest", "10,000", "21.0", "within the 95% limits"), rowOf(t, "Hillcrest"));
        assertEquals(List.of("Northgate", "10,000", "15.0", "below the 95% limit"), rowOf(t, "Northgate"));
        assertEquals(List.of("Riverside", "", "supp.", "not plotted"), rowOf(t, "Riverside"));
        assertEquals(List.of("Whole area (the funnel's centre)", "100,000", "20.0", ""),
                rowOf(t, "Whole area (the funnel's centre)"));
    }

    @Test
    void sourcesTableHasEachCategoryAsAColumn() {
        ReportData data = data();
        ReportTables tables = new ReportTables(data);
        ChartTable t = ChartTable.sources(tables, P2, GROUP);
        assertEquals("Primary care (%)", t.header().get(1));
        assertEquals(ReportFixture.SOURCES.size() + 1, t.header().size());
        assertEquals("Whole area", t.rows().get(t.rows().size() - 1).get(0));
        // every cell is the row's published share or supp.
        for (List<String> row : t.rows()) {
            String loc = row.get(0).equals("Whole area") ? "All" : row.get(0).equals("Unknown area") ? "Unknown" : row.get(0);
            for (int c = 0; c < ReportFixture.SOURCES.size(); c++) {
                IndicatorRow r = tables.get(Charts.SOURCE_ID, P2, GROUP, loc, Charts.SOURCE_TYPE,
                        ReportFixture.SOURCES.get(c));
                assertEquals(r.suppressed ? "supp." : Wording.num(r.value), row.get(c + 1), loc + " " + c);
            }
        }
    }

    @Test
    void pyramidTableGivesResidentsAndSharesByBand() {
        ReportData base = data();
        List<PopulationCell> pop = List.of(new PopulationCell(2023, "Eastfield", 'M', "0-4", 300),
                new PopulationCell(2023, "Eastfield", 'F', "0-4", 200), new PopulationCell(2023, "Eastfield", 'M', "5-9", 100),
                new PopulationCell(2023, "Eastfield", 'F', "5-9", 1400));
        ReportData data = new ReportData(base.indicators(), base.inequalities(), pop, base.dataQuality(),
                base.localities(), base.clientGroups(), base.periods(), base.suppression(), base.manifest());
        ChartTable t = ChartTable.pyramid(new ReportTables(data), "All", "2023");
        // 2,000 residents: 300 men aged 0-4 are 15%, 1,400 women aged 5-9 are 70%
        assertEquals(List.of("0-4", "300", "200", "15.0", "10.0"), t.rows().get(0));
        assertEquals(List.of("5-9", "100", "1,400", "5.00", "70.0"), t.rows().get(1));
    }
}
