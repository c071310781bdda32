package org.jsna.stats;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Period life expectancy from an abridged life table: Chiang's method II with the Silcocks
 * variance term for the open 90+ interval, as the PHE/OHID life expectancy calculator and the
 * reference R package PHEindicatormethods ({@code phe_life_expectancy}, 2.1.0) compute it.
 *
 * <h2>Age bands</h2>
 * Exactly the 20 bands of {@link #START_AGES}: 0, 1–4, 5–9, …, 85–89 and 90+. For band i with
 * start age xᵢ, deaths Dᵢ and population (person-years) Pᵢ:
 * <ul>
 *   <li>width nᵢ = xᵢ₊₁ − xᵢ (the open band gets nᵢ = 2/Mᵢ, only used by the rule below);</li>
 *   <li>aᵢ, the fraction of the interval lived by those who die in it: 0.1 for age 0, else 0.5;</li>
 *   <li>Mᵢ = Dᵢ / Pᵢ;</li>
 *   <li>qᵢ = nᵢMᵢ / (1 + nᵢMᵢ(1 − aᵢ)), or qᵢ = 1 when Dᵢ &gt; Pᵢ / nᵢ / aᵢ;</li>
 *   <li>l₀ = 100,000, lᵢ₊₁ = lᵢ(1 − qᵢ), dᵢ = lᵢ − lᵢ₊₁ (the open band: dᵢ = lᵢ);</li>
 *   <li>Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ); the open band L = l / M;</li>
 *   <li>Tᵢ = Σ_{j≥i} Lⱼ, eᵢ = Tᵢ / lᵢ (0 when lᵢ = 0).</li>
 * </ul>
 * Variance (Chiang): var(qᵢ) = qᵢ²(1 − qᵢ)/Dᵢ (0 when dᵢ = 0), weight
 * wᵢ = lᵢ²((1 − aᵢ)nᵢ + eᵢ₊₁)² var(qᵢ); for the open band (Silcocks et al.)
 * w = (l/2)² · 4/(D·M²). var(eᵢ) = Σ_{j≥i} wⱼ / lᵢ², limits eᵢ ∓ z·√var(eᵢ) with
 * z = Φ⁻¹(1 − α/2).
 *
 * <h2>Suppression (warnings, never errors; the whole group gets missing values)</h2>
 * Checked in this order, the first that applies names the reason:
 * negative deaths in any band; population ≤ 0 in any band; the group does not hold exactly the
 * 20 bands; deaths &gt; population in any band; total population ≤ 5,000 (Toson &amp; Baker; the
 * reference package's message says "less than 5,000" but tests ≤). Missing deaths or population
 * (NaN) also suppress the group (a jsna decision; the reference package propagates NA).
 * Per band: when the 95% interval is wider than 20 years (Φ⁻¹(0.975)·SE &gt; 10, judged at 95%
 * whatever levels are asked for) the value is missing but its limits are kept; an infinite life
 * expectancy (no deaths in the 90+ band, so M = 0) is missing, and its limits come out as IEEE
 * arithmetic gives them (NaN, or +Inf for upper limits at the oldest ages), as in the reference.
 * {@code popsUsed}/{@code dthsUsed} are the population and deaths summed over the group's bands
 * at and above each start age, whether or not the value is suppressed.
 *
 * <h2>References</h2>
 * <ol>
 *   <li>Chiang CL. The Life Table and its Construction. In: Introduction to Stochastic Processes
 *       in Biostatistics. New York: Wiley; 1968:189–214.</li>
 *   <li>Newell C. Methods and Models in Demography. Chichester: Wiley; 1994:63–81.</li>
 *   <li>Silcocks PBS, Jenner DA, Reza R. Life expectancy as a summary of mortality in a
 *       population: statistical considerations and suitability for use by health authorities.
 *       J Epidemiol Community Health 2001;55:38–43. doi:10.1136/jech.55.1.38</li>
 *   <li>Toson B, Baker A. Life expectancy at birth: methodological options for small
 *       populations. National Statistics Methodology Series No 33. ONS; 2003.</li>
 *   <li>Eayres DP, Williams ES. Evaluation of methodologies for small area life expectancy
 *       estimation. J Epidemiol Community Health 2004;58:243–249. doi:10.1136/jech.2003.009654</li>
 * </ol>
 */
public final class LifeExpectancy {

    /** Start ages of the 20 bands; the last (90) is the open interval 90+. */
    public static final int[] START_AGES = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

    /** Number of age bands the method needs. */
    public static final int BANDS = START_AGES.length;

    /** Groups with a total population at or below this are suppressed (Toson &amp; Baker 2003). */
    public static final double MIN_TOTAL_POPULATION = 5000;

    /** A 95% interval wider than this many years (half-width &gt; 10) suppresses the value. */
    public static final double MAX_CI_WIDTH_YEARS = 20;

    /** l₀, the radix of the life table. */
    static final double RADIX = 1e5;

    /** Why values are missing: a short note for the row and the warning printed once per run. */
    public enum Suppression {
        NEGATIVE_DEATHS("negative deaths in an age band",
                "some age bands have negative deaths; outputs have been suppressed to NAs"),
        ZERO_POPULATION("zero or negative population in an age band",
                "some age bands have a zero or less population; outputs have been suppressed to NAs"),
        NOT_20_BANDS("the group does not have exactly the 20 age bands 0, 1-4, 5-9, ..., 85-89, 90+",
                "some groups contain a different number of age bands than 20; life expectancy cannot be calculated "
                        + "for these. These groups will contain NAs."),
        DEATHS_ABOVE_POPULATION("more deaths than population in an age band",
                "some age bands have more deaths than population; outputs have been suppressed to NAs"),
        MISSING_VALUE("missing deaths or population in an age band",
                "some age bands have missing deaths or population; outputs have been suppressed to NAs"),
        SMALL_POPULATION("total population of 5,000 or less",
                "some groups have a total population of less than 5,000; outputs have been suppressed to NAs"),
        CI_OVER_20_YEARS("95% confidence interval wider than 20 years",
                "some life expectancy values have a 95% confidence interval > 20 years; these values have been "
                        + "suppressed to NAs"),
        INFINITE("no deaths in the 90+ band: life expectancy cannot be calculated",
                "some groups have no deaths in the 90+ age band; life expectancy cannot be calculated for these");

        /** Short reason written beside the row ({@code value_note}). */
        public final String note;
        /** Warning text (the reference package's wording where it has one). */
        public final String warning;

        Suppression(String note, String warning) {
            this.note = note;
            this.warning = warning;
        }
    }

    /**
     * Result for one group, parallel to the input rows (same order as given).
     *
     * @param value    life expectancy at each row's start age, NaN when missing
     * @param lower    lower limits, {@code lower[level][row]}
     * @param upper    upper limits, {@code upper[level][row]}
     * @param popsUsed population summed over the bands at and above the row's start age
     * @param dthsUsed deaths summed over the bands at and above the row's start age
     * @param notes    per row, why the value is missing (null when it is not)
     * @param reasons  every reason that applied in this group, in the order found
     */
    public record Result(double[] value, double[][] lower, double[][] upper, double[] popsUsed, double[] dthsUsed,
            Suppression[] notes, Set<Suppression> reasons) {
    }

    private LifeExpectancy() {
    }

    /**
     * Life expectancy for one group.
     *
     * @param startAges  start age of each row (any order; expected: the values of {@link #START_AGES})
     * @param deaths     deaths per row (NaN = missing)
     * @param population population per row (NaN = missing)
     * @param levels     confidence levels in [0.9, 1)
     * @return values, limits and notes per row, in the input order
     * @throws IllegalArgumentException when the arrays differ in length or a level is out of range
     */
    public static Result compute(int[] startAges, double[] deaths, double[] population, double[] levels) {
        int rows = startAges.length;
        if (deaths.length != rows || population.length != rows) {
            throw new IllegalArgumentException("start ages, deaths and population must have the same length");
        }
        for (double level : levels) {
            if (!(level >= 0.9 && level < 1)) {
                throw new IllegalArgumentException("confidence level must be in [0.9, 1): " + level);
            }
        }
        // rows ordered by start age (stable for duplicates)
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(startAges[x], startAges[y]));

        double[] value = new double[rows];
        double[][] lower = new double[levels.length][rows];
        double[][] upper = new double[levels.length][rows];
        double[] popsUsed = new double[rows];
        double[] dthsUsed = new double[rows];
        Suppression[] notes = new Suppression[rows];
        Set<Suppression> reasons = new LinkedHashSet<>();
        Arrays.fill(value, Double.NaN);
        for (double[] l : lower) {
            Arrays.fill(l, Double.NaN);
        }
        for (double[] u : upper) {
            Arrays.fill(u, Double.NaN);
        }

        // cumulative population and deaths from the oldest band down (kept even when suppressed)
        double cumPop = 0;
        double cumDeaths = 0;
        for (int k = rows - 1; k >= 0; k--) {
            int r = order[k];
            cumPop += population[r];
            cumDeaths += deaths[r];
            popsUsed[r] = cumPop;
            dthsUsed[r] = cumDeaths;
        }

        Suppression groupReason = groupSuppression(startAges, deaths, population, order);
        if (groupReason != null) {
            Arrays.fill(notes, groupReason);
            reasons.add(groupReason);
            return new Result(value, lower, upper, popsUsed, dthsUsed, notes, reasons);
        }

        double[] d = new double[BANDS];
        double[] p = new double[BANDS];
        for (int i = 0; i < BANDS; i++) {
            d[i] = deaths[order[i]];
            p[i] = population[order[i]];
        }
        Table t = table(d, p);
        double z95 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        double[] z = new double[levels.length];
        for (int c = 0; c < levels.length; c++) {
            z[c] = NormalDistribution.of(0, 1).inverseCumulativeProbability(levels[c] + (1 - levels[c]) / 2);
        }
        for (int i = 0; i < BANDS; i++) {
            int r = order[i];
            double e = t.e[i];
            double se = t.se[i];
            for (int c = 0; c < levels.length; c++) {
                lower[c][r] = e - z[c] * se;
                upper[c][r] = e + z[c] * se;
            }
            if (e == Double.POSITIVE_INFINITY) {
                notes[r] = Suppression.INFINITE;
                reasons.add(Suppression.INFINITE);
            } else if (z95 * se > MAX_CI_WIDTH_YEARS / 2) {
                notes[r] = Suppression.CI_OVER_20_YEARS;
                reasons.add(Suppression.CI_OVER_20_YEARS);
            } else {
                value[r] = e;
            }
        }
        return new Result(value, lower, upper, popsUsed, dthsUsed, notes, reasons);
    }

    /** The first group-level rule that suppresses the group, or null. */
    private static Suppression groupSuppression(int[] startAges, double[] deaths, double[] population,
            Integer[] order) {
        int rows = startAges.length;
        for (int i = 0; i < rows; i++) {
            if (deaths[i] < 0) {
                return Suppression.NEGATIVE_DEATHS;
            }
        }
        for (int i = 0; i < rows; i++) {
            if (population[i] <= 0) {
                return Suppression.ZERO_POPULATION;
            }
        }
        boolean all20 = rows == BANDS;
        for (int i = 0; all20 && i < BANDS; i++) {
            all20 = startAges[order[i]] == START_AGES[i];
        }
        if (!all20) {
            return Suppression.NOT_20_BANDS;
        }
        for (int i = 0; i < rows; i++) {
            if (deaths[i] > population[i]) {
                return Suppression.DEATHS_ABOVE_POPULATION;
            }
        }
        double total = 0;
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(deaths[i]) || Double.isNaN(population[i])) {
                return Suppression.MISSING_VALUE;
            }
            total += population[i];
        }
        if (total <= MIN_TOTAL_POPULATION) {
            return Suppression.SMALL_POPULATION;
        }
        return null;
    }

    /** Life table columns needed for the output: eᵢ and SE(eᵢ). */
    private record Table(double[] e, double[] se) {
    }

    /** The abridged life table for the 20 bands in age order. */
    private static Table table(double[] deaths, double[] pop) {
        int last = BANDS - 1;
        double[] n = new double[BANDS];
        double[] a = new double[BANDS];
        double[] m = new double[BANDS];
        double[] q = new double[BANDS];
        double[] l = new double[BANDS];
        double[] dl = new double[BANDS];
        double[] bigL = new double[BANDS];
        for (int i = 0; i < BANDS; i++) {
            m[i] = deaths[i] / pop[i];
            a[i] = START_AGES[i] == 0 ? 0.1 : 0.5;
            n[i] = i < last ? START_AGES[i + 1] - START_AGES[i] : 2 / m[i];
            q[i] = deaths[i] <= pop[i] / n[i] / a[i]
                    ? m[i] * n[i] / (1 + m[i] * n[i] * (1 - a[i]))
                    : 1;
        }
        l[0] = RADIX;
        for (int i = 1; i < BANDS; i++) {
            l[i] = l[i - 1] * (1 - q[i - 1]);
        }
        for (int i = 0; i < BANDS; i++) {
            double next = i < last ? l[i + 1] : 0;
            dl[i] = l[i] - next;
            bigL[i] = i < last ? n[i] * (next + a[i] * dl[i]) : l[i] / m[i];
        }
        double[] e = new double[BANDS];
        double sumL = 0;
        for (int i = last; i >= 0; i--) {
            sumL += bigL[i];
            e[i] = l[i] == 0 ? 0 : sumL / l[i];
        }
        double[] se = new double[BANDS];
        double sumW = 0;
        for (int i = last; i >= 0; i--) {
            double w;
            if (i == last) {
                double varOpen = 4 / (deaths[i] * (m[i] * m[i]));
                w = (l[i] / 2) * (l[i] / 2) * varOpen;
            } else {
                double varQ = dl[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / deaths[i];
                double f = (1 - a[i]) * n[i] + e[i + 1];
                w = varQ * (l[i] * l[i]) * (f * f);
            }
            sumW += w;
            se[i] = Math.sqrt(sumW / (l[i] * l[i]));
        }
        return new Table(e, se);
    }
}
