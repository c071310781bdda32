package org.jsna.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.jsna.stats.FunnelDataException.Field;

/**
 * A funnel plot's average and control limits at any population, for drawing a funnel chart of
 * localities (e.g. the report's chart of crude rates). Built from per-locality counts and
 * populations:
 *
 * <pre>
 *   FunnelModel m = FunnelModel.crudeRate(counts, populations, 100_000);
 *   double average = m.average();                 // Σcounts / Σpopulations × 100,000
 *   FunnelModel.Band b = m.limitsAt(25_000);     // 95% and 99.8% limits at population 25,000
 *   FunnelModel.Band[] curve = m.limitsAt(FunnelModel.chartPopulations(1_000, 300_000, 100));
 * </pre>
 *
 * <h2>Crude rates (exact Poisson)</h2>
 * At population N the expected count is {@code E = av·N} (av = Σcounts/Σpopulations). The upper
 * limit is the count U whose exact lower confidence limit equals E, {@code χ²_{α/2}(2U)/2 = E},
 * and the lower limit the count L whose exact upper confidence limit equals E,
 * {@code χ²_{1−α/2}(2L+2)/2 = E} (0 when even L = 0 has its upper limit above E); the rate limits
 * are {@code U/N × multiplier} and {@code L/N × multiplier}, α = 0.05 and 0.002. U and L are
 * found by bisection on a continuous count with Commons Statistics chi-square quantiles (the steps
 * far from the root guided by the distribution functions, see {@link #bisect}). At the
 * populations where the reference's 100-point table has whole event counts, this curve passes
 * through its points (to the precision of the reference's own bisection, ~1e-7): the reference
 * parametrises the same curve by events, this by population (Armitage &amp; Berry 2002; Fingertips
 * technical guidance, funnel plots).
 *
 * <h2>Proportions (Wilson)</h2>
 * The limits at population N are the proportions whose Wilson score interval just reaches the
 * average (see {@link FunnelPlots}), clamped to [0, multiplier] (a proportion lies in [0, 1]).
 */
public final class FunnelModel {

    /** Control limits at one population; 95% ("2s") and 99.8% ("3s"). */
    public record Band(double population, double lower95, double upper95, double lower998, double upper998) {
    }

    private enum Kind {
        CRUDE_RATE, PROPORTION
    }

    private static final double[] TAILS = {0.025, 0.001};

    private final Kind kind;
    private final double av;
    private final double multiplier;

    private FunnelModel(Kind kind, double av, double multiplier) {
        this.kind = kind;
        this.av = av;
        this.multiplier = multiplier;
    }

    /**
     * Crude rates: per-locality event counts (≥ 0) and populations (&gt; 0; person-years when the
     * counts cover several years), rates expressed per {@code multiplier}.
     */
    public static FunnelModel crudeRate(double[] counts, double[] populations, double multiplier) {
        return new FunnelModel(Kind.CRUDE_RATE, average(counts, populations, false, multiplier), multiplier);
    }

    /** Proportions: numerators (≥ 0, ≤ denominator) and denominators (&gt; 0), × {@code multiplier}. */
    public static FunnelModel proportion(double[] numerators, double[] denominators, double multiplier) {
        return new FunnelModel(Kind.PROPORTION, average(numerators, denominators, true, multiplier), multiplier);
    }

    /** The funnel's centre line: Σnumerators/Σdenominators × multiplier. */
    public double average() {
        return av * multiplier;
    }

    /** The 95% and 99.8% limits at {@code population} (&gt; 0), on the multiplier's scale. */
    public Band limitsAt(double population) {
        if (!(population > 0) || Double.isInfinite(population)) {
            throw new IllegalArgumentException("population must be a finite number greater than 0, not " + population);
        }
        double[] lo = new double[2];
        double[] hi = new double[2];
        for (int t = 0; t < 2; t++) {
            if (kind == Kind.PROPORTION) {
                double p = 1 - TAILS[t];
                lo[t] = Math.max(0, FunnelPlots.wilsonLimit(p, population, av, false, multiplier));
                hi[t] = Math.min(multiplier, FunnelPlots.wilsonLimit(p, population, av, true, multiplier));
            } else {
                double expected = av * population;
                lo[t] = lowerCount(expected, TAILS[t]) / population * multiplier;
                hi[t] = upperCount(expected, TAILS[t]) / population * multiplier;
            }
        }
        return new Band(population, lo[0], hi[0], lo[1], hi[1]);
    }

    /** The limits at each population, e.g. the x-axis points of a chart. */
    public Band[] limitsAt(double[] populations) {
        Band[] out = new Band[populations.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = limitsAt(populations[i]);
        }
        return out;
    }

    /**
     * {@code points} populations from {@code from} to {@code to} (both &gt; 0, from &lt; to),
     * geometrically spaced (equal ratios), for drawing the limits as smooth curves; the first is
     * {@code from} and the last {@code to}.
     */
    public static double[] chartPopulations(double from, double to, int points) {
        if (!(from > 0) || !(to > from) || Double.isInfinite(to) || points < 2) {
            throw new IllegalArgumentException("need 0 < from < to and at least 2 points, not " + from + ", " + to
                    + ", " + points);
        }
        double[] out = new double[points];
        double step = Math.log(to / from) / (points - 1);
        for (int i = 0; i < points; i++) {
            out[i] = from * Math.exp(step * i);
        }
        out[points - 1] = to;
        return out;
    }

