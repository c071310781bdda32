package org.jsna.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Directly standardised rates with Dobson et al. (1991) confidence limits, as PHEindicatormethods
 * {@code calculate_dsr}. Over standardisation categories i (counts dᵢ, populations nᵢ, standard
 * weights wᵢ):
 * <ul>
 * <li>{@code DSR = Σ(dᵢwᵢ/nᵢ) / Σwᵢ × multiplier};</li>
 * <li>{@code var = Σ(dᵢ(wᵢ/nᵢ)²) / (Σwᵢ)²};</li>
 * <li>limits {@code (DSR + √(var/O)·(Byar(O) − O)) × multiplier}, O = Σdᵢ, Byar's limits for every
 * O (no exact branch);</li>
 * <li>if O &lt; 10 (including 0) the value and limits are missing with the note
 * "dsr NA for total count &lt; 10".</li>
 * </ul>
 * Missing counts count as 0. For <b>non-independent events</b> (a person may have several events)
 * the variance is Σ_f f²·var_f, var_f the variance above computed from the persons with f events,
 * and O the total number of events Σ f·persons (Fingertips technical guidance, DSR chapter).
 *
 * <p>References: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J (1991) Confidence intervals for
 * weighted sums of Poisson parameters. Stat Med 10:457–62, doi:10.1002/sim.4780100317; Breslow &amp;
 * Day (1987) (Byar's); Eurostat (2013) Revision of the European Standard Population.
 */
public final class Dsr {

    /** The 19 bands of the European Standard Population 2013 (0 and 1–4 merged, 90–94 and 95+ merged). */
    public static final List<String> ESP2013_BANDS = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84",
            "85-89", "90+");

    /** ESP2013 weights of {@link #ESP2013_BANDS}, in the same order; they sum to 100,000. */
    public static final List<Double> ESP2013_WEIGHTS = List.of(5000d, 5500d, 5500d, 5500d, 6000d, 6000d, 6500d,
            7000d, 7000d, 7000d, 7000d, 6500d, 6000d, 5500d, 5000d, 4000d, 2500d, 1500d, 1000d);

    /** Position in {@link #ESP2013_BANDS} of a single year of age (90 and over: {@code 90+}). */
    public static int esp2013Band(int age) {
        return Math.min(age, 90) / 5;
    }

    /** Totals below this suppress the DSR. */
    public static final double MIN_COUNT = 10;

    /** The note (PHEindicatormethods' statistic text) of a suppressed DSR. */
    public static final String NOTE_SMALL = "dsr NA for total count < 10";

    /** Method label for independent events. */
    public static final String METHOD = "Dobson";

    /** Method label for non-independent events. */
    public static final String METHOD_NON_INDEPENDENT = "Dobson, with confidence adjusted for non-independent events";

    private Dsr() {
    }

    /** ESP2013 as a map from band label to weight, in band order. */
    public static Map<String, Double> esp2013() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ESP2013_BANDS.size(); i++) {
            m.put(ESP2013_BANDS.get(i), ESP2013_WEIGHTS.get(i));
        }
        return m;
    }

    /**
     * A DSR at one level.
     *
     * @param totalCount Σ counts (events)
     * @param totalPop   Σ populations
     * @param value      the DSR × multiplier, NaN when suppressed
     * @param lower      lower limit, NaN when suppressed
     * @param upper      upper limit, NaN when suppressed
     * @param note       null, or why the value is missing
     */
    public record Result(double totalCount, double totalPop, double value, double lower, double upper, String note) {
    }

    /**
     * The DSR of independent events. Arrays are per category; a NaN count is 0. Populations must be
     * positive and weights non-negative (the caller validates).
     */
    public static Result independent(double[] counts, double[] pops, double[] weights, double multiplier, double level) {
        double o = 0;
        double totalPop = 0;
        double sumW = 0;
        double rate = 0;
        double var = 0;
        for (int i = 0; i < counts.length; i++) {
            double d = Double.isNaN(counts[i]) ? 0 : counts[i];
            o += d;
            totalPop += pops[i];
            sumW += weights[i];
            double wn = weights[i] / pops[i];
            rate += d * wn;
            var += d * wn * wn;
        }
        return finish(o, totalPop, rate / sumW, var / (sumW * sumW), multiplier, level);
    }

    /**
     * The DSR of non-independent events. Arrays are per row: {@code persons[i]} people had
     * {@code frequency[i]} events each in the category with population {@code pops[i]} and weight
     * {@code weights[i]}; {@code category[i]} identifies the category (rows of one category share
     * population and weight). The value uses events = Σ frequency·persons per category; the variance
     * is Σ_f f²·var_f, var_f the Dobson variance of the persons with frequency f.
     */
    public static Result nonIndependent(String[] category, double[] frequency, double[] persons, double[] pops,
            double[] weights, double multiplier, double level) {
        Map<String, double[]> cats = new TreeMap<>(); // category -> {events, pop, weight}
        Map<Double, double[]> byFreq = new TreeMap<>(); // f -> {Σ persons·(w/n)², Σw over its categories}
        Map<Double, java.util.Set<String>> seen = new TreeMap<>();
        for (int i = 0; i < category.length; i++) {
            double x = Double.isNaN(persons[i]) ? 0 : persons[i];
            double f = frequency[i];
            double[] c = cats.computeIfAbsent(category[i], k -> new double[3]);
            c[0] += f * x;
            c[1] = pops[i];
            c[2] = weights[i];
            double wn = weights[i] / pops[i];
            double[] v = byFreq.computeIfAbsent(f, k -> new double[2]);
            v[0] += x * wn * wn;
            if (seen.computeIfAbsent(f, k -> new java.util.HashSet<>()).add(category[i])) {
                v[1] += weights[i];
            }
        }
        double o = 0;
        double totalPop = 0;
        double sumW = 0;
        double rate = 0;
        for (double[] c : cats.values()) {
            o += c[0];
            totalPop += c[1];
            sumW += c[2];
            rate += c[0] * c[2] / c[1];
        }
        double var = 0;
        for (Map.Entry<Double, double[]> e : byFreq.entrySet()) {
            double f = e.getKey();
            double[] v = e.getValue();
            var += f * f * v[0] / (v[1] * v[1]);
        }
        return finish(o, totalPop, rate / sumW, var, multiplier, level);
    }

    private static Result finish(double o, double totalPop, double dsr, double var, double multiplier, double level) {
        if (o < MIN_COUNT) {
            return new Result(o, totalPop, Double.NaN, Double.NaN, Double.NaN, NOTE_SMALL);
        }
        Interval b = Poisson.byar(o, level);
        double k = Math.sqrt(var / o);
        double lower = (dsr + k * (b.lower() - o)) * multiplier;
        double upper = (dsr + k * (b.upper() - o)) * multiplier;
        return new Result(o, totalPop, dsr * multiplier, lower, upper, null);
    }

    /** The {@code statistic} label, e.g. "dsr per 100000". */
    public static String statistic(double multiplier) {
        return "dsr per " + Rates.plain(multiplier);
    }
}
