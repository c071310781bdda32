package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsna.stats.TrendMarker;
import org.junit.jupiter.api.Test;

/**
 * {@link RecentTrend} on hand-made indicator rows (trends.md, "In jsna"): which rows make a series, the
 * five complete periods ending at each row, part periods, suppressed points, indicators without limits,
 * the kind taken from the indicator's statistic. The numbers are those of TrendMarkerTest's hand cases
 * (equal weights: X² = 10b²), so only the choice of points is tested here.
 */
class RecentTrendTest {

    private static final double Z = TrendMarker.Z95;
    private static final List<String> PERIODS = List.of("2016/17", "2017/18", "2018/19", "2019/20", "2020/21",
            "2021/22", "2022/23", "2023/24");

    private static IndicatorRow row(String id, String period, String locality) {
        IndicatorRow r = new IndicatorRow();
        r.indicatorId = id;
        r.indicatorName = id;
        r.period = period;
        r.clientGroup = "mental_health";
        r.locality = locality;
        return r;
    }

    /** A rate row with value y and limits y ∓ z (s = 1). */
    private static IndicatorRow rate(String id, String period, String locality, double y) {
        IndicatorRow r = row(id, period, locality);
        r.value = y;
        r.lower95 = y - Z;
        r.upper95 = y + Z;
        return r;
    }

    private static IndicatorRow find(List<IndicatorRow> rows, String id, String period, String locality) {
        return rows.stream().filter(r -> r.indicatorId.equals(id) && r.period.equals(period)
                && r.locality.equals(locality)).findFirst().orElseThrow();
    }

    private static void assertMarker(String marker, String reason, IndicatorRow r) {
        assertEquals(marker + " / " + reason, r.recentTrend + " / " + r.recentTrendReason,
                r.indicatorId + " " + r.period + " " + r.locality);
    }

    @Test
    void seriesEndAtEachRowsPeriod() {
        // North: y = 1, 2, 3, 4, 5, 20, 21, 22 over 2016/17..2023/24 (listed newest first).
        // 2020/21: the window 1..5 is y = t, X² = 10: increasing. 2021/22: 2, 3, 4, 5, 20 -> Σ(t−3)y =
        // −4 − 3 + 0 + 5 + 40 = 38, b = 3.8, X² = 144.4, every leave-one-out slope positive: increasing.
        List<IndicatorRow> rows = new ArrayList<>();
        double[] y = {1, 2, 3, 4, 5, 20, 21, 22};
        for (int i = PERIODS.size() - 1; i >= 0; i--) {
            rows.add(rate("referrals_rate", PERIODS.get(i), "North", y[i]));
        }
        RecentTrend.apply(rows, Set.of());
        for (int i = 0; i < 4; i++) {
            assertMarker(TrendMarker.CANNOT, TrendMarker.NOT_ENOUGH, find(rows, "referrals_rate", PERIODS.get(i), "North"));
        }
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2020/21", "North"));
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2021/22", "North"));
        // 2023/24: 4, 5, 20, 21, 22 -> Σ(t−3)y = −8 − 5 + 0 + 21 + 44 = 52, b = 5.2, X² = 270.4; every
        // leave-one-out slope positive: increasing
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2023/24", "North"));
    }

    @Test
    void partPeriodsAreLeftOutAndMarked() {
        // 2016/17 (the first) and 2023/24 (the last) are part periods: the complete periods are 2017/18..2022/23;
        // y = t over them, except the part periods hold a value that would break the line if used
        List<IndicatorRow> rows = new ArrayList<>();
        for (int i = 0; i < PERIODS.size(); i++) {
            double y = i == 0 || i == 7 ? -100 : i;
            rows.add(rate("referrals_rate", PERIODS.get(i), "North", y));
        }
        RecentTrend.apply(rows, Set.of("2016/17", "2023/24"));
        assertMarker(TrendMarker.CANNOT, RecentTrend.PART_PERIOD, find(rows, "referrals_rate", "2016/17", "North"));
        assertMarker(TrendMarker.CANNOT, RecentTrend.PART_PERIOD, find(rows, "referrals_rate", "2023/24", "North"));
        // 2020/21 is the 4th complete period
        assertMarker(TrendMarker.CANNOT, TrendMarker.NOT_ENOUGH, find(rows, "referrals_rate", "2020/21", "North"));
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2021/22", "North"));
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2022/23", "North"));
    }

