package org.jsna.output.chart;

import java.util.ArrayList;
import java.util.List;
import org.jsna.indicators.IndicatorRow;

/**
 * A chart's text alternative, in one place for both its readers: the report's {@code <img alt>} ({@link #alt})
 * and the {@code <desc>} of the chart's SVG file ({@link #describe}), which may be published on its own, away
 * from the report's tables, and so also says the values of a small chart and which localities differ from the
 * area. Published values only: a suppressed value is said to be suppressed, never given, nor anything
 * worked out from it (the suppressed sources together, say).
 */
public final class ChartText {

    /** The most localities whose values a description lists one by one; a larger chart is summed up. */
    static final int SMALL = 12;
    /** The most names a list of a description holds; then "and N more". */
    static final int NAMES = 20;

    private ChartText() {
    }

    /**
     * A chart's text alternative: its title and, where the page has no table of the same values, what it shows
     * (WCAG 1.1.1): the decile rates of a deprivation chart, the whole area's value in each period of a trend chart.
     * Published values only; a suppressed one is said as such.
     */
    public static String alt(ReportTables rows, String title, String kind, String subject, String group, String period) {
        List<String> parts = new ArrayList<>();
        if (ChartRenderer.DEPRIVATION.equals(kind)) {
            for (int d = 1; d <= 10; d++) {
                IndicatorRow r = rows.get(subject, period, group, "All", org.jsna.indicators.Comparison.DECILE,
                        Integer.toString(d));
                if (r != null) {
                    parts.add("decile " + d + " " + value(r));
                }
            }
            return parts.isEmpty() ? title : title + " (1 = most deprived): " + String.join(", ", parts) + ".";
        }
        if (ChartRenderer.TREND.equals(kind)) {
            for (String p : rows.data().periods()) {
                IndicatorRow r = rows.get(subject, p, group, "All");
                if (r != null) {
                    parts.add(p + (rows.data().partPeriods().containsKey(p) ? " (part period) " : " ") + value(r));
                }
            }
            return parts.isEmpty() ? title : title + ". Whole area: " + String.join(", ", parts) + ".";
        }
        return title;
    }

    /** A row's value as the text alternatives say it: "suppressed", the rounded value, or "n/a". */
    public static String value(IndicatorRow r) {
        return ReportTables.isSuppressed(r) ? "suppressed" : ReportTables.shown(r) ? Wording.num(r.value) : "n/a";
    }

    /**
     * The description of a chart file ({@code <desc>} of its SVG): {@link #alt}, then what a reader of the file
     * alone would miss: the localities' values and comparisons with the area (all of them for a chart of at most
     * {@value #SMALL} localities, else those higher, lower and suppressed), the indicators of a spine chart, the
     * points outside a funnel, the whole area's referral sources.
     */
    public static String describe(ReportTables rows, String title, String kind, String subject, String group,
            String locality, String period) {
        StringBuilder b = new StringBuilder(alt(rows, title, kind, subject, group, period));
        if (b.length() > 0 && b.charAt(b.length() - 1) != '.') {
            b.append('.');
        }
        switch (kind) {
            case ChartRenderer.LOCALITIES -> localities(b, rows, subject, group, period);
            case ChartRenderer.SPINE -> spine(b, rows, group, locality, period);
            case ChartRenderer.FUNNEL -> funnel(b, rows, subject, group, period);
            case ChartRenderer.SOURCES -> sources(b, rows, group, period);
            case ChartRenderer.PYRAMID -> pyramid(b, rows, locality, period);
            default -> {
            }
        }
        return b.toString();
    }

    /** The pyramid's shares, as its data table in report.html has them ({@link ChartTable#pyramid}). */
    private static void pyramid(StringBuilder b, ReportTables rows, String locality, String year) {
        List<String> bands = new ArrayList<>();
        for (List<String> r : ChartTable.pyramid(rows, locality, year).rows()) {
            bands.add(r.get(0) + " " + r.get(3) + " and " + r.get(4));
        }
        b.append(" Per cent of all residents in each 5-year age band, men and women");
        b.append(bands.isEmpty() ? "." : ": " + String.join("; ", bands) + ".");
    }

    private static String comparedWords(String compared) {
        if (compared == null) {
            return null;
        }
        return switch (compared) {
            case "higher" -> "higher than the area";
            case "lower" -> "lower than the area";
            case "similar" -> "similar to the area";
            default -> null;
        };
    }

    private static String place(String locality) {
        return "Unknown".equals(locality) ? "Unknown area" : Wording.fit(locality);
    }

