package org.jsna.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Confidence limits for a Poisson count O, on the count scale.
 *
 * <ul>
 * <li><b>Exact</b> (Armitage &amp; Berry 2002, via the chi-square distribution):
 * {@code lower = χ²_{α/2}(2O)/2} (0 when O = 0), {@code upper = χ²_{1−α/2}(2O+2)/2}.</li>
 * <li><b>Byar's approximation</b> (Breslow &amp; Day 1987):
 * {@code lower = O(1 − 1/(9O) − z/(3√O))³}, {@code upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³};
 * a negative lower limit is missing (NaN).</li>
 * </ul>
 * PHEindicatormethods uses the exact limits below 10 events and Byar's from 10 ({@link #limits}).
 *
 * <p>References: Armitage P, Berry G, Matthews JNS (2002) <i>Statistical methods in medical
 * research</i>, 4th ed.; Breslow NE, Day NE (1987) <i>Statistical methods in cancer research,
 * vol II</i>, IARC.
 */
public final class Poisson {

    /** Counts below this use exact limits, counts from it Byar's. */
    public static final double EXACT_BELOW = 10;

    private Poisson() {
    }

    /** Exact Poisson limits for {@code observed} events; NaN limits for a NaN or negative count. */
    public static Interval exact(double observed, double level) {
        if (!(observed >= 0) || Double.isInfinite(observed)) {
            return Interval.MISSING;
        }
        double alpha = 1 - level;
        double lower = observed == 0 ? 0 : ChiSquaredDistribution.of(2 * observed).inverseCumulativeProbability(alpha / 2) / 2;
        double upper = ChiSquaredDistribution.of(2 * observed + 2).inverseCumulativeProbability(level + alpha / 2) / 2;
        return new Interval(lower, upper);
    }

    /** Byar's limits for {@code observed} events; a negative lower limit (or O = 0) is NaN. */
    public static Interval byar(double observed, double level) {
        if (!(observed >= 0) || Double.isInfinite(observed)) {
            return Interval.MISSING;
        }
        double z = Confidence.z(level);
        double lower = Double.NaN;
        if (observed > 0) {
            double b = 1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed));
            lower = observed * b * b * b;
            if (lower < 0) {
                lower = Double.NaN;
            }
        }
        double o1 = observed + 1;
        double c = 1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1));
        double upper = o1 * c * c * c;
        return new Interval(lower, upper);
    }

    /** Exact below {@link #EXACT_BELOW} events, Byar's from it. */
    public static Interval limits(double observed, double level) {
        return observed < EXACT_BELOW ? exact(observed, level) : byar(observed, level);
    }

    /** The method name written to the {@code method} column: "Exact" or "Byars" (null for NaN). */
    public static String methodFor(double observed) {
        if (Double.isNaN(observed)) {
            return null;
        }
        return observed < EXACT_BELOW ? "Exact" : "Byars";
    }
}