    @Test
    void aSuppressedPointAmongTheFiveGivesNoMarker() {
        // 2017/18 suppressed (values emptied as Disclosure.suppress does): the windows ending 2017/18..2021/22
        // hold it; the windows ending 2022/23 and 2023/24 do not
        List<IndicatorRow> rows = new ArrayList<>();
        for (int i = 0; i < PERIODS.size(); i++) {
            rows.add(rate("referrals_rate", PERIODS.get(i), "South", i + 1));
        }
        Disclosure.suppress(find(rows, "referrals_rate", "2017/18", "South"), Disclosure.NOTE);
        RecentTrend.apply(rows, Set.of());
        assertMarker(TrendMarker.CANNOT, TrendMarker.NOT_ENOUGH, find(rows, "referrals_rate", "2017/18", "South"));
        assertMarker(TrendMarker.CANNOT, RecentTrend.SUPPRESSED, find(rows, "referrals_rate", "2020/21", "South"));
        assertMarker(TrendMarker.CANNOT, RecentTrend.SUPPRESSED, find(rows, "referrals_rate", "2021/22", "South"));
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referrals_rate", "2022/23", "South"));
    }

    @Test
    void kindComesFromTheIndicator() {
        List<IndicatorRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String p = PERIODS.get(i);
            // Wilson proportion: c = 10, 20, .., 50 of 100 -> Armitage X² = 10000/210: increasing; no value or limits
            IndicatorRow conv = row("referral_conversion_pct", p, "All");
            conv.count = 10 * (i + 1);
            conv.denominator = 100;
            rows.add(conv);
            // a rate with a count over a denominator it exceeds: the rate kind does not read them
            IndicatorRow rate = rate("service_events_rate", p, "All", -(i + 1));
            rate.count = 500;
            rate.denominator = 100;
            rows.add(rate);
            // no limits by definition, although this fixture gives it some
            rows.add(rate("cost_per_head", p, "All", i + 1));
            // the mean (Student's t limits) is a rate; here the limits are empty at one period
            IndicatorRow mean = rate("cost_per_user", p, "All", i + 1);
            if (i == 2) {
                mean.lower95 = Double.NaN;
            }
            rows.add(mean);
            // Unknown: the rate is empty (population unknown)
            IndicatorRow unknown = row("referrals_rate", p, "Unknown");
            unknown.count = 3;
            rows.add(unknown);
        }
        RecentTrend.apply(rows, Set.of());
        String last = PERIODS.get(4);
        assertMarker(TrendMarker.INCREASING, TrendMarker.SIGNIFICANT, find(rows, "referral_conversion_pct", last, "All"));
        assertMarker(TrendMarker.DECREASING, TrendMarker.SIGNIFICANT, find(rows, "service_events_rate", last, "All"));
        assertMarker(TrendMarker.CANNOT, TrendMarker.MISSING_CI, find(rows, "cost_per_head", last, "All"));
        assertMarker(TrendMarker.CANNOT, TrendMarker.MISSING_CI, find(rows, "cost_per_user", last, "All"));
        assertMarker(TrendMarker.CANNOT, TrendMarker.MISSING_VALUES, find(rows, "referrals_rate", last, "Unknown"));
    }

    @Test
    void categoriesAndClientGroupsAreSeparateSeries() {
        // two deciles of one indicator: decile 1 rises, decile 2 falls; mixed up they would be no series at all
        List<IndicatorRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int d = 1; d <= 2; d++) {
                IndicatorRow r = rate("referrals_rate", PERIODS.get(i), "All", d == 1 ? i : -i);
                r.categoryType = "deprivation_decile";
                r.category = Integer.toString(d);
                rows.add(r);
            }
        }
        RecentTrend.apply(rows, Set.of());
        assertEquals(List.of(TrendMarker.INCREASING, TrendMarker.DECREASING), rows.subList(8, 10).stream()
                .map(r -> r.recentTrend).toList());
    }

    @Test
    void polarityWords() {
        assertEquals("increasing, getting worse", RecentTrend.inWords(TrendMarker.INCREASING, "low_is_good"));
        assertEquals("decreasing, getting better", RecentTrend.inWords(TrendMarker.DECREASING, "low_is_good"));
        assertEquals("increasing, getting better", RecentTrend.inWords(TrendMarker.INCREASING, "high_is_good"));
        assertEquals("decreasing, getting worse", RecentTrend.inWords(TrendMarker.DECREASING, "high_is_good"));
        assertEquals("increasing", RecentTrend.inWords(TrendMarker.INCREASING, "none"));
        assertEquals(TrendMarker.NO_CHANGE, RecentTrend.inWords(TrendMarker.NO_CHANGE, "low_is_good"));
    }
}
