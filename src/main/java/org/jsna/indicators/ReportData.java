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
        Map<String, Object> manifest) {
}
