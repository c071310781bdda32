package org.jsna.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.jsna.stats.FunnelDataException.Field;
import org.jsna.stats.PoissonFunnel.Side;

/**
 * Funnel plots as PHEindicatormethods 2.1.0 computes them ({@code calculate_funnel_limits},
 * {@code assign_funnel_significance}, {@code calculate_funnel_points}; Fingertips Public Health
 * Technical Guidance, "Funnel plots"). Pure functions over arrays: one element per area (row).
 *
 * <h2>Average and x-axis</h2>
 * The baseline is {@code av = sum(numerator) / sum(denominator)}; for rates the denominator of a
 * row with events is derived from its rate, {@code d = multiplier * numerator / rate} (a DSR row
 * with no events is left out; a crude row with no events uses its population). The 100 x-axis
 * points run from {@code max(1, axis minimum)} to the axis maximum: maximum =
 * {@code max(d) * 1.05} rounded up to two significant figures; minimum 0 when
 * {@code max(d) > 2 min(d)}, else {@code min(d) * 0.95} rounded down to one significant figure
 * (rates: these per year of data, times the years, then times av and floored/ceiled to events).
 * Each next point is {@code max(round((max/x)^(1/(101 - j')) x), x + 1)} (j' = j for proportions
 * and rates, j - 1 for ratios), a geometric spacing of integers.
 *
 * <h2>Proportions (Wilson score inversion)</h2>
 * At population N, with z = Φ⁻¹(p), p = 0.975 (95%) or 0.999 (99.8%), the limit is the proportion
 * whose Wilson score interval just reaches the average, the roots of a quadratic:
 * <pre>
 *   a = av (N/z² + 1),  c = 1/z² + 1/N
 *   D = sqrt( (8 a)² − 64 c av (N (av (N/z² + 2) − 1) + z² (av − 1)) )
 *   limit = ((a ∓ D/8) / c) / N × multiplier
 * </pre>
 * lower limits are raised to 0 and upper limits cut at 100 (at 100 whatever the multiplier, as
 * the reference does). Significance compares each row's proportion with its limits at its own
 * denominator: below the 99.8% lower limit "Low (0.001)", else below the 95% lower limit
 * "Low (0.025)", else above the 99.8% upper "High (0.001)", else above the 95% upper
 * "High (0.025)", else "Not significant". Ref: Wilson EB (1927) JASA 22:209-12,
 * doi:10.1080/01621459.1927.10502953.
 *
 * <h2>Ratios (observed/expected)</h2>
 * The x-axis is the observed count O (built from the range of the expected counts). The limits
 * are O/E at the expected count E where O sits exactly on the exact Poisson tail (see
 * {@link PoissonFunnel}); {@code ratio_type} "count" subtracts 1 from each limit, "isr"
 * multiplies it by 100. Significance compares 1 with the confidence interval of O/E: exact
 * (chi-square) for O &lt; 10, {@code lower = χ²_{α/2}(2O)/2} (0 when O = 0),
 * {@code upper = χ²_{1−α/2}(2O+2)/2}; Byar's approximation for O ≥ 10,
 * {@code lower = O (1 − 1/(9O) − z/(3√O))³}, {@code upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³};
 * each divided by E. Refs: Armitage &amp; Berry (2002); Breslow &amp; Day (1987).
 *
 * <h2>Rates (crude or directly standardised)</h2>
 * The x-axis is the number of events e. For each limit, the population at which e lies on the
 * limit is {@code P = E(e)/av} (E from the same Poisson inversion), the limit is
 * {@code e / P × multiplier} and the population column is {@code P / years}. Significance compares
 * the weighted average {@code sum(numerator) / sum(d)} (per head) with the interval of the rate,
 * as for ratios with E = d; DSR rows with fewer than 10 events are "Not applicable for events
 * less than 10 for dsrs". The points output gives each row's rate for charting and its derived
 * denominator per year ({@code d / years}; empty for DSR rows with fewer than 10 events).
 *
 * <h2>Input rules</h2>
 * Every row needs a numerator ≥ 0. Proportions and ratios need a denominator &gt; 0 (proportions
 * also numerator ≤ denominator). Rates need, for a row with events, a rate &gt; 0 (jsna's rule:
 * the reference silently drops such a row from the average); for a row without events, a
 * denominator &gt; 0. A denominator given for a rate row must be &gt; 0. Violations throw
 * {@link FunnelDataException} naming the row.
 */
public final class FunnelPlots {

