package org.jsna.stats;

import java.math.BigDecimal;

/**
 * Crude rates {@code x/n × multiplier} with Poisson confidence limits: <b>exact</b> below 10 events
 * (method "Exact"), <b>Byar's</b> approximation from 10 events (method "Byars"); the limits on the
 * count scale are divided by n and multiplied by the multiplier. At x = 0 the value and lower
 * limit are 0 and the upper limit {@code χ²_{1−α/2}(2)/2 / n} (3.6889/n at 95%).
 *
 * <p>References: see {@link Poisson}; PHEindicatormethods {@code phe_rate}.
 */
public final class Rates {

    private Rates() {
    }

    /**
     * One rate and its interval at one level.
     *
     * @param value the rate × multiplier
     * @param lower lower limit × multiplier
     * @param upper upper limit × multiplier
     * @param method "Exact" or "Byars"; null when the numerator is missing
     */
    public record Result(double value, double lower, double upper, String method) {
    }

    /** A crude rate; a NaN numerator gives NaN value and limits and a null method. */
    public static Result crude(double x, double n, double multiplier, double level) {
        if (Double.isNaN(x) || Double.isNaN(n)) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, null);
        }
        Interval ci = Poisson.limits(x, level);
        return new Result(x / n * multiplier, ci.lower() / n * multiplier, ci.upper() / n * multiplier, Poisson.methodFor(x));
    }

    /** The {@code statistic} label, e.g. "rate per 100000". */
    public static String statistic(double multiplier) {
        return "rate per " + plain(multiplier);
    }

    /** A number in plain notation without trailing zeros (100000, 0.5), as R's format(scientific = FALSE). */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
