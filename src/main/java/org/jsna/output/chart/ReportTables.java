package org.jsna.output.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.ReportData;

/** Look-ups over a {@link ReportData}'s tables, shared by the charts, the workbook and the report. */
public final class ReportTables {

    private final ReportData data;
    private final Map<String, IndicatorRow> byKey = new HashMap<>();
    private final Map<String, InequalityRow> inequality = new HashMap<>();
    private final List<String> indicatorIds;
    /** Categories by indicator and category type, in the order met (charts ask for them per period and group). */
    private final Map<String, List<String>> categories = new HashMap<>();
    /** Results worked out once and shared by a chart and its description (the funnel's comparisons); any thread. */
    private final Map<String, Object> memo = new java.util.concurrent.ConcurrentHashMap<>();

    public ReportTables(ReportData data) {
        this.data = data;
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Set<String>> met = new HashMap<>();
        for (IndicatorRow r : data.indicators()) {
            byKey.put(key(r.indicatorId, r.period, r.clientGroup, r.locality, r.categoryType, r.category), r);
            ids.add(r.indicatorId);
            if (r.categoryType != null) {
                met.computeIfAbsent(r.indicatorId + '\u0000' + r.categoryType, k -> new LinkedHashSet<>())
                        .add(r.category);
            }
        }
        met.forEach((k, v) -> categories.put(k, new ArrayList<>(v)));
        // catalogue order first, then anything else in the order met
        List<String> ordered = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (ids.remove(i.id)) {
                ordered.add(i.id);
            }
        }
        ordered.addAll(ids);
        indicatorIds = List.copyOf(ordered);
        for (InequalityRow r : data.inequalities()) {
            inequality.put(r.indicatorId + '\u0000' + r.period + '\u0000' + r.clientGroup, r);
        }
    }

    private static String key(String id, String period, String group, String locality, String catType, String cat) {
        return id + '\u0000' + period + '\u0000' + group + '\u0000' + locality + '\u0000'
                + (catType == null ? "" : catType) + '\u0000' + (cat == null ? "" : cat);
    }

    /**
     * The value of {@code make} for {@code key}, made once for these tables (its result must depend on the
     * tables and the key alone, so whichever thread makes it, it is the same).
     */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> make) {
        Object v = memo.get(key);
        if (v == null) {
            v = make.get();
            Object had = memo.putIfAbsent(key, v);
            v = had != null ? had : v;
        }
        return (T) v;
    }

    public ReportData data() {
        return data;
    }

    /** A plain-breakdown row (no category), or null. */
    public IndicatorRow get(String id, String period, String group, String locality) {
        return byKey.get(key(id, period, group, locality, "", ""));
    }

    public IndicatorRow get(String id, String period, String group, String locality, String catType, String cat) {
        return byKey.get(key(id, period, group, locality, catType, cat));
    }

    public InequalityRow inequality(String id, String period, String group) {
        return inequality.get(id + '\u0000' + period + '\u0000' + group);
    }

    /** Indicator ids present, catalogue order. */
    public List<String> indicatorIds() {
        return indicatorIds;
    }

    /** Indicators present that have a plain (uncategorised) breakdown. */
    public List<String> plainIndicatorIds() {
        List<String> out = new ArrayList<>();
        for (String id : indicatorIds) {
            if (categoryType(id) == null) {
                out.add(id);
            }
        }
        return out;
    }

    public static String categoryType(String id) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(id)) {
                return i.categoryType;
            }
        }
        return null;
    }

    /** Categories met for a category type, in the order of the data (the fixed code lists of data.md). */
    public List<String> categories(String id, String catType) {
        // once from the table (scanning it per call made planning the charts quadratic in periods x groups)
        return new ArrayList<>(categories.getOrDefault(id + '\u0000' + catType, List.of()));
    }

    /** Display name of an indicator: the row's own name when present, else the catalogue label. */
    public String name(String id) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(id)) {
                return i.label;
            }
        }
        for (IndicatorRow r : data.indicators()) {
            if (r.indicatorId.equals(id) && r.indicatorName != null && !r.indicatorName.isEmpty()) {
                return r.indicatorName;
            }
        }
        return id;
    }

    public String unit(String id) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(id)) {
                return i.unit;
            }
        }
        return "";
    }

    public String groupLabel(String group) {
        String label = data.clientGroups().get(group);
        return label == null ? group : label;
    }

    /**
     * The period of the headlines, key findings and spine charts: the latest complete period, else the
     * latest period (indicators.md, "Part periods"); null when there is none.
     */
    public String headlinePeriod() {
        return data.headlinePeriod();
    }

    /**
     * What a reader of a chart or finding for {@code period} must know about it: a part period, an
     * older population estimate. Each as a sentence ending in a full stop; "" when neither.
     */
    public String periodCaveats(String period) {
        StringBuilder b = new StringBuilder();
        String part = data.partPeriods().get(period);
        if (part != null) {
            b.append(' ').append(Wording.sentence(part));
        }
        String pop = data.populationNotes().get(period);
        if (pop != null) {
            b.append(' ').append(Wording.sentence(pop));
        }
        return b.toString();
    }

    /** True when the catalogue gives the indicator a confidence interval (its method is not {@code none}). */
    public static boolean intervalMeasure(String id) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(id)) {
                return !"none".equals(i.method);
            }
        }
        return false;
    }

    public static boolean has(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** True when the row exists, is not suppressed and has a value. */
    public static boolean shown(IndicatorRow r) {
        return r != null && !r.suppressed && has(r.value) && !r.valueNote.startsWith("suppressed");
    }

    /**
     * True when an {@code Unknown} row stands for records with an unknown area: its value is shown or
     * suppressed, or its count is above zero. indicators.csv has an Unknown row (count 0) even when
     * every record was placed, so the row's existence says nothing.
     */
    public static boolean unknownPresent(IndicatorRow r) {
        return r != null && (shown(r) || isSuppressed(r) || (has(r.count) && r.count > 0));
    }

    public static boolean isSuppressed(IndicatorRow r) {
        return r != null && (r.suppressed || r.valueNote.startsWith("suppressed"));
    }
}
