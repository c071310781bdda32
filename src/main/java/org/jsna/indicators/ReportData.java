package org.jsna.indicators;

import java.util.List;
import java.util.Map;

/**
 * Everything the outputs (tables, charts, report) are drawn from: the finished, disclosure-controlled
 * indicator table, the inequality table, populations for pyramids, data quality, and the run's
 * metadata (the manifest as ordered key/values). Built by {@code jsna report}; read-only afterwards.
 *
 * @param localities localities in reporting order (jsna.yaml {@code localities}, else ordinal order)
 * @param clientGroups client groups as {@code id -> label}, in configuration order
 * @param periods periods in ascending order ({@code 2023/24} or {@code 2023})
 * @param partPeriods the periods not wholly inside the extract's coverage, each with its note
 *        ({@code part period: FROM to TO (N of M days)}); headlines use complete periods only
 * @param populationNotes the periods that use an older population estimate, each with its note
 *        ({@code population of mid-2023 used (no mid-2024 estimate)})
 */
public record ReportData(
        List<IndicatorRow> indicators,
        List<InequalityRow> inequalities,
        List<PopulationCell> population,
        List<DataQualityItem> dataQuality,
        List<String> localities,
        Map<String, String> clientGroups,
        List<String> periods,
        boolean suppression,
        Map<String, Object> manifest,
        Map<String, String> partPeriods,
        Map<String, String> populationNotes) {

    /** Without part periods or older population estimates. */
    public ReportData(List<IndicatorRow> indicators, List<InequalityRow> inequalities, List<PopulationCell> population,
            List<DataQualityItem> dataQuality, List<String> localities, Map<String, String> clientGroups,
            List<String> periods, boolean suppression, Map<String, Object> manifest) {
        this(indicators, inequalities, population, dataQuality, localities, clientGroups, periods, suppression,
                manifest, Map.of(), Map.of());
    }

    /** The periods wholly inside the coverage, ascending. */
    public List<String> completePeriods() {
        return periods.stream().filter(p -> !partPeriods.containsKey(p)).toList();
    }

    /** The latest complete period, else the latest period, else null. */
    public String headlinePeriod() {
        List<String> complete = completePeriods();
        if (!complete.isEmpty()) {
            return complete.get(complete.size() - 1);
        }
        return periods.isEmpty() ? null : periods.get(periods.size() - 1);
    }

    /**
     * The counts suppressed for small numbers, {@code "1" + between + "7"} by default: jsna.yaml's
     * {@code suppression: {min, max}} as manifest.json records it.
     */
    public String suppressedCounts(String between) {
        Object supp = manifest() == null ? null : manifest().get("suppression");
        Object min = supp instanceof Map<?, ?> m ? m.get("min") : null;
        Object max = supp instanceof Map<?, ?> m ? m.get("max") : null;
        if (!(min instanceof Number lo) || !(max instanceof Number hi)) {
            return "1" + between + "7";
        }
        return lo.longValue() == hi.longValue() ? Long.toString(lo.longValue())
                : lo.longValue() + between + hi.longValue();
    }
}
