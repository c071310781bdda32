package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.jsna.stats.FunnelDataException.Field;
import org.jsna.stats.FunnelPlots.RateType;
import org.jsna.stats.FunnelPlots.RatioType;
import org.junit.jupiter.api.Test;

/** Hand-computed values, invariants and the input rules of methods.md §8. */
class FunnelPlotsTest {

    private static final double NA = Double.NaN;
    private static final double Z95 = 1.959963984540054; // qnorm(0.975)
    private static final double Z998 = 3.090232306167813; // qnorm(0.999)

    @Test
    void axisRoundingByHand() {
        // 97432.67 × 1.05 = 102304.3 → up to two significant figures: 110000
        assertEquals(110000, FunnelPlots.signifCeiling(292298 / 3.0));
        // 1989 × 1.05 = 2088.45 → 2100; 1989 × 0.95 = 1889.55 → 1000
        assertEquals(2100, FunnelPlots.signifCeiling(1989));
        assertEquals(1000, FunnelPlots.signifFloor(1989));
        assertEquals(0, FunnelPlots.signifFloor(0));
        // R's nchar(100000) is 5 ("1e+05"), nchar(123456) is 6
        assertEquals(5, FunnelPlots.rCharWidth(100000));
        assertEquals(6, FunnelPlots.rCharWidth(123456));
        assertEquals(7, FunnelPlots.rCharWidth(1200000)); // "1200000" vs "1.2e+06": equal, fixed wins
        assertEquals(5, FunnelPlots.rCharWidth(10000));
    }

    @Test
    void axisIsOneHundredIncreasingWholeNumbersEndingAtTheMaximum() {
        double[] x = FunnelPlots.axis(0, 110000, false);
        assertEquals(100, x.length);
        assertEquals(1, x[0]);
        assertEquals(110000, x[99]);
        for (int i = 1; i < 100; i++) {
            assertTrue(x[i] > x[i - 1]);
            assertEquals(Math.rint(x[i]), x[i]);
        }
        // a narrow range: +1 steps dominate, strictly increasing
        double[] y = FunnelPlots.axis(5, 20, false);
        assertEquals(5, y[0]);
        assertEquals(6, y[1]);
    }

    @Test
    void narrowRangeAxisStartsAtTheRoundedMinimum() {
        // denominators 1000..1500 (max ≤ 2 × min): min 1000 × 0.95 = 950 → 900; max 1500 × 1.05 = 1575 → 1600
        FunnelLimitTable t = FunnelPlots.proportionLimits(new double[] {100, 200}, new double[] {1000, 1500}, 100);
        assertEquals(900, t.value(0, "Population"));
        assertEquals(1600, t.value(99, "Population"));
        // ratios: the last exponent is 1/2, so the axis stops short of the maximum
        FunnelLimitTable r = FunnelPlots.ratioLimits(new double[] {100, 200}, new double[] {1000, 1500}, RatioType.COUNT);
        assertEquals(900, r.value(0, "Observed_events"));
        assertTrue(r.value(99, "Observed_events") < 1600);
    }

