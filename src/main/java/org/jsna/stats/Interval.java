package org.jsna.stats;

/**
 * A confidence interval: lower and upper limit on the scale of the statistic. A limit that cannot
 * be calculated is {@link Double#NaN}.
 *
 * @param lower the lower confidence limit
 * @param upper the upper confidence limit
 */
public record Interval(double lower, double upper) {

    /** An interval whose limits are both missing. */
    public static final Interval MISSING = new Interval(Double.NaN, Double.NaN);

    /** This interval with both limits multiplied by {@code factor}. */
    public Interval times(double factor) {
        return new Interval(lower * factor, upper * factor);
    }
}