    /** The statistic a funnel plot is drawn for. */
    public enum Statistic {
        PROPORTION, RATIO, RATE
    }

    /** How ratio limits are expressed: O/E − 1 ("count") or O/E × 100 ("isr"). */
    public enum RatioType {
        COUNT, ISR
    }

    /** Crude rates or directly standardised rates. */
    public enum RateType {
        CRUDE, DSR
    }

    /** Two-sided tail probabilities: 95% ("2s") and 99.8% ("3s") limits. */
    static final double P95 = 0.975;
    static final double P998 = 0.999;
    private static final double TAIL95 = 0.025;
    private static final double TAIL998 = 0.001;
    private static final int POINTS = 100;
    /** DSR rows with fewer events than this get no significance and no chart point. */
    public static final int DSR_MIN_EVENTS = 10;
    /** Below this count, exact chi-square limits; from it, Byar's approximation. */
    static final int EXACT_BELOW = 10;

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private FunnelPlots() {
    }

    // ------------------------------------------------------------------------------------------
    // limits

    /** The columns of the limit table of {@code statistic}, the x-axis first (see {@link FunnelLimitTable}). */
    public static List<String> limitColumns(Statistic statistic) {
        List<String> out = new ArrayList<>();
        switch (statistic) {
            case PROPORTION -> out.addAll(List.of("Population", "lower_2s_limit", "upper_2s_limit", "lower_3s_limit",
                    "upper_3s_limit", "baseline"));
            case RATIO -> {
                out.add("Observed_events");
                for (String l : LIMIT_NAMES) {
                    out.add(l + "_exp_events");
                    out.add(l + "_limit");
                }
            }
            default -> {
                out.add("Events");
                for (String l : LIMIT_NAMES) {
                    out.add(l + "_population_1_year");
                    out.add(l + "_limit");
                }
                out.add("baseline");
            }
        }
        return out;
    }

    private static final String[] LIMIT_NAMES = {"lower_2s", "upper_2s", "lower_3s", "upper_3s"};
    /** The Poisson tail and side of each of {@link #LIMIT_NAMES}, in the same order. */
    private static final double[] LIMIT_TAILS = {TAIL95, TAIL95, TAIL998, TAIL998};
    private static final Side[] LIMIT_SIDES = {Side.HIGH, Side.LOW, Side.HIGH, Side.LOW};

    /**
     * Control limits for proportions at 100 populations.
     *
     * @param numerators   counts meeting the condition, ≥ 0 and ≤ the denominator
     * @param denominators populations, &gt; 0
     * @param multiplier   scale of the output (100 = percentage), &gt; 0
     */
    public static FunnelLimitTable proportionLimits(double[] numerators, double[] denominators,
            double multiplier) {
        checkPositive(multiplier, "multiplier");
        validateProportion(numerators, denominators);
        double av = sum(numerators) / sum(denominators);
        double[] range = minMax(denominators);
        double axisMin = range[1] > 2 * range[0] ? 0 : signifFloor(range[0]);
        double axisMax = signifCeiling(range[1]);
        double[] x = axis(axisMin, axisMax, false);
        double[] lo2 = new double[POINTS];
        double[] hi2 = new double[POINTS];
        double[] lo3 = new double[POINTS];
        double[] hi3 = new double[POINTS];
        double[] base = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            lo2[i] = clampLow(wilsonLimit(P95, x[i], av, false, multiplier));
            hi2[i] = clampHigh(wilsonLimit(P95, x[i], av, true, multiplier));
            lo3[i] = clampLow(wilsonLimit(P998, x[i], av, false, multiplier));
            hi3[i] = clampHigh(wilsonLimit(P998, x[i], av, true, multiplier));
            base[i] = av * multiplier;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Population", x);
        cols.put("lower_2s_limit", lo2);
        cols.put("upper_2s_limit", hi2);
        cols.put("lower_3s_limit", lo3);
        cols.put("upper_3s_limit", hi3);
        cols.put("baseline", base);
        return new FunnelLimitTable(cols, "proportion", "Wilson");
    }

