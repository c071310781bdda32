package org.jsna.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsna.stats.TrendMarker;

/**
 * {@code jsna calc trend}: the recent-trend marker ({@link TrendMarker}) of each {@code --by} group's
 * series of annual periods (the whole table without {@code --by}). A proportion reads the count and
 * denominator columns, a rate the value and its 95% limits; the other columns are not read.
 *
 * <p>Output, one row per group in key order: the group columns, {@code n_periods} (the group's rows),
 * {@code first_period_used} and {@code last_period_used} (the oldest and newest of the up to 5 most
 * recent periods, as written), {@code recent_trend}, {@code recent_trend_reason}, {@code statistic}
 * (X²) and {@code slope} (b), both empty when the marker cannot be calculated, {@code method}, and
 * {@code value_note} (empty: the reason column says why a marker is missing).
 *
 * <p>Periods are ordered by their value: every period of the file must be a number (a calendar year
 * such as {@code 2019}, or any number, ordered numerically) or every one a fiscal year
 * {@code YYYY/YY} with YY the year after YYYY (ordered by its first year); anything else, a missing
 * period or a mix of the two forms is an input error naming file, line and column.
 */
public final class TrendCalc {

    /** Default column names (those of indicators.csv). */
    public static final String COUNT = "count";
    public static final String DENOMINATOR = "denominator";
    public static final String VALUE = "value";
    public static final String LOWER = "lower_ci_95";
    public static final String UPPER = "upper_ci_95";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern FISCAL = Pattern.compile("(\\d{4})/(\\d{2})");
    private static final String PERIOD_FORM = "a period: a number such as 2019, or a fiscal year such as 2019/20";

    private final TrendMarker.Kind kind;
    private final String period;
    private final List<String> by;
    private final String count;
    private final String denominator;
    private final String value;
    private final String lower;
    private final String upper;

    /**
     * @param kind   proportion (reads {@code count}, {@code denominator}) or rate (reads {@code value},
     *               {@code lower}, {@code upper})
     * @param period the period column
     * @param by     the grouping columns
     */
    public TrendCalc(TrendMarker.Kind kind, String period, List<String> by, String count, String denominator,
            String value, String lower, String upper) {
        this.kind = kind;
        this.period = period;
        this.by = List.copyOf(by);
        this.count = count;
        this.denominator = denominator;
        this.value = value;
        this.lower = lower;
        this.upper = upper;
    }

    /** The columns the method reads: the period and its kind's numbers. */
    public List<String> requiredColumns() {
        List<String> out = new ArrayList<>(List.of(period));
        out.addAll(numericColumns());
        return out;
    }

    /** The numeric columns of the kind. */
    public List<String> numericColumns() {
        return kind == TrendMarker.Kind.PROPORTION ? List.of(count, denominator) : List.of(value, lower, upper);
    }

    /** The output columns before {@code value_note}. */
    public List<String> outputColumns() {
        List<String> cols = new ArrayList<>(by);
        cols.addAll(List.of("n_periods", "first_period_used", "last_period_used", "recent_trend",
                "recent_trend_reason", "statistic", "slope", "method"));
        return cols;
    }

    /** The {@code method} cell of the kind. */
    public static String method(TrendMarker.Kind kind) {
        return kind == TrendMarker.Kind.PROPORTION
                ? "Armitage chi-square test for linear trend; least-squares slope of the logits"
                : "weighted least squares, weights from the 95% limits";
    }

    public CalcOutput apply(CalcTable t) {
        double[] order = periodOrder(t);
        CalcOutput out = new CalcOutput(outputColumns());
        for (Group g : t.groups(by)) {
            List<TrendMarker.Point> points = new ArrayList<>(g.rows().length);
            List<Integer> rowOf = new ArrayList<>();
            for (int r : g.rows()) {
                TrendMarker.Point p = kind == TrendMarker.Kind.PROPORTION
                        ? TrendMarker.Point.proportion(order[r], t.number(r, count), t.number(r, denominator))
                        : TrendMarker.Point.rate(order[r], t.number(r, value), t.number(r, lower), t.number(r, upper));
                points.add(p);
                rowOf.add(r);
            }
            TrendMarker.Result res = TrendMarker.of(points, kind);
            CalcOutput.Row row = out.addRow(by, g);
            row.number("n_periods", g.rows().length);
            if (!res.used().isEmpty()) {
                row.text("first_period_used", t.text(rowOf.get(indexOf(points, res.used().get(0))), period).strip());
                row.text("last_period_used",
                        t.text(rowOf.get(indexOf(points, res.used().get(res.used().size() - 1))), period).strip());
            }
            row.text("recent_trend", res.marker()).text("recent_trend_reason", res.reason())
                    .number("statistic", res.statistic()).number("slope", res.slope()).text("method", method(kind));
        }
        return out;
    }

    /**
     * The place in time of each row's period: the number itself, or the first year of a fiscal year.
     * Every period must have the form of the first row's.
     */
    double[] periodOrder(CalcTable t) {
        double[] out = new double[t.rowCount()];
        Boolean fiscal = null;
        long firstLine = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            String cell = t.text(r, period);
            if (CalcTable.isMissing(cell)) {
                throw t.error(r, period, PERIOD_FORM + " (not missing)");
            }
            String s = cell.strip();
            Matcher m = FISCAL.matcher(s);
            boolean isFiscal = m.matches();
            if (isFiscal) {
                int start = Integer.parseInt(m.group(1));
                int end = Integer.parseInt(m.group(2));
                if (end != (start + 1) % 100) {
                    throw t.error(r, period, "a fiscal year YYYY/YY whose YY is the year after YYYY (e.g. 2019/20): "
                            + "the marker is for annual periods only");
                }
                out[r] = start;
            } else if (NUMBER.matcher(s).matches()) {
                out[r] = Double.parseDouble(s);
                if (Double.isInfinite(out[r])) {
                    throw t.error(r, period, "a finite number");
                }
            } else {
                throw t.error(r, period, PERIOD_FORM);
            }
            if (fiscal == null) {
                fiscal = isFiscal;
                firstLine = t.line(r);
            } else if (fiscal != isFiscal) {
                throw t.error(r, period, "a period in the same form as line " + firstLine + " ("
                        + (fiscal ? "a fiscal year such as 2019/20" : "a number such as 2019") + ")");
            }
        }
        return out;
    }

    /** The index of this very point (not an equal one: two rows may hold equal points). */
    private static int indexOf(List<TrendMarker.Point> points, TrendMarker.Point p) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i) == p) {
                return i;
            }
        }
        throw new IllegalStateException("a point used is not in its series");
    }
}
