package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The order statistics are exactly what a full sort puts at the positions, however the draws fall. */
class OrderStatisticsTest {

    /** Draws of several shapes: normal, heavy ties, constant, with NaN, with signed zeros, sorted, reversed. */
    private static double[] draws(int n, int shape, long seed) {
        Random random = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case 0: a[i] = random.nextGaussian(); break;
                case 1: a[i] = random.nextInt(4); break;
                case 2: a[i] = 2.5; break;
                case 3: a[i] = random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian(); break;
                case 4: a[i] = random.nextBoolean() ? 0.0 : -0.0; break;
                case 5: a[i] = i; break;
                case 6: a[i] = n - i; break;
                default: a[i] = Math.exp(3 * random.nextGaussian()); break;
            }
        }
        return a;
    }

    private static void check(double[] a, int... positions) {
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        double[] got = OrderStatistics.select(a.clone(), positions);
        for (int i = 0; i < positions.length; i++) {
            // assertEquals on Double objects: NaN equals NaN, and −0.0 differs from 0.0
            assertEquals(Double.valueOf(sorted[positions[i]]), Double.valueOf(got[i]),
                    "position " + positions[i] + " of " + a.length);
        }
    }

    @Property(tries = 300)
    void sameAsTheSortedArray(@ForAll @IntRange(min = 1, max = 40_000) int n,
            @ForAll @IntRange(min = 0, max = 7) int shape, @ForAll long seed) {
        double[] a = draws(n, shape, seed);
        Random random = new Random(seed);
        // the SII's positions (both ends of 95% and 99.8% limits) and some anywhere
        int[] positions = {Sii.position(n * 0.001, n), Sii.position(n * 0.025, n), Sii.position(n * 0.975, n),
            Sii.position(n * 0.999, n), random.nextInt(n), random.nextInt(n), 0, n - 1};
        check(a, positions);
    }

    @Test
    void theSimulationsSizeAtEveryShape() {
        int n = 100_000;
        for (int shape = 0; shape < 8; shape++) {
            check(draws(n, shape, shape), 99, 2499, 97_499, 99_899);
            check(draws(n, shape, shape), 49_999, 50_000, 24_999, 75_000);
        }
    }

    @Test
    void aPositionOutsideTheArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.select(new double[3], 3));
        assertThrows(IllegalArgumentException.class, () -> OrderStatistics.select(new double[3], -1));
    }
}
