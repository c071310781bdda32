package org.jsna.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Slope index of inequality (SII) and relative index of inequality (RII) across ordered
 * quantiles (e.g. deprivation deciles, 1 = most deprived), with confidence limits by Monte-Carlo
 * simulation, as {@code phe_sii} of the reference R package PHEindicatormethods 2.1.0 and the
 * Fingertips technical guidance compute them (Low &amp; Low 2004).
 *
 * <h2>Point estimates</h2>
 * With quantile populations Nᵢ: aᵢ = Nᵢ / ΣN, the ridit mid-point bᵢ = Σ_{j&lt;i} aⱼ + aᵢ/2.
 * The indicator values yᵢ are fitted by least squares <em>without</em> intercept term on the
 * √a-weighted design {@code yᵢ√aᵢ = β₀√aᵢ + β₁bᵢ√aᵢ} (a population-weighted regression of y
 * on b), solved in closed form from the 2×2 normal equations.
 * <ul>
 *   <li>Untransformed: SII = β₁ × multiplier, RII = (β₀ + β₁)/β₀, intercept = β₀.</li>
 *   <li>Transformed ({@code transform}, rates or proportions only): y is log(rate) or
 *       logit(proportion) and g⁻¹ = exp or expit; SII = (g⁻¹(β₀+β₁) − g⁻¹(β₀)) × multiplier,
 *       RII = g⁻¹(β₀+β₁)/g⁻¹(β₀), intercept = g⁻¹(β₀) × |multiplier|.</li>
 *   <li>A negative multiplier (an indicator where lower is worse) inverts the RII (1/RII), in
 *       the point estimate and in the simulated limits.</li>
 * </ul>
 *
 * <h2>Standard errors</h2>
 * Given directly ({@code se}), or from 95% limits: SE = (U − L)/(2 × Φ⁻¹(0.975)) computed on the
 * log scale for rates and on the logit scale for proportions (the raw scale for other values),
 * whether or not {@code transform} is set. The limits must be 95% limits.
 *
 * <h2>Simulated confidence limits</h2>
 * {@code repetitions} (R, at least 1000) draws: every quantile's value is drawn from
 * Normal(μᵢ, SEᵢ) where μᵢ is the value on the log/logit scale for rates/proportions (raw for
 * other values; a given {@code se} is used as it is, as the reference does); untransformed fits
 * back-transform each draw (exp/expit) before refitting, transformed fits refit on the log/logit
 * scale. The R simulated SIIs (and RIIs) are sorted; the limits at level c are the sorted draws
 * at the 1-based positions round(R·α/2) and round(R·(1 − α/2)), α = 1 − c, rounding half to
 * even as R's {@code round}. For transformed fits the simulated slopes s are back-transformed
 * around the fitted mid-point h = (β₀ + (β₀ + β₁))/2: the limit from slope s is
 * (g⁻¹(h + s/2) − g⁻¹(h − s/2)) × multiplier (RII: g⁻¹(h + s/2)/g⁻¹(h − s/2)); with a negative
 * multiplier the upper slope gives the lower limit.
 * <p>
 * Random numbers: Mersenne Twister MT19937 ({@link RandomSource#MT} of Commons RNG, seeded from
 * the {@code long} seed), standard normal deviates by the modified ziggurat method (McFarland
 * 2016) of the Commons Statistics normal sampler. R's stream cannot be reproduced, so limits
 * agree with the reference only to Monte-Carlo error (≈1% of the interval width at 95%).
 * <p>
 * Differences from the reference, all in cases the reference gets wrong or leaves undefined:
 * a transformed rate with 0 &lt; multiplier &lt; 1 is not treated as negative (the reference
 * tests {@code multiplier < 1} there); missing values throw instead of dropping draws.
 *
 * <h2>References</h2>
 * <ol>
 *   <li>Low A, Low A. Measuring the gap: quantifying and comparing local health inequalities.
 *       J Public Health 2004;26(4):388–395. doi:10.1093/pubmed/fdh175</li>
 *   <li>Fingertips Public Health Technical Guidance: slope index of inequality.
 *       https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/</li>
 *   <li>Matsumoto M, Nishimura T. Mersenne Twister. ACM TOMACS 1998;8(1):3–30.
 *       doi:10.1145/272991.272995</li>
 *   <li>McFarland CD. A modified ziggurat algorithm for generating exponentially and normally
 *       distributed pseudorandom numbers. J Stat Comput Simul 2016;86(7):1281–1294.
 *       doi:10.1080/00949655.2015.1060234</li>
 * </ol>
 */
public final class Sii {

    /** The kind of indicator value: decides the scale of the SEs and the transform. */
    public enum ValueType { OTHER, RATE, PROPORTION }

    /** Fewest and most quantiles the method accepts. */
    public static final int MIN_QUANTILES = 5;
    public static final int MAX_QUANTILES = 100;
    /** Fewest simulation repetitions accepted. */
    public static final int MIN_REPETITIONS = 1000;

    /**
     * SII, RII, intercept and simulated limits, one limit entry per requested confidence level.
     */
    public record Result(double sii, double rii, double intercept, double[] siiLower, double[] siiUpper,
            double[] riiLower, double[] riiUpper) {
    }

    private Sii() {
    }

    /**
     * SII and RII of one group.
     *
     * @param population  population per quantile (&gt; 0), ordered by quantile ascending
     * @param value       indicator value per quantile (proportions in [0, 1], not × 100)
     * @param se          standard error per quantile, or null when the 95% limits are given
     * @param lower95     lower 95% limit per quantile, or null when {@code se} is given
     * @param upper95     upper 95% limit per quantile, or null when {@code se} is given
     * @param type        rate, proportion or other
     * @param transform   fit on the log (rate) or logit (proportion) scale
     * @param multiplier  scales the SII; negative inverts the RII
     * @param repetitions simulation draws (at least 1000)
     * @param levels      confidence levels in [0.9, 1)
     * @param seed        seed of the generator
     * @return the estimates and limits
     * @throws IllegalArgumentException for invalid input, with a plain message
     */
    public static Result compute(double[] population, double[] value, double[] se, double[] lower95,
            double[] upper95, ValueType type, boolean transform, double multiplier, int repetitions,
            double[] levels, long seed) {
        return compute(population, value, se, lower95, upper95, type, transform, multiplier, repetitions, levels,
                new Draws(seed));
    }

    /**
     * As {@link #compute(double[], double[], double[], double[], double[], ValueType, boolean, double, int,
     * double[], long)}, with the seed's standard normal deviates taken from {@code draws}, which may be shared
     * by many groups simulated with one seed (each group reads the same stream from its start, so sharing
     * gives the same limits as a generator per group, and the deviates are made once).
     */
    public static Result compute(double[] population, double[] value, double[] se, double[] lower95,
            double[] upper95, ValueType type, boolean transform, double multiplier, int repetitions,
            double[] levels, Draws shared) {
        int k = validate(population, value, se, lower95, upper95, type, transform, multiplier, repetitions, levels);

        // transformed values and SEs
        double z95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        double[] mu = new double[k];
        double[] sd = new double[k];
        for (int i = 0; i < k; i++) {
            mu[i] = link(type, value[i]);
            sd[i] = se != null ? se[i] : (link(type, upper95[i]) - link(type, lower95[i])) / z95 / 2;
        }

        // weights and the coefficient vectors of the closed-form least squares solution
        double total = 0;
        for (double p : population) {
            total += p;
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double cum = 0;
        for (int i = 0; i < k; i++) {
            a[i] = population[i] / total;
            b[i] = cum + a[i] / 2;
            cum += a[i];
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < k; i++) {
            s0 += a[i];
            s1 += a[i] * b[i];
            s2 += a[i] * b[i] * b[i];
        }
        double det = s0 * s2 - s1 * s1;
        double[] c0 = new double[k];
        double[] c1 = new double[k];
        for (int i = 0; i < k; i++) {
            c0[i] = (s2 * a[i] - s1 * a[i] * b[i]) / det;
            c1[i] = (s0 * a[i] * b[i] - s1 * a[i]) / det;
        }

        // point estimates
        double beta0 = 0;
        double beta1 = 0;
        for (int i = 0; i < k; i++) {
            double y = transform ? mu[i] : inverseLink(type, mu[i]);
            beta0 += c0[i] * y;
            beta1 += c1[i] * y;
        }
        boolean negative = multiplier < 0;
        double sii;
        double rii;
        double intercept;
        double half = (beta0 + (beta0 + beta1)) / 2;
        if (transform) {
            double g0 = inverseLink(type, beta0);
            double g1 = inverseLink(type, beta0 + beta1);
            sii = (g1 - g0) * multiplier;
            rii = negative ? 1 / (g1 / g0) : g1 / g0;
            intercept = g0 * Math.abs(multiplier);
        } else {
            sii = multiplier * beta1;
            double r = (beta0 + beta1) / beta0;
            rii = negative ? 1 / r : r;
            intercept = beta0;
        }

        // simulation: the draws first (one tight loop the JIT compiles early), in the order of a
        // repetition-by-repetition loop, then the refits over them
        double[] slopes = new double[repetitions];
        double[] ratios = transform ? null : new double[repetitions];
        if ((long) repetitions * k <= shared.max) {
            refit(shared.first(repetitions * k), repetitions, k, mu, sd, c0, c1, type, transform, multiplier,
                    negative, slopes, ratios, 0);
        } else {
            // too many to keep: a generator of its own, read in blocks
            ContinuousDistribution.Sampler normal = Draws.sampler(shared.seed);
            int block = Math.max(1, (1 << 16) / k);
            double[] draws = new double[block * k];
            for (int start = 0; start < repetitions; start += block) {
                int m = Math.min(block, repetitions - start);
                fill(draws, m * k, normal);
                refit(draws, m, k, mu, sd, c0, c1, type, transform, multiplier, negative, slopes, ratios, start);
            }
        }
        int n = levels.length;
        double[] siiLower = new double[n];
        double[] siiUpper = new double[n];
        double[] riiLower = new double[n];
        double[] riiUpper = new double[n];
        // the order statistics of the sorted draws, found by selection (the same values, without a sort):
        // positions lower and upper limit of each level, all in one pass over the draws
        int[] positions = new int[2 * n];
        for (int c = 0; c < n; c++) {
            double upperProbability = levels[c] + (1 - levels[c]) / 2;
            positions[2 * c] = position(repetitions * (1 - upperProbability), repetitions);
            positions[2 * c + 1] = position(repetitions * upperProbability, repetitions);
        }
        double[] slopeAt = OrderStatistics.select(slopes, positions);
        double[] ratioAt = transform ? null : OrderStatistics.select(ratios, positions);
        for (int c = 0; c < n; c++) {
            if (!transform) {
                siiLower[c] = slopeAt[2 * c];
                siiUpper[c] = slopeAt[2 * c + 1];
                riiLower[c] = ratioAt[2 * c];
                riiUpper[c] = ratioAt[2 * c + 1];
            } else {
                double sl = slopeAt[2 * c];
                double su = slopeAt[2 * c + 1];
                double g0l = inverseLink(type, half - sl / 2);
                double g1l = inverseLink(type, half + sl / 2);
                double g0u = inverseLink(type, half - su / 2);
                double g1u = inverseLink(type, half + su / 2);
                if (negative) {
                    siiLower[c] = (g1u - g0u) * multiplier;
                    siiUpper[c] = (g1l - g0l) * multiplier;
                    riiLower[c] = 1 / (g1u / g0u);
                    riiUpper[c] = 1 / (g1l / g0l);
                } else {
                    siiLower[c] = (g1l - g0l) * multiplier;
                    siiUpper[c] = (g1u - g0u) * multiplier;
                    riiLower[c] = g1l / g0l;
                    riiUpper[c] = g1u / g0u;
                }
            }
        }
        return new Result(sii, rii, intercept, siiLower, siiUpper, riiLower, riiUpper);
    }

    private static void fill(double[] draws, int n, ContinuousDistribution.Sampler normal) {
        fill(draws, 0, n, normal);
    }

    private static void fill(double[] draws, int from, int to, ContinuousDistribution.Sampler normal) {
        for (int j = from; j < to; j++) {
            draws[j] = normal.sample();
        }
    }

    /**
     * The standard normal deviates of one seed's generator, in the order it makes them: made once, as far as
     * the longest simulation reading them needs, and shared by every simulation with that seed (safe to use
     * from several threads). A report simulates dozens of groups with one seed; drawing their deviates
     * once instead of once per group takes most of the cost of the simulations away.
     */
    public static final class Draws {
        /** Most deviates kept (32 MiB); a longer simulation draws its own in blocks. */
        static final int MAX_SHARED = 1 << 22;
        final long seed;
        final int max;
        private ContinuousDistribution.Sampler normal;
        private double[] values = new double[0];
        private int made;

        public Draws(long seed) {
            this(seed, MAX_SHARED);
        }

        /** Keeping at most {@code max} deviates (tests: both ways of drawing). */
        Draws(long seed, int max) {
            this.seed = seed;
            this.max = max;
        }

        static ContinuousDistribution.Sampler sampler(long seed) {
            UniformRandomProvider rng = RandomSource.MT.create(seed);
            return NormalDistribution.of(0, 1).createSampler(rng);
        }

        /**
         * Starts making the first {@code n} deviates (at most {@link #max}) on a daemon thread of its own, so that
         * they are ready when the simulations start: a report does this once it has read its inputs, while it
         * aggregates them and applies disclosure control, and the simulations no longer wait for them at the end
         * (0.5 s of the bundled sample's run, most of it before the compiler has made the loop fast). Callers of
         * {@link #first} wait for it. Returns this.
         */
        public Draws startMaking(int n) {
            Thread t = new Thread(() -> {
                try {
                    first(Math.min(n, max));
                } catch (OutOfMemoryError e) {
                    // nothing made, nothing changed: the simulations make them when they ask, and a heap that
                    // small is the main thread's to report
                }
            }, "jsna-sii-draws");
            t.setDaemon(true);
            t.start();
            return this;
        }

        /** An array whose first {@code n} values (n ≤ {@link #max}) are the first n deviates. */
        synchronized double[] first(int n) {
            if (made < n) {
                if (normal == null) {
                    normal = sampler(seed);
                }
                if (values.length < n) {
                    // a new array: earlier callers keep reading the old one, whose values do not change
                    values = Arrays.copyOf(values, Math.max(n, Math.min(max, 2 * values.length)));
                }
                fill(values, made, n, normal);
                made = n;
            }
            return values;
        }
    }

    /** The slope (and ratio) of each of {@code m} repetitions from their standard normal draws. */
    private static void refit(double[] draws, int m, int k, double[] mu, double[] sd, double[] c0, double[] c1,
            ValueType type, boolean transform, double multiplier, boolean negative, double[] slopes, double[] ratios,
            int start) {
        for (int r = 0; r < m; r++) {
            double s0r = 0;
            double s1r = 0;
            int base = r * k;
            for (int i = 0; i < k; i++) {
                double y = mu[i] + sd[i] * draws[base + i];
                if (!transform) {
                    y = inverseLink(type, y);
                }
                s0r += c0[i] * y;
                s1r += c1[i] * y;
            }
            if (transform) {
                slopes[start + r] = s1r;
            } else {
                slopes[start + r] = s1r * multiplier;
                double ratio = (s1r + s0r) / s0r;
                ratios[start + r] = negative ? 1 / ratio : ratio;
            }
        }
    }

    /** 0-based index of the 1-based position round(x) (half to even, as R), kept inside the draws. */
    static int position(double x, int repetitions) {
        long pos = (long) Math.rint(x);
        return (int) Math.max(0, Math.min(repetitions - 1, pos - 1));
    }

    /** log for rates, logit for proportions, identity otherwise. */
    static double link(ValueType type, double v) {
        switch (type) {
            case RATE:
                return Math.log(v);
            case PROPORTION:
                return Math.log(v / (1 - v));
            default:
                return v;
        }
    }

    /** exp for rates, expit for proportions, identity otherwise. */
    static double inverseLink(ValueType type, double x) {
        switch (type) {
            case RATE:
                return Math.exp(x);
            case PROPORTION: {
                double e = Math.exp(x);
                return e / (1 + e);
            }
            default:
                return x;
        }
    }

    private static int validate(double[] population, double[] value, double[] se, double[] lower95,
            double[] upper95, ValueType type, boolean transform, double multiplier, int repetitions,
            double[] levels) {
        if (population == null || value == null || type == null || levels == null) {
            throw new IllegalArgumentException("population, value, value type and confidence levels are required");
        }
        int k = population.length;
        if (value.length != k) {
            throw new IllegalArgumentException("population and value must have one entry per quantile");
        }
        boolean hasLimits = lower95 != null && upper95 != null;
        if (se == null && !hasLimits) {
            throw new IllegalArgumentException("either standard errors or lower and upper 95% limits are required");
        }
        if ((lower95 == null) != (upper95 == null)) {
            throw new IllegalArgumentException("lower and upper 95% limits must be given together");
        }
        if ((se != null && se.length != k) || (hasLimits && (lower95.length != k || upper95.length != k))) {
            throw new IllegalArgumentException("standard errors and limits must have one entry per quantile");
        }
        if (transform && type == ValueType.OTHER) {
            throw new IllegalArgumentException("the log/logit transform needs a rate or proportion value type");
        }
        if (transform && se != null) {
            throw new IllegalArgumentException("the log/logit transform needs 95% limits, not standard errors");
        }
        if (!(multiplier != 0) || !Double.isFinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a non-zero number");
        }
        if (repetitions < MIN_REPETITIONS) {
            throw new IllegalArgumentException("number of repetitions must be 1000 or greater");
        }
        if (levels.length == 0) {
            throw new IllegalArgumentException("at least one confidence level is required");
        }
        for (double level : levels) {
            if (!(level >= 0.9 && level < 1)) {
                throw new IllegalArgumentException("confidence level must be between 0.9 and 1 (excluding 1)");
            }
        }
        if (k < MIN_QUANTILES || k > MAX_QUANTILES) {
            throw new IllegalArgumentException("number of quantiles must be between 5 and 100, found " + k);
        }
        for (int i = 0; i < k; i++) {
            if (!(population[i] > 0)) {
                throw new IllegalArgumentException("some quantiles have a zero, negative or missing population");
            }
            if (Double.isNaN(value[i])) {
                throw new IllegalArgumentException("some quantiles have a missing value");
            }
            if (se != null && !(se[i] >= 0)) {
                throw new IllegalArgumentException("negative or missing standard errors");
            }
            if (hasLimits && (Double.isNaN(lower95[i]) || Double.isNaN(upper95[i]))) {
                throw new IllegalArgumentException("missing lower or upper confidence limits");
            }
            if (type == ValueType.PROPORTION) {
                if (value[i] < 0 || value[i] > 1) {
                    throw new IllegalArgumentException("proportions must lie between 0 and 1");
                }
                if (hasLimits && (lower95[i] < 0 || lower95[i] > 1 || upper95[i] < 0 || upper95[i] > 1)) {
                    throw new IllegalArgumentException("confidence limits of proportions must lie between 0 and 1");
                }
            }
        }
        return k;
    }
}