    private static void localities(StringBuilder b, ReportTables rows, String id, String group, String period) {
        List<String> locs = Charts.localitiesWithUnknown(rows, id, period, group);
        IndicatorRow area = rows.get(id, period, group, "All");
        boolean ci = ReportTables.intervalMeasure(id) || Charts.hasCi(area);
        for (String loc : locs) {
            ci |= Charts.hasCi(rows.get(id, period, group, loc));
        }
        List<String> higher = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        List<String> each = new ArrayList<>();
        for (String loc : locs) {
            IndicatorRow r = rows.get(id, period, group, loc);
            String cmp = ci && ReportTables.shown(r) ? comparedWords(r.comparedToArea95) : null;
            each.add(place(loc) + " " + value(r) + (cmp == null ? "" : " (" + cmp + ")"));
            if (ReportTables.isSuppressed(r)) {
                suppressed.add(place(loc));
            } else if (ReportTables.shown(r) && ci && "higher".equals(r.comparedToArea95)) {
                higher.add(place(loc));
            } else if (ReportTables.shown(r) && ci && "lower".equals(r.comparedToArea95)) {
                lower.add(place(loc));
            }
        }
        b.append(" Whole area ").append(value(area)).append('.');
        if (locs.size() <= SMALL) {
            b.append(" By locality").append(ci ? ", with the 95% comparison with the area: " : ": ")
                    .append(String.join(", ", each)).append('.');
            return;
        }
        b.append(' ').append(locs.size()).append(" localities.");
        if (ci) {
            b.append(" Higher than the area (95% CI): ").append(names(higher)).append('.');
            b.append(" Lower than the area: ").append(names(lower)).append('.');
        }
        if (!suppressed.isEmpty()) {
            b.append(" Suppressed: ").append(names(suppressed)).append('.');
        }
    }

    private static void spine(StringBuilder b, ReportTables rows, String group, String locality, String period) {
        List<String> each = new ArrayList<>();
        for (String id : rows.plainIndicatorIds()) {
            IndicatorRow mine = rows.get(id, period, group, locality);
            if (mine == null) {
                continue;
            }
            IndicatorRow area = rows.get(id, period, group, "All");
            String cmp = ReportTables.shown(mine) ? comparedWords(mine.comparedToArea95) : null;
            each.add(Wording.shortName(id, rows.name(id)) + ": " + value(mine) + " (area " + value(area) + ")"
                    + (cmp == null ? "" : ", " + cmp));
        }
        if (!each.isEmpty()) {
            b.append(' ').append(Wording.fit(locality)).append(": ").append(String.join("; ", each)).append('.');
        }
    }

    private static void funnel(StringBuilder b, ReportTables rows, String id, String group, String period) {
        IndicatorRow area = rows.get(id, period, group, "All");
        double areaRate = Charts.funnelCentre(area);
        java.util.Map<String, String> comparisons = Charts.funnelComparisons(rows, id, period, group);
        List<String> above = new ArrayList<>();
        List<String> within = new ArrayList<>();
        List<String> below = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        for (String loc : rows.data().localities()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            if (!Charts.plottable(r)) {
                if (ReportTables.isSuppressed(r)) {
                    suppressed.add(Wording.fit(loc));
                }
                continue;
            }
            String cmp = comparisons.get(loc);
            String named = Wording.fit(loc) + " " + Wording.num(r.value);
            if ("higher".equals(cmp)) {
                above.add(named);
            } else if ("lower".equals(cmp)) {
                below.add(named);
            } else {
                within.add(named);
            }
        }
        b.append(" Whole area ").append(value(area)).append('.');
        if (ReportTables.has(areaRate)) {
            b.append(" Above the upper 95% limit: ").append(names(above)).append('.');
            b.append(" Below the lower 95% limit: ").append(names(below)).append('.');
            b.append(" Within the 95% limits: ").append(names(within)).append('.');
        }
        if (!suppressed.isEmpty()) {
            b.append(" Not plotted, suppressed: ").append(names(suppressed)).append('.');
        }
    }

    private static void sources(StringBuilder b, ReportTables rows, String group, String period) {
        List<String> each = new ArrayList<>();
        boolean suppressed = false;
        for (String c : rows.categories(Charts.SOURCE_ID, Charts.SOURCE_TYPE)) {
            IndicatorRow r = rows.get(Charts.SOURCE_ID, period, group, "All", Charts.SOURCE_TYPE, c);
            if (ReportTables.shown(r)) {
                each.add(Wording.label(c) + " " + Wording.num(r.value) + "%");
            } else if (ReportTables.isSuppressed(r)) {
                suppressed = true;
                each.add(Wording.label(c) + " suppressed");
            }
        }
        if (!each.isEmpty()) {
            b.append(" Whole area: ").append(String.join(", ", each)).append('.');
        }
        if (suppressed) {
            b.append(" A segment of a bar holds a locality's suppressed sources together.");
        }
    }

    /** Names, at most {@value #NAMES} of them, then how many more; "none" for none. */
    private static String names(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() <= NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES)) + " and " + (names.size() - NAMES) + " more";
    }
}
