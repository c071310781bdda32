package org.jsna.sample;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.SplitMix64;

/**
 * The sample's random numbers: Commons RNG SplitMix64 (a documented algorithm whose output does not
 * change between Java versions) and StrictMath for every transcendental function, so that the same
 * seed gives the same bytes on every platform.
 */
final class Rng {

    private final UniformRandomProvider rng;

    Rng(long seed) {
        this.rng = new SplitMix64(seed);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return rng.nextDouble();
    }

    /** Uniform in [0, n). */
    int nextInt(int n) {
        return rng.nextInt(n);
    }

    /** Uniform in [lo, hi] (both inclusive). */
    int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    /** Standard normal by the Box-Muller transform (one value per call). */
    double gauss() {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - rng.nextDouble());
    }

    /** Log-normal with the given median and log-scale standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gauss());
    }

    /** An index drawn with probability proportional to {@code weights} (not necessarily normalised). */
    int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** An index drawn from a cumulative weight table (non-decreasing, last element the total). */
    int pickCumulative(double[] cumulative) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
