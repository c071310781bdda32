package org.jsna.output.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jsna.console.JsnaException;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.RecentTrend;
import org.jsna.indicators.ReportData;
import org.jsna.output.Json;
import org.jsna.output.chart.ChartPlan;
import org.jsna.output.chart.ChartRenderer;
import org.jsna.output.chart.ChartSpec;
import org.jsna.output.chart.ChartTable;
import org.jsna.output.chart.Palette;
import org.jsna.output.chart.ReportTables;
import org.jsna.output.chart.Wording;
import org.jsna.stats.TrendMarker;

/**
 * {@code OUT/report.html} (issue 4): one self-contained page for a Health and Wellbeing Board.
 * Per client group: key findings in words, the locality, deprivation, funnel, source and trend
 * charts, and a table of every indicator by locality coloured by comparison with the area; then
 * methods, disclosure control, data quality and the manifest. Charts are SVG embedded as data URIs
 * (handed over by the output stage, which draws every chart once, or taken from {@code OUT/charts/},
 * else rendered here), so nothing is fetched from anywhere. Every value from the data is HTML-escaped.
 */
public final class HtmlReport {

    private final ReportData data;
    private final ReportTables rows;
    private final Function<String, String> svgSource;
    private final Map<String, String> specNames = new LinkedHashMap<>();
    private final Map<String, ChartSpec> plan;
    private final Map<String, ChartPlan.Omitted> omitted = new LinkedHashMap<>();
    /** Each client group's section anchor, unique even when two ids make one slug ("Carers" and "carers"). */
    private final Map<String, String> anchors = new LinkedHashMap<>();
    private final StringBuilder h = new StringBuilder(1 << 20);

    /**
     * The charts each client group's section shows, in order, as kind, subject and whether the chart is
     * of one period (the headline) or of every period (trends).
     */
    private static final String[][] GROUP_FIGURES = {
        {ChartRenderer.LOCALITIES, "referrals_rate", "period"},
        {ChartRenderer.DEPRIVATION, "referrals_rate", "period"},
        {ChartRenderer.LOCALITIES, "service_users_rate", "period"},
        {ChartRenderer.DEPRIVATION, "service_users_rate", "period"},
        {ChartRenderer.FUNNEL, "referrals_rate", "period"},
        {ChartRenderer.SOURCES, "referral_source_pct", "period"},
        {ChartRenderer.TREND, "referrals_rate", "all"},
        {ChartRenderer.TREND, "service_users_rate", "all"},
    };

    /**
     * @param svgSource the SVG document of a planned chart by its file base name, or null when it has
     *                  none at hand (the chart is then drawn here)
     */
    private HtmlReport(ReportData data, ChartPlan full, Function<String, String> svgSource) {
        this.data = data;
        this.rows = new ReportTables(data);
        this.svgSource = svgSource;
        this.plan = full.charts();
        for (Map.Entry<String, ChartSpec> e : plan.entrySet()) {
            specNames.putIfAbsent(key(e.getValue()), e.getKey());
        }
        for (ChartPlan.Omitted o : full.omitted()) {
            omitted.putIfAbsent(key(o.kind(), o.subject(), o.clientGroup(), o.locality(), o.period()), o);
        }
        org.jsna.output.chart.Slug.Namer namer = new org.jsna.output.chart.Slug.Namer();
        for (String group : data.clientGroups().keySet()) {
            anchors.put(group, namer.unique("g-" + org.jsna.output.chart.Slug.of(group)));
        }
    }

    /** The anchor of a client group's section (every group of the report has one). */
    private String anchor(String group) {
        return anchors.get(group);
    }

    /** Writes the report to {@code file}; {@code outDir} is the run's output folder (its charts/ are reused). */
    public static void write(ReportData data, Path outDir, Path file) {
        write(new HtmlReport(data, ChartRenderer.fullPlan(data), fromFolder(outDir)).build(), file);
    }

    /**
     * Writes the report to {@code file} for a chart plan already made, taking the SVG documents of its
     * figures from {@code svgs} (by file base name; those missing are drawn here). The output stage
     * draws every chart once and hands over those of {@link #embeddedCharts}.
     */
    public static void write(ReportData data, ChartPlan plan, Map<String, String> svgs, Path file) {
        write(new HtmlReport(data, plan, svgs::get).build(), file);
    }

