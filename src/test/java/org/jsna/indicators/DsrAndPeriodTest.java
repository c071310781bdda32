package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.Fixture;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;

class DsrAndPeriodTest {

    static final double Z95 = 1.959963984540054;
    static final String MH = "mental_health";

    static IndicatorRow find(List<IndicatorRow> rows, String id, String period, String locality) {
        return rows.stream().filter(r -> r.indicatorId.equals(id) && r.period.equals(period)
                && r.locality.equals(locality) && r.category.isEmpty() && r.clientGroup.equals(MH))
                .findFirst().orElseThrow();
    }

    static Fixture dsrFixture(boolean with6064) {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.FISCAL_YEAR, null, null);
        fx.area("A1", "North", 5);
        fx.pop("A1", 'F', 15, 19, 2023, 500); // 18-64 keeps 2/5: 200
        for (int b = 20; b <= (with6064 ? 60 : 55); b += 5) {
            fx.pop("A1", 'F', b, b + 4, 2023, 1000);
        }
        fx.pop("A1", 'F', 70, 74, 2023, 800); // outside the range
        for (int i = 0; i < 10; i++) {
            fx.referral(i, "2023-06-01", MH, "A1", 20, null, null);
        }
        for (int i = 0; i < 5; i++) {
            fx.referral(20 + i, "2023-07-01", MH, "A1", 18, null, null);
        }
        for (int i = 0; i < 3; i++) {
            fx.referral(30 + i, "2023-07-01", MH, "A1", 70, null, null); // out of range: not standardised
        }
        return fx;
    }

    @Test
    void dsrUsesClippedBandsAndInRangeReferrals() {
        List<IndicatorRow> rows = IndicatorTable.build(dsrFixture(true).agg.finish());
        IndicatorRow r = find(rows, "referrals_dsr", "2023/24", "All");
        // weights: 15-19 5500*2/5 = 2200, then 6000 6000 6500 7000 7000 7000 7000 6500 6000: sum 61200
        double sumW = 61200;
        double rate = 5 * 2200.0 / 200 + 10 * 6000.0 / 1000;
        double dsr = rate / sumW * 100000;
        assertEquals(15, r.count);
        assertEquals(9200, r.denominator, 1e-9);
        assertEquals(dsr, r.value, 1e-9);
        double var = (5 * Math.pow(2200.0 / 200, 2) + 10 * Math.pow(6000.0 / 1000, 2)) / (sumW * sumW);
        double o = 15;
        double byarLow = o * Math.pow(1 - 1 / (9 * o) - Z95 / (3 * Math.sqrt(o)), 3);
        double byarHigh = (o + 1) * Math.pow(1 - 1 / (9 * (o + 1)) + Z95 / (3 * Math.sqrt(o + 1)), 3);
        assertEquals(dsr + Math.sqrt(var / o) * (byarLow - o) * 100000, r.lower95, 1e-9);
        assertEquals(dsr + Math.sqrt(var / o) * (byarHigh - o) * 100000, r.upper95, 1e-9);
        assertEquals("Dobson", r.method);
        // the crude rate counts every referral, out-of-range ages included
        assertEquals(18, find(rows, "referrals_rate", "2023/24", "All").count);
    }

    @Test
    void dsrBandWithoutPopulationIsNotCalculable() {
        List<IndicatorRow> rows = IndicatorTable.build(dsrFixture(false).agg.finish());
        IndicatorRow r = find(rows, "referrals_dsr", "2023/24", "North");
        assertEquals(15, r.count);
        assertTrue(Double.isNaN(r.value));
        assertTrue(r.valueNote.contains("60-64"), r.valueNote);
    }

    @Test
    void dsrUnderTenIsEmpty() {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.FISCAL_YEAR, null, null);
        fx.area("A1", "North", 5);
        for (int b = 15; b <= 60; b += 5) {
            fx.pop("A1", 'F', b, b + 4, 2023, 1000);
        }
        fx.referral(0, "2023-06-01", MH, "A1", 30, null, null);
        IndicatorRow r = find(IndicatorTable.build(fx.agg.finish()), "referrals_dsr", "2023/24", "All");
        assertEquals(1, r.count);
        assertTrue(Double.isNaN(r.value));
        assertTrue(r.valueNote.contains("< 10"), r.valueNote);
    }

    @Test
    void periodWithoutAnyEarlierPopulationIsAnInputError() {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.FISCAL_YEAR, null, null);
        fx.area("A1", "North", 5).pop("A1", 'F', 30, 30, 2023, 100);
        fx.referral(0, "2023-03-31", MH, "A1", 30, null, null); // fiscal 2022/23
        JsnaException e = assertThrows(JsnaException.class, () -> fx.agg.finish());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("2022/23"), e.getMessage());
    }

    @Test
    void calendarYearsAndFromToRestrictPeriodsAndRecords() {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.CALENDAR_YEAR, LocalDate.parse("2023-02-01"),
                LocalDate.parse("2024-12-31"));
        fx.area("A1", "North", 5).pop("A1", 'F', 30, 30, 2023, 1000);
        fx.referral(0, "2023-01-31", MH, "A1", 30, null, null); // before --from: left out
        fx.referral(1, "2023-02-01", MH, "A1", 30, null, null);
        fx.referral(2, "2023-12-31", MH, "A1", 30, null, null);
        CountCube c = fx.agg.finish();
        assertEquals(List.of("2023", "2024"), c.periodLabels);
        List<IndicatorRow> rows = IndicatorTable.build(c);
        assertEquals(2, find(rows, "referrals_rate", "2023", "All").count);
        assertEquals(0, find(rows, "referrals_rate", "2024", "All").count);
        assertEquals(1L, fx.agg.dataQuality().get("referrals").get("outside_from_to"));
    }

    @Test
    void fiscalYearLabelsAndBoundaries() {
        assertEquals("2023/24", PeriodScheme.FISCAL_YEAR.label(2023));
        assertEquals("1999/00", PeriodScheme.FISCAL_YEAR.label(1999));
        assertEquals(2022, PeriodScheme.FISCAL_YEAR.yearOf((int) LocalDate.parse("2023-03-31").toEpochDay()));
        assertEquals(2023, PeriodScheme.FISCAL_YEAR.yearOf((int) LocalDate.parse("2023-04-01").toEpochDay()));
    }

    @Test
    void populationRowsOutsideTheLookupAreCountedPerFile() {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.FISCAL_YEAR, null, null);
        fx.area("A1", "North", 5);
        fx.pop("A1", 'F', 30, 30, 2023, 100);
        org.jsna.input.PopulationBatch wide = new org.jsna.input.PopulationBatch("wide.csv", 0);
        wide.rowsOutsideLookup = 2; // the reader counts rows of the file, not the 182 cells of a wide row
        fx.agg.population(wide);
        assertEquals(2L, fx.agg.populationOutsideLookup().get("wide.csv"));
        assertEquals(2L, fx.agg.dataQuality().get("population").get("population_outside_lookup"));
    }

    @Test
    void olderPeopleStandardSumsTo19500() {
        Fixture fx = new Fixture(List.of(Fixture.OP), PeriodScheme.FISCAL_YEAR, null, null);
        fx.area("A1", "North", 5).pop("A1", 'F', 65, 65, 2023, 10);
        fx.referral(0, "2023-06-01", "older_people", "A1", 70, null, null);
        CountCube c = fx.agg.finish();
        double sum = 0;
        for (double w : c.bandWeights(0)) {
            sum += w;
        }
        assertEquals(19500, sum, 1e-9);
    }
}
