package org.jsna.calc;

import java.util.ArrayList;
import java.util.List;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Quantiles;

/**
 * {@code jsna calc quantile}: assigns each row to a quantile of the value column within its
 * {@code --by} group (the whole table without {@code --by}) with {@link Quantiles}. Output: every
 * input column in file order, then {@code quantile, nquantiles, groupvars, qinverted}.
 */
public final class QuantileCalc {

    private final String value;
    private final int nQuantiles;
    private final boolean invert;
    private final List<String> by;

    /** @throws JsnaException a usage error when {@code nQuantiles} &lt; 1 */
    public QuantileCalc(String value, int nQuantiles, boolean invert, List<String> by) {
        if (nQuantiles < 1) {
            throw JsnaException.usage("--quantiles must be 1 or more (got " + nQuantiles + ")");
        }
        this.value = value;
        this.nQuantiles = nQuantiles;
        this.invert = invert;
        this.by = List.copyOf(by);
    }

    public List<String> requiredColumns() {
        return List.of(value);
    }

    public List<String> numericColumns() {
        return List.of(value);
    }

    public CalcOutput apply(CalcTable t) {
        List<String> cols = new ArrayList<>(t.columnNames());
        cols.addAll(List.of("quantile", "nquantiles", "groupvars", "qinverted"));
        CalcOutput out = new CalcOutput(cols);
        double[] quantile = new double[t.rowCount()];
        boolean[] tooFew = new boolean[t.rowCount()];
        for (Group g : t.groups(by)) {
            Quantiles.Result r = Quantiles.assign(t.numbers(value, g.rows()), nQuantiles, invert);
            if (r.tooFew()) {
                Log.warnOnce(Quantiles.TOO_FEW_WARNING);
            }
            for (int i = 0; i < g.rows().length; i++) {
                quantile[g.rows()[i]] = r.quantile()[i];
                tooFew[g.rows()[i]] = r.tooFew();
            }
        }
        String groupvars = String.join(", ", by);
        String inverted = invert ? "lowest quantile represents highest values" : "lowest quantile represents lowest values";
        for (int r = 0; r < t.rowCount(); r++) {
            CalcOutput.Row row = out.addRow();
            for (String c : t.columnNames()) {
                row.carry(t, r, c);
            }
            row.number("quantile", quantile[r]).number("nquantiles", nQuantiles).text("groupvars", groupvars)
                    .text("qinverted", inverted);
            if (tooFew[r]) {
                row.note(Quantiles.TOO_FEW_NOTE);
            } else if (Double.isNaN(quantile[r])) {
                row.note("missing value");
            }
        }
        return out;
    }
}
