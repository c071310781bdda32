package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values: golden/mean/out_mean_conf95_998.csv (PHEindicatormethods 2.1.0). */
class MeansTest {

    @Test
    void twoValues() {
        double[] v = {16.1705, 14.6438};
        Means.Result r = Means.of(v, 0.95);
        Golden.near(30.8143, r.sum(), "sum");
        assertEquals(2, r.count());
        Golden.near(1.0795399228375, r.stdev(), "sd");
        Golden.near(15.40715, r.value(), "value");
        Golden.near(5.70786861464105, r.lower(), "lower");
        Golden.near(25.106431385359, r.upper(), "upper");
        Means.Result r998 = Means.of(v, 0.998);
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

    @Test
    void missingValueIsCountedAndMakesTheGroupMissing() {
        Means.Result r = Means.of(new double[] {1, Double.NaN, 3}, 0.95);
        assertEquals(3, r.count());
        assertTrue(Double.isNaN(r.value()) && Double.isNaN(r.lower()) && Double.isNaN(r.sum()));
    }
}
