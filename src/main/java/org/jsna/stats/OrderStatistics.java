package org.jsna.stats;

import java.util.Arrays;

/**
 * Several order statistics of one array: the values {@code Arrays.sort(a)} would put at the given
 * positions, without sorting. The simulated limits of an SII are a few positions near both ends of
 * 100,000 draws (2.5% and 97.5%, 0.1% and 99.9%): one pass keeps the draws below a threshold taken
 * from a sample of them and those above another (a few thousand), and each position is then
 * selected among those few. Where the thresholds miss (a position not inside its kept part, a NaN,
 * positions nearer the middle), the position is selected in the whole array as before; the values
 * are the same either way.
 */
final class OrderStatistics {
    /** Draws sampled to place the thresholds. */
    private static final int SAMPLE = 2048;

    private OrderStatistics() {
    }

    /**
     * {@code out[i]} = the value at 0-based position {@code positions[i]} of {@code a} sorted as
     * {@link Arrays#sort(double[])} sorts (NaN last, −0.0 before 0.0). Reorders {@code a}.
     */
    static double[] select(double[] a, int... positions) {
        int n = a.length;
        double[] out = new double[positions.length];
        boolean[] done = new boolean[positions.length];
        // the positions within the lowest and highest quarter go through the kept parts
        int lowMax = -1;
        int highMin = n;
        for (int p : positions) {
            if (p < 0 || p >= n) {
                throw new IllegalArgumentException("position " + p + " outside 0.." + (n - 1));
            }
            if (p < n / 4) {
                lowMax = Math.max(lowMax, p);
            } else if (p >= n - n / 4) {
                highMin = Math.min(highMin, p);
            }
        }
        if (n >= 4 * SAMPLE && (lowMax >= 0 || highMin < n)) {
            double[] sample = new double[SAMPLE];
            int stride = n / SAMPLE;
            for (int i = 0; i < SAMPLE; i++) {
                sample[i] = a[i * stride];
            }
            Arrays.sort(sample);
            // a rank a little beyond the position's share of the sample, so the part kept holds it
            double below = lowMax < 0 ? Double.NEGATIVE_INFINITY
                    : sample[Math.min(SAMPLE - 1, rankBeyond(lowMax + 1, n))];
            double above = highMin >= n ? Double.POSITIVE_INFINITY
                    : sample[Math.max(0, SAMPLE - 1 - rankBeyond(n - highMin, n))];
            int cap = n / 4;
            double[] low = new double[cap];
            double[] high = new double[cap];
            int nl = 0;
            int nh = 0;
            boolean nan = false;
            boolean overflow = false;
            for (int i = 0; i < n && !overflow; i++) {
                double x = a[i];
                if (x < below) {
                    if (nl == cap) {
                        overflow = true;
                    } else {
                        low[nl++] = x;
                    }
                } else if (x > above) {
                    if (nh == cap) {
                        overflow = true;
                    } else {
                        high[nh++] = x;
                    }
                } else if (x != x) {
                    nan = true;
                }
            }
            if (!overflow) {
                // every kept low draw is below every other value (NaN sorts last), so its part of the
                // order is the start of the whole order; the high part is its end only without NaN
                double[] lows = Arrays.copyOf(low, nl);
                double[] highs = Arrays.copyOf(high, nh);
                for (int i = 0; i < positions.length; i++) {
                    int p = positions[i];
                    if (p < nl) {
                        out[i] = quickselect(lows, p);
                        done[i] = true;
                    } else if (!nan && p >= n - nh) {
                        out[i] = quickselect(highs, p - (n - nh));
                        done[i] = true;
                    }
                }
            }
        }
        for (int i = 0; i < positions.length; i++) {
            if (!done[i]) {
                out[i] = quickselect(a, positions[i]);
            }
        }
        return out;
    }

    /**
     * The {@code k}-th smallest value (0-based) of {@code a}, as {@code Arrays.sort(a)} would put at
     * {@code a[k]}: quickselect with a median-of-three pivot, reordering {@code a} in place. Linear time on
     * average, so the simulated limits cost a fraction of a full sort of the draws.
     */
    static double quickselect(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = Double.compare(x, y) < 0 ? (Double.compare(y, z) < 0 ? y : Double.compare(x, z) < 0 ? z : x)
                    : (Double.compare(x, z) < 0 ? x : Double.compare(y, z) < 0 ? z : y);
            // three-way partition: [lo, lt) below, [lt, gt] equal, (gt, hi] above; equal draws (a group
            // with no variation) end the search at once instead of taking quadratic time
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                int c = Double.compare(a[i], pivot);
                if (c < 0) {
                    swap(a, lt++, i++);
                } else if (c > 0) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** A sample rank that {@code count} of {@code n} draws pass with room to spare. */
    private static int rankBeyond(int count, int n) {
        return (int) Math.ceil((double) count / n * SAMPLE * 1.5) + 16;
    }
}
