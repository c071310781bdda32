package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants over many inputs: lower ≤ value ≤ upper, and the 99.8% interval contains the 95% one. */
class IntervalPropertiesTest {

    private static void contains(double lo998, double lo95, double v, double up95, double up998, String what) {
        assertTrue(lo998 <= lo95 && lo95 <= v && v <= up95 && up95 <= up998,
                what + ": " + lo998 + " <= " + lo95 + " <= " + v + " <= " + up95 + " <= " + up998);
    }

    @Test
    void wilsonAndRates() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            double n = 1 + rnd.nextInt(i < 1000 ? 30 : 1_000_000);
            double x = rnd.nextInt((int) n + 1);
            Interval a = Proportions.wilson(x, n, 0.95);
            Interval b = Proportions.wilson(x, n, 0.998);
            contains(b.lower(), a.lower(), x / n, a.upper(), b.upper(), "wilson " + x + "/" + n);
            Rates.Result r95 = Rates.crude(x, n, 100000, 0.95);
            Rates.Result r998 = Rates.crude(x, n, 100000, 0.998);
            double lo998 = Double.isNaN(r998.lower()) ? 0 : r998.lower();
            contains(lo998, r95.lower(), r95.value(), r95.upper(), r998.upper(), "rate " + x + "/" + n);
        }
    }

    @Test
    void dsrAndMeans() {
        Random rnd = new Random(7);
        double[] w = Dsr.ESP2013_WEIGHTS.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < 500; i++) {
            double[] d = new double[19];
            double[] n = new double[19];
            for (int b = 0; b < 19; b++) {
                n[b] = 1 + rnd.nextInt(20000);
                d[b] = rnd.nextInt(1 + (int) (n[b] * 0.05 * rnd.nextDouble()));
            }
            Dsr.Result a = Dsr.independent(d, n, w, 100000, 0.95);
            Dsr.Result b = Dsr.independent(d, n, w, 100000, 0.998);
            if (a.note() == null) {
                contains(b.lower(), a.lower(), a.value(), a.upper(), b.upper(), "dsr " + i);
            }
            double[] v = new double[2 + rnd.nextInt(50)];
            for (int k = 0; k < v.length; k++) {
                v[k] = rnd.nextGaussian() * 10 + 50;
            }
            Means.Result m95 = Means.of(v, 0.95);
            Means.Result m998 = Means.of(v, 0.998);
            contains(m998.lower(), m95.lower(), m95.value(), m95.upper(), m998.upper(), "mean " + i);
        }
    }
}
