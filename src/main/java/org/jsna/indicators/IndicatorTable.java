package org.jsna.indicators;

import java.util.ArrayList;
import java.util.List;
import org.jsna.input.CodeLists;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.Measure;
import org.jsna.aggregate.UserCosts;
import org.jsna.stats.Interval;
import org.jsna.stats.Means;
import org.jsna.stats.Proportions;
import org.jsna.stats.Rates;

/**
 * Turns the folded {@link CountCube} into every row of the indicator catalogue (indicators.md): per
 * indicator, period, client group and locality (reporting order, then {@code Unknown}, then
 * {@code All}), category rows for the category indicators and decile rows (locality {@code All})
 * for the decile indicators, zero counts included. Values carry their 95% and 99.8% limits, the
 * method used and the people behind them for disclosure control. Comparison and disclosure control
 * are separate stages ({@link Comparison}, {@link Disclosure}).
 */
public final class IndicatorTable {

    /** Confidence levels of every indicator row. */
    public static final double L95 = 0.95;
    public static final double L998 = 0.998;

    static final String NOTE_UNKNOWN_POPULATION = "population not known for records with an unknown area";
    static final String NOTE_NO_POPULATION = "no population in the client group's age range";

    private IndicatorTable() {
    }

    /** Every indicator row, in catalogue order, before comparison and disclosure control. */
    public static List<IndicatorRow> build(CountCube c) {
        List<IndicatorRow> rows = new ArrayList<>();
        for (Indicator ind : Indicator.values()) {
            for (int p = 0; p < c.periodYears.length; p++) {
                int first = rows.size();
                for (int ci = 0; ci < c.clientGroups.size(); ci++) {
                    for (int s = 0; s <= c.allSlot(); s++) {
                        addRows(rows, c, ind, p, ci, s, false);
                    }
                    if (ind.decile) {
                        for (int d = 1; d <= 10; d++) {
                            addRows(rows, c, ind, p, ci, c.decileSlot(d), true);
                        }
                    }
                }
                // the part-period note comes after any other note (indicators.md, "Part periods")
                for (int i = first; i < rows.size(); i++) {
                    rows.get(i).contextNote(c.partNote[p]);
                }
            }
        }
        return rows;
    }

    private static IndicatorRow base(CountCube c, Indicator ind, int p, int ci, int s, boolean decile) {
        IndicatorRow r = new IndicatorRow();
        r.indicatorId = ind.id;
        r.indicatorName = ind.label;
        r.period = c.periodLabels.get(p);
        r.clientGroup = c.clientGroups.get(ci).id();
        if (decile) {
            r.locality = "All";
            r.categoryType = Comparison.DECILE;
            r.category = Integer.toString(s - c.decileSlot(1) + 1);
        } else if (s == c.unknownSlot()) {
            r.locality = "Unknown";
        } else if (s == c.allSlot()) {
            r.locality = "All";
        } else {
            r.locality = c.localities.get(s);
        }
        r.unit = ind.unit;
        r.method = ind.method;
        return r;
    }

    /** A base row for one category of an indicator split by category (referral source, funder). */
    private static IndicatorRow categoryRow(CountCube c, Indicator ind, int p, int ci, int s, boolean decile,
            String category) {
        IndicatorRow r = base(c, ind, p, ci, s, decile);
        r.categoryType = ind.categoryType;
        r.category = category;
        return r;
    }

    /** The row (or the category rows) of one indicator at one period, client group and place. */
    private static void addRows(List<IndicatorRow> rows, CountCube c, Indicator ind, int p, int ci, int s,
            boolean decile) {
        if (ind.categoryType == null) {
            rows.add(compute(base(c, ind, p, ci, s, decile), c, ind, p, ci, s, -1));
            return;
        }
        List<String> categories = ind.categories();
        for (int k = 0; k < categories.size(); k++) {
            rows.add(compute(categoryRow(c, ind, p, ci, s, decile, categories.get(k)), c, ind, p, ci, s, k));
        }
    }

