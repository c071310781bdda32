package org.jsna.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The recent-trend marker of the national public-health profiles (Fingertips) for one series of
 * annual periods: {@code increasing}, {@code decreasing}, {@code no significant change} or
 * {@code cannot be calculated}, with the reason, the statistic X² and the slope b. The steps are those
 * of the jsna specification {@code trends.md} (which reconciles the Fingertips C# calculator and the
 * R port of PHEindicatormethods, branch {@code add_trend_markers}):
 *
 * <ol>
 *   <li>Cannot be calculated if a period appears twice ({@code duplicate periods}, checked first) or
 *       there are fewer than 5 periods ({@code not enough data points}).</li>
 *   <li>The 5 most recent periods are used, older ones ignored entirely; nothing is skipped.</li>
 *   <li>The 5 points are checked rule by rule (each rule over all 5 points before the next), in this order —
 *       proportion: count or denominator missing ({@code missing values}), d ≤ 0
 *       ({@code denominator not positive}), c ≥ d ({@code count not below denominator}), c ≤ 0
 *       ({@code zero count}); rate: value missing ({@code missing values}), a limit missing
 *       ({@code missing confidence interval}), U − L ≤ 0 ({@code confidence interval has no width}).</li>
 *   <li>Time t = 1..5, oldest first, whatever the calendar spacing (centred on 3 here, which changes
 *       neither slope nor X² and avoids cancellation).</li>
 *   <li>Proportion: Armitage's chi-square test for linear trend without continuity correction,
 *       {@code X² = N(NΣcₜt − CΣdₜt)² / [C(N − C)(NΣdₜt² − (Σdₜt)²)]}, and the slope b of the ordinary
 *       least-squares line through the logits ln(c/(d − c)). Rate: weights w = 1/s², s = (U − L)/(2 ×
 *       1.959963984540054), weighted least-squares slope {@code b = (S1·Sty − St·Sy)/D}, {@code D =
 *       S1·Stt − St²}, and {@code X² = b²·D/S1}.</li>
 *   <li>Significant when X² &gt; {@value #THRESHOLD} (qnorm(0.999)², strict); otherwise
 *       {@code no significant change}, reason {@code no significant trend}.</li>
 *   <li>Robustness: the slope refitted without each point in turn (the others keep their t); any of
 *       the five that differs in sign from b (0 counts as different) gives {@code no significant
 *       change}, reason {@code outlier found}.</li>
 *   <li>b &gt; 0 gives {@code increasing}, b &lt; 0 {@code decreasing} (reason {@code significant trend,
 *       no outliers}); b = 0 gives {@code no significant change}.</li>
 * </ol>
 *
 * <p>References: Armitage P (1955) Tests for linear trends in proportions and frequencies. Biometrics
 * 11:375–86, doi:10.2307/3001775; Office for Health Improvement and Disparities, Public Health
 * Technical Guidance, "Trend markers" (fingertips.phe.org.uk/static-reports/
 * public-health-technical-guidance/Presentation/Trend_markers.html); Fingertips
 * {@code TrendMarkerCalculator.cs} (ukhsa-collaboration/fingertips-open @ 6780897).
 */
public final class TrendMarker {

    /** The significance threshold on X²: qnorm(0.999)², the 99.8% point of χ² on 1 degree of freedom. */
    public static final double THRESHOLD = 9.54953570608324;
    /** qnorm(0.975): the standard error of a rate is the width of its 95% interval over twice this. */
    public static final double Z95 = 1.959963984540054;
    /** The number of most recent periods a marker is computed from. */
    public static final int PERIODS = 5;

    public static final String INCREASING = "increasing";
    public static final String DECREASING = "decreasing";
    public static final String NO_CHANGE = "no significant change";
    public static final String CANNOT = "cannot be calculated";

    public static final String SIGNIFICANT = "significant trend, no outliers";
    public static final String NOT_SIGNIFICANT = "no significant trend";
    public static final String OUTLIER = "outlier found";
    public static final String NOT_ENOUGH = "not enough data points";
    public static final String DUPLICATE = "duplicate periods";
    public static final String MISSING_VALUES = "missing values";
    public static final String MISSING_CI = "missing confidence interval";
    public static final String DENOMINATOR_NOT_POSITIVE = "denominator not positive";
    public static final String COUNT_NOT_BELOW_DENOMINATOR = "count not below denominator";
    public static final String ZERO_COUNT = "zero count";
    public static final String NO_WIDTH = "confidence interval has no width";
    public static final String NOT_FINITE = "statistic not finite";

    /** Which test applies: the caller decides from the indicator's type. */
    public enum Kind {
        /** Counts over denominators: Armitage's chi-square and the logit slope. */
        PROPORTION,
        /** Values with 95% limits: weighted least squares. */
        RATE;

        /** The {@code --kind} spelling: {@code proportion} or {@code rate}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One period of a series. A proportion uses only {@code count} and {@code denominator}; a rate only
     * {@code value}, {@code lower} and {@code upper}. Missing numbers are NaN.
     *
     * @param order the period's place in time (only compared; equal orders are duplicate periods)
     */
    public record Point(double order, double count, double denominator, double value, double lower, double upper) {

        /** A proportion point. */
        public static Point proportion(double order, double count, double denominator) {
            return new Point(order, count, denominator, Double.NaN, Double.NaN, Double.NaN);
        }

        /** A rate point. */
        public static Point rate(double order, double value, double lower, double upper) {
            return new Point(order, Double.NaN, Double.NaN, value, lower, upper);
        }
    }

    /**
     * The marker of one series.
     *
     * @param marker    {@code increasing}, {@code decreasing}, {@code no significant change} or {@code cannot be calculated}
     * @param reason    why (see the constants)
     * @param statistic X² (NaN when the marker cannot be calculated)
     * @param slope     b (NaN when the marker cannot be calculated)
     * @param used      the points looked at, oldest first: the 5 most recent (all of them when there are fewer;
     *                  with duplicate periods, the last 5 in order)
     */
    public record Result(String marker, String reason, double statistic, double slope, List<Point> used) {

        static Result cannot(String reason, List<Point> used) {
            return new Result(CANNOT, reason, Double.NaN, Double.NaN, used);
        }
    }

    private TrendMarker() {
    }

    /** The marker of {@code points} (any order; sorted here by {@link Point#order()}). */
    public static Result of(List<Point> points, Kind kind) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> Double.compare(a.order(), b.order()));
        List<Point> used = List.copyOf(sorted.subList(Math.max(0, sorted.size() - PERIODS), sorted.size()));
        Set<Double> seen = new HashSet<>();
        for (Point p : points) {
            if (!seen.add(p.order() + 0.0)) { // + 0.0: -0.0 and 0.0 are one period
                return Result.cannot(DUPLICATE, used);
            }
        }
        if (points.size() < PERIODS) {
            return Result.cannot(NOT_ENOUGH, used);
        }
        String bad = kind == Kind.PROPORTION ? checkProportions(used) : checkRates(used);
        if (bad != null) {
            return Result.cannot(bad, used);
        }
        double[] t = new double[PERIODS];
        for (int i = 0; i < PERIODS; i++) {
            t[i] = i + 1 - 3; // t = 1..5, centred on 3
        }
        double x2;
        double b;
        double[] dropped = new double[PERIODS];
        if (kind == Kind.PROPORTION) {
            double[] c = new double[PERIODS];
            double[] d = new double[PERIODS];
            double[] logit = new double[PERIODS];
            for (int i = 0; i < PERIODS; i++) {
                c[i] = used.get(i).count();
                d[i] = used.get(i).denominator();
                logit[i] = Math.log(c[i] / (d[i] - c[i]));
            }
            x2 = armitage(c, d, t);
            b = olsSlope(t, logit, -1);
            for (int j = 0; j < PERIODS; j++) {
                dropped[j] = olsSlope(t, logit, j);
            }
        } else {
            double[] y = new double[PERIODS];
            double[] w = new double[PERIODS];
            for (int i = 0; i < PERIODS; i++) {
                Point p = used.get(i);
                double s = (p.upper() - p.lower()) / (2 * Z95);
                y[i] = p.value();
                w[i] = 1 / (s * s);
            }
            double[] fit = wls(t, y, w, -1);
            b = fit[0];
            x2 = fit[1];
            for (int j = 0; j < PERIODS; j++) {
                dropped[j] = wls(t, y, w, j)[0];
            }
        }
        if (!Double.isFinite(x2) || !Double.isFinite(b)) {
            return Result.cannot(NOT_FINITE, used); // unreachable after the checks above (trends.md)
        }
        if (!(x2 > THRESHOLD)) {
            return new Result(NO_CHANGE, NOT_SIGNIFICANT, x2, b, used);
        }
        for (double bj : dropped) {
            if (Math.signum(bj) != Math.signum(b)) {
                return new Result(NO_CHANGE, OUTLIER, x2, b, used);
            }
        }
        if (b > 0) {
            return new Result(INCREASING, SIGNIFICANT, x2, b, used);
        }
        if (b < 0) {
            return new Result(DECREASING, SIGNIFICANT, x2, b, used);
        }
        // b = 0 with every leave-one-out slope 0 too: no direction (trends.md step 8; reason not given there)
        return new Result(NO_CHANGE, NOT_SIGNIFICANT, x2, b, used);
    }

    /** The first rule, in trends.md's order, that any of the points breaks (each rule over all 5 points). */
    private static String checkProportions(List<Point> used) {
        if (used.stream().anyMatch(p -> Double.isNaN(p.count()) || Double.isNaN(p.denominator()))) {
            return MISSING_VALUES;
        }
        if (used.stream().anyMatch(p -> !(p.denominator() > 0))) {
            return DENOMINATOR_NOT_POSITIVE;
        }
        if (used.stream().anyMatch(p -> p.count() >= p.denominator())) {
            return COUNT_NOT_BELOW_DENOMINATOR;
        }
        if (used.stream().anyMatch(p -> p.count() <= 0)) {
            return ZERO_COUNT;
        }
        return null;
    }

    /** As {@link #checkProportions} for rates. */
    private static String checkRates(List<Point> used) {
        if (used.stream().anyMatch(p -> Double.isNaN(p.value()))) {
            return MISSING_VALUES;
        }
        if (used.stream().anyMatch(p -> Double.isNaN(p.lower()) || Double.isNaN(p.upper()))) {
            return MISSING_CI;
        }
        if (used.stream().anyMatch(p -> !(p.upper() - p.lower() > 0))) {
            return NO_WIDTH;
        }
        return null;
    }

    /**
     * Armitage's chi-square for linear trend in proportions (no continuity correction), in the centred
     * form {@code (Σc(t − t̄))² / (p̄(1 − p̄)·Σd(t − t̄)²)}, t̄ = Σdt/N, p̄ = C/N: algebraically the
     * formula of the class comment.
     */
    static double armitage(double[] c, double[] d, double[] t) {
        double n = 0;
        double cSum = 0;
        double dt = 0;
        for (int i = 0; i < t.length; i++) {
            n += d[i];
            cSum += c[i];
            dt += d[i] * t[i];
        }
        double tBar = dt / n;
        double p = cSum / n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < t.length; i++) {
            double u = t[i] - tBar;
            num += c[i] * u;
            den += d[i] * u * u;
        }
        return num * num / (p * (1 - p) * den);
    }

    /**
     * The ordinary least-squares slope of y on t, leaving out index {@code skip} (-1: none): the weighted one
     * with every weight 1 (the same arithmetic, to the last bit).
     */
    static double olsSlope(double[] t, double[] y, int skip) {
        double[] ones = new double[t.length];
        java.util.Arrays.fill(ones, 1.0);
        return wls(t, y, ones, skip)[0];
    }

    /**
     * The weighted least-squares slope b of y on t and X² = b²/Var(b) = b²·D/S1, leaving out index
     * {@code skip} (-1: none), computed about the weighted mean of t (the same b and D/S1 as the raw sums).
     */
    static double[] wls(double[] t, double[] y, double[] w, int skip) {
        double s1 = 0;
        double st = 0;
        double sy = 0;
        for (int i = 0; i < t.length; i++) {
            if (i != skip) {
                s1 += w[i];
                st += w[i] * t[i];
                sy += w[i] * y[i];
            }
        }
        double tBar = st / s1;
        double yBar = sy / s1;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < t.length; i++) {
            if (i != skip) {
                double u = t[i] - tBar;
                sxy += w[i] * u * (y[i] - yBar);
                sxx += w[i] * u * u;
            }
        }
        double b = sxy / sxx;
        // D/S1 = S1·Stt − St² over S1 = Σw(t − t̄)²
        return new double[] {b, b * b * sxx};
    }
}
