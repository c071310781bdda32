package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected values: golden/mean/out_mean_conf95_998.csv (PHEindicatormethods 2.1.0). */
class MeansTest {

    @Test
    void twoValues() {
        double[] v = {16.1705, 14.6438};
        assertTwoValues(Means.of(v, 0.95), Means.of(v, 0.998));
    }

    /** golden/mean's group of two values, at 95% and 99.8%. */
    private static void assertTwoValues(Means.Result r, Means.Result r998) {
        Golden.near(30.8143, r.sum(), "sum");
        assertEquals(2, r.count());
        Golden.near(1.0795399228375, r.stdev(), "sd");
        Golden.near(15.40715, r.value(), "value");
        Golden.near(5.70786861464105, r.lower(), "lower");
        Golden.near(25.106431385359, r.upper(), "upper");
        Golden.near(-227.57390223962, r998.lower(), "lower 99.8");
        Golden.near(258.38820223962, r998.upper(), "upper 99.8");
    }

    @Test
    void threeValues() {
        Means.Result r = Means.of(new double[] {66.3635, 64.5348, 65.2136}, 0.95);
        Golden.near(0.924408201680043, r.stdev(), "sd");
        Golden.near(63.0742760584886, r.lower(), "lower");
        Golden.near(67.666990608178, r.upper(), "upper");
    }

    @Test
    void constantGroupHasLimitsEqualToValue() {
        Means.Result r = Means.of(new double[] {42.5, 42.5, 42.5, 42.5}, 0.95);
        assertEquals(0, r.stdev());
        assertEquals(42.5, r.value());
        assertEquals(42.5, r.lower());
        assertEquals(42.5, r.upper());
    }

    @Test
    void singleValueHasNoLimits() {
        Means.Result r = Means.of(new double[] {3}, 0.95);
        assertEquals(3, r.value());
        assertTrue(Double.isNaN(r.stdev()) && Double.isNaN(r.lower()) && Double.isNaN(r.upper()));
    }

    /** The mean from exact moments (cost per user), against the same reference rows. */
    @Test
    void fromExactMomentsMatchesTheReference() {
        assertTwoValues(moments(0.95, 16.1705, 14.6438), moments(0.998, 16.1705, 14.6438));
        Means.Result three = moments(0.95, 66.3635, 64.5348, 65.2136);
        Golden.near(0.924408201680043, three.stdev(), "sd");
        Golden.near(63.0742760584886, three.lower(), "lower");
        Golden.near(67.666990608178, three.upper(), "upper");
    }

    @Test
    void fromExactMomentsEdgeCases() {
        Means.Result constant = moments(0.95, 42.5, 42.5, 42.5, 42.5);
        assertEquals(0, constant.stdev());
        assertEquals(42.5, constant.value());
        assertEquals(42.5, constant.lower());
        assertEquals(42.5, constant.upper());
        Means.Result one = moments(0.95, 3);
        assertEquals(3, one.value());
        assertTrue(Double.isNaN(one.stdev()) && Double.isNaN(one.lower()) && Double.isNaN(one.upper()));
        Means.Result none = Means.of(0, BigDecimal.ZERO, BigDecimal.ZERO, 0.95);
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.value()));
    }

    /** On many random groups (money, a huge spread, near-constant values) the two ways agree to 1e-12. */
    @Test
    void fromExactMomentsAgreesWithTheTwoPassMean() {
        Random random = new Random(20261205);
        for (int k = 0; k < 2000; k++) {
            int n = 2 + random.nextInt(k % 10 == 0 ? 2000 : 30);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (k % 3) {
                    case 0 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                    case 1 -> Math.exp(random.nextGaussian() * 4);
                    default -> 1e6 + random.nextInt(3) / 100.0;
                };
            }
            for (double level : new double[] {0.95, 0.998}) {
                Means.Result a = Means.of(v, level);
                Means.Result b = moments(level, v);
                String at = "group " + k + " (n " + n + ")";
                assertEquals(a.value(), b.value(), Math.abs(a.value()) * 1e-14, at);
                assertEquals(a.stdev(), b.stdev(), Math.max(a.stdev() * 1e-9, Math.abs(a.value()) * 1e-13), at);
                assertEquals(a.lower(), b.lower(), Math.abs(a.value()) * 1e-12, at);
                assertEquals(a.upper(), b.upper(), Math.abs(a.value()) * 1e-12, at);
            }
        }
    }

    private static Means.Result moments(double level, double... v) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (double x : v) {
            BigDecimal d = BigDecimal.valueOf(x);
            sum = sum.add(d);
            squares = squares.add(d.multiply(d));
        }
        return Means.of(v.length, sum, squares, level);
    }

    @Test
    void missingValueIsCountedAndMakesTheGroupMissing() {
        Means.Result r = Means.of(new double[] {1, Double.NaN, 3}, 0.95);
        assertEquals(3, r.count());
        assertTrue(Double.isNaN(r.value()) && Double.isNaN(r.lower()) && Double.isNaN(r.sum()));
    }
}
