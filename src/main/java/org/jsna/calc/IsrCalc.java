package org.jsna.calc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.Isr;

/**
 * {@code jsna calc isr}: the indirectly standardised ratio ({@code --ratio}, × refvalue) or rate
 * (× the reference rate) per {@code --by} group, see {@link Isr}. The reference counts and
 * populations per age band come from input columns or from a reference file joined on the age-band
 * label; observed totals per group may come from a file joined on the {@code --by} columns.
 */
public final class IsrCalc {

    /** Settings of one run. */
    public record Settings(String numerator, String denominator, String ageBand, String reference, String refNumerator,
            String refDenominator, boolean ratio, double refvalue, double multiplier, String observedTotals,
            List<String> by, Confidence confidence) {
    }

    private final Settings s;

    public IsrCalc(Settings settings) {
        this.s = settings;
    }

    /** The input columns that must exist. */
    public List<String> requiredColumns() {
        List<String> c = new ArrayList<>(numericColumns());
        c.add(1, s.ageBand()); // the numeric columns with the age band second, after the denominator
        return c;
    }

    /** The numeric input columns. */
    public List<String> numericColumns() {
        List<String> c = new ArrayList<>(List.of(s.denominator()));
        if (s.observedTotals() == null) {
            c.add(s.numerator());
        }
        if (s.reference() == null) {
            c.add(s.refNumerator());
            c.add(s.refDenominator());
        }
        return c;
    }

