package org.jsna.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jsna.console.JsnaException;
import org.jsna.stats.FunnelDataException;
import org.jsna.stats.FunnelLimitTable;
import org.jsna.stats.FunnelPlots;
import org.jsna.stats.FunnelPlots.RatePoints;
import org.jsna.stats.FunnelPlots.RateType;
import org.jsna.stats.FunnelPlots.RatioType;
import org.jsna.stats.FunnelPlots.Statistic;
import org.jsna.stats.FunnelSignificance;

/**
 * {@code jsna calc funnel}: funnel-plot control limits, significance or rate chart points from an
 * aggregated table with one row per area (statistics in {@link FunnelPlots}).
 *
 * <ul>
 *   <li>{@link Output#LIMITS}: the 100-row control-limit table (x-axis, the limit columns,
 *       {@code baseline}, {@code statistic}, {@code method}); with {@code --by}, one table per group
 *       after the group columns.</li>
 *   <li>{@link Output#SIGNIFICANCE}: every input row (its columns kept) plus {@code significance};
 *       with {@code --by}, each row is compared with its own group's funnel.</li>
 *   <li>{@link Output#POINTS} (rates only): every input row plus {@code <rate>_chart} and
 *       {@code denominator_derived}.</li>
 * </ul>
 * Input rules of {@link FunnelPlots} are reported as input errors (exit 3) naming file, line,
 * column and value.
 */
public final class FunnelCalc {

    /** What to write. */
    public enum Output {
        LIMITS, SIGNIFICANCE, POINTS
    }

    /**
     * The settings of one run.
     *
     * @param numerator   numerator column (events, or observed counts for ratios)
     * @param denominator denominator column (population, or expected counts for ratios)
     * @param statistic   proportion, ratio or rate
     * @param output      limits, significance or points
     * @param multiplier  proportion: scale of the limits; rate: the rate column's multiplier; ratio: unused
     * @param ratioType   ratios, limits only: count or isr (else null)
     * @param rate        rates: the rate column (else null)
     * @param rateType    rates: crude or dsr (else null)
     * @param years       rates, limits and points: years of data (else NaN)
     * @param by          grouping columns (each group its own funnel); empty for one funnel
     */
    public record Settings(String numerator, String denominator, Statistic statistic, Output output,
            double multiplier, RatioType ratioType, String rate, RateType rateType, double years, List<String> by) {
        public Settings {
            by = List.copyOf(by);
        }
    }

    private final Settings s;

    public FunnelCalc(Settings settings) {
        this.s = settings;
    }

    /** The numeric input columns. */
    public List<String> numericColumns() {
        List<String> out = new ArrayList<>(List.of(s.numerator(), s.denominator()));
        if (s.statistic() == Statistic.RATE) {
            out.add(s.rate());
        }
        return out;
    }

    /** Validates the table and computes the output. */
    public CalcOutput apply(CalcTable t) {
        List<Group> groups = t.groups(s.by()); // none for a header-only input: header-only output
        return s.output() == Output.LIMITS ? limits(t, groups) : perRow(t, groups);
    }

    private CalcOutput limits(CalcTable t, List<Group> groups) {
        List<String> cols = new ArrayList<>(s.by());
        cols.addAll(FunnelPlots.limitColumns(s.statistic()));
        cols.add("statistic");
        cols.add("method");
        CalcOutput out = new CalcOutput(cols);
        for (Group g : groups) {
            FunnelLimitTable lt = compute(t, g, () -> switch (s.statistic()) {
                case PROPORTION -> FunnelPlots.proportionLimits(col(t, g, s.numerator()), col(t, g, s.denominator()),
                        s.multiplier());
                case RATIO -> FunnelPlots.ratioLimits(col(t, g, s.numerator()), col(t, g, s.denominator()),
                        s.ratioType());
                case RATE -> FunnelPlots.rateLimits(col(t, g, s.numerator()), col(t, g, s.denominator()),
                        col(t, g, s.rate()), s.rateType(), s.multiplier(), s.years());
            });
            for (int i = 0; i < lt.rows(); i++) {
                CalcOutput.Row row = out.addRow(s.by(), g);
                for (String c : lt.columnNames()) {
                    row.number(c, lt.value(i, c));
                }
                row.text("statistic", lt.statistic()).text("method", lt.method());
            }
        }
        return out;
    }

