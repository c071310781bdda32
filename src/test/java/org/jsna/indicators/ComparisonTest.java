package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** A row with a value and intervals [l95, u95] and [l998, u998]. */
    static IndicatorRow row(String indicator, String locality, String type, String category,
            double value, double l95, double u95, double l998, double u998) {
        IndicatorRow r = new IndicatorRow();
        r.indicatorId = indicator;
        r.indicatorName = indicator;
        r.period = "2023/24";
        r.clientGroup = "mental_health";
        r.locality = locality;
        r.categoryType = type;
        r.category = category;
        r.value = value;
        r.lower95 = l95;
        r.upper95 = u95;
        r.lower998 = l998;
        r.upper998 = u998;
        return r;
    }

    static IndicatorRow plain(String locality, double value, double l95, double u95, double l998, double u998) {
        return row("referrals_rate", locality, "", "", value, l95, u95, l998, u998);
    }

    @Test
    void intervalWhollyAboveBelowOrContainingTheAreaValue() {
        IndicatorRow all = plain("All", 10, 9, 11, 8.5, 11.5);
        IndicatorRow above = plain("Alpha", 14, 12, 16, 11, 17); // 12 > 10 and 11 > 10
        IndicatorRow below = plain("Beta", 6, 5, 8, 4, 9.5); // 8 < 10, 9.5 < 10
        IndicatorRow around = plain("Gamma", 10.5, 9, 12, 8, 13);
        Comparison.apply(new ArrayList<>(List.of(all, above, below, around)));
        assertEquals("higher", above.comparedToArea95);
        assertEquals("higher", above.comparedToArea998);
        assertEquals("lower", below.comparedToArea95);
        assertEquals("lower", below.comparedToArea998);
        assertEquals("similar", around.comparedToArea95);
        assertEquals("similar", around.comparedToArea998);
        for (IndicatorRow r : List.of(above, below, around)) {
            assertEquals(10.0, r.comparatorValue);
        }
    }

    @Test
    void limitsAreInclusive() {
        IndicatorRow all = plain("All", 10, 9, 11, 8, 12);
        IndicatorRow lowerOnArea = plain("Alpha", 12, 10, 14, 10, 15);
        IndicatorRow upperOnArea = plain("Beta", 8, 6, 10, 5, 10);
        IndicatorRow justAbove = plain("Gamma", 12, Math.nextUp(10.0), 14, Math.nextUp(10.0), 15);
        Comparison.apply(List.of(all, lowerOnArea, upperOnArea, justAbove));
        assertEquals("similar", lowerOnArea.comparedToArea95);
        assertEquals("similar", lowerOnArea.comparedToArea998);
        assertEquals("similar", upperOnArea.comparedToArea95);
        assertEquals("similar", upperOnArea.comparedToArea998);
        assertEquals("higher", justAbove.comparedToArea95);
    }

    @Test
    void levelsAreComparedSeparately() {
        IndicatorRow all = plain("All", 10, 9, 11, 8, 12);
        // 95%: [10.5, 13] wholly above 10; 99.8%: [9.5, 14] contains 10
        IndicatorRow r = plain("Alpha", 11.5, 10.5, 13, 9.5, 14);
        IndicatorRow s = plain("Beta", 8, 7, 9.9, 6, 10.2);
        Comparison.apply(List.of(all, r, s));
        assertEquals("higher", r.comparedToArea95);
        assertEquals("similar", r.comparedToArea998);
        assertEquals("lower", s.comparedToArea95);
        assertEquals("similar", s.comparedToArea998);
    }

    @Test
    void allRowIsNotComparedAndHasNoComparator() {
        IndicatorRow all = plain("All", 10, 9, 11, 8, 12);
        all.comparatorValue = 3; // stale values are overwritten
        all.comparedToArea95 = "higher";
        Comparison.apply(List.of(all));
        assertTrue(Double.isNaN(all.comparatorValue));
        assertEquals("not compared", all.comparedToArea95);
        assertEquals("not compared", all.comparedToArea998);
    }

    @Test
    void unknownRowShowsComparatorButIsNotCompared() {
        IndicatorRow all = plain("All", 10, 9, 11, 8, 12);
        IndicatorRow unknown = plain("Unknown", 30, 25, 35, 22, 38);
        Comparison.apply(List.of(unknown, all));
        assertEquals(10.0, unknown.comparatorValue);
        assertEquals("not compared", unknown.comparedToArea95);
        assertEquals("not compared", unknown.comparedToArea998);
    }

    @Test
    void rowWithoutIntervalIsNotCompared() {
        IndicatorRow all = row("cost_per_head", "All", "", "", 52.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        IndicatorRow noCi = row("cost_per_head", "Alpha", "", "", 80, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        IndicatorRow oneLimit = row("cost_per_head", "Beta", "", "", 80, 70, Double.NaN, Double.NaN, Double.NaN);
        Comparison.apply(List.of(all, noCi, oneLimit));
        assertEquals(52.5, noCi.comparatorValue);
        assertEquals("not compared", noCi.comparedToArea95);
        assertEquals("not compared", noCi.comparedToArea998);
        assertEquals("not compared", oneLimit.comparedToArea95);
    }

    @Test
    void emptyAreaValueMeansNoComparison() {
        // e.g. a DSR with an area count under 10: the All value is empty
        IndicatorRow all = row("referrals_dsr", "All", "", "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        IndicatorRow a = row("referrals_dsr", "Alpha", "", "", 5, 1, 9, 0.5, 12);
        Comparison.apply(List.of(all, a));
        assertTrue(Double.isNaN(a.comparatorValue));
        assertEquals("not compared", a.comparedToArea95);
        assertEquals("not compared", a.comparedToArea998);
    }

    @Test
    void decileRowsAreComparedWithThePlainAllRow() {
        IndicatorRow all = plain("All", 10, 9, 11, 8, 12);
        IndicatorRow d1 = row("referrals_rate", "All", "deprivation_decile", "1", 16, 13, 19, 12, 20);
        IndicatorRow d10 = row("referrals_rate", "All", "deprivation_decile", "10", 4, 3, 6, 2, 10);
        Comparison.apply(List.of(d1, d10, all));
        assertEquals(10.0, d1.comparatorValue);
        assertEquals("higher", d1.comparedToArea95);
        assertEquals("higher", d1.comparedToArea998);
        assertEquals(10.0, d10.comparatorValue);
        assertEquals("lower", d10.comparedToArea95);
        assertEquals("similar", d10.comparedToArea998);
        // the plain All row is still not compared with itself
        assertEquals("not compared", all.comparedToArea95);
        assertTrue(Double.isNaN(all.comparatorValue));
    }

    @Test
    void categoryRowsAreComparedWithTheAllRowOfTheSameCategory() {
        String t = "referral_source";
        IndicatorRow allGp = row("referral_source_pct", "All", t, "primary_care", 40, 38, 42, 37, 43);
        IndicatorRow allSelf = row("referral_source_pct", "All", t, "self_or_family", 20, 18, 22, 17, 23);
        IndicatorRow aGp = row("referral_source_pct", "Alpha", t, "primary_care", 30, 25, 35, 22, 39);
        IndicatorRow aSelf = row("referral_source_pct", "Alpha", t, "self_or_family", 30, 25, 35, 22, 39);
        Comparison.apply(List.of(aGp, allGp, aSelf, allSelf));
        assertEquals(40.0, aGp.comparatorValue);
        assertEquals("lower", aGp.comparedToArea95);
        assertEquals(20.0, aSelf.comparatorValue);
        assertEquals("higher", aSelf.comparedToArea95);
        assertTrue(Double.isNaN(allGp.comparatorValue));
        assertEquals("not compared", allSelf.comparedToArea95);
    }

    @Test
    void comparatorIsTakenFromTheSameIndicatorPeriodAndClientGroup() {
        IndicatorRow all2324 = plain("All", 10, 9, 11, 8, 12);
        IndicatorRow all2223 = plain("All", 20, 19, 21, 18, 22);
        all2223.period = "2022/23";
        IndicatorRow allOlder = plain("All", 30, 29, 31, 28, 32);
        allOlder.clientGroup = "older_people";
        IndicatorRow allEvents = row("service_events_rate", "All", "", "", 40, 39, 41, 38, 42);
        IndicatorRow a = plain("Alpha", 15, 14, 16, 13, 17);
        a.period = "2022/23";
        IndicatorRow b = plain("Beta", 15, 14, 16, 13, 17);
        b.clientGroup = "older_people";
        IndicatorRow c = row("service_events_rate", "Gamma", "", "", 15, 14, 16, 13, 17);
        IndicatorRow d = plain("Delta", 15, 14, 16, 13, 17);
        Comparison.apply(List.of(all2324, all2223, allOlder, allEvents, a, b, c, d));
        assertEquals(20.0, a.comparatorValue);
        assertEquals("lower", a.comparedToArea95);
        assertEquals(30.0, b.comparatorValue);
        assertEquals(40.0, c.comparatorValue);
        assertEquals(10.0, d.comparatorValue);
        assertEquals("higher", d.comparedToArea95);
    }

    @Test
    void rowWithoutAnAllRowIsNotCompared() {
        IndicatorRow a = plain("Alpha", 15, 14, 16, 13, 17);
        Comparison.apply(List.of(a));
        assertTrue(Double.isNaN(a.comparatorValue));
        assertEquals("not compared", a.comparedToArea95);
    }

    @Test
    void twoAllRowsForOneKeyAreAnInternalError() {
        IndicatorRow a = plain("All", 10, 9, 11, 8, 12);
        IndicatorRow b = plain("All", 11, 9, 11, 8, 12);
        assertThrows(IllegalStateException.class, () -> Comparison.apply(List.of(a, b)));
    }

    @Test
    void compareReadsTheIntervalAgainstTheValue() {
        assertEquals("higher", Comparison.compare(2, 3, 1));
        assertEquals("lower", Comparison.compare(2, 3, 4));
        assertEquals("similar", Comparison.compare(2, 3, 2));
        assertEquals("similar", Comparison.compare(2, 3, 3));
        assertEquals("similar", Comparison.compare(0, 0, 0)); // a zero-width interval on the value
        assertEquals("not compared", Comparison.compare(Double.NaN, 3, 2));
        assertEquals("not compared", Comparison.compare(2, Double.NaN, 2));
        assertEquals("not compared", Comparison.compare(2, 3, Double.NaN));
    }
}