    /**
     * Fills a row from the indicator's definition: its numerator and denominator measures at the
     * period, client group and place (one category {@code k} of a category indicator, else -1), turned
     * into a value by its statistic.
     */
    static IndicatorRow compute(IndicatorRow r, CountCube c, Indicator ind, int p, int ci, int s, int k) {
        boolean unknown = s == c.unknownSlot();
        String popNote = c.populationNote[p];
        Measure num = ind.numeratorMeasure;
        Measure den = ind.denominatorMeasure;
        return switch (ind.statistic) {
            case CRUDE_RATE -> rate(r, c.count(num, p, ci, s), c.amount(den, p, ci, s), ind.multiplier, unknown,
                    popNote);
            case DSR -> dsr(r, c.bands(num, p, ci, s), c.bands(den, p, ci, s), c.bandWeights(ci), ind.multiplier,
                    unknown, popNote);
            case PROPORTION -> proportion(r, k < 0 ? c.count(num, p, ci, s) : c.count(num, p, ci, s, k),
                    c.count(den, p, ci, s), ind.multiplier, den.none);
            case PER_HEAD -> costPerHead(r, c.amount(num, p, ci, s), c.people(num, p, ci, s), c.amount(den, p, ci, s),
                    unknown, popNote);
            case SHARE -> share(r, c.amount(num, p, ci, s, k), c.people(num, p, ci, s, k), c.amount(den, p, ci, s),
                    c.people(den, p, ci, s), ind.multiplier, den.none);
            case MEAN -> costPerUser(r, c.userCosts(p, ci, s), den.none);
            case MEDIAN -> wait(r, c.values(num, p, ci, s), false, den.none);
            case P90 -> wait(r, c.values(num, p, ci, s), true, den.none);
        };
    }

    /** A crude rate per {@code multiplier} population with Byar's (exact Poisson below 10 events) limits. */
    static IndicatorRow rate(IndicatorRow r, long count, double population, double multiplier, boolean unknown,
            String popNote) {
        r.count = count;
        r.disclosureCount = count;
        r.denominatorDisclosureCount = -1;
        if (!usablePopulation(r, population, unknown, popNote)) {
            return r;
        }
        Rates.Result a = Rates.crude(count, population, multiplier, L95);
        Rates.Result b = Rates.crude(count, population, multiplier, L998);
        estimate(r, a.value(), a.lower(), a.upper(), b.lower(), b.upper());
        r.method = a.method();
        return r;
    }

    /** A percentage with Wilson score limits; count-based denominator. */
    static IndicatorRow proportion(IndicatorRow r, long x, long n, double multiplier, String emptyNote) {
        r.count = x;
        r.denominator = n;
        r.disclosureCount = x;
        r.denominatorDisclosureCount = n;
        if (n == 0) {
            r.note(emptyNote);
            return r;
        }
        Interval a = Proportions.wilson(x, n, L95);
        Interval b = Proportions.wilson(x, n, L998);
        estimate(r, multiplier * x / n, a.lower() * multiplier, a.upper() * multiplier, b.lower() * multiplier,
                b.upper() * multiplier);
        r.method = Proportions.METHOD;
        return r;
    }

    /** The directly age-standardised rate per 100,000 over the client group's clipped ESP2013 bands. */
    static IndicatorRow dsr(IndicatorRow r, double[] bandCounts, double[] bandPopulation, double[] bandWeights,
            double multiplier, boolean unknown, String popNote) {
        List<Double> counts = new ArrayList<>();
        List<Double> pops = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        long total = 0;
        double totalPop = 0;
        for (int b = 0; b < bandWeights.length; b++) {
            double w = bandWeights[b];
            if (w <= 0) {
                // no standard population for the group here (a group starting above 90): its referrals are still
                // in-range referrals, in the count (docs/disclosure.md: All referrals less the referrals with an age
                // outside their group is the sum of the All DSR counts), and such a group has no population at all
                total += (long) bandCounts[b];
                continue;
            }
            long x = (long) bandCounts[b];
            double n = bandPopulation[b];
            total += x;
            totalPop += n;
            counts.add((double) x);
            pops.add(n);
            weights.add(w);
            if (!(n > 0)) {
                empty.add(org.jsna.stats.Dsr.ESP2013_BANDS.get(b));
            }
        }
        r.count = total;
        r.disclosureCount = total;
        r.denominatorDisclosureCount = -1;
        r.method = org.jsna.stats.Dsr.METHOD;
        if (!knownPopulation(r, totalPop, unknown, popNote)) {
            return r;
        }
        if (!empty.isEmpty()) {
            r.contextNote("not calculable: no population in age band" + (empty.size() > 1 ? "s " : " ")
                    + String.join(", ", empty));
            return r;
        }
        double[] x = toArray(counts);
        double[] n = toArray(pops);
        double[] w = toArray(weights);
        org.jsna.stats.Dsr.Result a = org.jsna.stats.Dsr.independent(x, n, w, multiplier, L95);
        org.jsna.stats.Dsr.Result b = org.jsna.stats.Dsr.independent(x, n, w, multiplier, L998);
        estimate(r, a.value(), a.lower(), a.upper(), b.lower(), b.upper());
        r.note(a.note());
        return r;
    }

