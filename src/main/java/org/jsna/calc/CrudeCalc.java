package org.jsna.calc;

import java.util.ArrayList;
import java.util.List;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.Interval;
import org.jsna.stats.Proportions;
import org.jsna.stats.Rates;

/**
 * {@code jsna calc proportion} and {@code jsna calc rate}: a numerator and a denominator per row, or
 * summed within {@code --by} groups (always summed, even for a single group). Without {@code --by}
 * the output keeps every input column and adds the statistic; with it, the output has the group
 * columns, the summed numerator and denominator, and the statistic.
 *
 * <p>Checks (exit 3): numerator ≥ 0, denominator &gt; 0, and for a proportion numerator ≤
 * denominator. A missing numerator or denominator gives empty value and limits with a note; within a
 * group one missing value makes the sum missing (as the reference package).
 */
public final class CrudeCalc {

    /** Which statistic. */
    public enum Kind { PROPORTION, RATE }

    private final Kind kind;
    private final String numerator;
    private final String denominator;
    private final double multiplier;
    private final List<String> by;
    private final Confidence confidence;

    public CrudeCalc(Kind kind, String numerator, String denominator, double multiplier, List<String> by,
            Confidence confidence) {
        this.kind = kind;
        this.numerator = numerator;
        this.denominator = denominator;
        this.multiplier = multiplier;
        this.by = List.copyOf(by);
        this.confidence = confidence;
    }

    /** The numeric input columns. */
    public List<String> numericColumns() {
        return List.of(numerator, denominator);
    }

    /** Validates the table and computes the output. */
    public CalcOutput apply(CalcTable t) {
        t.check(numerator, v -> v >= 0, "a numerator of 0 or more");
        t.check(denominator, v -> v > 0, "a denominator greater than 0");
        if (kind == Kind.PROPORTION) {
            for (int r = 0; r < t.rowCount(); r++) {
                double x = t.number(r, numerator);
                double n = t.number(r, denominator);
                if (x > n) {
                    throw t.error(r, numerator, "a numerator no greater than the denominator ("
                            + t.text(r, denominator).strip() + ") for a proportion");
                }
            }
        }
        List<String> cols = new ArrayList<>();
        if (by.isEmpty()) {
            cols.addAll(t.columnNames());
        } else {
            cols.addAll(by);
            cols.add(numerator);
            cols.add(denominator);
        }
        cols.add("value");
        CalcOutput out = CalcOutput.withLimits(cols, confidence);
        if (by.isEmpty()) {
            for (int r = 0; r < t.rowCount(); r++) {
                CalcOutput.Row row = out.addRow();
                for (String c : t.columnNames()) {
                    row.carry(t, r, c);
                }
                fill(row, t.number(r, numerator), t.number(r, denominator));
            }
        } else {
            for (Group g : t.groups(by)) {
                CalcOutput.Row row = out.addRow(by, g);
                double x = sum(t.numbers(numerator, g.rows()));
                double n = sum(t.numbers(denominator, g.rows()));
                row.number(numerator, x).number(denominator, n);
                fill(row, x, n);
            }
        }
        return out;
    }

    private void fill(CalcOutput.Row row, double x, double n) {
        row.text("confidence", confidence.label());
        if (Double.isNaN(x) || Double.isNaN(n)) {
            String what = Double.isNaN(x) ? "numerator" : "denominator";
            row.note(what + " missing");
            Log.warnOnce("some rows have a missing " + what + "; their value and limits are left empty");
        }
        if (kind == Kind.PROPORTION) {
            row.text("statistic", Proportions.statistic(multiplier)).text("method", Proportions.METHOD);
            row.number("value", x / n * multiplier);
            for (double level : confidence.levels()) {
                Interval ci = Proportions.wilson(x, n, level).times(multiplier);
                row.number(CalcOutput.lowerColumn(confidence, level), ci.lower());
                row.number(CalcOutput.upperColumn(confidence, level), ci.upper());
            }
        } else {
            row.text("statistic", Rates.statistic(multiplier));
            for (double level : confidence.levels()) {
                Rates.Result r = Rates.crude(x, n, multiplier, level);
                row.number("value", r.value()).text("method", r.method());
                row.number(CalcOutput.lowerColumn(confidence, level), r.lower());
                row.number(CalcOutput.upperColumn(confidence, level), r.upper());
            }
        }
    }

    /** Σ values; one missing value makes the sum missing. */
    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
