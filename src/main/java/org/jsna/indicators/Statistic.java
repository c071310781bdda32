package org.jsna.indicators;

/**
 * How an indicator's value and limits are made from its numerator and denominator measures
 * (methods.md; the statistics themselves are in {@code stats/}). {@link IndicatorTable} computes a row
 * of any indicator by its statistic, never by its id.
 */
public enum Statistic {
    /** Count per population × multiplier; Byar's limits, exact Poisson under 10 (stats/Rates). */
    CRUDE_RATE,
    /** Directly age-standardised rate over ESP2013 bands clipped to the client group; Dobson limits (stats/Dsr). */
    DSR,
    /** Count over a count × multiplier; Wilson score limits (stats/Proportions). */
    PROPORTION,
    /** Pounds per head of population; no interval. */
    PER_HEAD,
    /** One category's pounds over the known total × multiplier; no interval. */
    SHARE,
    /** Mean of per-person values with Student's t limits (stats/Means). */
    MEAN,
    /** The median of a distribution (the mean of the two middle values when n is even); no interval. */
    MEDIAN,
    /** The nearest-rank 90th percentile (the ⌈0.9·n⌉-th smallest); no interval. */
    P90;

    /**
     * The kind of recent-trend marker (trends.md, "In jsna"): {@code proportion} for the Wilson
     * proportions, {@code rate} for every statistic with 95% limits, null for those without limits
     * (their marker is {@code cannot be calculated}, {@code missing confidence interval}).
     */
    public org.jsna.stats.TrendMarker.Kind trendKind() {
        return switch (this) {
            case PROPORTION -> org.jsna.stats.TrendMarker.Kind.PROPORTION;
            case CRUDE_RATE, DSR, MEAN -> org.jsna.stats.TrendMarker.Kind.RATE;
            case PER_HEAD, SHARE, MEDIAN, P90 -> null;
        };
    }
}