    private static void write(String html, Path file) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw JsnaException.io("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The page as a string (for tests). */
    public static String render(ReportData data, Path outDir) {
        return new HtmlReport(data, ChartRenderer.fullPlan(data), fromFolder(outDir)).build();
    }

    /** A chart's SVG from {@code outDir/charts/} when the run wrote it there, else null. */
    private static Function<String, String> fromFolder(Path outDir) {
        if (outDir == null) {
            return name -> null;
        }
        Path chartsDir = outDir.resolve("charts");
        return name -> {
            Path f = chartsDir.resolve(name + ".svg");
            if (!Files.isRegularFile(f)) {
                return null;
            }
            try {
                return Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                return null;
            }
        };
    }

    /**
     * The file base names of the planned charts this report may embed (the overview's population
     * pyramid and each client group's figures for the headline period): the output stage keeps their
     * SVG documents for {@link #write(ReportData, ChartPlan, Map, Path)}.
     */
    public static Set<String> embeddedCharts(ReportData data, ChartPlan plan) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, ChartSpec> e : plan.charts().entrySet()) {
            names.putIfAbsent(key(e.getValue()), e.getKey());
        }
        Set<String> out = new LinkedHashSet<>();
        String year = pyramidYear(data);
        if (year != null) {
            addName(out, names, key(ChartRenderer.PYRAMID, "population", "all", "All", year));
        }
        String latest = new ReportTables(data).headlinePeriod();
        if (latest != null) {
            for (String group : data.clientGroups().keySet()) {
                for (String[] f : GROUP_FIGURES) {
                    addName(out, names, key(f[0], f[1], group, "all", "period".equals(f[2]) ? latest : "all"));
                }
            }
        }
        return out;
    }

    private static void addName(Set<String> out, Map<String, String> names, String key) {
        String name = names.get(key);
        if (name != null) {
            out.add(name);
        }
    }

    /** The year of the overview's population pyramid (the latest with population), or null. */
    private static String pyramidYear(ReportData data) {
        int year = Integer.MIN_VALUE;
        for (org.jsna.indicators.PopulationCell c : data.population()) {
            year = Math.max(year, c.year());
        }
        return year == Integer.MIN_VALUE ? null : Integer.toString(year);
    }

    private static String key(ChartSpec s) {
        return key(s.kind(), s.subject(), s.clientGroup(), s.locality(), s.period());
    }

    private static String key(String kind, String subject, String group, String loc, String period) {
        return kind + '\u0000' + subject + '\u0000' + group + '\u0000' + loc + '\u0000' + period;
    }

    // ------------------------------------------------------------------ escaping

    /** HTML-escapes text for element content and quoted attribute values. */
    public static String esc(String text) {
        return org.jsna.output.Markup.escape(text);
    }

    private HtmlReport t(String raw) {
        h.append(raw);
        return this;
    }

    /**
     * Opens a box that scrolls a wide table sideways (closed by the caller with {@code </div>}): focusable and named, so
     * that a keyboard reaches what is off to the side and a screen reader says what the region holds (WCAG 2.1.1,
     * 4.1.2), and the page itself never scrolls sideways at 320 px (1.4.10).
     */
    private HtmlReport scroll(String label) {
        return t("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"").e(label).t("\">");
    }

    /**
     * Opens a table of class {@code cls} in its {@link #scroll} box (both closed by the caller with
     * {@code </table></div>}), with {@code label} as its caption for screen readers (a heading above says it for
     * the eye).
     */
    private HtmlReport tableIn(String label, String cls) {
        return scroll(label).t("<table class=\"").t(cls).t("\">\n<caption class=\"vh\">").e(label).t("</caption>\n");
    }

    private HtmlReport e(String text) {
        h.append(esc(text));
        return this;
    }

    // ------------------------------------------------------------------ page

    private String build() {
        String latest = rows.headlinePeriod();
        t("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .t("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .t("<title>Joint strategic needs assessment: demand and inequalities</title>\n<style>\n")
                .t(CSS).t("</style>\n</head>\n<body>\n<header>\n")
                .t("<h1>Joint strategic needs assessment: demand for care and support, and inequalities</h1>\n<p class=\"lede\">");
        List<String> periods = data.periods();
        t("Referrals and service use by locality and deprivation, ");
        e(periods.isEmpty() ? "no periods" : periods.size() == 1 ? periods.get(0)
                : periods.get(0) + " to " + periods.get(periods.size() - 1));
        t(". ").e(Integer.toString(data.localities().size())).t(data.localities().size() == 1 ? " locality: " : " localities: ").e(Wording.join(data.localities()))
                .t(".</p>\n<p class=\"meta\">Produced by jsna ").e(Wording.version(data));
        Object finished = data.manifest() == null ? null : data.manifest().get("finished");
        if (finished != null) {
            t(" on ").e(String.valueOf(finished));
        }
        t(". Disclosure control: ").t(data.suppression() ? "on" : "<strong>OFF — internal use only, not for publication</strong>")
                .t(".</p>\n");
        t("<nav><h2>Contents</h2><ol>\n<li><a href=\"#overview\">Overview</a></li>\n");
        for (Map.Entry<String, String> g : data.clientGroups().entrySet()) {
            t("<li><a href=\"#").e(anchor(g.getKey())).t("\">").e(g.getValue()).t("</a></li>\n");
        }
        t("<li><a href=\"#methods\">Methods</a></li>\n<li><a href=\"#disclosure\">Disclosure control</a></li>\n")
                .t("<li><a href=\"#quality\">Data quality</a></li>\n<li><a href=\"#manifest\">Inputs and run</a></li>\n")
                .t("</ol></nav>\n</header>\n<main>\n");
        overview(latest);
        for (String group : data.clientGroups().keySet()) {
            group(group, latest);
        }
        methods();
        disclosure();
        quality();
        manifest();
        t("</main>\n<footer><p>Generated by jsna ").e(Wording.version(data))
                .t(". Figures are aggregates of local records; no individual can be identified.</p></footer>\n")
                .t("</body>\n</html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------ overview

    private void overview(String latest) {
        t("<section id=\"overview\">\n<h2>Overview</h2>\n");
        if (latest == null) {
            t("<p>No periods to report.</p>\n</section>\n");
            return;
        }
        if (data.completePeriods().isEmpty()) {
            // indicators.md, "Part periods": headlines and key findings use complete periods only, so with none
            // there are none; the client groups' charts and tables still show the part period, marked as such
            periodsNote(latest);
            whoLivesHere();
            return;
        }
        t("<p>Whole-area values for ").e(latest).t(", by client group. Rates are per 1,000 residents of the group's "
                + "age range.").e(rows.periodCaveats(latest)).t("</p>\n");
        periodsNote(latest);
        tableIn("Whole-area values by client group", "data").t("<thead><tr><th scope=\"col\">Client group</th>");
        String[] ids = {"referrals_rate", "service_users_rate", "referral_conversion_pct", "cost_per_head",
            "wait_days_median"};
        for (String id : ids) {
            t("<th scope=\"col\">").e(Wording.shortName(id, rows.name(id))).t("</th>");
        }
        t("<th scope=\"col\">Deprivation gap in referrals (SII)</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, String> g : data.clientGroups().entrySet()) {
            t("<tr><th scope=\"row\"><a href=\"#").e(anchor(g.getKey())).t("\">").e(g.getValue())
                    .t("</a></th>");
            for (String id : ids) {
                IndicatorRow r = rows.get(id, latest, g.getKey(), "All");
                t("<td class=\"num\">").e(ChartTable.cell(r)).t("</td>");
            }
            InequalityRow q = rows.inequality("referrals_rate", latest, g.getKey());
            t("<td class=\"num\">").e(q != null && ReportTables.has(q.sii) ? Wording.num(q.sii) : "–").t("</td></tr>\n");
        }
        t("</tbody></table></div>\n");
        summary(latest);
        whoLivesHere();
    }

    /** The overview's population pyramid, then the end of the overview. */
    private void whoLivesHere() {
        String year = pyramidYear(data);
        if (year != null) {
            t("<h3>Who lives here</h3>\n");
            figure(ChartRenderer.PYRAMID, "population", "all", "All", year);
        }
        t("</section>\n");
    }

    /**
     * Part periods and why the headlines use the period they use (indicators.md, "Part periods"): a
     * part period's figures cover only some of its days, so a council's headline is its latest
     * complete period.
     */
    private void periodsNote(String headline) {
        if (data.partPeriods().isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String p : data.periods()) {
            String note = data.partPeriods().get(p);
            if (note != null) {
                // "part period: A to B (N of M days)" -> "2025 (A to B, N of M days)"
                parts.add(p + " (" + note.replaceFirst("^part period: (.*) \\((.*)\\)$", "$1, $2") + ")");
            }
        }
        t("<p class=\"caveat\">");
        if (data.completePeriods().isEmpty()) {
            t("No period is wholly covered by the data, and headlines and key findings use complete periods only: "
                    + "none are given. Each client group's charts and tables show ").e(headline)
                    .t(", which covers part of the period only, so compare its figures with care. ");
        } else {
            t("Headlines and key findings are for ").e(headline).t(", the latest period the data covers "
                    + "wholly. ");
        }
        t(parts.size() == 1 ? "Part period: " : "Part periods: ").e(Wording.join(parts))
                .t(". Their rows keep their values, marked in indicators.csv (value_note), and trend charts draw "
                        + "them as hollow points; trend sentences leave them out.</p>\n");
    }

    /** The area in a few sentences: which localities stand out across client groups, and the deprivation gradient. */
    private void summary(String latest) {
        Map<String, Integer> higher = new LinkedHashMap<>();
        Map<String, Integer> lower = new LinkedHashMap<>();
        int groups = 0;
        int compared = 0;
        int gradient = 0;
        int reverse = 0;
        int withSii = 0;
        for (String group : data.clientGroups().keySet()) {
            if (rows.get("referrals_rate", latest, group, "All") == null) {
                continue;
            }
            groups++;
            for (String loc : data.localities()) {
                IndicatorRow r = rows.get("referrals_rate", latest, group, loc);
                if (ReportTables.shown(r) && !"not compared".equals(r.comparedToArea95)) {
                    compared++;
                }
                if (ReportTables.shown(r) && "higher".equals(r.comparedToArea95)) {
                    higher.merge(loc, 1, Integer::sum);
                } else if (ReportTables.shown(r) && "lower".equals(r.comparedToArea95)) {
                    lower.merge(loc, 1, Integer::sum);
                }
            }
            InequalityRow q = rows.inequality("referrals_rate", latest, group);
            if (q != null && ReportTables.has(q.sii)) {
                withSii++;
                if (ReportTables.has(q.siiUpper95) && q.siiUpper95 < 0) {
                    gradient++;
                } else if (ReportTables.has(q.siiLower95) && q.siiLower95 > 0) {
                    reverse++;
                }
            }
        }
        if (groups == 0) {
            return;
        }
        t("<h3>In summary</h3>\n<ul class=\"findings\">\n");
        if (data.localities().size() == 1) {
            // one locality is the whole area (less records of unknown area): comparing them says nothing
            t("<li>One locality, ").e(data.localities().get(0)).t(": the whole area, so no locality is compared "
                    + "with it.</li>\n");
        } else if (compared == 0) {
            // every locality hidden or without a value: claim no difference either way
            t("<li>No locality's referral rate could be compared with the area's (suppressed or not "
                    + "calculable).</li>\n");
        } else {
            t("<li>Referral rates significantly <span class=\"hi\">higher</span> than the area: ")
                    .e(higher.isEmpty() ? "no locality" : Wording.join(counted(higher, groups))).t(".</li>\n");
            t("<li>Significantly <span class=\"lo\">lower</span>: ")
                    .e(lower.isEmpty() ? "no locality" : Wording.join(counted(lower, groups))).t(".</li>\n");
        }
        if (withSii > 0) {
            t("<li>Referral rates rose significantly with deprivation in ").e(Integer.toString(gradient)).t(" of ")
                    .e(Integer.toString(withSii)).t(" client groups");
            if (reverse > 0) {
                t(" and fell with deprivation in ").e(Integer.toString(reverse));
            }
            t(" (slope index of inequality, 95% confidence).</li>\n");
        }
        t("</ul>\n");
    }

    private static List<String> counted(Map<String, Integer> counts, int of) {
        List<Map.Entry<String, Integer>> es = new ArrayList<>(counts.entrySet());
        es.sort((a, b) -> b.getValue() - a.getValue());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : es) {
            out.add(e.getKey() + " (" + e.getValue() + " of " + of + " client groups)");
        }
        return out;
    }

    // ------------------------------------------------------------------ one client group

    private void group(String group, String latest) {
        String label = rows.groupLabel(group);
        t("<section class=\"group\" id=\"").e(anchor(group)).t("\">\n<h2>").e(label).t("</h2>\n");
        if (latest == null || rows.get("referrals_rate", latest, group, "All") == null
                && rows.plainIndicatorIds().stream().noneMatch(id -> rows.get(id, latest, group, "All") != null)) {
            t("<p>No indicators for this client group.</p>\n</section>\n");
            return;
        }
        String caveats = rows.periodCaveats(latest);
        if (data.completePeriods().isEmpty()) {
            t("<p class=\"caveat\">No key findings: no period is wholly covered by the data (see the overview).")
                    .e(caveats).t("</p>\n");
        } else {
            t("<h3>Key findings, ").e(latest).t("</h3>\n<ul class=\"findings\">\n");
            if (!caveats.isEmpty()) {
                t("<li class=\"caveat\"><strong>Note:</strong>").e(caveats).t("</li>\n");
            }
            findingLocalities(group, latest, "referrals_rate", "referrals");
            findingDeprivation(group, latest, "referrals_rate", "referral");
            findingLocalities(group, latest, "service_users_rate", "service users");
            findingDeprivation(group, latest, "service_users_rate", "service user");
            findingTrend(group, "referrals_rate");
            findingSimple(group, latest);
            t("</ul>\n");
        }
        t("<h3>Charts</h3>\n<div class=\"figs\">\n");
        for (String[] f : GROUP_FIGURES) {
            figure(f[0], f[1], group, "all", "period".equals(f[2]) ? latest : "all");
        }
        t("</div>\n");
        // spine charts are files only; say which were not drawn and why, one sentence per reason
        Map<String, List<String>> spines = new LinkedHashMap<>();
        for (ChartPlan.Omitted o : omitted.values()) {
            if (ChartRenderer.SPINE.equals(o.kind()) && group.equals(o.clientGroup()) && latest.equals(o.period())) {
                spines.computeIfAbsent(o.reason(), k -> new ArrayList<>()).add(o.locality());
            }
        }
        for (Map.Entry<String, List<String>> e : spines.entrySet()) {
            t("<p class=\"omitted\">Spine charts (in the charts folder, one per locality) not drawn for ")
                    .e(Wording.join(e.getValue())).t(": ").e(e.getKey()).t(".</p>\n");
        }
        table(group, latest);
        inequalityTable(group);
        t("</section>\n");
    }

    private void findingLocalities(String group, String period, String id, String what) {
        IndicatorRow area = rows.get(id, period, group, "All");
        if (area == null) {
            return;
        }
        List<String> higher = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        int compared = 0;
        for (String loc : data.localities()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            if (ReportTables.shown(r) && !"not compared".equals(r.comparedToArea95)) {
                compared++;
            }
            if (ReportTables.isSuppressed(r)) {
                hidden.add(loc);
            } else if (ReportTables.shown(r) && "higher".equals(r.comparedToArea95)) {
                higher.add(loc + " (" + Wording.num(r.value) + ")");
            } else if (ReportTables.shown(r) && "lower".equals(r.comparedToArea95)) {
                lower.add(loc + " (" + Wording.num(r.value) + ")");
            }
        }
        t("<li><strong>").e(Wording.label(what)).t(":</strong> ");
        if (ReportTables.shown(area)) {
            t("the area rate was ").e(Wording.num(area.value)).t(" per 1,000");
            if (ReportTables.has(area.count)) {
                t(" (").e(Wording.count(area.count)).t(" ").e(what).t(")");
            }
            t(". ");
        } else {
            t("the area rate is not available. ");
        }
        if (compared == 0) {
            // nothing was compared (every locality hidden or without a value): claim no difference either way
            t("No locality could be compared with the area. ");
        } else if (higher.isEmpty() && lower.isEmpty()) {
            t("No locality was significantly different from the area (95% confidence). ");
        } else {
            if (!higher.isEmpty()) {
                t("Significantly <span class=\"hi\">higher</span> than the area: ").e(Wording.join(higher)).t(". ");
            }
            if (!lower.isEmpty()) {
                t("Significantly <span class=\"lo\">lower</span>: ").e(Wording.join(lower)).t(". ");
            }
        }
        if (!hidden.isEmpty()) {
            t("Not shown to protect confidentiality (small numbers): ").e(Wording.join(hidden)).t(".");
        }
        t("</li>\n");
    }

    private void findingDeprivation(String group, String period, String id, String what) {
        InequalityRow q = rows.inequality(id, period, group);
        if (q == null) {
            return;
        }
        IndicatorRow d1 = rows.get(id, period, group, "All", "deprivation_decile", "1");
        IndicatorRow d10 = rows.get(id, period, group, "All", "deprivation_decile", "10");
        t("<li><strong>Deprivation gap (").e(what).t("s):</strong> ");
        if (ReportTables.shown(d1) && ReportTables.shown(d10)) {
            t("the rate was ").e(Wording.num(d1.value)).t(" per 1,000 in the most deprived tenth of areas and ")
                    .e(Wording.num(d10.value)).t(" in the least deprived");
            if (ReportTables.has(q.ratioMostLeastDeprived)) {
                t(" (").e(Wording.num(q.ratioMostLeastDeprived)).t(" times as high)");
            }
            t(". ");
        }
        if (ReportTables.has(q.sii)) {
            boolean significant = ReportTables.has(q.siiLower95) && ReportTables.has(q.siiUpper95)
                    && (q.siiLower95 > 0 || q.siiUpper95 < 0);
            t("Slope index of inequality ").e(Wording.num(q.sii)).t(" per 1,000 (95% CI ").e(Wording.num(q.siiLower95))
                    .t(" to ").e(Wording.num(q.siiUpper95)).t("): ");
            if (!significant) {
                t("no clear gradient with deprivation.");
            } else if (q.sii < 0) {
                t("demand is higher in more deprived areas; the fitted gap from the most to the least deprived end is ")
                        .e(Wording.num(Math.abs(q.sii))).t(" per 1,000.");
            } else {
                t("demand is higher in less deprived areas; the fitted gap is ").e(Wording.num(q.sii)).t(" per 1,000.");
            }
            if (ReportTables.has(q.rii)) {
                t(" Relative index of inequality ").e(Wording.num(q.rii)).t(".");
            }
        } else {
            t("The slope index of inequality was not calculated");
            if (!q.valueNote.isEmpty()) {
                t(" (").e(q.valueNote).t(")");
            }
            t(".");
        }
        t("</li>\n");
    }

    private void findingTrend(String group, String id) {
        List<String> periods = data.completePeriods(); // a part period's rate is not comparable
        if (periods.size() < 2) {
            return;
        }
        IndicatorRow first = rows.get(id, periods.get(0), group, "All");
        IndicatorRow last = rows.get(id, periods.get(periods.size() - 1), group, "All");
        if (!ReportTables.shown(first) || !ReportTables.shown(last)) {
            return;
        }
        t("<li><strong>Trend:</strong> the area's referral rate went from ").e(Wording.num(first.value)).t(" per 1,000 in ")
                .e(periods.get(0)).t(" to ").e(Wording.num(last.value)).t(" in ").e(periods.get(periods.size() - 1));
        boolean overlap = ReportTables.has(first.lower95) && ReportTables.has(last.lower95)
                && first.upper95 >= last.lower95 && last.upper95 >= first.lower95;
        t(overlap ? " (confidence intervals overlap)." : ".");
        if (!last.recentTrend.isEmpty() && !TrendMarker.CANNOT.equals(last.recentTrend)) {
            t(" Recent trend over the 5 most recent complete periods: ").e(trendText(last)).t(".");
        }
        t("</li>\n");
    }

    private void findingSimple(String group, String period) {
        IndicatorRow cost = rows.get("cost_per_head", period, group, "All");
        IndicatorRow wait = rows.get("wait_days_median", period, group, "All");
        IndicatorRow conv = rows.get("referral_conversion_pct", period, group, "All");
        if (ReportTables.shown(conv)) {
            t("<li><strong>Conversion:</strong> ").e(Wording.num(conv.value))
                    .t("% of referrals with a known outcome led to a service.</li>\n");
        }
        if (ReportTables.shown(cost) || ReportTables.shown(wait)) {
            t("<li><strong>Cost and waits:</strong> ");
            if (ReportTables.shown(cost)) {
                t("services cost £").e(Wording.num(cost.value)).t(" per head of population. ");
            }
            if (ReportTables.shown(wait)) {
                t("The median wait from referral to first service was ").e(Wording.num(wait.value)).t(" days.");
            }
            t("</li>\n");
        }
    }

    // ------------------------------------------------------------------ figures

    private void figure(String kind, String subject, String group, String locality, String period) {
        String name = specNames.get(key(kind, subject, group, locality, period));
        if (name == null) {
            ChartPlan.Omitted o = omitted.get(key(kind, subject, group, locality, period));
            if (o != null) {
                t("<p class=\"omitted\">Chart not drawn: ").e(o.title()).t(". ").e(Wording.sentence(o.reason()))
                        .t("</p>\n");
            }
            return;
        }
        ChartSpec spec = plan.get(name);
        String svg = svgSource.apply(name);
        if (svg == null) {
            svg = ChartRenderer.svgDocument(spec, name);
        }
        String b64 = Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        t("<figure class=\"chart ").e(kind).t("\"><img src=\"data:image/svg+xml;base64,").t(b64).t("\" width=\"")
                .t(Integer.toString(spec.width())).t("\" height=\"").t(Integer.toString(spec.height())).t("\" alt=\"")
                .e(alt(spec.title(), kind, subject, group, period)).t("\" />\n");
        chartData(spec);
        t("</figure>\n");
    }

    /**
     * The values a chart draws, as a table under it that opens on request (WCAG 1.1.1): a chart's data in words
     * for a reader who cannot see it, and the numbers behind it for one who can.
     */
    private void chartData(ChartSpec spec) {
        ChartTable table = ChartTable.of(rows, spec);
        if (table == null || table.rows().isEmpty()) {
            return;
        }
        t("<details><summary>Data for this chart</summary>\n");
        tableIn("Data: " + spec.title(), "data");
        t("<thead><tr>");
        for (String head : table.header()) {
            t("<th scope=\"col\">").e(head).t("</th>");
        }
        t("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            t("<tr><th scope=\"row\">").e(row.get(0)).t("</th>");
            for (int i = 1; i < row.size(); i++) {
                t(table.numeric(i) ? "<td class=\"num\">" : "<td>").e(row.get(i)).t("</td>");
            }
            t("</tr>\n");
        }
        t("</tbody></table></div>\n</details>\n");
    }

    /** A chart's text alternative: {@link org.jsna.output.chart.ChartText#alt}, shared with the chart files' desc. */
    private String alt(String title, String kind, String subject, String group, String period) {
        return org.jsna.output.chart.ChartText.alt(rows, title, kind, subject, group, period);
    }

    // ------------------------------------------------------------------ table

    private void table(String group, String period) {
        List<String> cols = new ArrayList<>(data.localities());
        boolean unknown = false;
        for (String id : rows.plainIndicatorIds()) {
            unknown |= ReportTables.unknownPresent(rows.get(id, period, group, "Unknown"));
        }
        if (unknown) {
            cols.add("Unknown");
        }
        t("<h3>All indicators by locality, ").e(period).t("</h3>\n")
                .t("<p class=\"legend\"><span class=\"key hi\">▲ higher</span> <span class=\"key sim\">● similar</span> "
                        + "<span class=\"key lo\">▼ lower</span> than the whole area (95% confidence interval); "
                        + "<span class=\"key nc\">not compared</span>: a value without a mark. supp. = suppressed (small numbers); "
                        + "n/a = not calculable (value_note in indicators.csv says why). Recent trend: the whole "
                        + "area's marker over its 5 most recent complete periods (recent_trend in indicators.csv; "
                        + "the reason there when it cannot be calculated).</p>\n");
        // at most MATRIX_COLUMNS localities side by side: more run off a printed page (and off most screens), so
        // a council of many localities gets the table in parts, each with the indicator and the whole area
        int parts = Math.max(1, (cols.size() + MATRIX_COLUMNS - 1) / MATRIX_COLUMNS);
        int per = (cols.size() + parts - 1) / parts;
        for (int k = 0; k < parts; k++) {
            List<String> part = cols.subList(Math.min(cols.size(), k * per), Math.min(cols.size(), (k + 1) * per));
            matrix(group, period, part, k == parts - 1,
                    parts == 1 ? null : "Localities " + (k * per + 1) + " to " + (k * per + part.size()) + " of "
                            + cols.size());
        }
    }

    /**
     * What a cell's colour, mark and tooltip say, as text a screen reader reads and the eye does not see (WCAG
     * 1.3.1, 1.4.1): the comparison with the area, then the interval and the recent trend of a published value.
     */
    private static String hidden(IndicatorRow r, String cmp) {
        if (r == null || !ReportTables.shown(r)) {
            return "";
        }
        StringBuilder b = new StringBuilder(" <span class=\"vh\">");
        b.append(switch (cmp) {
            case "hi" -> "higher than the area";
            case "lo" -> "lower than the area";
            case "sim" -> "similar to the area";
            default -> "not compared";
        });
        if (ReportTables.has(r.lower95)) {
            b.append("; 95% CI ").append(esc(Wording.num(r.lower95))).append(" to ").append(esc(Wording.num(r.upper95)));
        }
        if (!r.recentTrend.isEmpty()) {
            b.append("; recent trend: ").append(esc(trendText(r)));
        }
        return b.append("</span>").toString();
    }

    /** The most locality columns in one table of all indicators. */
    static final int MATRIX_COLUMNS = 8;

    /** One table of all indicators for the localities {@code cols}; {@code trend}: with the recent-trend column. */
    private void matrix(String group, String period, List<String> cols, boolean trend, String caption) {
        String label = "All indicators, " + rows.groupLabel(group) + ", " + period;
        if (caption == null) {
            tableIn(label, "data matrix");
        } else {
            // the part is shown; the whole name for screen readers
            scroll(label + ", " + caption).t("<table class=\"data matrix\">\n<caption><span class=\"vh\">")
                    .e(label + ", ").t("</span>").e(caption).t("</caption>\n");
        }
        t("<thead><tr><th scope=\"col\">Indicator</th>");
        for (String c : cols) {
            t("<th scope=\"col\">").e(c).t("</th>");
        }
        t("<th scope=\"col\" class=\"area\">Whole area</th>").t(trend ? "<th scope=\"col\">Recent trend</th>" : "")
                .t("</tr></thead>\n<tbody>\n");
        for (String id : rows.plainIndicatorIds()) {
            if (rows.get(id, period, group, "All") == null) {
                continue;
            }
            t("<tr><th scope=\"row\">").e(rows.name(id)).t(" <span class=\"unit\">(").e(rows.unit(id)).t(")</span></th>");
            for (String c : cols) {
                IndicatorRow r = rows.get(id, period, group, c);
                String cmp = r == null || !ReportTables.shown(r) ? "nc" : switch (r.comparedToArea95) {
                    case "higher" -> "hi";
                    case "lower" -> "lo";
                    case "similar" -> "sim";
                    default -> "nc";
                };
                // a mark as well as the colour (WCAG 1.4.1); hidden from screen readers, which read the words
                String mark = switch (cmp) {
                    case "hi" -> "<span aria-hidden=\"true\">▲ </span>";
                    case "lo" -> "<span aria-hidden=\"true\">▼ </span>";
                    case "sim" -> "<span aria-hidden=\"true\">● </span>";
                    default -> "";
                };
                t("<td class=\"num ").t(cmp).t("\"");
                if (r != null && ReportTables.shown(r) && ReportTables.has(r.lower95)) {
                    t(" title=\"95% CI ").e(Wording.num(r.lower95)).t(" to ").e(Wording.num(r.upper95));
                    if (!r.recentTrend.isEmpty()) {
                        t("; recent trend: ").e(trendText(r));
                    }
                    t("\"");
                }
                t(">").t(mark).e(ChartTable.cell(r)).t(hidden(r, cmp)).t("</td>");
            }
            IndicatorRow area = rows.get(id, period, group, "All");
            t("<td class=\"num area\">").e(ChartTable.cell(area)).t("</td>");
            if (trend) {
                t("<td class=\"trend\"");
                if (TrendMarker.CANNOT.equals(area.recentTrend)) {
                    t(" title=\"").e(area.recentTrendReason).t("\"");
                }
                t(">").e(trendText(area)).t("</td>");
            }
            t("</tr>\n");
        }
        t("</tbody></table></div>\n");
    }

    /**
     * A row's recent-trend marker as the report says it: with a polarity, an increase or decrease is also
     * getting better or worse (trends.md); "cannot be calculated" is said as "n/a".
     */
    private static String trendText(IndicatorRow r) {
        if (r.recentTrend.isEmpty() || TrendMarker.CANNOT.equals(r.recentTrend)) {
            return "n/a";
        }
        return RecentTrend.inWords(r.recentTrend, Indicator.byId(r.indicatorId).polarity);
    }

    private void inequalityTable(String group) {
        List<InequalityRow> mine = new ArrayList<>();
        for (InequalityRow q : data.inequalities()) {
            if (group.equals(q.clientGroup)) {
                mine.add(q);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        t("<h3>Inequality by deprivation, every period</h3>\n");
        tableIn("Inequality by deprivation, " + rows.groupLabel(group), "data")
                .t("<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Period</th>")
                .t("<th scope=\"col\">SII (95% CI)</th><th scope=\"col\">RII (95% CI)</th>")
                .t("<th scope=\"col\">Most / least deprived decile</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
        for (InequalityRow q : mine) {
            t("<tr><td>").e(rows.name(q.indicatorId)).t("</td><td>").e(q.period).t("</td><td class=\"num\">")
                    .e(Wording.num(q.sii)).t(" (").e(Wording.num(q.siiLower95)).t(" to ").e(Wording.num(q.siiUpper95))
                    .t(")</td><td class=\"num\">").e(Wording.num(q.rii)).t(" (").e(Wording.num(q.riiLower95)).t(" to ")
                    .e(Wording.num(q.riiUpper95)).t(")</td><td class=\"num\">").e(Wording.num(q.ratioMostLeastDeprived))
                    .t("</td><td>").e(q.valueNote).t("</td></tr>\n");
        }
        t("</tbody></table></div>\n<p class=\"legend\">SII: fitted difference in rate per 1,000 from the most to "
                + "the least deprived end of the area (negative: more demand in deprived areas). RII: the same as a "
                + "ratio. Last column: rate in the most deprived decile divided by the rate in the least deprived.</p>\n");
    }

    // ------------------------------------------------------------------ back matter

    private void methods() {
        t("<section id=\"methods\">\n<h2>Methods</h2>\n");
        tableIn("Indicator definitions", "data defs").t("<thead><tr><th scope=\"col\">Indicator</th>")
                .t("<th scope=\"col\">Numerator</th><th scope=\"col\">Denominator</th><th scope=\"col\">Unit</th>")
                .t("<th scope=\"col\">Confidence interval</th></tr></thead>\n<tbody>\n");
        for (Indicator i : Indicator.values()) {
            t("<tr><th scope=\"row\">").e(i.label).t(" <code>").e(i.id).t("</code></th><td>").e(i.numerator)
                    .t("</td><td>").e(i.denominator).t("</td><td>").e(i.unit).t("</td><td>").e(i.method).t("</td></tr>\n");
        }
        t("</tbody></table></div>\n<ul>\n")
                .t("<li>Periods are financial years (1 April to 31 March) unless the run used calendar years; "
                        + "denominators are the resident population of the client group's age range at mid-year.</li>\n")
                .t("<li>Rates per 1,000 have Byar confidence intervals (exact Poisson under 10 events); percentages "
                        + "have Wilson intervals; the directly standardised rate uses the European Standard Population "
                        + "2013 with Dobson intervals; cost per user uses Student's t.</li>\n")
                .t("<li>A locality is <em>higher</em> or <em>lower</em> than the area when its 95% confidence interval "
                        + "lies wholly above or below the whole-area value. These are measures of demand: higher is "
                        + "neither better nor worse, so the charts use blue and orange, not red and green.</li>\n")
                .t("<li>Funnel plots show each locality's crude rate against its population, with exact Poisson "
                        + "control limits (95% and 99.8%) around the area average.</li>\n")
                .t("<li>The slope index of inequality (SII) is the fitted difference in rate between the most and the "
                        + "least deprived ends of the area, from a regression over the ten deprivation deciles weighted "
                        + "by population; the relative index (RII) is the same as a ratio. Confidence intervals by "
                        + "simulation, following PHEindicatormethods (UK Health Security Agency). A negative SII means "
                        + "more demand in more deprived areas.</li>\n")
                .t("<li>Deprivation deciles are national IMD deciles of residents' small areas (1 = most deprived 10% "
                        + "in England).</li>\n</ul>\n</section>\n");
    }

    private void disclosure() {
        t("<section id=\"disclosure\">\n<h2>Disclosure control</h2>\n");
        Object supp = data.manifest() == null ? null : data.manifest().get("suppression");
        if (!data.suppression()) {
            // the cause as the run had it: the option, or jsna.yaml's suppression: false
            Object command = data.manifest() == null ? null : data.manifest().get("command_line");
            boolean option = command != null && String.valueOf(command).contains("--no-suppression");
            t("<p class=\"warn\">Disclosure control was turned off for this run (")
                    .t(option ? "<code>--no-suppression</code>" : "<code>suppression: false</code> in jsna.yaml")
                    .t("): no row is suppressed. The figures may identify people and must not be published.</p>\n")
                    .t("<ul>\n<li>Standardised rates are not shown when the count is under 10.</li>\n</ul>\n</section>\n");
            return;
        }
        boolean secondary = !(supp instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("secondary")));
        t("<ul>\n<li>Counts of ").e(data.suppressedCounts(" to ")).t(" (people, referrals, events) are "
                + "suppressed: the value, count and confidence interval are left out and shown as <em>supp.</em> "
                + "in tables and as gaps in charts.</li>\n");
        if (secondary) {
            t("<li>Where one row of a set (the localities, the deprivation deciles, the categories of a breakdown) "
                    + "is suppressed, the next smallest is suppressed too, so it cannot be worked out by "
                    + "subtraction.</li>\n");
        } else {
            t("<li class=\"warn\">Secondary suppression is off for this run (<code>secondary: false</code> in "
                    + "jsna.yaml): where one row of a set is suppressed, nothing else is, so it may be worked out by "
                    + "subtraction from the set's total. Check before publishing.</li>\n");
        }
        t("<li>Costs are treated by the number of people behind the amount. Population figures are not "
                + "disclosive.</li>\n<li>Standardised rates are not shown when the count is under 10.</li>\n</ul>\n");
        int suppressed = 0;
        for (IndicatorRow r : data.indicators()) {
            if (ReportTables.isSuppressed(r)) {
                suppressed++;
            }
        }
        t("<p>In this run ").e(Integer.toString(suppressed)).t(" of ").e(Integer.toString(data.indicators().size()))
                .t(" indicator rows were suppressed.</p>\n</section>\n");
    }

    private void quality() {
        t("<section id=\"quality\">\n<h2>Data quality</h2>\n<p>Rows read, used and rejected per input file, and records "
                + "that could not be placed (for example an unknown area, counted under the locality Unknown and in "
                + "the whole-area totals).</p>\n");
        tableIn("Data quality", "data").t("<thead><tr><th scope=\"col\">File</th>"
                + "<th scope=\"col\">Item</th><th scope=\"col\">Count</th></tr></thead>\n<tbody>\n");
        for (DataQualityItem q : data.dataQuality()) {
            t("<tr><td>").e(q.file()).t("</td><td>").e(q.item()).t("</td><td class=\"num\">")
                    .e(q.withheld() ? "supp." : Wording.count(q.count())).t("</td></tr>\n");
        }
        t("</tbody></table></div>\n</section>\n");
    }

    private void manifest() {
        t("<section id=\"manifest\">\n<h2>Inputs and run</h2>\n");
        Map<String, Object> m = data.manifest() == null ? Map.of() : data.manifest();
        Object inputs = m.get("inputs");
        if (inputs instanceof List<?> && !((List<?>) inputs).isEmpty()) {
            tableIn("Inputs", "data").t("<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Path</th>"
                    + "<th scope=\"col\">Bytes</th><th scope=\"col\">Rows read</th><th scope=\"col\">Used</th>"
                    + "<th scope=\"col\">Rejected</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
            for (Object o : (List<?>) inputs) {
                if (!(o instanceof Map<?, ?>)) {
                    continue;
                }
                Map<?, ?> in = (Map<?, ?>) o;
                t("<tr><td>").e(str(in.get("role"))).t("</td><td>").e(str(in.get("path"))).t("</td>");
                for (String k : new String[] {"bytes", "rows_read", "rows_used", "rows_rejected"}) {
                    Object v = in.get(k);
                    // null: withheld by disclosure control (manifest.json), shown as data quality shows it
                    t("<td class=\"num\">").e(v instanceof Number ? Wording.count(((Number) v).doubleValue())
                            : v == null && in.containsKey(k) ? "supp." : str(v)).t("</td>");
                }
                t("<td><code class=\"hash\">").e(str(in.get("sha256"))).t("</code></td></tr>\n");
            }
            t("</tbody></table></div>\n");
        }
        t("<dl class=\"run\">\n");
        for (Map.Entry<String, Object> en : m.entrySet()) {
            if (en.getKey().equals("inputs") || en.getKey().equals("outputs")) {
                continue;
            }
            Object v = en.getValue();
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                // nested settings read as the manifest writes them, not as Java's toString
                t("<dt>").e(en.getKey()).t("</dt><dd><pre class=\"settings\">").e(Json.write(v).strip())
                        .t("</pre></dd>\n");
            } else {
                t("<dt>").e(en.getKey()).t("</dt><dd>").e(str(v)).t("</dd>\n");
            }
        }
        t("</dl>\n<p>The full manifest, with a hash of every output file, is <code>manifest.json</code> beside this "
                + "report.</p>\n</section>\n");
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    static final String CSS = String.join("\n",
            ":root{--hi:" + Palette.hex(Palette.HIGHER) + ";--lo:" + Palette.hex(Palette.LOWER) + ";}",
            "body{font-family:\"DejaVu Sans\",\"Segoe UI\",Verdana,Arial,sans-serif;color:#1a1a1a;margin:0 auto;"
                    + "max-width:1100px;padding:0 24px 48px;line-height:1.45;font-size:15px;background:#fff;"
                    + "overflow-wrap:break-word}",
            "h1{font-size:1.7em;margin:1.2em 0 .3em}h2{font-size:1.35em;border-bottom:2px solid #0072b2;"
                    + "padding-bottom:.2em;margin-top:2em}h3{font-size:1.1em;margin:1.4em 0 .4em}",
            ".lede{font-size:1.1em}.meta{color:#555;font-size:.9em}",
            "nav ol{columns:2;column-gap:3em;padding-left:2em}nav li{break-inside:avoid}",
            "nav h2{border:none;font-size:1.1em;margin-top:1em}",
            "a{color:#005a8c}",
            ".findings li{margin:.35em 0}",
            ".hi{color:#8a5a00;font-weight:bold}.lo{color:#005080;font-weight:bold}",
            "figure.chart{margin:1em 0;break-inside:avoid;page-break-inside:avoid}",
            "figure.chart img{max-width:100%;height:auto;display:block;border:1px solid #eee}",
            ".scroll{overflow-x:auto}",
            ".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);"
                    + "white-space:nowrap;border:0}",
            "table.data{border-collapse:collapse;margin:.6em 0;font-size:.88em}",
            "table.data th,table.data td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}",
            "table.data thead th{background:#f0f0f0}",
            "table.data th{overflow-wrap:break-word}table.data th[scope=row]{overflow-wrap:anywhere}",
            "table.data caption{text-align:left;font-weight:600;padding:.2em 0}",
            "table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "td.hi{background:#fbe1a6}td.lo{background:#bcd9ee}td.sim{background:#f4f4f4}td.nc{background:#fff;color:#666}",
            "td.area{font-weight:bold;background:#fafafa}",
            ".unit{color:#666;font-weight:normal;font-size:.9em}",
            ".key{padding:0 .4em;border:1px solid #ccc}.key.hi{background:#fbe1a6;color:#1a1a1a}"
                    + ".key.lo{background:#bcd9ee;color:#1a1a1a}.key.sim{background:#f4f4f4}.key.nc{background:#fff}",
            ".legend{font-size:.85em;color:#333}",
            ".caveat{color:#5a3d00}",
            ".omitted{font-size:.9em;color:#444;border-left:3px solid #bbb;padding:.2em .6em;margin:.6em 0}",
            ".warn{background:#fff3cd;border:1px solid #e0b000;padding:.6em}",
            "code.hash{font-size:.8em;word-break:break-all}",
            "pre.settings{font-size:.8em;white-space:pre-wrap;margin:0}",
            "dl.run{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.run dt{font-weight:bold}"
                    + "dl.run dd{margin:0;word-break:break-word}",
            "footer{margin-top:3em;color:#666;font-size:.85em;border-top:1px solid #ddd}",
            "@page{size:A4;margin:14mm 12mm}",
            "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}"
                    + "section.group{break-before:page;page-break-before:always}h2,h3{break-after:avoid}"
                    + "table.data{font-size:8pt}tr{break-inside:avoid}"
                    + "td.hi,td.lo,td.sim,.key{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
                    + ".scroll{overflow:visible}a{color:inherit;text-decoration:none}}",
            "");
}