    private CalcOutput perRow(CalcTable t, List<Group> groups) {
        List<String> cols = new ArrayList<>(t.columnNames());
        String chart = s.rate() + "_chart";
        if (s.output() == Output.SIGNIFICANCE) {
            cols.add("significance");
        } else {
            cols.add(chart);
            cols.add("denominator_derived");
        }
        String[] significance = new String[t.rowCount()];
        double[] chartValue = new double[t.rowCount()];
        double[] derived = new double[t.rowCount()];
        for (Group g : groups) {
            if (s.output() == Output.SIGNIFICANCE) {
                FunnelSignificance[] sig = compute(t, g, () -> switch (s.statistic()) {
                    case PROPORTION -> FunnelPlots.proportionSignificance(col(t, g, s.numerator()),
                            col(t, g, s.denominator()));
                    case RATIO -> FunnelPlots.ratioSignificance(col(t, g, s.numerator()), col(t, g, s.denominator()));
                    case RATE -> FunnelPlots.rateSignificance(col(t, g, s.numerator()), col(t, g, s.denominator()),
                            col(t, g, s.rate()), s.rateType(), s.multiplier());
                });
                for (int i = 0; i < sig.length; i++) {
                    significance[g.rows()[i]] = sig[i].label();
                }
            } else {
                RatePoints p = compute(t, g, () -> FunnelPlots.ratePoints(col(t, g, s.numerator()),
                        col(t, g, s.denominator()), col(t, g, s.rate()), s.rateType(), s.multiplier(), s.years()));
                for (int i = 0; i < g.rows().length; i++) {
                    chartValue[g.rows()[i]] = p.rateChart()[i];
                    derived[g.rows()[i]] = p.denominatorDerived()[i];
                }
            }
        }
        CalcOutput out = new CalcOutput(cols);
        List<String> numeric = numericColumns();
        for (int r = 0; r < t.rowCount(); r++) {
            CalcOutput.Row row = out.addRow();
            for (String c : t.columnNames()) {
                if (numeric.contains(c)) {
                    row.number(c, t.number(r, c));
                } else {
                    row.text(c, t.text(r, c));
                }
            }
            if (s.output() == Output.SIGNIFICANCE) {
                row.text("significance", significance[r]);
            } else {
                row.number(chart, chartValue[r]).number("denominator_derived", derived[r]);
                if (s.rateType() == RateType.DSR && t.number(r, s.numerator()) < FunnelPlots.DSR_MIN_EVENTS) {
                    row.note("fewer than " + FunnelPlots.DSR_MIN_EVENTS + " events: not plotted for a DSR");
                } else if (Double.isNaN(chartValue[r])) {
                    row.note("rate missing");
                }
            }
        }
        return out;
    }

    private static double[] col(CalcTable t, Group g, String column) {
        return t.numbers(column, g.rows());
    }

    /** Runs a computation on one group, turning its input-rule violations into exit-3 errors. */
    private <T> T compute(CalcTable t, Group g, Supplier<T> f) {
        try {
            return f.get();
        } catch (FunnelDataException e) {
            if (e.row() < 0) {
                String group = s.by().isEmpty() ? "" : " (group " + String.join(", ", g.key()) + ")";
                throw JsnaException.input(t.file() + group + ": " + e.expected());
            }
            String column = switch (e.field()) {
                case NUMERATOR -> s.numerator();
                case DENOMINATOR -> s.denominator();
                case RATE -> s.rate();
            };
            throw t.error(g.rows()[e.row()], column, e.expected());
        }
    }
}