    @Test
    void proportionLimitIsWhereTheWilsonIntervalReachesTheAverage() {
        double av = 0.3;
        for (double n : new double[] {50, 1000, 123457}) {
            for (double[] pz : new double[][] {{0.975, Z95}, {0.999, Z998}}) {
                double upper = FunnelPlots.wilsonLimit(pz[0], n, av, true, 1);
                double lower = FunnelPlots.wilsonLimit(pz[0], n, av, false, 1);
                // Wilson score interval, written out independently (Newcombe & Altman 2000)
                double z = pz[1];
                double x = upper * n;
                double wilsonLowerOfUpper = (2 * x + z * z - z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
                x = lower * n;
                double wilsonUpperOfLower = (2 * x + z * z + z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
                assertEquals(av, wilsonLowerOfUpper, 1e-12, "n=" + n);
                assertEquals(av, wilsonUpperOfLower, 1e-12, "n=" + n);
            }
        }
    }

    @Test
    void proportionLimitsNestAroundTheBaselineAndClampAt100() {
        double[] num = {10, 50, 700, 3};
        double[] den = {40, 100, 1000, 20};
        FunnelLimitTable t = FunnelPlots.proportionLimits(num, den, 100);
        double base = 763.0 / 1160 * 100;
        for (int i = 0; i < t.rows(); i++) {
            assertEquals(base, t.value(i, "baseline"), 1e-12);
            assertTrue(t.value(i, "lower_3s_limit") <= t.value(i, "lower_2s_limit"));
            assertTrue(t.value(i, "lower_2s_limit") <= base);
            assertTrue(base <= t.value(i, "upper_2s_limit"));
            assertTrue(t.value(i, "upper_2s_limit") <= t.value(i, "upper_3s_limit"));
            assertTrue(t.value(i, "upper_3s_limit") <= 100);
            assertTrue(t.value(i, "lower_3s_limit") >= 0);
        }
        // max 1000 > 2 × min 20: the axis starts at 1 and ends at 1000 × 1.05 → 1100
        assertEquals(1, t.value(0, "Population"));
        assertEquals(1100, t.value(99, "Population"));
    }

    @Test
    void poissonInversionHitsTheTailProbability() {
        for (int o : new int[] {1, 4, 17, 250}) {
            for (double p : new double[] {0.025, 0.001}) {
                double eHigh = PoissonFunnel.expected(o, p, PoissonFunnel.Side.HIGH);
                double eLow = PoissonFunnel.expected(o, p, PoissonFunnel.Side.LOW);
                // P(X <= O | E) = p and P(X >= O | E) = p, to the reference's bisection precision
                assertEquals(p, PoissonDistribution.of(eHigh).cumulativeProbability(o), p * 1e-4);
                assertEquals(p, PoissonDistribution.of(eLow).survivalProbability(o - 1), p * 1e-4);
            }
        }
    }

    @Test
    void ratioSignificanceByHand() {
        // O = 0: upper limits −ln(0.025) = 3.689 (95%) and −ln(0.001) = 6.908 (99.8%), divided by E
        // E = 3: 95% upper 1.23 > 1 → not significant; E = 5: 0.74 < 1 but 1.38 > 1 → Low (0.025);
        // E = 7: 0.987 < 1 → Low (0.001).
        // O = 25, E = 10 (Byar): lower 99.8% = 25 (1 − 1/225 − 3.0902/15)³ / 10 = 1.2304 > 1 → High (0.001)
        // O = 30, E = 20 (Byar): 95% lower 30 (1 − 1/270 − 1.96/(3√30))³/20 = 1.012 > 1, 99.8%
        // lower 0.91 < 1 → High (0.025)
        FunnelSignificance[] s = FunnelPlots.ratioSignificance(new double[] {0, 0, 0, 25, 30},
                new double[] {3, 5, 7, 10, 20});
        assertArrayEquals(new FunnelSignificance[] {FunnelSignificance.NOT_SIGNIFICANT,
            FunnelSignificance.LOW_025, FunnelSignificance.LOW_001, FunnelSignificance.HIGH_001,
            FunnelSignificance.HIGH_025}, s);
        double[] ci = FunnelPlots.ratioInterval(25, 10, 0.998);
        assertEquals(25 * Math.pow(1 - 1 / 225.0 - Z998 / 15, 3) / 10, ci[0], 1e-12);
        assertEquals(26 * Math.pow(1 - 1 / 234.0 + Z998 / (3 * Math.sqrt(26)), 3) / 10, ci[1], 1e-12);
        assertEquals(-Math.log(0.001) / 7, FunnelPlots.ratioInterval(0, 7, 0.998)[1], 1e-12);
        assertEquals(0, FunnelPlots.ratioInterval(0, 7, 0.998)[0]);
    }

    @Test
    void significanceDoesNotDependOnRowOrder() {
        double[] num = {7222, 1243, 1448, 4829, 50};
        double[] den = {11305, 1989, 2615, 7596, 60};
        FunnelSignificance[] a = FunnelPlots.proportionSignificance(num, den);
        FunnelSignificance[] b = FunnelPlots.proportionSignificance(
                new double[] {50, 4829, 1448, 1243, 7222}, new double[] {60, 7596, 2615, 1989, 11305});
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[a.length - 1 - i]);
        }
    }