    /** Pounds per head of population; no interval. Disclosure count: the people behind the amount. */
    static IndicatorRow costPerHead(IndicatorRow r, double pounds, long people, double population, boolean unknown,
            String popNote) {
        r.count = pounds;
        r.disclosureCount = people;
        r.denominatorDisclosureCount = -1;
        if (!usablePopulation(r, population, unknown, popNote)) {
            return r;
        }
        r.value = pounds / population;
        return r;
    }

    /** Mean of the service users' total costs with a Student's t interval. */
    static IndicatorRow costPerUser(IndicatorRow r, UserCosts totals, String emptyNote) {
        long n = totals.count();
        r.disclosureCount = n;
        r.denominatorDisclosureCount = n;
        r.denominator = n;
        r.moments = new IndicatorRow.Moments(n, totals.total(), n == 0 ? 0 : totals.sumOfSquares()
                .multiply(java.math.BigDecimal.valueOf(n)).subtract(totals.sum().pow(2))
                .divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL64).doubleValue());
        if (n == 0) {
            r.count = 0;
            r.note(emptyNote);
            return r;
        }
        Means.Result a = Means.of(n, totals.sum(), totals.sumOfSquares(), L95);
        Means.Result b = Means.of(n, totals.sum(), totals.sumOfSquares(), L998);
        r.count = totals.total(); // exact decimal pounds, independent of order
        estimate(r, a.value(), a.lower(), a.upper(), b.lower(), b.upper());
        if (n == 1) {
            r.note("no confidence interval for a single service user");
        }
        return r;
    }

    /** A funder's share of the cost with a known funder, in %; no interval. */
    static IndicatorRow share(IndicatorRow r, double pounds, long people, double total, long totalPeople,
            double multiplier, String emptyNote) {
        r.count = pounds;
        r.denominator = total;
        r.disclosureCount = people;
        r.denominatorDisclosureCount = totalPeople;
        if (!(total > 0)) {
            r.note(emptyNote);
            return r;
        }
        r.value = multiplier * pounds / total;
        return r;
    }

    /** Median or nearest-rank 90th percentile of wait days (ascending). */
    static IndicatorRow wait(IndicatorRow r, double[] days, boolean p90, String emptyNote) {
        int n = days.length;
        r.count = n;
        r.denominator = n;
        r.disclosureCount = n;
        r.denominatorDisclosureCount = n;
        if (n == 0) {
            r.note(emptyNote);
            return r;
        }
        if (p90) {
            int rank = (9 * n + 9) / 10; // ceil(0.9 n) in integers
            r.value = days[rank - 1];
        } else {
            r.value = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
        }
        return r;
    }

    /** Sets the population denominator and its note; false (with a note) when the population is unknown. */
    private static boolean knownPopulation(IndicatorRow r, double population, boolean unknown, String popNote) {
        if (unknown) {
            r.contextNote(NOTE_UNKNOWN_POPULATION);
            return false;
        }
        r.denominator = population;
        r.contextNote(popNote);
        return true;
    }

    /** As {@link #knownPopulation}, and also false (with a note) when the population is not above zero. */
    private static boolean usablePopulation(IndicatorRow r, double population, boolean unknown, String popNote) {
        if (!knownPopulation(r, population, unknown, popNote)) {
            return false;
        }
        if (!(population > 0)) {
            r.contextNote(NOTE_NO_POPULATION);
            return false;
        }
        return true;
    }

    /** The value and its 95% and 99.8% limits. */
    private static void estimate(IndicatorRow r, double value, double lower95, double upper95, double lower998,
            double upper998) {
        r.value = value;
        r.lower95 = lower95;
        r.upper95 = upper95;
        r.lower998 = lower998;
        r.upper998 = upper998;
    }

    private static double[] toArray(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
