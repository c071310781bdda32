package org.jsna.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsna.stats.TrendMarker;

/**
 * Fills {@code recent_trend} and {@code recent_trend_reason} of every indicator row (trends.md, "In
 * jsna"): the {@link TrendMarker} of the series of rows with the same indicator, client group,
 * locality, category type and category, over the complete periods up to and including the row's own.
 *
 * <ul>
 *   <li>Run <b>after disclosure control</b>: the marker reads only what indicators.csv publishes (the
 *       full-precision count, denominator, value and 95% limits of each row). A suppressed row among the
 *       5 most recent periods makes the marker {@code cannot be calculated}, reason {@value #SUPPRESSED}, so
 *       no marker is ever computed from, or says anything about, a hidden value.</li>
 *   <li>A part period is in no series, and its own row is {@code cannot be calculated}, reason
 *       {@value #PART_PERIOD}.</li>
 *   <li>The kind comes from the indicator's statistic ({@link Statistic#trendKind()}): Wilson proportions
 *       {@code proportion}, statistics with 95% limits {@code rate}; without limits the marker is
 *       {@code cannot be calculated}, {@code missing confidence interval}.</li>
 *   <li>The order of the checks: part period; fewer than 5 complete periods ({@code not enough data
 *       points}); an indicator without limits; a suppressed row among the 5; then {@link TrendMarker}'s own
 *       checks on the 5 points.</li>
 * </ul>
 */
public final class RecentTrend {

    /** The reason when one of the 5 points is suppressed. */
    public static final String SUPPRESSED = "suppressed value";
    /** The reason of a part period's own row. */
    public static final String PART_PERIOD = "part period";

    private RecentTrend() {
    }

    private record Key(String indicator, String clientGroup, String locality, String categoryType, String category) {
        static Key of(IndicatorRow r) {
            return new Key(r.indicatorId, r.clientGroup, r.locality, r.categoryType, r.category);
        }
    }

    /**
     * Sets the marker and its reason on every row, in place.
     *
     * @param rows        the indicator table after disclosure control
     * @param partPeriods the labels of the part periods
     */
    public static void apply(List<IndicatorRow> rows, Set<String> partPeriods) {
        // periods sort as text: 2023/24 and 2023 both start with the year
        TreeSet<String> labels = new TreeSet<>();
        for (IndicatorRow r : rows) {
            labels.add(r.period);
        }
        Map<String, Integer> order = new HashMap<>();
        for (String p : labels) {
            order.put(p, order.size());
        }
        Map<Key, List<IndicatorRow>> series = new HashMap<>();
        for (IndicatorRow r : rows) {
            if (!partPeriods.contains(r.period)) {
                series.computeIfAbsent(Key.of(r), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<IndicatorRow> s : series.values()) {
            s.sort((a, b) -> Integer.compare(order.get(a.period), order.get(b.period)));
        }
        for (IndicatorRow r : rows) {
            if (partPeriods.contains(r.period)) {
                set(r, TrendMarker.CANNOT, PART_PERIOD);
                continue;
            }
            List<IndicatorRow> s = series.get(Key.of(r));
            int end = s.indexOf(r) + 1; // the series up to and including this row's period
            mark(r, s.subList(0, end), order);
        }
    }

    private static void mark(IndicatorRow r, List<IndicatorRow> upTo, Map<String, Integer> order) {
        if (upTo.size() < TrendMarker.PERIODS) {
            set(r, TrendMarker.CANNOT, TrendMarker.NOT_ENOUGH);
            return;
        }
        TrendMarker.Kind kind = Indicator.byId(r.indicatorId).statistic.trendKind();
        if (kind == null) {
            set(r, TrendMarker.CANNOT, TrendMarker.MISSING_CI);
            return;
        }
        List<IndicatorRow> last = upTo.subList(upTo.size() - TrendMarker.PERIODS, upTo.size());
        List<TrendMarker.Point> points = new ArrayList<>(TrendMarker.PERIODS);
        for (IndicatorRow p : last) {
            if (p.suppressed) {
                set(r, TrendMarker.CANNOT, SUPPRESSED);
                return;
            }
            double t = order.get(p.period);
            points.add(kind == TrendMarker.Kind.PROPORTION ? TrendMarker.Point.proportion(t, p.count, p.denominator)
                    : TrendMarker.Point.rate(t, p.value, p.lower95, p.upper95));
        }
        TrendMarker.Result res = TrendMarker.of(points, kind);
        set(r, res.marker(), res.reason());
    }

    private static void set(IndicatorRow r, String marker, String reason) {
        r.recentTrend = marker;
        r.recentTrendReason = reason;
    }

    /**
     * The marker as the report says it: with polarity {@code low_is_good} or {@code high_is_good} an
     * increase or decrease is also said as {@code getting worse} or {@code getting better} (trends.md);
     * otherwise, and for the other markers, the marker itself.
     */
    public static String inWords(String marker, String polarity) {
        boolean up = TrendMarker.INCREASING.equals(marker);
        boolean down = TrendMarker.DECREASING.equals(marker);
        if ((up || down) && ("low_is_good".equals(polarity) || "high_is_good".equals(polarity))) {
            boolean better = up == "high_is_good".equals(polarity);
            return marker + ", " + (better ? "getting better" : "getting worse");
        }
        return marker;
    }
}
