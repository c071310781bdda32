package org.jsna.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsna.aggregate.CountCube;
import org.jsna.stats.Rates;
import org.jsna.stats.Sii;

/**
 * inequalities.csv (indicators.md, "Inequality"): for {@code referrals_rate} and
 * {@code service_users_rate}, per period and client group, the slope and relative index of
 * inequality across the deprivation deciles and the rate ratio of decile 1 to decile 10.
 *
 * <p>Nothing of a row is published when any of its decile rows is suppressed: the SII, RII, their
 * limits and the ratio are empty and value_note says {@link #WITHHELD} (with the populations public,
 * the SII to full precision lets anyone try every value of two hidden decile counts and find the
 * true pair). Otherwise the SII/RII use every decile's rate per 1,000 with its 95% limits and
 * population; value type rate, no transform, 100,000
 * simulation repetitions, seeded. Deciles without population or with a zero count are left out and
 * noted; with fewer than 5 deciles left it is not calculated. Deciles enter as 1 = most deprived, so
 * more demand in deprived areas gives a negative SII and an RII below 1 (the reference package's
 * sign). The ratio is read from the finished, disclosure-controlled decile rows: empty when either
 * row is suppressed or not calculable, or when decile 10's rate is 0.
 */
public final class Inequalities {

    public static final int REPETITIONS = 100_000;

    private Inequalities() {
    }

    /**
     * @param c the cubes (true counts and populations per decile)
     * @param rows the finished indicator rows (for the ratio)
     * @param seed seed of the SII simulation
     */
    public static List<InequalityRow> compute(CountCube c, List<IndicatorRow> rows, long seed) {
        return compute(c, rows, new Sii.Draws(seed));
    }

    /**
     * The deviates every simulation of one seed reads, made ahead of {@link #compute(CountCube, List, Sii.Draws)}
     * in a heap of 128 MiB or more (they take 8 MB; in a smaller one the simulations make them as they did).
     */
    public static Sii.Draws draws(long seed) {
        Sii.Draws draws = new Sii.Draws(seed);
        return Runtime.getRuntime().maxMemory() >= 128L << 20 ? draws.startMaking(REPETITIONS * 10) : draws;
    }

    /** As {@link #compute(CountCube, List, long)}, with the seed's deviates (see {@link #draws(long)}). */
    public static List<InequalityRow> compute(CountCube c, List<IndicatorRow> rows, Sii.Draws draws) {
        Map<String, IndicatorRow> deciles = new HashMap<>();
        for (IndicatorRow r : rows) {
            if (Comparison.DECILE.equals(r.categoryType)) {
                deciles.put(r.indicatorId + "\u0000" + r.period + "\u0000" + r.clientGroup + "\u0000" + r.category, r);
            }
        }
        List<InequalityRow> out = new ArrayList<>();
        List<Runnable> simulations = new ArrayList<>();
        for (Indicator ind : Indicator.values()) {
            if (!ind.decile) {
                continue;
            }
            for (int p = 0; p < c.periodYears.length; p++) {
                for (int ci = 0; ci < c.clientGroups.size(); ci++) {
                    InequalityRow r = new InequalityRow();
                    r.indicatorId = ind.id;
                    r.period = c.periodLabels.get(p);
                    r.clientGroup = c.clientGroups.get(ci).id();
                    final int period = p;
                    final int group = ci;
                    String k = ind.id + "\u0000" + r.period + "\u0000" + r.clientGroup + "\u0000";
                    out.add(r);
                    if (anySuppressed(deciles, k)) {
                        // with the decile populations public, the SII, RII, limits or ratio to full
                        // precision would let anyone try every value of the hidden counts; so would a
                        // note naming a decile left out for its zero count
                        note(r, WITHHELD);
                        continue;
                    }
                    simulations.add(() -> sii(r, c, ind, period, group, draws));
                    ratio(r, deciles.get(k + "1"), deciles.get(k + "10"));
                }
            }
        }
        // Each simulation reads the same seed's deviates from their start (made once, shared) and writes
        // only its own row, so running them in parallel gives the same result as running them in order.
        simulations.parallelStream().forEach(Runnable::run);
        return out;
    }

    /** value_note of an inequality row withheld because a decile row is suppressed (indicators.md). */
    public static final String WITHHELD = "not published: a decile count is suppressed, and the SII would reveal it";

    private static boolean anySuppressed(Map<String, IndicatorRow> deciles, String key) {
        for (int d = 1; d <= 10; d++) {
            IndicatorRow row = deciles.get(key + d);
            if (row != null && row.suppressed) {
                return true;
            }
        }
        return false;
    }

    /** The SII and RII of one indicator's decile rates (its numerator over its denominator, per decile). */
    static void sii(InequalityRow r, CountCube c, Indicator ind, int p, int ci, Sii.Draws draws) {
        List<String> noPop = new ArrayList<>();
        List<String> zero = new ArrayList<>();
        List<double[]> used = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            double pop = c.amount(ind.denominatorMeasure, p, ci, c.decileSlot(d));
            long x = c.count(ind.numeratorMeasure, p, ci, c.decileSlot(d));
            if (!(pop > 0)) {
                noPop.add(Integer.toString(d));
                continue;
            }
            if (x == 0) {
                zero.add(Integer.toString(d));
                continue;
            }
            Rates.Result rate = Rates.crude(x, pop, ind.multiplier, 0.95);
            used.add(new double[] {pop, rate.value(), rate.lower(), rate.upper()});
        }
        if (!noPop.isEmpty()) {
            note(r, "decile" + (noPop.size() > 1 ? "s " : " ") + String.join(", ", noPop)
                    + " left out (no population)");
        }
        if (!zero.isEmpty()) {
            note(r, "decile" + (zero.size() > 1 ? "s " : " ") + String.join(", ", zero) + " left out (zero count)");
        }
        if (used.size() < Sii.MIN_QUANTILES) {
            note(r, "SII not calculated: fewer than " + Sii.MIN_QUANTILES + " deciles with a population and a count");
            return;
        }
        int n = used.size();
        double[] pop = new double[n];
        double[] val = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            pop[i] = used.get(i)[0];
            val[i] = used.get(i)[1];
            lo[i] = used.get(i)[2];
            hi[i] = used.get(i)[3];
        }
        Sii.Result s = Sii.compute(pop, val, null, lo, hi, Sii.ValueType.RATE, false, 1, REPETITIONS,
                new double[] {0.95}, draws);
        r.sii = s.sii();
        r.rii = s.rii();
        r.intercept = s.intercept();
        r.siiLower95 = s.siiLower()[0];
        r.siiUpper95 = s.siiUpper()[0];
        r.riiLower95 = s.riiLower()[0];
        r.riiUpper95 = s.riiUpper()[0];
    }

    static void ratio(InequalityRow r, IndicatorRow d1, IndicatorRow d10) {
        if (d1 == null || d10 == null) {
            note(r, "ratio not calculated: decile rows missing");
        } else if (d1.suppressed || d10.suppressed) {
            note(r, "ratio not shown: a decile row is suppressed");
        } else if (Double.isNaN(d1.value) || Double.isNaN(d10.value)) {
            note(r, "ratio not calculated: a decile rate is not calculable");
        } else if (d10.value == 0) {
            note(r, "ratio not calculated: decile 10 rate is 0");
        } else {
            r.ratioMostLeastDeprived = d1.value / d10.value;
        }
    }

    private static void note(InequalityRow r, String text) {
        r.valueNote = r.valueNote.isEmpty() ? text : r.valueNote + "; " + text;
    }
}
