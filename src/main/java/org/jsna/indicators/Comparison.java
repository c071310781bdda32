package org.jsna.indicators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparison with the area (indicators.md): every row is set beside the {@code All} row of the same
 * indicator, period, client group and category, and its confidence interval at each level is read
 * against that value.
 *
 * <ul>
 *   <li>{@code comparator_value} is the {@code All} row's value, shown on every other row (also on
 *       {@code Unknown} rows and on rows without an interval); empty on the {@code All} row itself.
 *       Deprivation-decile rows (locality {@code All}, category type {@code deprivation_decile}) take
 *       the plain {@code All} row (empty category type and category) as comparator.</li>
 *   <li>{@code compared_to_area_95} / {@code _99_8}: the row's interval at that level wholly above the
 *       comparator is {@code higher}, wholly below it {@code lower}, containing it (limits inclusive)
 *       {@code similar}. It is {@code not compared} on the {@code All} row that is itself the
 *       comparator, on {@code Unknown} rows, on rows without both limits at that level, and when the
 *       comparator value is itself empty (not calculable).</li>
 * </ul>
 *
 * <p>This stage runs on true values, <em>before</em> {@link Disclosure}; disclosure control then
 * withdraws the comparison of every suppressed row and every comparison against a suppressed
 * {@code All} row ({@link Disclosure#maskComparisons(List)}), so no comparison reveals a suppressed
 * value.
 */
public final class Comparison {

    public static final String HIGHER = "higher";
    public static final String LOWER = "lower";
    public static final String SIMILAR = "similar";
    public static final String NOT_COMPARED = "not compared";

    /** The category type of the deprivation-decile breakdown. */
    public static final String DECILE = "deprivation_decile";

    private Comparison() {
    }

    /**
     * Sets comparator_value and compared_to_area_95 / _99_8 on every row, in place.
     *
     * @throws IllegalStateException when two {@code All} rows share indicator, period, client group
     *         and category (the table is malformed)
     */
    public static void apply(List<IndicatorRow> rows) {
        Map<Key, IndicatorRow> areaRows = areaRows(rows);
        for (IndicatorRow row : rows) {
            if (isAreaRow(row)) {
                row.comparatorValue = Double.NaN;
                row.comparedToArea95 = NOT_COMPARED;
                row.comparedToArea998 = NOT_COMPARED;
                continue;
            }
            IndicatorRow area = areaRows.get(comparatorKey(row));
            double comparator = area == null ? Double.NaN : area.value;
            row.comparatorValue = comparator;
            if (row.isUnknown() || Double.isNaN(comparator)) {
                row.comparedToArea95 = NOT_COMPARED;
                row.comparedToArea998 = NOT_COMPARED;
            } else {
                row.comparedToArea95 = compare(row.lower95, row.upper95, comparator);
                row.comparedToArea998 = compare(row.lower998, row.upper998, comparator);
            }
        }
    }

    /**
     * The interval [lower, upper] read against the area value: wholly above {@code higher}, wholly
     * below {@code lower}, containing it (limits inclusive) {@code similar}; {@code not compared}
     * when a limit or the value is empty.
     */
    public static String compare(double lower, double upper, double areaValue) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || Double.isNaN(areaValue)) {
            return NOT_COMPARED;
        }
        if (lower > areaValue) {
            return HIGHER;
        }
        if (upper < areaValue) {
            return LOWER;
        }
        return SIMILAR;
    }

    /** True for an {@code All} row that is a comparator: locality {@code All}, not a decile row. */
    static boolean isAreaRow(IndicatorRow row) {
        return row.isAll() && !DECILE.equals(row.categoryType);
    }

    /** The key of the {@code All} row a row is compared with (decile rows: the plain {@code All} row). */
    static Key comparatorKey(IndicatorRow row) {
        if (DECILE.equals(row.categoryType)) {
            return new Key(row.indicatorId, row.period, row.clientGroup, "", "");
        }
        return new Key(row.indicatorId, row.period, row.clientGroup, row.categoryType, row.category);
    }

    /** Every comparator row by its key. */
    static Map<Key, IndicatorRow> areaRows(List<IndicatorRow> rows) {
        Map<Key, IndicatorRow> areaRows = new HashMap<>();
        for (IndicatorRow row : rows) {
            if (isAreaRow(row)) {
                Key key = comparatorKey(row);
                if (areaRows.putIfAbsent(key, row) != null) {
                    throw new IllegalStateException("two All rows for " + key);
                }
            }
        }
        return areaRows;
    }

    /** Indicator, period, client group, category type and category of an {@code All} row. */
    record Key(String indicatorId, String period, String clientGroup, String categoryType, String category) {
    }
}