    public CalcOutput apply(CalcTable t) {
        if (s.observedTotals() == null) {
            t.check(s.numerator(), v -> v >= 0, "a count of 0 or more");
        }
        t.check(s.denominator(), v -> v >= 0, "a population of 0 or more");
        CalcTable ref = null;
        Map<String, Integer> refRows = null;
        if (s.reference() == null) {
            t.check(s.refNumerator(), v -> v >= 0, "a reference count of 0 or more");
            t.check(s.refDenominator(), v -> v >= 0, "a reference population of 0 or more");
        } else {
            ref = CalcTable.read(s.reference(), "--reference", List.of(s.ageBand(), s.refNumerator(), s.refDenominator()),
                    List.of(s.refNumerator(), s.refDenominator()));
            ref.check(s.refNumerator(), v -> v >= 0, "a reference count of 0 or more");
            ref.check(s.refDenominator(), v -> v >= 0, "a reference population of 0 or more");
            refRows = new HashMap<>();
            for (int r = 0; r < ref.rowCount(); r++) {
                String band = Bands.normalise(ref.text(r, s.ageBand()));
                Integer prev = refRows.putIfAbsent(band, r);
                if (prev != null) {
                    throw ref.error(r, s.ageBand(), "each age band once in the reference (also on line " + ref.line(prev) + ")");
                }
            }
        }
        Map<List<String>, Double> totals = s.observedTotals() == null ? null : readTotals();

        List<String> cols = new ArrayList<>(s.by());
        cols.addAll(List.of("observed", "expected"));
        if (!s.ratio()) {
            cols.add("ref_rate");
        }
        cols.add("value");
        CalcOutput out = CalcOutput.withLimits(cols, s.confidence());
        List<Group> groups = t.groups(s.by());
        sameRowCount(t, groups);
        for (Group g : groups) {
            int[] rows = g.rows();
            double[] xRef = new double[rows.length];
            double[] nRef = new double[rows.length];
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                String band = Bands.normalise(t.text(r, s.ageBand()));
                Integer prev = seen.putIfAbsent(band, r);
                if (prev != null) {
                    throw t.error(r, s.ageBand(), "each age band once per group (also on line " + t.line(prev) + ")");
                }
                if (ref == null) {
                    xRef[i] = t.number(r, s.refNumerator());
                    nRef[i] = t.number(r, s.refDenominator());
                } else {
                    Integer rr = refRows.get(band);
                    if (rr == null) {
                        throw t.error(r, s.ageBand(), "an age band of the reference file " + s.reference() + " ("
                                + String.join(", ", refRows.keySet()) + ")");
                    }
                    xRef[i] = ref.number(rr, s.refNumerator());
                    nRef[i] = ref.number(rr, s.refDenominator());
                }
            }
            CalcOutput.Row row = out.addRow(s.by(), g);
            double expected = Isr.expected(t.numbers(s.denominator(), rows), xRef, nRef);
            double observed;
            if (totals == null) {
                observed = Isr.observed(t.numbers(s.numerator(), rows));
            } else {
                Double o = totals.get(g.key());
                observed = o == null ? Double.NaN : o;
                if (o == null) {
                    row.note("no observed total for this group");
                    Log.warnOnce("some groups have no row in " + s.observedTotals() + "; their values are left empty");
                } else if (Double.isNaN(o)) {
                    row.note("observed total missing");
                }
            }
            double refRate = Isr.referenceRate(xRef, nRef, s.multiplier());
            if (Double.isNaN(expected)) {
                boolean missing = false;
                for (double v : nRef) {
                    missing |= Double.isNaN(v);
                }
                String why = missing ? "reference population missing" : "reference population of 0";
                row.note("expected count not known: " + why);
                Log.warnOnce("some groups have an age band whose reference population is " + (missing ? "missing" : "0")
                        + "; their values are left empty");
            }
            row.text("confidence", s.confidence().label())
                    .text("statistic", s.ratio() ? Isr.ratioStatistic(s.refvalue()) : Isr.rateStatistic(s.multiplier()));
            if (expected == 0) {
                row.note("expected count is 0");
                Log.warnOnce("some groups have an expected count of 0; their ratio is not finite");
            }
            for (double level : s.confidence().levels()) {
                Isr.Result r = s.ratio() ? Isr.ratio(observed, expected, s.refvalue(), level)
                        : Isr.rate(observed, expected, refRate, level);
                row.number("observed", r.observed()).number("expected", r.expected()).number("value", r.value())
                        .text("method", r.method())
                        .number(CalcOutput.lowerColumn(s.confidence(), level), r.lower())
                        .number(CalcOutput.upperColumn(s.confidence(), level), r.upper());
                if (!s.ratio()) {
                    row.number("ref_rate", r.refRate());
                }
            }
        }
        return out;
    }

    /**
     * Every group must have as many rows (age bands) as the first, as the reference requires ("data must contain
     * the same number of rows for each group"): otherwise an input error at the first row of the first group that
     * differs.
     */
    private void sameRowCount(CalcTable t, List<Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        Group first = groups.get(0);
        for (Group g : groups) {
            if (g.rows().length != first.rows().length) {
                throw t.error(g.rows()[0], s.ageBand(), "the same number of age-band rows in every group, as the "
                        + "reference package requires: " + first.rows().length + " in group " + label(first) + ", "
                        + g.rows().length + " in group " + label(g));
            }
        }
    }

    private static String label(Group g) {
        return g.key().isEmpty() ? "(all rows)" : "'" + String.join(", ", g.key()) + "'";
    }

    private Map<List<String>, Double> readTotals() {
        List<String> req = new ArrayList<>(s.by());
        req.add(s.numerator());
        CalcTable tot = CalcTable.read(s.observedTotals(), "--observed-totals", req, List.of(s.numerator()));
        tot.check(s.numerator(), v -> v >= 0, "an observed count of 0 or more");
        Map<List<String>, Double> map = new java.util.TreeMap<>(CalcTable.KEY_ORDER);
        Map<List<String>, Integer> lineOf = new HashMap<>();
        for (int r = 0; r < tot.rowCount(); r++) {
            List<String> key = new ArrayList<>();
            for (String b : s.by()) {
                key.add(tot.text(r, b).strip());
            }
            key = List.copyOf(key);
            if (map.containsKey(key)) {
                throw tot.error(r, s.by().isEmpty() ? s.numerator() : s.by().get(0),
                        "one row per group (this group is also on line " + tot.line(lineOf.get(key)) + ")");
            }
            map.put(key, tot.number(r, s.numerator()));
            lineOf.put(key, r);
        }
        if (map.isEmpty()) {
            throw JsnaException.input(tot.file() + ": no observed totals");
        }
        return map;
    }
}