    @Test
    void dsrRowsBelowTenEventsAreNotAssessedNorCharted() {
        double[] num = {9, 10, 0, 200};
        double[] den = {1000, 1000, 500, 20000};
        double[] rate = {900, 1000, 0, 1000};
        FunnelSignificance[] s = FunnelPlots.rateSignificance(num, den, rate, RateType.DSR, 100000);
        assertEquals(FunnelSignificance.NOT_APPLICABLE_DSR, s[0]);
        assertTrue(s[1] != FunnelSignificance.NOT_APPLICABLE_DSR);
        assertEquals(FunnelSignificance.NOT_APPLICABLE_DSR, s[2]);
        FunnelPlots.RatePoints p = FunnelPlots.ratePoints(num, den, rate, RateType.DSR, 100000, 2);
        assertTrue(Double.isNaN(p.rateChart()[0]) && Double.isNaN(p.denominatorDerived()[0]));
        assertEquals(1000, p.rateChart()[1]);
        assertEquals(100000.0 * 10 / 1000 / 2, p.denominatorDerived()[1], 1e-9);
    }

    @Test
    void dsrLimitsLeaveOutRowsWithoutEvents() {
        // derived denominators 1e5×10/50 = 20000 and 1e5×30/100 = 30000; the zero row is left out:
        // av = 40 / 50000, baseline 80 per 100,000
        FunnelLimitTable t = FunnelPlots.rateLimits(new double[] {10, 30, 0}, new double[] {NA, NA, 999999},
                new double[] {50, 100, 0}, RateType.DSR, 100000, 1);
        assertEquals(80, t.value(0, "baseline"), 1e-9);
        // max 30000 ≤ 2 × 20000: axis from 20000 × 0.95 = 19000 → 10000 events-at-av = floor(10000 × 0.0008) = 8
        assertEquals(8, t.value(0, "Events"));
        // axis max: 30000 × 1.05 = 31500 → 32000 → ceil(32000 × 0.0008) = 26 (+1 steps: 8..26 reached early)
        assertEquals(26, t.value(18, "Events"));
    }

    @Test
    void limitColumnsAreTheTablesColumns() {
        assertEquals(FunnelPlots.limitColumns(FunnelPlots.Statistic.RATIO),
                FunnelPlots.ratioLimits(new double[] {3, 4}, new double[] {5, 6}, RatioType.ISR).columnNames());
        assertEquals(FunnelPlots.limitColumns(FunnelPlots.Statistic.RATE), FunnelPlots.rateLimits(new double[] {3, 4},
                new double[] {NA, NA}, new double[] {5, 6}, RateType.CRUDE, 1000, 1).columnNames());
        assertEquals(FunnelPlots.limitColumns(FunnelPlots.Statistic.PROPORTION),
                FunnelPlots.proportionLimits(new double[] {3, 4}, new double[] {5, 6}, 100).columnNames());
    }

    @Test
    void ratioLimitTypes() {
        double[] obs = {10, 20, 30};
        double[] exp = {12, 18, 25};
        FunnelLimitTable count = FunnelPlots.ratioLimits(obs, exp, RatioType.COUNT);
        FunnelLimitTable isr = FunnelPlots.ratioLimits(obs, exp, RatioType.ISR);
        assertEquals("ratio (count)", count.statistic());
        for (int i = 0; i < 100; i++) {
            double ratio = count.value(i, "Observed_events") / count.value(i, "upper_2s_exp_events");
            assertEquals(ratio - 1, count.value(i, "upper_2s_limit"), 1e-12);
            assertEquals(ratio * 100, isr.value(i, "upper_2s_limit"), 1e-9);
        }
    }

    // ---- input rules (methods.md §8) ----

