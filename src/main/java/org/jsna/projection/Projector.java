package org.jsna.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsna.input.ClientGroup;
import org.jsna.input.PrevalenceRates;

/**
 * Demand projected from the council's own rates (docs/projection.md). For client group g and locality l, with
 * C the base count and P the base population of a cell (sex s in F, M; five-year band b, cut to the group's
 * ages), Q_y the projected population of the cell and k = all records / records of known sex:
 * <pre>
 *   V_y   = k x sum over cells with P &gt; 0 of (C / P) x Q_y
 *   Var_y = k^2 x sum over cells with P &gt; 0 of (Q_y / P)^2 x C      (C Poisson, P and Q fixed)
 *   limits: V +/- 1.959963985 x sqrt(Var), the lower floored at 0
 *   base_value = k x sum C / N;  change_pct = 100 x (V / base_value - 1), empty when base_value is 0
 * </pre>
 * {@code All} sums its localities' values, variances and base values. Cost is projected service users x the
 * base periods' known cost per service user of (g, l), else of g over the whole council. Prevalence is
 * sum of rate / 100 x Q_y over the ages its bands cover.
 */
public final class Projector {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963985;
    public static final String RATES_METHOD = "council rates by sex and five-year age band x projected population";
    public static final String COST_METHOD = "projected service users x base cost per service user (base-year prices)";
    public static final String NO_COST = "no known cost in the client group's base periods";
    public static final String PREVALENCE_METHOD = "prevalence rates x projected population";
    public static final String LOW_BASE = "low base count: interpret with care";

    /** What the projection did not use, for data-quality.csv, per {@link Measure} (index = ordinal). */
    public record Quality(long[] sexUnknown, long[] noPopulation, long[] allSexUnknown) {
    }

    /** The rows in projections.csv's order, and the quality counts. */
    public record Result(List<ProjectionRow> rows, Quality quality) {
    }

    private Projector() {
    }

