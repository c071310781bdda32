package org.jsna.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 100-point control-limit table of a funnel plot (PHEindicatormethods
 * {@code calculate_funnel_limits}): an x-axis column followed by the limit columns, named and
 * ordered as the reference package names them, plus the metadata {@code statistic} and
 * {@code method}.
 *
 * <ul>
 *   <li>proportion: {@code Population, lower_2s_limit, upper_2s_limit, lower_3s_limit,
 *       upper_3s_limit, baseline}</li>
 *   <li>ratio: {@code Observed_events, lower_2s_exp_events, lower_2s_limit, upper_2s_exp_events,
 *       upper_2s_limit, lower_3s_exp_events, lower_3s_limit, upper_3s_exp_events,
 *       upper_3s_limit}</li>
 *   <li>rate: {@code Events, lower_2s_population_1_year, lower_2s_limit,
 *       upper_2s_population_1_year, upper_2s_limit, lower_3s_population_1_year, lower_3s_limit,
 *       upper_3s_population_1_year, upper_3s_limit, baseline}</li>
 * </ul>
 * "2s" is the 95% limit (two-sided, 0.025 in each tail), "3s" the 99.8% limit (0.001).
 *
 * @param columns   numeric columns by name in output order, the x-axis first; each of length
 *                  {@link #rows()}
 * @param statistic metadata, e.g. {@code proportion}, {@code ratio (isr)},
 *                  {@code rate (crude per 100,000)}
 * @param method    metadata: {@code Wilson} or {@code Poisson}
 */
public record FunnelLimitTable(Map<String, double[]> columns, String statistic, String method) {

    public FunnelLimitTable {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Column names in output order (the x-axis first). */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** The x-axis column name: {@code Population}, {@code Observed_events} or {@code Events}. */
    public String axisName() {
        return columns.keySet().iterator().next();
    }

    /** A column by name; throws if there is none. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return c.clone();
    }

    /** Number of rows (100). */
    public int rows() {
        return columns.values().iterator().next().length;
    }

    /** The value in row {@code row} of column {@code name}. */
    public double value(int row, String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return c[row];
    }
}
