package org.jsna.output.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsna.indicators.IndicatorRow;

/**
 * The values a chart draws, as a table: what report.html gives beside each chart so that a reader who cannot see
 * it has the same information (WCAG 1.1.1, 1.3.1). Read from the same published rows as the chart and with the
 * chart's own rules (which localities, the funnel's limits), never from a suppressed cell: a suppressed value is
 * "supp.", one that cannot be calculated "n/a", a row that does not exist "–".
 *
 * @param header the column headings; the first column heads the rows
 * @param rows   each row's cells, its heading first
 */
public record ChartTable(List<String> header, List<List<String>> rows) {

    private static final String COMPARED = "Compared with the whole area (95%)";
    private static final String POSITION = "Position in the funnel";

    /** Whether column {@code column} holds numbers (set right) rather than words. */
    public boolean numeric(int column) {
        return column > 0 && !COMPARED.equals(header.get(column)) && !POSITION.equals(header.get(column));
    }

    /** The table of a planned chart, or null for a kind that has none (spine charts: files only). */
    public static ChartTable of(ReportTables tables, ChartSpec spec) {
        return switch (spec.kind()) {
            case ChartRenderer.LOCALITIES -> localities(tables, spec.subject(), spec.period(), spec.clientGroup());
            case ChartRenderer.DEPRIVATION -> deprivation(tables, spec.subject(), spec.period(), spec.clientGroup());
            case ChartRenderer.FUNNEL -> funnel(tables, spec.subject(), spec.period(), spec.clientGroup());
            case ChartRenderer.SOURCES -> sources(tables, spec.period(), spec.clientGroup());
            case ChartRenderer.TREND -> trend(tables, spec.subject(), spec.clientGroup());
            case ChartRenderer.PYRAMID -> pyramid(tables, spec.locality(), spec.period());
            default -> null;
        };
    }

    /** A published value as a table gives it. */
    public static String cell(IndicatorRow r) {
        if (r == null) {
            return "–";
        }
        if (ReportTables.isSuppressed(r)) {
            return "supp.";
        }
        if (!ReportTables.shown(r)) {
            return "n/a";
        }
        return Wording.num(r.value);
    }

    /** A published value's 95% confidence interval, or "" when it has none to give. */
    static String interval(IndicatorRow r) {
        return ReportTables.shown(r) && Charts.hasCi(r) ? Wording.num(r.lower95) + " to " + Wording.num(r.upper95) : "";
    }

    private static String name(String locality) {
        return "All".equals(locality) ? "Whole area" : "Unknown".equals(locality) ? "Unknown area" : locality;
    }

    private static String valueHeading(ReportTables tables, String id) {
        return tables.name(id) + " (" + tables.unit(id) + ")";
    }

    static ChartTable localities(ReportTables tables, String id, String period, String group) {
        List<String> locs = Charts.localitiesWithUnknown(tables, id, period, group);
        locs.add("All");
        List<List<String>> out = new ArrayList<>();
        for (String loc : locs) {
            IndicatorRow r = tables.get(id, period, group, loc);
            String cmp = "All".equals(loc) || !ReportTables.shown(r) ? "" : r.comparedToArea95;
            out.add(List.of(name(loc), cell(r), interval(r), cmp));
        }
        return new ChartTable(List.of("Locality", valueHeading(tables, id), "95% confidence interval", COMPARED),
                out);
    }

    static ChartTable deprivation(ReportTables tables, String id, String period, String group) {
        List<List<String>> out = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            IndicatorRow r = tables.get(id, period, group, "All", Charts.DECILE, Integer.toString(d));
            if (r != null) {
                out.add(List.of(d + (d == 1 ? " (most deprived)" : d == 10 ? " (least deprived)" : ""), cell(r),
                        interval(r)));
            }
        }
        return new ChartTable(List.of("Deprivation decile", valueHeading(tables, id), "95% confidence interval"), out);
    }

    static ChartTable funnel(ReportTables tables, String id, String period, String group) {
        double mult = Charts.multiplier(tables.unit(id));
        IndicatorRow area = tables.get(id, period, group, "All");
        double centre = Charts.funnelCentre(area);
        List<List<String>> out = new ArrayList<>();
        for (String loc : tables.data().localities()) {
            IndicatorRow r = tables.get(id, period, group, loc);
            if (!Charts.plottable(r)) {
                out.add(List.of(name(loc), "", cell(r), "not plotted"));
                continue;
            }
            String cmp = Charts.funnelComparison(centre, r, mult);
            String where = cmp == null ? "no funnel (no whole-area rate)" : switch (cmp) {
                case "higher" -> "above the 95% limit";
                case "lower" -> "below the 95% limit";
                default -> "within the 95% limits";
            };
            out.add(List.of(name(loc), Wording.count(r.denominator), cell(r), where));
        }
        out.add(List.of("Whole area (the funnel's centre)",
                ReportTables.shown(area) && ReportTables.has(area.denominator) ? Wording.count(area.denominator) : "",
                ReportTables.has(centre) ? Wording.num(centre * mult) : cell(area), ""));
        return new ChartTable(List.of("Locality", "Population", valueHeading(tables, id), POSITION), out);
    }

    static ChartTable sources(ReportTables tables, String period, String group) {
        List<String> cats = tables.categories(Charts.SOURCE_ID, Charts.SOURCE_TYPE);
        List<String> header = new ArrayList<>();
        header.add("Locality");
        for (String c : cats) {
            header.add(Wording.label(c) + " (%)");
        }
        List<List<String>> out = new ArrayList<>();
        for (String loc : Charts.sourceLocalities(tables, period, group)) {
            List<String> row = new ArrayList<>();
            row.add(name(loc));
            for (String c : cats) {
                row.add(cell(tables.get(Charts.SOURCE_ID, period, group, loc, Charts.SOURCE_TYPE, c)));
            }
            out.add(row);
        }
        return new ChartTable(header, out);
    }

    static ChartTable trend(ReportTables tables, String id, String group) {
        List<String> periods = tables.data().periods();
        List<String> header = new ArrayList<>();
        header.add("Locality");
        for (String p : periods) {
            header.add(p + (tables.data().partPeriods().containsKey(p) ? " (part period)" : ""));
        }
        List<String> locs = new ArrayList<>(tables.data().localities());
        locs.add("All");
        List<List<String>> out = new ArrayList<>();
        for (String loc : locs) {
            List<String> row = new ArrayList<>();
            row.add(name(loc));
            for (String p : periods) {
                IndicatorRow r = tables.get(id, p, group, loc);
                String ci = interval(r);
                row.add(cell(r) + (ci.isEmpty() ? "" : " (" + ci + ")"));
            }
            out.add(row);
        }
        return new ChartTable(header, out);
    }

    static ChartTable pyramid(ReportTables tables, String locality, String year) {
        Map<String, double[]> bands = Charts.pyramidData(tables.data(), Integer.parseInt(year)).get(locality);
        List<List<String>> out = new ArrayList<>();
        if (bands != null) {
            double total = 0;
            for (double[] v : bands.values()) {
                total += v[0] + v[1];
            }
            for (Map.Entry<String, double[]> e : bands.entrySet()) {
                double[] v = e.getValue();
                out.add(List.of(e.getKey(), Wording.count(v[0]), Wording.count(v[1]),
                        Wording.num(total > 0 ? 100 * v[0] / total : 0), Wording.num(total > 0 ? 100 * v[1] / total : 0)));
            }
        }
        return new ChartTable(List.of("Age (years)", "Men", "Women", "Men (% of all residents)",
                "Women (% of all residents)"), out);
    }
}
