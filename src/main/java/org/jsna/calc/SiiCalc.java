package org.jsna.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.Sii;
import org.jsna.stats.Sii.ValueType;

/**
 * {@code jsna calc sii}: slope and relative index of inequality per {@code --by} group (the whole
 * table without {@code --by}) with {@link Sii}. One output row per group: group columns,
 * {@code sii}, ({@code rii}), SII limits, (RII limits), {@code intercept, indicator_type,
 * multiplier, transform, CI_confidence, CI_method}. Limit columns are always named with the level
 * ({@code sii_lower95_0cl}); with {@code --transform} without the {@code cl} suffix, as the
 * reference package. Every group is simulated with the same {@code --seed}.
 */
public final class SiiCalc {
    /** The most repetitions a simulation may ask for (100 times the reference package's default). */
    public static final int MAX_REPETITIONS = 10_000_000;


    /** Settings of one run. */
    public record Settings(String quantile, String population, String value, String se, String lower, String upper,
            ValueType type, boolean transform, double multiplier, int repetitions, long seed, boolean rii) {
    }

    private final Settings s;
    private final List<String> by;
    private final Confidence confidence;

    /** @throws JsnaException a usage error for an inconsistent combination of options */
    public SiiCalc(Settings s, List<String> by, Confidence confidence) {
        this.s = s;
        this.by = List.copyOf(by);
        this.confidence = confidence;
        if (s.se() != null && (s.lower() != null || s.upper() != null)) {
            throw JsnaException.usage("give either --se or --lower and --upper, not both");
        }
        if (s.se() == null && (s.lower() == null || s.upper() == null)) {
            throw JsnaException.usage("--lower and --upper (95% limits) or --se are required");
        }
        if (s.transform() && s.type() == ValueType.OTHER) {
            throw JsnaException.usage("--transform needs --value-type rate or proportion");
        }
        if (s.transform() && s.se() != null) {
            throw JsnaException.usage("--transform needs --lower and --upper (95% limits), not --se");
        }
        if (s.repetitions() < Sii.MIN_REPETITIONS || s.repetitions() > MAX_REPETITIONS) {
            // past ten million the simulated slopes alone take hundreds of megabytes, for no gain in the limits
            throw JsnaException.usage("--repetitions must be 1000 to " + MAX_REPETITIONS + " (got "
                    + s.repetitions() + ")");
        }
        if (!(s.multiplier() != 0) || !Double.isFinite(s.multiplier())) {
            throw JsnaException.usage("--multiplier must be a non-zero number (got " + s.multiplier() + ")");
        }
    }

    public List<String> requiredColumns() {
        List<String> cols = new ArrayList<>(List.of(s.quantile(), s.population(), s.value()));
        for (String c : new String[] {s.se(), s.lower(), s.upper()}) {
            if (c != null) {
                cols.add(c);
            }
        }
        return cols;
    }

    public List<String> numericColumns() {
        return requiredColumns();
    }

    private String suffix(double level) {
        return Confidence.columnSuffix(level) + (s.transform() ? "" : "cl");
    }

    public CalcOutput apply(CalcTable t) {
        // row-level checks of the reference package, with file, line and column
        t.requirePresent(s.quantile(), "a quantile number");
        t.requirePresent(s.population(), "a population greater than 0");
        t.check(s.population(), v -> v > 0, "a population greater than 0");
        t.requirePresent(s.value(), "an indicator value");
        if (s.se() != null) {
            t.requirePresent(s.se(), "a standard error of 0 or more");
            t.check(s.se(), v -> v >= 0, "a standard error of 0 or more");
        } else {
            t.requirePresent(s.lower(), "a lower 95% confidence limit");
            t.requirePresent(s.upper(), "an upper 95% confidence limit");
        }
        if (s.type() == ValueType.PROPORTION) {
            String expected = "a proportion between 0 and 1 (not a percentage)";
            t.check(s.value(), v -> v >= 0 && v <= 1, expected);
            if (s.se() == null) {
                t.check(s.lower(), v -> v >= 0 && v <= 1, expected);
                t.check(s.upper(), v -> v >= 0 && v <= 1, expected);
            }
        }
        TreeSet<Double> quantiles = new TreeSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            quantiles.add(t.number(r, s.quantile()));
        }
        if (t.rowCount() > 0 && (quantiles.size() < Sii.MIN_QUANTILES || quantiles.size() > Sii.MAX_QUANTILES)) {
            throw JsnaException.input(t.file() + ": column '" + s.quantile() + "': the number of quantiles must be "
                    + "between 5 and 100, found " + quantiles.size());
        }
        double[] levels = confidence.levels().stream().mapToDouble(Double::doubleValue).toArray();

