package org.jsna.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsna.aggregate.Aggregator;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Indicator;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;

/**
 * data-quality.csv (cli.md): per input file its rows read, used and rejected (by reason), then the
 * counters of the aggregation (unknown areas, ages outside the group, unknown costs, ...), with the
 * counts that would give a suppressed indicator count back withheld (docs/disclosure.md).
 */
final class DataQuality {

    private DataQuality() {
    }

    /** True when an exposed file total of this input role gives {@code item} away. */
    static boolean withheld(List<Indicator.FileTotal> exposed, String role, String item) {
        for (Indicator.FileTotal t : exposed) {
            if (t.role().equals(role) && t.items().contains(item)) {
                return true;
            }
        }
        return false;
    }

    /** The data-quality items with the counts that would give a suppressed count back withheld. */
    static List<DataQualityItem> withhold(List<DataQualityItem> items, ReadSummary summary,
            List<Indicator.FileTotal> exposed) {
        if (exposed.isEmpty()) {
            return items;
        }
        Map<String, String> roleOfFile = new LinkedHashMap<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            roleOfFile.putIfAbsent(label(summary, f.path()), f.role());
        }
        List<DataQualityItem> out = new ArrayList<>();
        for (DataQualityItem q : items) {
            String role = roleOfFile.get(q.file());
            out.add(role != null && withheld(exposed, role, q.item()) ? q.withholding() : q);
        }
        return out;
    }

    /** data-quality.csv rows: per input file its row counts and rejection reasons, then the counters. */
    static List<DataQualityItem> items(ReadSummary summary, Aggregator agg) {
        List<DataQualityItem> out = new ArrayList<>();
        Map<String, String> fileOfRole = new LinkedHashMap<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            String name = label(summary, f.path());
            fileOfRole.putIfAbsent(f.role(), name);
            out.add(new DataQualityItem(name, "rows_read", f.rowsRead()));
            out.add(new DataQualityItem(name, "rows_used", f.rowsUsed()));
            out.add(new DataQualityItem(name, "rows_rejected", f.rowsRejected()));
            for (Map.Entry<String, Long> e : f.rejectedByReason().entrySet()) {
                out.add(new DataQualityItem(name, "rejected:" + e.getKey(), e.getValue()));
            }
            if (f.role().equals(JsnaConfig.AREAS)) {
                out.add(new DataQualityItem(name, "areas_without_population", agg.areasWithoutPopulation()));
            }
        }
        for (Map.Entry<String, Map<String, Long>> role : agg.dataQuality().entrySet()) {
            if (role.getKey().equals(Aggregator.POPULATION)) {
                // one count per population file, not the sum under the first file's name
                for (ReadSummary.FileSummary f : summary.files()) {
                    if (f.role().equals(JsnaConfig.POPULATION)) {
                        out.add(new DataQualityItem(label(summary, f.path()), "population_outside_lookup",
                                agg.populationOutsideLookup().getOrDefault(f.path().toString(), 0L)));
                    }
                }
                continue;
            }
            String name = fileOfRole.getOrDefault(role.getKey(), role.getKey());
            for (Map.Entry<String, Long> e : role.getValue().entrySet()) {
                out.add(new DataQualityItem(name, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /**
     * How data-quality.csv names an input file: by its name, or, when another input of the run has the same name
     * (mhsds/extract.csv and cld/extract.csv; one population file a year in folders of their own), by its path as
     * given, as rejects.csv and manifest.json name it. By name alone their counts could not be told apart, and
     * withholding (which finds a file's input by its name) took the first file's for both.
     */
    static String label(ReadSummary summary, Path p) {
        String name = fileName(p);
        for (ReadSummary.FileSummary f : summary.files()) {
            if (!f.path().equals(p) && fileName(f.path()).equals(name)) {
                return p.toString();
            }
        }
        return name;
    }

    private static String fileName(Path p) {
        Path f = p.getFileName();
        return f == null ? p.toString() : f.toString();
    }
}
