package org.jsna.stats;

/**
 * Proportions with Wilson score confidence limits (no continuity correction):
 * {@code (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))}, z = Φ⁻¹(1 − α/2). The lower limit is
 * exactly 0 when x = 0 and the upper exactly 1 when x = n.
 *
 * <p>References: Wilson EB (1927) Probable inference, the law of succession, and statistical
 * inference. JASA 22:209–12, doi:10.1080/01621459.1927.10502953; Newcombe RG, Altman DG (2000) in
 * Altman DG et al., <i>Statistics with confidence</i>, 2nd ed., pp 46–48.
 */
public final class Proportions {

    private Proportions() {
    }

    /** Wilson score interval for x events out of n, on the 0..1 scale; NaN limits for NaN input. */
    public static Interval wilson(double x, double n, double level) {
        if (Double.isNaN(x) || Double.isNaN(n)) {
            return Interval.MISSING;
        }
        double z = Confidence.z(level);
        double z2 = z * z;
        double root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
        double denom = 2 * (n + z2);
        double lower = x == 0 ? 0 : (2 * x + z2 - root) / denom;
        double upper = x == n ? 1 : (2 * x + z2 + root) / denom;
        return new Interval(lower, upper);
    }

    /** The {@code statistic} label: "percentage" for multiplier 100, else "proportion of M". */
    public static String statistic(double multiplier) {
        return multiplier == 100 ? "percentage" : "proportion of " + Rates.plain(multiplier);
    }

    /** The {@code method} label. */
    public static final String METHOD = "Wilson";
}