    /** A bisection between a bracket's ends (see {@link #bisect}). */
    interface Bisection {
        double run(double lo, double hi, double target, double tail, boolean upper);
    }

    /** U with χ²_{tail}(2U)/2 = E (the count whose exact lower limit is E). */
    static double upperCount(double expected, double tail) {
        return upperCount(expected, tail, FunnelModel::bisect);
    }

    static double upperCount(double expected, double tail, Bisection bisection) {
        if (expected == 0) {
            return 0;
        }
        double lo = 0;
        double hi = expected + 1;
        while (exactLower(hi, tail) < expected) {
            lo = hi;
            hi *= 2;
        }
        return bisection.run(lo, hi, expected, tail, true);
    }

    /** L with χ²_{1−tail}(2L+2)/2 = E (the count whose exact upper limit is E); 0 if none ≥ 0. */
    static double lowerCount(double expected, double tail) {
        return lowerCount(expected, tail, FunnelModel::bisect);
    }

    static double lowerCount(double expected, double tail, Bisection bisection) {
        if (exactUpper(0, tail) >= expected) {
            return 0;
        }
        double lo = 0;
        double hi = expected;
        while (exactUpper(hi, tail) < expected) {
            lo = hi;
            hi *= 2;
        }
        return bisection.run(lo, hi, expected, tail, false);
    }

    /**
     * Where a bisection step's midpoint lies at least this far (relative) from the root that the
     * chi-square distribution functions give, the step takes that side without a quantile: each
     * quantile is itself a root search, and the functions agree with it far closer than this
     * (FunnelModelTest checks the steps against quantiles alone).
     */
    static final double DECIDED = 1e-10;

    /**
     * The count whose exact limit is {@code target}, to 1e-12 relative, by bisection of the
     * quantile comparison between {@code lo} and {@code hi}. Only the last steps, whose midpoints
     * come within {@link #DECIDED} of the root, compute a quantile; the others follow the root of
     * the cumulative distribution (one evaluation per step instead of a root search), so the steps
     * and the result are those of a bisection on quantiles alone, some four times faster.
     */
    static double bisect(double lo, double hi, double target, double tail, boolean upper) {
        double root = cdfRoot(lo, hi, target, tail, upper);
        boolean guided = root > 0 && root < Double.POSITIVE_INFINITY;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            boolean below;
            if (guided && Math.abs(mid - root) > DECIDED * root) {
                below = mid < root;
            } else {
                double v = upper ? exactLower(mid, tail) : exactUpper(mid, tail);
                below = v < target;
            }
            if (below) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The quantile bisection with no shortcut, step for step as {@link #bisect} must end (for tests).
     */
    static double bisectByQuantiles(double lo, double hi, double target, double tail, boolean upper) {
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            double v = upper ? exactLower(mid, tail) : exactUpper(mid, tail);
            if (v < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The root of the same comparison from the distribution functions, to 1e-14 relative: the
     * exact lower limit of count c is below E when P(χ²(2c) ≤ 2E) &gt; tail, the exact upper limit
     * when P(χ²(2c + 2) &gt; 2E) &lt; tail. NaN when the functions give no answer.
     */
    private static double cdfRoot(double lo, double hi, double target, double tail, boolean upper) {
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            double p = upper
                    ? (mid <= 0 ? 1 : ChiSquaredDistribution.of(2 * mid).cumulativeProbability(2 * target))
                    : ChiSquaredDistribution.of(2 * mid + 2).survivalProbability(2 * target);
            if (Double.isNaN(p)) {
                return Double.NaN;
            }
            if (upper ? p > tail : p < tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double exactLower(double count, double tail) {
        return count <= 0 ? 0 : ChiSquaredDistribution.of(2 * count).inverseCumulativeProbability(tail) / 2;
    }

    private static double exactUpper(double count, double tail) {
        return ChiSquaredDistribution.of(2 * count + 2).inverseSurvivalProbability(tail) / 2;
    }

    private static double average(double[] numerators, double[] denominators, boolean proportion, double multiplier) {
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number greater than 0, not " + multiplier);
        }
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException("input arrays differ in length");
        }
        if (numerators.length == 0) {
            throw new FunnelDataException(-1, null, Double.NaN, "at least one row is needed for a funnel plot");
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < numerators.length; i++) {
            double x = numerators[i];
            double n = denominators[i];
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new FunnelDataException(i, Field.NUMERATOR, x, "a numerator greater than or equal to zero");
            }
            if (!(n > 0) || Double.isInfinite(n)) {
                throw new FunnelDataException(i, Field.DENOMINATOR, n, "a denominator greater than zero");
            }
            if (proportion && x > n) {
                throw new FunnelDataException(i, Field.NUMERATOR, x,
                        "a numerator less than or equal to the denominator for a proportion");
            }
            num += x;
            den += n;
        }
        return num / den;
    }
}
