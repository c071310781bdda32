package org.jsna.calc;

import java.util.ArrayList;
import java.util.List;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.Means;

/**
 * {@code jsna calc mean}: the mean of a value column per {@code --by} group (the whole table without
 * {@code --by}) with Student's t limits. Output: group columns, {@code value_sum, value_count,
 * stdev, value}, limits, {@code confidence, statistic, method}. A missing value makes its group's
 * results empty (it still counts in {@code value_count}, as in the reference package).
 */
public final class MeanCalc {

    private final String value;
    private final List<String> by;
    private final Confidence confidence;

    public MeanCalc(String value, List<String> by, Confidence confidence) {
        this.value = value;
        this.by = List.copyOf(by);
        this.confidence = confidence;
    }

    public CalcOutput apply(CalcTable t) {
        List<String> cols = new ArrayList<>(by);
        cols.addAll(List.of("value_sum", "value_count", "stdev", "value"));
        CalcOutput out = CalcOutput.withLimits(cols, confidence);
        for (Group g : t.groups(by)) {
            CalcOutput.Row row = out.addRow(by, g);
            double[] v = t.numbers(value, g.rows());
            row.text("confidence", confidence.label()).text("statistic", "mean").text("method", Means.METHOD);
            for (double level : confidence.levels()) {
                Means.Result r = Means.of(v, level);
                row.number("value_sum", r.sum()).number("value_count", r.count()).number("stdev", r.stdev())
                        .number("value", r.value())
                        .number(CalcOutput.lowerColumn(confidence, level), r.lower())
                        .number(CalcOutput.upperColumn(confidence, level), r.upper());
                if (r.count() == 0) {
                    row.note("no values");
                } else if (Double.isNaN(r.sum())) {
                    row.note("missing value in the group");
                    Log.warnOnce("some groups have a missing value; their mean and limits are left empty");
                } else if (r.count() == 1) {
                    row.note("a single value has no confidence interval");
                    Log.warnOnce("some groups have a single value; their limits are left empty");
                }
            }
        }
        return out;
    }
}