    private static void assertRejected(int row, Field field, Runnable r) {
        FunnelDataException e = assertThrows(FunnelDataException.class, r::run);
        assertEquals(row, e.row(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(!e.expected().isEmpty());
    }

    @Test
    void proportionsNeedEveryNumeratorAndDenominator() {
        assertRejected(1, Field.NUMERATOR, () -> FunnelPlots.proportionLimits(
                new double[] {1, NA}, new double[] {10, 10}, 100));
        assertRejected(0, Field.DENOMINATOR, () -> FunnelPlots.proportionSignificance(
                new double[] {1, 2}, new double[] {NA, 10}));
    }

    @Test
    void negativeNumeratorsAreRejected() {
        assertRejected(1, Field.NUMERATOR, () -> FunnelPlots.proportionSignificance(
                new double[] {65, -80, 30}, new double[] {100, 100, 200}));
        assertRejected(0, Field.NUMERATOR, () -> FunnelPlots.ratioLimits(
                new double[] {-1, 2}, new double[] {3, 4}, RatioType.COUNT));
        assertRejected(0, Field.NUMERATOR, () -> FunnelPlots.rateSignificance(
                new double[] {-1, 2}, new double[] {100, 100}, new double[] {5, 5}, RateType.CRUDE, 100));
    }

    @Test
    void denominatorsMustBePositive() {
        assertRejected(2, Field.DENOMINATOR, () -> FunnelPlots.proportionSignificance(
                new double[] {65, 80, 30}, new double[] {100, 100, 0}));
        assertRejected(1, Field.DENOMINATOR, () -> FunnelPlots.ratioSignificance(
                new double[] {1, 2}, new double[] {3, -4}));
        assertRejected(0, Field.DENOMINATOR, () -> FunnelPlots.rateLimits(new double[] {5, 2},
                new double[] {0, 100}, new double[] {5, 5}, RateType.CRUDE, 100, 1));
    }

    @Test
    void proportionNumeratorMayNotExceedItsDenominator() {
        assertRejected(2, Field.NUMERATOR, () -> FunnelPlots.proportionLimits(
                new double[] {65, 80, 30}, new double[] {100, 100, 20}, 100));
    }

    @Test
    void rateRowsWithoutEventsNeedADenominator() {
        assertRejected(0, Field.DENOMINATOR, () -> FunnelPlots.rateLimits(new double[] {0, 100, 20},
                new double[] {NA, NA, NA}, new double[] {0, 142, 111}, RateType.CRUDE, 100, 1));
        assertRejected(1, Field.RATE, () -> FunnelPlots.ratePoints(new double[] {3, 100},
                new double[] {NA, 1000}, new double[] {10, NA}, RateType.CRUDE, 100, 1));
        assertRejected(0, Field.NUMERATOR, () -> FunnelPlots.rateSignificance(new double[] {NA, 100},
                new double[] {10, 1000}, new double[] {10, 10}, RateType.DSR, 100));
    }

    @Test
    void emptyInputAndDsrWithoutEventsAreRejected() {
        assertRejected(-1, null, () -> FunnelPlots.proportionLimits(new double[0], new double[0], 100));
        assertRejected(-1, Field.NUMERATOR, () -> FunnelPlots.rateLimits(new double[] {0, 0},
                new double[] {10, 10}, new double[] {0, 0}, RateType.DSR, 100, 1));
    }

    @Test
    void largeCountsGiveTheNormalApproximation() {
        // 968,056 observed events at the top of the axis: the 99.8% limits of O/E − 1 are close to
        // ±z/√O = ±3.0902/√968056 = ±0.00314 (normal approximation to the Poisson)
        FunnelLimitTable t = FunnelPlots.ratioLimits(new double[] {1e6, 5e5, 10}, new double[] {1e6, 5e5, 12},
                RatioType.COUNT);
        double o = t.value(99, "Observed_events");
        assertEquals(-Z998 / Math.sqrt(o), t.value(99, "lower_3s_limit"), 2e-5);
        assertEquals(Z998 / Math.sqrt(o), t.value(99, "upper_3s_limit"), 2e-5);
        assertRejected(0, Field.NUMERATOR, () -> FunnelPlots.ratioLimits(new double[] {2e9}, new double[] {2e9},
                RatioType.COUNT));
    }

    @Test
    void argumentsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> FunnelPlots.proportionLimits(
                new double[] {1}, new double[] {2}, 0));
        assertThrows(IllegalArgumentException.class, () -> FunnelPlots.rateLimits(new double[] {1},
                new double[] {2}, new double[] {50}, RateType.CRUDE, 100, 0));
    }
}