        List<String> cols = new ArrayList<>(by);
        cols.add("sii");
        if (s.rii()) {
            cols.add("rii");
        }
        // The reference package orders the limits differently by call shape: without transform all
        // SII limits then all RII limits; with --transform the SII and RII limits of each level together.
        if (s.transform()) {
            for (double l : levels) {
                cols.addAll(limitPair("sii", l));
                if (s.rii()) {
                    cols.addAll(limitPair("rii", l));
                }
            }
        } else {
            for (double l : levels) {
                cols.addAll(limitPair("sii", l));
            }
            if (s.rii()) {
                for (double l : levels) {
                    cols.addAll(limitPair("rii", l));
                }
            }
        }
        cols.addAll(List.of("intercept", "indicator_type", "multiplier", "transform", "CI_confidence", "CI_method"));
        CalcOutput out = new CalcOutput(cols);
        if (quantiles.size() > 10) {
            Log.warnOnce("small values can make the SII unstable when using a large number of quantiles");
        }

        // every group reads the same seed's deviates: made once for all of them
        Sii.Draws draws = new Sii.Draws(s.seed());
        for (Group g : t.groups(by)) {
            Integer[] order = orderByQuantile(t, g, quantiles.size());
            if (order == null) {
                // The reference package drops such a group (with a warning), so no row is written.
                Log.warnOnce("some groups do not have data for every quantile and have been left out of the SII "
                        + "calculation");
                continue;
            }
            CalcOutput.Row row = out.addRow(by, g);
            row.text("indicator_type", switch (s.type()) {
                case RATE -> "rate";
                case PROPORTION -> "proportion";
                default -> "normal";
            });
            row.number("multiplier", s.multiplier());
            row.text("transform", !s.transform() ? "none" : s.type() == ValueType.RATE ? "log" : "logit");
            row.text("CI_confidence", confidence.label());
            row.text("CI_method", "simulation " + rNumber(s.repetitions()) + " reps");

            int k = order.length;
            double[] pop = new double[k];
            double[] val = new double[k];
            double[] se = s.se() == null ? null : new double[k];
            double[] lo = s.se() == null ? new double[k] : null;
            double[] up = s.se() == null ? new double[k] : null;
            for (int i = 0; i < k; i++) {
                int r = g.rows()[order[i]];
                pop[i] = t.number(r, s.population());
                val[i] = t.number(r, s.value());
                if (se != null) {
                    se[i] = t.number(r, s.se());
                } else {
                    lo[i] = t.number(r, s.lower());
                    up[i] = t.number(r, s.upper());
                }
            }
            Sii.Result res;
            try {
                res = Sii.compute(pop, val, se, lo, up, s.type(), s.transform(), s.multiplier(), s.repetitions(),
                        levels, draws);
            } catch (IllegalArgumentException e) {
                String where = by.isEmpty() ? "" : " (group " + String.join(", ", g.key()) + ")";
                throw JsnaException.input(t.file() + where + ": " + e.getMessage());
            }
            row.number("sii", res.sii()).number("intercept", res.intercept());
            for (int c = 0; c < levels.length; c++) {
                row.number("sii_lower" + suffix(levels[c]), res.siiLower()[c]);
                row.number("sii_upper" + suffix(levels[c]), res.siiUpper()[c]);
            }
            if (s.rii()) {
                row.number("rii", res.rii());
                for (int c = 0; c < levels.length; c++) {
                    row.number("rii_lower" + suffix(levels[c]), res.riiLower()[c]);
                    row.number("rii_upper" + suffix(levels[c]), res.riiUpper()[c]);
                }
            }
            if (Double.isNaN(res.sii())) {
                row.note("the SII could not be calculated from these values");
            } else if (s.rii() && Double.isNaN(res.rii())) {
                row.note("the RII could not be calculated: the fitted value at the start of the scale is 0");
            }
        }
        return out;
    }

    /**
     * The group's rows ordered by quantile, or null when the group lacks a quantile of the table.
     * A quantile given twice in a group is an input error.
     */
    private Integer[] orderByQuantile(CalcTable t, Group g, int quantileCount) {
        int[] rows = g.rows();
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(t.number(rows[x], s.quantile()), t.number(rows[y], s.quantile())));
        for (int i = 1; i < order.length; i++) {
            if (t.number(rows[order[i]], s.quantile()) == t.number(rows[order[i - 1]], s.quantile())) {
                throw t.error(rows[order[i]], s.quantile(), "each quantile once per group");
            }
        }
        return rows.length == quantileCount ? order : null;
    }

    /** A whole number as R's {@code paste0} prints it: scientific when that is shorter (100000 → 1e+05). */
    static String rNumber(long n) {
        String fixed = Long.toString(n);
        if (n == 0) {
            return fixed;
        }
        BigDecimal bd = new BigDecimal(n).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        String digits = bd.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sci = (n < 0 ? "-" : "") + mantissa + "e+" + String.format(Locale.ROOT, "%02d", exponent);
        return fixed.length() <= sci.length() ? fixed : sci;
    }

    /** The lower and upper limit column names of one statistic (sii, rii) at one level. */
    private List<String> limitPair(String statistic, double level) {
        return List.of(statistic + "_lower" + suffix(level), statistic + "_upper" + suffix(level));
    }
}
