package org.jsna.output.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.jsna.common.JsnaException;
import org.jsna.common.Log;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.ReportData;

/**
 * Plans and renders every chart of a report (issue 4) as PNG and/or SVG into {@code OUT/charts/}.
 * File names are {@code <kind>--<subject>--<client_group|all>--<locality|all>--<period|all>} made of
 * {@link Slug}s; a clash gets {@code -2}, {@code -3}... in plan order, so names are stable.
 * Charts render in parallel, one chart per task (JFreeChart objects are never shared).
 */
public final class ChartRenderer {

    public static final String LOCALITIES = "localities";
    public static final String DEPRIVATION = "deprivation";
    public static final String PYRAMID = "pyramid";
    public static final String SOURCES = "sources";
    public static final String FUNNEL = "funnel";
    public static final String TREND = "trend";
    public static final String SPINE = "spine";

    private ChartRenderer() {
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Renders every planned chart; returns the files written, in plan order (PNG before SVG for a chart). */
    public static List<Path> renderAll(ReportData data, Path chartsDir, boolean png, boolean svg, int threads) {
        if (!png && !svg) {
            return List.of();
        }
        try {
            Files.createDirectories(chartsDir);
        } catch (IOException e) {
            throw JsnaException.io("cannot create the chart folder " + chartsDir + ": " + e.getMessage(), e);
        }
        Map<String, ChartSpec> named = plan(data);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, named.size() + 1)), r -> {
            Thread t = new Thread(r, "jsna-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Path>>> futures = new ArrayList<>();
            for (Map.Entry<String, ChartSpec> e : named.entrySet()) {
                String name = e.getKey();
                ChartSpec spec = e.getValue();
                futures.add(pool.submit(() -> write(spec, name, chartsDir, png, svg)));
            }
            List<Path> out = new ArrayList<>();
            for (Future<List<Path>> f : futures) {
                out.addAll(f.get());
            }
            Log.detail("wrote " + out.size() + " chart files to " + chartsDir);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsnaException(JsnaException.Kind.INTERNAL, "chart rendering was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof JsnaException) {
                throw (JsnaException) c;
            }
            if (c instanceof IOException) {
                throw JsnaException.io("cannot write a chart in " + chartsDir + ": " + c.getMessage(), c);
            }
            throw new JsnaException(JsnaException.Kind.INTERNAL, "chart rendering failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Path> write(ChartSpec spec, String name, Path dir, boolean png, boolean svg)
            throws IOException {
        JFreeChart chart = spec.builder().get();
        List<Path> out = new ArrayList<>(2);
        if (png) {
            Path p = dir.resolve(name + ".png");
            try (OutputStream os = Files.newOutputStream(p)) {
                ChartUtils.writeChartAsPNG(os, chart, spec.width(), spec.height());
            }
            out.add(p);
        }
        if (svg) {
            Path p = dir.resolve(name + ".svg");
            Files.writeString(p, svgDocument(chart, spec, name), StandardCharsets.UTF_8);
            out.add(p);
        }
        return out;
    }

    /** An SVG document (with XML declaration) of a chart. */
    public static String svgDocument(ChartSpec spec, String name) {
        return svgDocument(spec.builder().get(), spec, name);
    }

    static String svgDocument(JFreeChart chart, ChartSpec spec, String name) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement(chart, spec, name) + "\n";
    }

    static String svgElement(JFreeChart chart, ChartSpec spec, String name) {
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height());
        g.setDefsKeyPrefix(name.replace('-', '_') + "_");
        g.setFontFunction(family -> Fonts.CSS_FAMILY);
        g.setGeomDoubleConverter(ChartRenderer::twoPlaces);
        g.setTransformDoubleConverter(ChartRenderer::twoPlaces);
        chart.draw(g, new Rectangle(0, 0, spec.width(), spec.height()));
        String el = g.getSVGElement(null, true, new ViewBox(0, 0, spec.width(), spec.height()), null, null);
        int close = el.indexOf('>');
        String title = "<title>" + xml(spec.title()) + "</title>";
        return el.substring(0, close + 1) + title + el.substring(close + 1);
    }

    /** Coordinates to 1/100 px, plain decimal, locale-free: a third of the size, no visible change. */
    static String twoPlaces(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        long r = Math.round(v * 100);
        if (r % 100 == 0) {
            return Long.toString(r / 100);
        }
        return java.math.BigDecimal.valueOf(r, 2).stripTrailingZeros().toPlainString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The charts of a report, keyed by their unique file base name, in a stable order: per client
     * group and period the locality chart of each indicator, the deprivation gradients, the
     * referral-source mix and the funnel plot; per client group the trends; the pyramids; the
     * spine charts of each locality for the latest period.
     */
    public static Map<String, ChartSpec> plan(ReportData data) {
        Rows rows = new Rows(data);
        List<ChartSpec> specs = new ArrayList<>();
        List<String> plain = rows.plainIndicatorIds();
        String latest = rows.latestPeriod();
        for (String group : data.clientGroups().keySet()) {
            for (String period : data.periods()) {
                for (String id : plain) {
                    if (rows.get(id, period, group, "All") == null) {
                        continue;
                    }
                    int n = Charts.localitiesWithUnknown(rows, id, period, group).size();
                    specs.add(new ChartSpec(LOCALITIES, id, group, "all", period, 1000, Math.max(460, 230 + 34 * n),
                            rows.name(id) + ", by locality: " + rows.groupLabel(group) + ", " + period,
                            () -> Charts.localities(rows, id, period, group)));
                }
                for (String id : plain) {
                    if (hasDeciles(rows, id, period, group)) {
                        specs.add(new ChartSpec(DEPRIVATION, id, group, "all", period, 1000, 600,
                                rows.name(id) + ", by deprivation decile: " + rows.groupLabel(group) + ", " + period,
                                () -> Charts.deprivation(rows, id, period, group)));
                    }
                }
                if (hasSources(rows, period, group)) {
                    int n = data.localities().size() + 2;
                    specs.add(new ChartSpec(SOURCES, Charts.SOURCE_ID, group, "all", period, 1000,
                            Math.max(480, 280 + 34 * n),
                            "Referral sources by locality: " + rows.groupLabel(group) + ", " + period,
                            () -> Charts.sources(rows, period, group)));
                }
                if (rows.get("referrals_rate", period, group, "All") != null) {
                    specs.add(new ChartSpec(FUNNEL, "referrals_rate", group, "all", period, 1000, 620,
                            "Funnel plot of referrals per 1,000: " + rows.groupLabel(group) + ", " + period,
                            () -> Charts.funnel(rows, "referrals_rate", period, group)));
                }
            }
            for (String id : plain) {
                if (anyPeriod(rows, id, group)) {
                    specs.add(new ChartSpec(TREND, id, group, "all", "all", 1000, 560,
                            rows.name(id) + ", trend: " + rows.groupLabel(group),
                            () -> Charts.trend(rows, id, group)));
                }
            }
        }
        TreeSet<Integer> years = new TreeSet<>();
        for (PopulationCell c : data.population()) {
            years.add(c.year());
        }
        if (!years.isEmpty()) {
            int year = years.last();
            List<String> places = new ArrayList<>(data.localities());
            places.add("All");
            for (String loc : places) {
                if (!Charts.pyramidData(data, loc, year).isEmpty()) {
                    specs.add(new ChartSpec(PYRAMID, "population", "all", loc, Integer.toString(year), 800, 640,
                            "Population by age and sex: " + ("All".equals(loc) ? "whole area" : loc) + ", mid-" + year,
                            () -> Charts.pyramid(data, loc, year)));
                }
            }
        }
        if (latest != null) {
            for (String group : data.clientGroups().keySet()) {
                for (String loc : data.localities()) {
                    if (rows.get("referrals_rate", latest, group, loc) == null && !hasAnyPlain(rows, latest, group, loc)) {
                        continue;
                    }
                    int n = plain.size();
                    specs.add(new ChartSpec(SPINE, "indicators", group, loc, latest, 1000, Math.max(480, 240 + 36 * n),
                            "Spine chart: " + loc + " compared with the area, " + rows.groupLabel(group) + ", " + latest,
                            () -> Charts.spine(rows, loc, latest, group)));
                }
            }
        }
        Map<String, ChartSpec> named = new LinkedHashMap<>();
        Slug.Namer namer = new Slug.Namer();
        for (ChartSpec s : specs) {
            named.put(namer.unique(s.baseName()), s);
        }
        return named;
    }

    private static boolean hasDeciles(Rows rows, String id, String period, String group) {
        return rows.get(id, period, group, "All", Charts.DECILE, "1") != null;
    }

    private static boolean hasSources(Rows rows, String period, String group) {
        List<String> cats = rows.categories(Charts.SOURCE_ID, "referral_source");
        return !cats.isEmpty() && rows.get(Charts.SOURCE_ID, period, group, "All", "referral_source", cats.get(0)) != null;
    }

    private static boolean anyPeriod(Rows rows, String id, String group) {
        for (String p : rows.data().periods()) {
            if (rows.get(id, p, group, "All") != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnyPlain(Rows rows, String period, String group, String loc) {
        for (String id : rows.plainIndicatorIds()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            if (r != null) {
                return true;
            }
        }
        return false;
    }
}
