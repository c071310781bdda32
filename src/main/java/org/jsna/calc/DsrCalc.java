package org.jsna.calc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.Dsr;

/**
 * {@code jsna calc dsr}: a directly standardised rate per {@code --by} group (Dobson limits, see
 * {@link Dsr}). Each input row is one age band of a group: events (missing = 0), population
 * (required, &gt; 0) and the band label. The standard weights come from ESP2013 or a file (matched by
 * band label, never by position; an unknown label is an input error) or from an input column. The
 * rate divides by the sum of the weights of the bands present in the group. With an event-frequency
 * column the numerator counts people with that many events each (non-independent events).
 */
public final class DsrCalc {

    /** Where the standard weights come from. */
    public record Standard(String description, Map<String, Double> weights, String column) {

        /** ESP2013 (19 bands). */
        public static Standard esp2013() {
            Map<String, Double> w = new LinkedHashMap<>();
            Dsr.esp2013().forEach((k, v) -> w.put(Bands.normalise(k), v));
            return new Standard("esp2013", w, null);
        }

        /**
         * {@code esp2013}, {@code column:COL} or a CSV file with columns {@code age_band,weight}.
         */
        public static Standard parse(String spec) {
            if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("esp2013")) {
                return esp2013();
            }
            if (spec.startsWith("column:")) {
                String col = spec.substring("column:".length()).strip();
                if (col.isEmpty()) {
                    throw JsnaException.usage("--standard column:COL needs a column name");
                }
                return new Standard(spec, null, col);
            }
            CalcTable t = CalcTable.read(spec, "--standard", List.of("age_band", "weight"), List.of("weight"));
            t.requirePresent("weight", "a standard weight (a number of 0 or more)");
            t.check("weight", v -> v >= 0, "a standard weight of 0 or more");
            Map<String, Double> w = new LinkedHashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                String band = Bands.normalise(t.text(r, "age_band"));
                if (w.putIfAbsent(band, t.number(r, "weight")) != null) {
                    throw t.error(r, "age_band", "each age band once in the standard");
                }
            }
            if (w.isEmpty()) {
                throw JsnaException.input(t.file() + ": the standard has no age bands");
            }
            return new Standard(spec, w, null);
        }
    }

    private final String numerator;
    private final String denominator;
    private final String ageBand;
    private final Standard standard;
    private final double multiplier;
    private final String eventFrequency;
    private final List<String> by;
    private final Confidence confidence;

    /**
     * @param eventFrequency the column of events per person (non-independent events), or null
     */
    public DsrCalc(String numerator, String denominator, String ageBand, Standard standard, double multiplier,
            String eventFrequency, List<String> by, Confidence confidence) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.ageBand = ageBand;
        this.standard = standard;
        this.multiplier = multiplier;
        this.eventFrequency = eventFrequency;
        this.by = List.copyOf(by);
        this.confidence = confidence;
    }

    /** The input columns that must exist. */
    public List<String> requiredColumns() {
        List<String> c = new ArrayList<>(numericColumns());
        c.add(2, ageBand); // the numeric columns with the age band third, after numerator and denominator
        return c;
    }

    /** The numeric input columns. */
    public List<String> numericColumns() {
        List<String> c = new ArrayList<>(List.of(numerator, denominator));
        if (standard.column() != null) {
            c.add(standard.column());
        }
        if (eventFrequency != null) {
            c.add(eventFrequency);
        }
        return c;
    }

    public CalcOutput apply(CalcTable t) {
        t.check(numerator, v -> v >= 0, "a count of 0 or more");
        t.requirePresent(denominator, "a population (a number greater than 0); populations cannot be missing");
        t.check(denominator, v -> v > 0, "a population greater than 0");
        if (standard.column() != null) {
            t.requirePresent(standard.column(), "a standard weight (a number of 0 or more); weights cannot be missing");
            t.check(standard.column(), v -> v >= 0, "a standard weight of 0 or more");
        }
        if (eventFrequency != null) {
            t.requirePresent(eventFrequency, "a number of events per person (1 or more)");
            t.check(eventFrequency, v -> v >= 1, "a number of events per person of 1 or more");
        }
        double[] weight = weights(t);

        List<String> cols = new ArrayList<>(by);
        cols.addAll(List.of("total_count", "total_pop", "value"));
        CalcOutput out = CalcOutput.withLimits(cols, confidence);
        for (Group g : t.groups(by)) {
            CalcOutput.Row row = out.addRow(by, g);
            row.text("confidence", confidence.label()).text("statistic", Dsr.statistic(multiplier))
                    .text("method", eventFrequency == null ? Dsr.METHOD : Dsr.METHOD_NON_INDEPENDENT);
            int[] rows = g.rows();
            double[] w = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                w[i] = weight[rows[i]];
            }
            checkBands(t, rows, w);
            for (double level : confidence.levels()) {
                Dsr.Result r;
                if (eventFrequency == null) {
                    r = Dsr.independent(t.numbers(numerator, rows), t.numbers(denominator, rows), w, multiplier, level);
                } else {
                    String[] cat = new String[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        cat[i] = Bands.normalise(t.text(rows[i], ageBand));
                    }
                    r = Dsr.nonIndependent(cat, t.numbers(eventFrequency, rows), t.numbers(numerator, rows),
                            t.numbers(denominator, rows), w, multiplier, level);
                }
                row.number("total_count", r.totalCount()).number("total_pop", r.totalPop()).number("value", r.value())
                        .number(CalcOutput.lowerColumn(confidence, level), r.lower())
                        .number(CalcOutput.upperColumn(confidence, level), r.upper());
                if (r.note() != null) {
                    row.note(r.note());
                    Log.warnOnce("some groups have fewer than 10 events; their DSR and limits are left empty");
                } else if (Double.isNaN(r.value())) {
                    row.note("standard weights of the group's bands sum to 0");
                }
            }
        }
        return out;
    }

    private double[] weights(CalcTable t) {
        double[] w = new double[t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            if (standard.column() != null) {
                w[r] = t.number(r, standard.column());
            } else {
                Double v = standard.weights().get(Bands.normalise(t.text(r, ageBand)));
                if (v == null) {
                    throw t.error(r, ageBand, "an age band of the standard " + standard.description() + " ("
                            + String.join(", ", standard.weights().keySet()) + ")");
                }
                w[r] = v;
            }
        }
        return w;
    }

    /** Each band once per group (once per band and frequency for non-independent events, sharing population and weight). */
    private void checkBands(CalcTable t, int[] rows, double[] w) {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> bandRow = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            String band = Bands.normalise(t.text(r, ageBand));
            String key = eventFrequency == null ? band : band + "\u0000" + t.number(r, eventFrequency);
            Integer prev = seen.putIfAbsent(key, r);
            if (prev != null) {
                throw t.error(r, ageBand, "each age band once per group"
                        + (eventFrequency == null ? "" : " and event frequency") + " (also on line " + t.line(prev) + ")");
            }
            if (eventFrequency != null) {
                Integer first = bandRow.putIfAbsent(band, i);
                if (first != null) {
                    if (t.number(r, denominator) != t.number(rows[first], denominator)) {
                        throw t.error(r, denominator, "the same population as line " + t.line(rows[first])
                                + " for this age band");
                    }
                    if (w[i] != w[first]) {
                        throw t.error(r, ageBand, "the same standard weight as line " + t.line(rows[first])
                                + " for this age band");
                    }
                }
            }
        }
    }
}