    /**
     * @param base        the base
     * @param projected   Q by year (ascending) -> [locality][sex][age 0..90]
     * @param conditions  prevalence conditions in the file's order (empty for none)
     */
    public static Result project(Base base, Map<Integer, double[][][]> projected,
            List<PrevalenceRates.Condition> conditions) {
        List<ClientGroup> groups = base.groups();
        List<String> locs = base.localities();
        int nl = locs.size();
        int nm = Measure.values().length;
        Quality quality = quality(base);
        List<ProjectionRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, double[][][]> e : projected.entrySet()) {
            int year = e.getKey();
            double[][][] q = e.getValue();
            for (int g = 0; g < groups.size(); g++) {
                ClientGroup cg = groups.get(g);
                double[][][] v = new double[nm][nl][];
                for (int l = 0; l < nl; l++) {
                    double[][] bands = cut(q[l], cg);
                    for (Measure m : Measure.values()) {
                        v[m.ordinal()][l] = cell(base, m, g, l, bands);
                    }
                }
                double cpuAll = perUser(base.councilCost()[g], base.councilUsers()[g]);
                double[] cpu = new double[nl];
                for (int l = 0; l < nl; l++) {
                    double own = perUser(base.userCost()[g][l], base.usersWithCost()[g][l]);
                    cpu[l] = Double.isNaN(own) ? cpuAll : own;
                }
                for (int l = 0; l <= nl; l++) {
                    String locality = l < nl ? locs.get(l) : "All";
                    for (Measure m : Measure.values()) {
                        double[] x = l < nl ? v[m.ordinal()][l] : sum(v[m.ordinal()]);
                        rows.add(row(year, cg.id(), locality, m.label, x[0], x[1], x[2], (long) x[3], RATES_METHOD));
                    }
                    double[] users = l < nl ? v[Measure.SERVICE_USERS.ordinal()][l]
                            : sum(v[Measure.SERVICE_USERS.ordinal()]);
                    if (Double.isNaN(cpuAll)) {
                        rows.add(new ProjectionRow(year, cg.id(), locality, Measure.COST, Double.NaN, Double.NaN,
                                Double.NaN, Double.NaN, Double.NaN, withNote(COST_METHOD + "; " + NO_COST,
                                        (long) users[3])));
                        continue;
                    }
                    double value;
                    double variance;
                    double baseValue;
                    if (l < nl) {
                        value = users[0] * cpu[l];
                        variance = cpu[l] * cpu[l] * users[1];
                        baseValue = users[2] * cpu[l];
                    } else {
                        value = 0;
                        variance = 0;
                        baseValue = 0;
                        for (int k = 0; k < nl; k++) {
                            double[] u = v[Measure.SERVICE_USERS.ordinal()][k];
                            value += u[0] * cpu[k];
                            variance += cpu[k] * cpu[k] * u[1];
                            baseValue += u[2] * cpu[k];
                        }
                    }
                    rows.add(row(year, cg.id(), locality, Measure.COST, value, variance, baseValue, (long) users[3],
                            COST_METHOD));
                }
            }
            for (PrevalenceRates.Condition c : conditions) {
                double[] all = new double[2];
                for (int l = 0; l <= nl; l++) {
                    double value;
                    double baseValue;
                    if (l < nl) {
                        value = prevalence(c.ratePer100(), q[l]);
                        baseValue = prevalence(c.ratePer100(), base.populationByAge()[l]) / base.periods();
                        all[0] += value;
                        all[1] += baseValue;
                    } else {
                        value = all[0];
                        baseValue = all[1];
                    }
                    rows.add(new ProjectionRow(year, "", l < nl ? locs.get(l) : "All", Measure.PREVALENCE + c.name(),
                            value, Double.NaN, Double.NaN, baseValue, change(value, baseValue), PREVALENCE_METHOD));
                }
            }
        }
        return new Result(List.copyOf(rows), quality);
    }

    /** A row from value, variance and base value, with the limits, change and low-base note. */
    private static ProjectionRow row(int year, String group, String locality, String measure, double value,
            double variance, double baseValue, long lowBaseCount, String method) {
        double half = Z95 * Math.sqrt(variance);
        return new ProjectionRow(year, group, locality, measure, value, Math.max(0, value - half), value + half,
                baseValue, change(value, baseValue), withNote(method, lowBaseCount));
    }

    private static String withNote(String method, long lowBaseCount) {
        return lowBaseCount >= 1 && lowBaseCount <= 7 ? method + "; " + LOW_BASE : method;
    }

    static double change(double value, double baseValue) {
        return baseValue == 0 ? Double.NaN : 100 * (value / baseValue - 1);
    }

    private static double perUser(double cost, long users) {
        return users > 0 ? cost / users : Double.NaN;
    }

    /** {value, variance, base value, low-base count} of a measure at (g, l) for the cut bands {@code qb[s][b]}. */
    static double[] cell(Base base, Measure m, int g, int l, double[][] qb) {
        long[][] c = base.counts()[m.ordinal()][g][l];
        double[][] p = base.population()[g][l];
        long known = 0;
        long unknown = 0;
        for (int b = 0; b < Base.BANDS; b++) {
            known += c[0][b] + c[1][b];
            unknown += c[2][b];
        }
        double k = known == 0 ? 1 : (double) (known + unknown) / known;
        double value = 0;
        double variance = 0;
        for (int s = 0; s < 2; s++) {
            for (int b = 0; b < Base.BANDS; b++) {
                if (p[s][b] > 0) {
                    double ratio = qb[s][b] / p[s][b];
                    value += c[s][b] * ratio;
                    variance += ratio * ratio * c[s][b];
                }
            }
        }
        return new double[] {k * value, k * k * variance, k * known / base.periods(), known};
    }

    /** The sums over localities of {@link #cell}'s four numbers. */
    private static double[] sum(double[][] perLocality) {
        double[] out = new double[4];
        for (double[] x : perLocality) {
            for (int i = 0; i < 4; i++) {
                out[i] += x[i];
            }
        }
        return out;
    }

    /** Q by [sex][band], each band holding only the ages inside the group's range. */
    static double[][] cut(double[][] byAge, ClientGroup g) {
        double[][] out = new double[2][Base.BANDS];
        int hi = Math.min(g.maxAge(), 90);
        for (int s = 0; s < 2; s++) {
            for (int a = Math.max(0, g.minAge()); a <= hi; a++) {
                out[s][Base.band(a)] += byAge[s][a];
            }
        }
        return out;
    }

    private static double prevalence(double[][] ratePer100, double[][] byAge) {
        double v = 0;
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a <= 90; a++) {
                v += ratePer100[s][a] / 100 * byAge[s][a];
            }
        }
        return v;
    }

    private static Quality quality(Base base) {
        int nm = Measure.values().length;
        long[] unknown = new long[nm];
        long[] noPop = new long[nm];
        long[] allUnknown = new long[nm];
        for (Measure m : Measure.values()) {
            int i = m.ordinal();
            for (int g = 0; g < base.groups().size(); g++) {
                for (int l = 0; l < base.localities().size(); l++) {
                    long[][] c = base.counts()[i][g][l];
                    double[][] p = base.population()[g][l];
                    long known = 0;
                    long u = 0;
                    for (int b = 0; b < Base.BANDS; b++) {
                        for (int s = 0; s < 2; s++) {
                            known += c[s][b];
                            if (p[s][b] <= 0) {
                                noPop[i] += c[s][b];
                            }
                        }
                        u += c[2][b];
                    }
                    unknown[i] += u;
                    if (known == 0) {
                        allUnknown[i] += u;
                    }
                }
            }
        }
        return new Quality(unknown, noPop, allUnknown);
    }
}
