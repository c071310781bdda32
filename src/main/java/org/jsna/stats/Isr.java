package org.jsna.stats;

/**
 * Indirect standardisation, as PHEindicatormethods {@code calculate_ISRatio} and
 * {@code calculate_ISRate}:
 * <ul>
 * <li>expected {@code E = Σ (x_refᵢ / n_refᵢ) · nᵢ}, a missing x_ref or n counted as 0 but a missing
 * n_ref making E missing, and a term of 0/0 or ∞·0 making it NaN (the reference sums without
 * {@code na.rm}); observed {@code O = Σ xᵢ} (or given totals);</li>
 * <li>ratio {@code O/E × refvalue}; rate {@code O/E × ref_rate}, {@code ref_rate = Σx_ref/Σn_ref ×
 * multiplier} (missing x_ref dropped, a missing n_ref making it missing);</li>
 * <li>limits: exact Poisson below 10 observed events ("Exact"), Byar's from 10 ("Byars"), divided
 * by E and scaled like the value. O = 0 gives value 0 and lower limit 0. No small-number
 * suppression.</li>
 * </ul>
 * References: Breslow &amp; Day (1987); Armitage &amp; Berry (2002); see {@link Poisson}.
 */
public final class Isr {

    private Isr() {
    }

    /**
     * An indirectly standardised ratio or rate at one level.
     *
     * @param observed O
     * @param expected E
     * @param refRate  the reference rate × multiplier (NaN for a ratio)
     * @param value    the ratio × refvalue, or the rate
     * @param lower    lower limit
     * @param upper    upper limit
     * @param method   "Exact" or "Byars"
     */
    public record Result(double observed, double expected, double refRate, double value, double lower, double upper,
            String method) {
    }

    /**
     * {@code Σ (xRef/nRef)·n} as the reference sums {@code na.zero(x_ref) / n_ref * na.zero(n)}: a missing
     * (NaN) xRef or n is 0, while a missing nRef, or a term 0/0 or ∞·0 (a reference population of 0), makes
     * the sum NaN (R's {@code sum} without {@code na.rm}). A term x/0 with x &gt; 0 makes it infinite.
     */
    public static double expected(double[] n, double[] xRef, double[] nRef) {
        double e = 0;
        for (int i = 0; i < n.length; i++) {
            e += zero(xRef[i]) / nRef[i] * zero(n[i]);
        }
        return e;
    }

    /** {@code Σx} with NaN as 0. */
    public static double observed(double[] x) {
        double o = 0;
        for (double v : x) {
            o += zero(v);
        }
        return o;
    }

    /** {@code Σx_ref / Σn_ref × multiplier}: a missing xRef is left out, a missing nRef makes it NaN (as the reference). */
    public static double referenceRate(double[] xRef, double[] nRef, double multiplier) {
        double n = 0;
        for (double v : nRef) {
            n += v;
        }
        return observed(xRef) / n * multiplier;
    }

    /** The indirectly standardised ratio O/E × refvalue. */
    public static Result ratio(double observed, double expected, double refvalue, double level) {
        return scaled(observed, expected, Double.NaN, refvalue, level);
    }

    /** The indirectly standardised rate O/E × refRate. */
    public static Result rate(double observed, double expected, double refRate, double level) {
        return scaled(observed, expected, refRate, refRate, level);
    }

    private static Result scaled(double o, double e, double refRate, double factor, double level) {
        Interval ci = Poisson.limits(o, level);
        return new Result(o, e, refRate, o / e * factor, ci.lower() / e * factor, ci.upper() / e * factor,
                Poisson.methodFor(o));
    }

    /** The {@code statistic} label of a ratio: "indirectly standardised ratio x 1". */
    public static String ratioStatistic(double refvalue) {
        return "indirectly standardised ratio x " + Rates.plain(refvalue);
    }

    /** The {@code statistic} label of a rate: "indirectly standardised rate per 100000". */
    public static String rateStatistic(double multiplier) {
        return "indirectly standardised rate per " + Rates.plain(multiplier);
    }

    private static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
