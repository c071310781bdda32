package org.jsna.output.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
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
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
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
        // PNGs are encoded in memory: no ImageIO cache files in the temp folder, none left by a killed run
        ImageIO.setUseCache(false);
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
                writePng(chart, spec.width(), spec.height(), os);
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

    /**
     * The chart as an opaque PNG (charts have a white background, so no alpha channel), deflated at
     * a low level: about three times faster to write than ImageIO's default for files some 15% larger,
     * which matters when a report draws hundreds of charts.
     */
    static void writePng(JFreeChart chart, int width, int height, OutputStream os) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g2 = img.createGraphics();
        try {
            chart.draw(g2, new Rectangle(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
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
        // names from the data may hold characters XML 1.0 forbids (control characters, U+FFFE):
        // JFreeSVG escapes markup but passes those through, so they are dropped here
        String el = org.jsna.output.Markup.xmlChars(g.getSVGElement(null, true, new ViewBox(0, 0, spec.width(), spec.height()), null, null));
        int close = el.indexOf('>');
        String title = "<title>" + org.jsna.output.Markup.escape(spec.title()) + "</title>";
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



    /**
     * The charts of a report, keyed by their unique file base name, in a stable order: per client
     * group and period the locality chart of each indicator, the deprivation gradients, the
     * referral-source mix and the funnel plot; per client group the trends; the pyramids; the
     * spine charts of each locality for the headline period (the latest complete one). Charts with nothing to show are left out
     * (see {@link #fullPlan}).
     */
    public static Map<String, ChartSpec> plan(ReportData data) {
        return fullPlan(data).charts();
    }

    /** {@link #plan} with the charts left out, each with the reason why (for the report). */
    public static ChartPlan fullPlan(ReportData data) {
        ReportTables rows = new ReportTables(data);
        List<ChartSpec> specs = new ArrayList<>();
        List<ChartPlan.Omitted> omitted = new ArrayList<>();
        List<String> plain = rows.plainIndicatorIds();
        String latest = rows.headlinePeriod();
        for (String group : data.clientGroups().keySet()) {
            for (String period : data.periods()) {
                for (String id : plain) {
                    if (rows.get(id, period, group, "All") == null) {
                        continue;
                    }
                    int n = Charts.localitiesWithUnknown(rows, id, period, group).size();
                    add(specs, omitted, Charts.localitiesMissing(rows, id, period, group),
                            new ChartSpec(LOCALITIES, id, group, "all", period, 1000, Math.max(460, 230 + 34 * n),
                                    rows.name(id) + ", by locality: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.localities(rows, id, period, group)));
                }
                for (String id : plain) {
                    if (hasDeciles(rows, id, period, group)) {
                        add(specs, omitted, Charts.deprivationMissing(rows, id, period, group),
                                new ChartSpec(DEPRIVATION, id, group, "all", period, 1000, 600,
                                        rows.name(id) + ", by deprivation decile: " + rows.groupLabel(group) + ", "
                                                + period,
                                        () -> Charts.deprivation(rows, id, period, group)));
                    }
                }
                if (hasSources(rows, period, group)) {
                    int n = Charts.sourceLocalities(rows, period, group).size();
                    add(specs, omitted, Charts.sourcesMissing(rows, period, group),
                            new ChartSpec(SOURCES, Charts.SOURCE_ID, group, "all", period, 1000,
                                    Math.max(480, 280 + 34 * n),
                                    "Referral sources by locality: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.sources(rows, period, group)));
                }
                if (rows.get("referrals_rate", period, group, "All") != null) {
                    add(specs, omitted, Charts.funnelMissing(rows, "referrals_rate", period, group),
                            new ChartSpec(FUNNEL, "referrals_rate", group, "all", period, 1000,
                                    Math.max(620, 560 + 4 * data.localities().size()),
                                    "Funnel plot of referrals per 1,000: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.funnel(rows, "referrals_rate", period, group)));
                }
            }
            for (String id : plain) {
                if (anyPeriod(rows, id, group)) {
                    int n = data.localities().size() + 1;
                    add(specs, omitted, Charts.trendMissing(rows, id, group),
                            new ChartSpec(TREND, id, group, "all", "all", 1000, 560 + 22 * Math.max(0, (n - 1) / 6),
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
                    add(specs, omitted, Charts.pyramidMissing(data, loc, year),
                            new ChartSpec(PYRAMID, "population", "all", loc, Integer.toString(year), 800, 640,
                                    "Population by age and sex: " + ("All".equals(loc) ? "whole area" : loc) + ", mid-"
                                            + year,
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
                    add(specs, omitted, Charts.spineMissing(rows, loc, latest, group),
                            new ChartSpec(SPINE, "indicators", group, loc, latest, 1000, Math.max(480, 240 + 36 * n),
                                    "Spine chart: " + loc + " compared with the area, " + rows.groupLabel(group) + ", "
                                            + latest,
                                    () -> Charts.spine(rows, loc, latest, group)));
                }
            }
        }
        Map<String, ChartSpec> named = new LinkedHashMap<>();
        Slug.Namer namer = new Slug.Namer();
        for (ChartSpec s : specs) {
            named.put(namer.unique(s.baseName()), s);
        }
        return new ChartPlan(named, List.copyOf(omitted));
    }

    private static void add(List<ChartSpec> specs, List<ChartPlan.Omitted> omitted, String whyNot, ChartSpec spec) {
        if (whyNot == null) {
            specs.add(spec);
        } else {
            omitted.add(ChartPlan.Omitted.of(spec, whyNot));
        }
    }

    private static boolean hasDeciles(ReportTables rows, String id, String period, String group) {
        return rows.get(id, period, group, "All", Charts.DECILE, "1") != null;
    }

    private static boolean hasSources(ReportTables rows, String period, String group) {
        List<String> cats = rows.categories(Charts.SOURCE_ID, "referral_source");
        return !cats.isEmpty() && rows.get(Charts.SOURCE_ID, period, group, "All", "referral_source", cats.get(0)) != null;
    }

    private static boolean anyPeriod(ReportTables rows, String id, String group) {
        for (String p : rows.data().periods()) {
            if (rows.get(id, p, group, "All") != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnyPlain(ReportTables rows, String period, String group, String loc) {
        for (String id : rows.plainIndicatorIds()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            if (r != null) {
                return true;
            }
        }
        return false;
    }
}
