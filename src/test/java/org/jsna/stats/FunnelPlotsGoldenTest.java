package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.jsna.stats.FunnelPlots.RatePoints;
import org.jsna.stats.FunnelPlots.RateType;
import org.jsna.stats.FunnelPlots.RatioType;
import org.junit.jupiter.api.Test;

/**
 * Every golden funnel case (golden/funnel, outputs of PHEindicatormethods 2.1.0; the calls are in
 * golden/MANIFEST.md) reproduced by the pure functions, rows matched on the key column.
 */
class FunnelPlotsGoldenTest {

    private static final FunnelGoldenFile PROPORTION = FunnelGoldenFile.read("input_funnel_proportion.csv");
    private static final FunnelGoldenFile RATIO = FunnelGoldenFile.read("input_funnel_ratio.csv");
    private static final FunnelGoldenFile RATE = FunnelGoldenFile.read("input_funnel_rate.csv");

    /** Compares every numeric column of the expected file, rows matched on the axis column. */
    private static void assertTable(String expectedFile, FunnelLimitTable actual) {
        FunnelGoldenFile expected = FunnelGoldenFile.read(expectedFile);
        String key = actual.axisName();
        double[] axis = actual.column(key);
        Map<Double, Integer> byKey = new HashMap<>();
        for (int i = 0; i < axis.length; i++) {
            byKey.put(axis[i], i);
        }
        double[] expectedKeys = expected.numbers(key);
        assertEquals(expectedKeys.length, axis.length, expectedFile + ": rows");
        assertEquals(expected.texts("statistic")[0], actual.statistic(), "statistic");
        assertEquals(expected.texts("method")[0], actual.method(), "method");
        for (String column : expected.header) {
            if (column.equals(key) || column.equals("statistic") || column.equals("method")) {
                continue;
            }
            double[] want = expected.numbers(column);
            for (int r = 0; r < want.length; r++) {
                Integer row = byKey.get(expectedKeys[r]);
                assertEquals(true, row != null, expectedFile + ": no row " + key + " = " + expectedKeys[r]);
                FunnelGoldenFile.near(want[r], actual.value(row, column),
                        expectedFile + " " + key + "=" + expectedKeys[r] + " " + column);
            }
        }
    }

    private static void assertSignificance(String expectedFile, FunnelSignificance[] actual) {
        FunnelGoldenFile expected = FunnelGoldenFile.read(expectedFile);
        String[] want = expected.texts("significance");
        assertEquals(want.length, actual.length, expectedFile + ": rows");
        // inputs and outputs share the order and the area key; check the key too
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], actual[i].label(), expectedFile + " " + expected.texts("area")[i]);
        }
    }

    @Test
    void proportionLimitsTimes100() {
        assertTable("out_funnel_limits_proportion_mult100.csv", FunnelPlots.proportionLimits(
                PROPORTION.numbers("numerator"), PROPORTION.numbers("denominator"), 100));
    }

    @Test
    void proportionSignificance() {
        assertSignificance("out_funnel_significance_proportion.csv", FunnelPlots.proportionSignificance(
                PROPORTION.numbers("numerator"), PROPORTION.numbers("denominator")));
    }

    @Test
    void ratioLimitsIsr() {
        assertTable("out_funnel_limits_ratio_isr.csv",
                FunnelPlots.ratioLimits(RATIO.numbers("obs"), RATIO.numbers("expected"), RatioType.ISR));
    }

    @Test
    void ratioLimitsCount() {
        assertTable("out_funnel_limits_ratio_count.csv",
                FunnelPlots.ratioLimits(RATIO.numbers("obs"), RATIO.numbers("expected"), RatioType.COUNT));
    }

    @Test
    void ratioSignificance() {
        assertSignificance("out_funnel_significance_ratio.csv",
                FunnelPlots.ratioSignificance(RATIO.numbers("obs"), RATIO.numbers("expected")));
    }

    @Test
    void rateLimitsCrude() {
        assertTable("out_funnel_limits_rate_crude.csv", FunnelPlots.rateLimits(RATE.numbers("count"),
                RATE.numbers("pop"), RATE.numbers("rate_per_100000"), RateType.CRUDE, 100000, 3));
    }

    @Test
    void rateLimitsDsr() {
        assertTable("out_funnel_limits_rate_dsr.csv", FunnelPlots.rateLimits(RATE.numbers("count"),
                RATE.numbers("pop"), RATE.numbers("rate_per_100000"), RateType.DSR, 100000, 3));
    }

    @Test
    void rateSignificanceCrude() {
        assertSignificance("out_funnel_significance_rate_crude.csv", FunnelPlots.rateSignificance(
                RATE.numbers("count"), RATE.numbers("pop"), RATE.numbers("rate_per_100000"), RateType.CRUDE, 100000));
    }

    @Test
    void rateSignificanceDsr() {
        assertSignificance("out_funnel_significance_rate_dsr.csv", FunnelPlots.rateSignificance(
                RATE.numbers("count"), RATE.numbers("pop"), RATE.numbers("rate_per_100000"), RateType.DSR, 100000));
    }

    @Test
    void ratePointsCrude() {
        FunnelGoldenFile expected = FunnelGoldenFile.read("out_funnel_points_rate_crude.csv");
        RatePoints p = FunnelPlots.ratePoints(RATE.numbers("count"), RATE.numbers("pop"),
                RATE.numbers("rate_per_100000"), RateType.CRUDE, 100000, 3);
        double[] chart = expected.numbers("rate_per_100000_chart");
        double[] derived = expected.numbers("denominator_derived");
        String[] area = expected.texts("area");
        assertEquals(area.length, p.rateChart().length);
        for (int i = 0; i < area.length; i++) {
            FunnelGoldenFile.near(chart[i], p.rateChart()[i], area[i] + " chart");
            FunnelGoldenFile.near(derived[i], p.denominatorDerived()[i], area[i] + " denominator_derived");
        }
    }
}