    /**
     * Control limits for ratios of observed to expected counts at 100 observed counts.
     *
     * @param observed observed counts, ≥ 0
     * @param expected expected counts, &gt; 0 (their range sets the x-axis)
     * @param type     {@link RatioType#COUNT}: limits O/E − 1; {@link RatioType#ISR}: O/E × 100
     */
    public static FunnelLimitTable ratioLimits(double[] observed, double[] expected, RatioType type) {
        validateRatio(observed, expected);
        double[] range = minMax(expected);
        double axisMin = range[1] > 2 * range[0] ? 0 : signifFloor(range[0]);
        double axisMax = signifCeiling(range[1]);
        double[] x = axis(axisMin, axisMax, true);
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Observed_events", x);
        for (int l = 0; l < 4; l++) {
            double[] exp = new double[POINTS];
            double[] lim = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                exp[i] = PoissonFunnel.expected(x[i], LIMIT_TAILS[l], LIMIT_SIDES[l]);
                double ratio = x[i] / exp[i];
                lim[i] = type == RatioType.COUNT ? ratio - 1 : ratio * 100;
            }
            cols.put(LIMIT_NAMES[l] + "_exp_events", exp);
            cols.put(LIMIT_NAMES[l] + "_limit", lim);
        }
        return new FunnelLimitTable(cols, "ratio (" + type.name().toLowerCase(Locale.ROOT) + ")", "Poisson");
    }

    /**
     * Control limits for crude or directly standardised rates at 100 event counts.
     *
     * @param numerators   event counts, ≥ 0
     * @param denominators populations (NaN where not given; needed, &gt; 0, for rows without events)
     * @param rates        each row's rate per {@code multiplier} (needed, &gt; 0, for rows with events)
     * @param type         crude or DSR
     * @param multiplier   the rates' multiplier (e.g. 100000), &gt; 0
     * @param years        years of data the counts cover, &gt; 0
     */
    public static FunnelLimitTable rateLimits(double[] numerators, double[] denominators, double[] rates,
            RateType type, double multiplier, double years) {
        checkPositive(multiplier, "multiplier");
        checkPositive(years, "years of data");
        validateRate(numerators, denominators, rates);
        double[] derived = new double[numerators.length];
        for (int i = 0; i < numerators.length; i++) {
            if (numerators[i] == 0) {
                derived[i] = type == RateType.DSR ? Double.NaN : denominators[i];
            } else {
                derived[i] = multiplier * numerators[i] / rates[i];
            }
        }
        double av = sum(numerators) / sumPresent(derived);
        double[] range = minMax(derived);
        if (Double.isNaN(range[0])) {
            throw new FunnelDataException(-1, Field.NUMERATOR, Double.NaN,
                    "at least one row with events is needed for a funnel plot of directly standardised rates");
        }
        double axisMin = range[1] > 2 * range[0] ? 0 : signifFloor(range[0] / years) * years;
        double axisMax = signifCeiling(range[1] / years) * years;
        axisMin = Math.floor(axisMin * av);
        axisMax = Math.ceil(axisMax * av);
        double[] x = axis(axisMin, axisMax, false);
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Events", x);
        for (int l = 0; l < 4; l++) {
            double[] pop = new double[POINTS];
            double[] lim = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                double population = PoissonFunnel.expected(x[i], LIMIT_TAILS[l], LIMIT_SIDES[l]) / av;
                lim[i] = x[i] / population * multiplier;
                pop[i] = population / years;
            }
            cols.put(LIMIT_NAMES[l] + "_population_1_year", pop);
            cols.put(LIMIT_NAMES[l] + "_limit", lim);
        }
        double[] base = new double[POINTS];
        Arrays.fill(base, av * multiplier);
        cols.put("baseline", base);
        String stat = "rate (" + type.name().toLowerCase(Locale.ROOT) + " per " + thousands(multiplier) + ")";
        return new FunnelLimitTable(cols, stat, "Poisson");
    }

    // ------------------------------------------------------------------------------------------
    // significance

    /** Significance of each row's proportion against the Wilson funnel around the overall average. */
    public static FunnelSignificance[] proportionSignificance(double[] numerators, double[] denominators) {
        validateProportion(numerators, denominators);
        double av = sum(numerators) / sum(denominators);
        FunnelSignificance[] out = new FunnelSignificance[numerators.length];
        for (int i = 0; i < out.length; i++) {
            double n = denominators[i];
            double value = numerators[i] / n;
            if (value < wilsonLimit(P998, n, av, false, 1)) {
                out[i] = FunnelSignificance.LOW_001;
            } else if (value < wilsonLimit(P95, n, av, false, 1)) {
                out[i] = FunnelSignificance.LOW_025;
            } else if (value > wilsonLimit(P998, n, av, true, 1)) {
                out[i] = FunnelSignificance.HIGH_001;
            } else if (value > wilsonLimit(P95, n, av, true, 1)) {
                out[i] = FunnelSignificance.HIGH_025;
            } else {
                out[i] = FunnelSignificance.NOT_SIGNIFICANT;
            }
        }
        return out;
    }

    /** Significance of each row's ratio O/E: whether the interval of O/E excludes 1. */
    public static FunnelSignificance[] ratioSignificance(double[] observed, double[] expected) {
        validateRatio(observed, expected);
        FunnelSignificance[] out = new FunnelSignificance[observed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = classify(observed[i], expected[i], 1);
        }
        return out;
    }

    /**
     * Significance of each row's rate: whether the interval of numerator/d (d the derived
     * denominator) excludes the weighted average. DSR rows with fewer than 10 events:
     * {@link FunnelSignificance#NOT_APPLICABLE_DSR}.
     */
    public static FunnelSignificance[] rateSignificance(double[] numerators, double[] denominators,
            double[] rates, RateType type, double multiplier) {
        checkPositive(multiplier, "multiplier");
        validateRate(numerators, denominators, rates);
        double[] derived = new double[numerators.length];
        for (int i = 0; i < numerators.length; i++) {
            if (numerators[i] == 0) {
                derived[i] = type == RateType.DSR ? Double.NaN : denominators[i];
            } else {
                derived[i] = numerators[i] / rates[i] * multiplier;
            }
        }
        double weighted = sum(numerators) / sumPresent(derived);
        FunnelSignificance[] out = new FunnelSignificance[numerators.length];
        for (int i = 0; i < out.length; i++) {
            if (type == RateType.DSR && numerators[i] < DSR_MIN_EVENTS) {
                out[i] = FunnelSignificance.NOT_APPLICABLE_DSR;
            } else {
                out[i] = classify(numerators[i], derived[i], weighted);
            }
        }
        return out;
    }

    /**
     * The interval of {@code observed/expected} at confidence {@code confidence} (0.95 or 0.998):
     * exact chi-square below 10 events, Byar's approximation from 10; {@code [lower, upper]}.
     * The lower limit is 0 for no events.
     */
    public static double[] ratioInterval(double observed, double expected, double confidence) {
        return new double[] {ratioLimit(observed, expected, confidence, false),
            ratioLimit(observed, expected, confidence, true)};
    }

    private static FunnelSignificance classify(double observed, double expected, double target) {
        if (target < ratioLimit(observed, expected, 0.998, false)) {
            return FunnelSignificance.HIGH_001;
        } else if (target < ratioLimit(observed, expected, 0.95, false)) {
            return FunnelSignificance.HIGH_025;
        } else if (target > ratioLimit(observed, expected, 0.998, true)) {
            return FunnelSignificance.LOW_001;
        } else if (target > ratioLimit(observed, expected, 0.95, true)) {
            return FunnelSignificance.LOW_025;
        }
        return FunnelSignificance.NOT_SIGNIFICANT;
    }

    private static double ratioLimit(double obs, double expected, double confidence, boolean upper) {
        double q = 0.5 + confidence / 2;
        double count;
        if (obs == 0 && !upper) {
            count = 0;
        } else if (obs < EXACT_BELOW) {
            if (!upper) {
                count = ChiSquaredDistribution.of(2 * obs).inverseSurvivalProbability(q) / 2;
            } else {
                count = ChiSquaredDistribution.of(2 * obs + 2).inverseCumulativeProbability(q) / 2;
            }
        } else {
            double z = NORMAL.inverseCumulativeProbability(q);
            if (!upper) {
                count = obs * Math.pow(1 - 1 / (9 * obs) - z / 3 / Math.sqrt(obs), 3);
            } else {
                double o = obs + 1;
                count = o * Math.pow(1 - 1 / (9 * o) + z / 3 / Math.sqrt(o), 3);
            }
        }
        return count / expected;
    }

    // ------------------------------------------------------------------------------------------
    // points

    /**
     * Chart points of rates ({@code calculate_funnel_points}).
     *
     * @param rateChart            the rate to plot (NaN for DSR rows with fewer than 10 events)
     * @param denominatorDerived   the population per year the point sits at: {@code
     *                             (multiplier × numerator / rate) / years}, or {@code denominator /
     *                             years} for a crude row without events; NaN for DSR rows with
     *                             fewer than 10 events
     */
    public record RatePoints(double[] rateChart, double[] denominatorDerived) {
    }

    /** The plotting columns of rates for a funnel chart; see {@link RatePoints}. */
    public static RatePoints ratePoints(double[] numerators, double[] denominators, double[] rates,
            RateType type, double multiplier, double years) {
        checkPositive(multiplier, "multiplier");
        checkPositive(years, "years of data");
        validateRate(numerators, denominators, rates);
        int n = numerators.length;
        double[] chart = new double[n];
        double[] derived = new double[n];
        for (int i = 0; i < n; i++) {
            if (type == RateType.DSR && numerators[i] < DSR_MIN_EVENTS) {
                chart[i] = Double.NaN;
                derived[i] = Double.NaN;
            } else if (type == RateType.CRUDE && numerators[i] == 0) {
                chart[i] = rates[i];
                derived[i] = denominators[i] / years;
            } else {
                chart[i] = rates[i];
                derived[i] = (multiplier * numerators[i] / rates[i]) / years;
            }
        }
        return new RatePoints(chart, derived);
    }

    // ------------------------------------------------------------------------------------------
    // shared pieces

    /**
     * The proportion (× multiplier) whose Wilson interval at {@code p} (0.975 or 0.999) for a
     * sample of {@code population} just reaches {@code average}: the upper root when
     * {@code high}, else the lower. Not clamped.
     */
    static double wilsonLimit(double p, double population, double average, boolean high, double multiplier) {
        double z = NORMAL.inverseCumulativeProbability(p);
        double z2 = z * z;
        double firstPart = average * (population / z2 + 1);
        double t = -8 * average * (population / z2 + 1);
        double adj = Math.sqrt(t * t - 64 * (1 / z2 + 1 / population) * average
                * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)));
        double lastPart = 1 / z2 + 1 / population;
        double root = high ? (firstPart + adj / 8) / lastPart : (firstPart - adj / 8) / lastPart;
        return root / population * multiplier;
    }

    /** Lower limits are raised to 0 (NaN stays NaN, as R's {@code max(0, NaN)}). */
    static double clampLow(double v) {
        return Double.isNaN(v) ? v : Math.max(0, v);
    }

    /** Upper limits are cut at 100 whatever the multiplier, as the reference does. */
    static double clampHigh(double v) {
        return Double.isNaN(v) ? v : Math.min(100, v);
    }

    /** 100 integer axis points from max(1, min) towards max, geometrically spaced. */
    static double[] axis(double axisMin, double axisMax, boolean ratio) {
        double[] x = new double[POINTS];
        x[0] = Math.max(1, axisMin);
        for (int j = 2; j <= POINTS; j++) {
            int offset = ratio ? j - 1 : j;
            double prev = x[j - 2];
            x[j - 1] = Math.max(Math.rint(Math.pow(axisMax / prev, 1.0 / (101 - offset)) * prev), prev + 1);
        }
        return x;
    }

    /** {@code x × 0.95} rounded down to its leading digit (0 stays 0). */
    static double signifFloor(double x) {
        if (x == 0) {
            return 0;
        }
        double scaled = x * 0.95;
        int n = rCharWidth(Math.floor(scaled)) - 1;
        double unit = Math.pow(10, n);
        return Math.floor(scaled / unit) * unit;
    }

    /** {@code x × 1.05} rounded up to two significant figures (0 stays 0). */
    static double signifCeiling(double x) {
        if (x == 0) {
            return 0;
        }
        double scaled = x * 1.05;
        int n = rCharWidth(Math.ceil(scaled)) - 2;
        double unit = Math.pow(10, n);
        return Math.ceil(scaled / unit) * unit;
    }

    /**
     * Number of characters R's {@code as.character} gives a whole, non-negative number: its digits,
     * unless scientific notation is shorter ({@code 100000} → {@code "1e+05"}, 5), as the reference
     * counts digits with {@code nchar}. Below 1e15 only.
     */
    static int rCharWidth(double whole) {
        if (!(whole >= 1) || whole >= 1e15) {
            return whole >= 1e15 ? Long.toString((long) whole).length() : 1;
        }
        String digits = Long.toString((long) whole);
        int fixed = digits.length();
        int significant = fixed;
        while (significant > 1 && digits.charAt(significant - 1) == '0') {
            significant--;
        }
        int exponent = fixed - 1;
        int sci = (significant > 1 ? significant + 1 : 1) + (exponent >= 100 ? 5 : 4);
        return fixed <= sci ? fixed : sci;
    }

    private static String thousands(double multiplier) {
        if (multiplier == Math.rint(multiplier) && Math.abs(multiplier) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) multiplier);
        }
        return plain(multiplier);
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    private static double sumPresent(double[] v) {
        double s = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                s += d;
            }
        }
        return s;
    }

    /** {min, max} ignoring NaN; {NaN, NaN} when nothing is present. */
    private static double[] minMax(double[] v) {
        double min = Double.NaN;
        double max = Double.NaN;
        for (double d : v) {
            if (Double.isNaN(d)) {
                continue;
            }
            if (Double.isNaN(min) || d < min) {
                min = d;
            }
            if (Double.isNaN(max) || d > max) {
                max = d;
            }
        }
        return new double[] {min, max};
    }

    private static void checkPositive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number greater than 0, not " + v);
        }
    }

    private static void checkRows(double[] numerators, double[]... others) {
        if (numerators.length == 0) {
            throw new FunnelDataException(-1, null, Double.NaN, "at least one row is needed for a funnel plot");
        }
        for (double[] o : others) {
            if (o.length != numerators.length) {
                throw new IllegalArgumentException("input arrays differ in length");
            }
        }
        for (int i = 0; i < numerators.length; i++) {
            double x = numerators[i];
            if (Double.isNaN(x)) {
                throw new FunnelDataException(i, Field.NUMERATOR, x,
                        "a numerator for every row, even when it is zero");
            }
            if (x < 0 || Double.isInfinite(x)) {
                throw new FunnelDataException(i, Field.NUMERATOR, x, "a numerator greater than or equal to zero");
            }
        }
    }

    private static void validateProportion(double[] numerators, double[] denominators) {
        checkRows(numerators, denominators);
        for (int i = 0; i < numerators.length; i++) {
            double n = denominators[i];
            if (Double.isNaN(n)) {
                throw new FunnelDataException(i, Field.DENOMINATOR, n,
                        "a denominator for every row, even when the numerator is zero");
            }
            if (!(n > 0) || Double.isInfinite(n)) {
                throw new FunnelDataException(i, Field.DENOMINATOR, n, "a denominator greater than zero");
            }
            if (numerators[i] > n) {
                throw new FunnelDataException(i, Field.NUMERATOR, numerators[i],
                        "a numerator less than or equal to the denominator (" + plain(n) + ") for a proportion");
            }
        }
    }

    /** Largest count the Poisson inversion takes (the x-axis runs up to about 1.05 × this). */
    static final double MAX_COUNT = 1e9;

    private static void checkCountsForPoisson(double[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > MAX_COUNT) {
                throw new FunnelDataException(i, Field.NUMERATOR, counts[i],
                        "a count of at most 1,000,000,000 for a Poisson funnel");
            }
        }
    }

    private static void validateRatio(double[] observed, double[] expected) {
        checkRows(observed, expected);
        checkCountsForPoisson(observed);
        for (int i = 0; i < observed.length; i++) {
            double e = expected[i];
            if (Double.isNaN(e)) {
                throw new FunnelDataException(i, Field.DENOMINATOR, e, "an expected count for every row");
            }
            if (!(e > 0) || Double.isInfinite(e)) {
                throw new FunnelDataException(i, Field.DENOMINATOR, e, "an expected count greater than zero");
            }
            if (e > MAX_COUNT) {
                throw new FunnelDataException(i, Field.DENOMINATOR, e,
                        "an expected count of at most 1,000,000,000 for a Poisson funnel");
            }
        }
    }

    private static void validateRate(double[] numerators, double[] denominators, double[] rates) {
        checkRows(numerators, denominators, rates);
        checkCountsForPoisson(numerators);
        for (int i = 0; i < numerators.length; i++) {
            double d = denominators[i];
            double r = rates[i];
            if (!Double.isNaN(d) && (!(d > 0) || Double.isInfinite(d))) {
                throw new FunnelDataException(i, Field.DENOMINATOR, d, "a denominator greater than zero");
            }
            if (numerators[i] == 0) {
                if (Double.isNaN(d)) {
                    throw new FunnelDataException(i, Field.DENOMINATOR, d,
                            "a denominator for a row with no events (its rate alone does not give the population)");
                }
            } else {
                if (Double.isNaN(r)) {
                    throw new FunnelDataException(i, Field.RATE, r, "a rate for every row with events");
                }
                if (!(r > 0) || Double.isInfinite(r)) {
                    throw new FunnelDataException(i, Field.RATE, r, "a rate greater than zero for a row with events");
                }
            }
        }
    }
}
