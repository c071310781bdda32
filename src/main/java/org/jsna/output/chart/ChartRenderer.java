package org.jsna.output.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
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
 * Charts render in parallel, one chart per task (JFreeChart objects are never shared); each chart's
 * model is built once and drawn to every format asked for.
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

    /**
     * Renders every planned chart on {@code threads} threads; returns the files written, in plan order
     * (PNG before SVG for a chart). The report's own run goes through {@link #draw} on the output
     * stage's pool instead (org.jsna.pipeline.Outputs), with the workbook and the report beside it.
     */
    public static List<Path> renderAll(ReportData data, Path chartsDir, boolean png, boolean svg, int threads) {
        if (!png && !svg) {
            return List.of();
        }
        createFolder(chartsDir);
        Map<String, ChartSpec> named = plan(data);
        ExecutorService pool = pool(Math.min(threads, named.size() + 1));
        try {
            List<Future<Drawn>> futures = new ArrayList<>();
            for (Map.Entry<String, ChartSpec> e : named.entrySet()) {
                String name = e.getKey();
                ChartSpec spec = e.getValue();
                futures.add(pool.submit(() -> draw(spec, name, chartsDir, png, svg, false)));
            }
            List<Path> out = new ArrayList<>();
            for (Future<Drawn> f : futures) {
                out.addAll(result(f).files());
            }
            Log.detail("wrote " + out.size() + " chart files to " + chartsDir);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Creates the chart folder (I/O error, exit 4, when it cannot be). */
    public static void createFolder(Path chartsDir) {
        try {
            Files.createDirectories(chartsDir);
        } catch (IOException e) {
            throw JsnaException.io("cannot create the chart folder " + chartsDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fixed pool of {@code threads} daemon threads named {@code jsna-output} for drawing charts
     * (and writing the other outputs beside them); at least one thread.
     */
    public static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "jsna-output");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The value of a finished output task; its failure as jsna's error (a {@link JsnaException} as it
     * is, an I/O error as exit 4, anything else as an internal error).
     */
    public static <T> T result(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsnaException(JsnaException.Kind.INTERNAL, "writing the outputs was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof JsnaException je) {
                throw je;
            }
            if (c instanceof IOException) {
                throw JsnaException.io("cannot write an output: " + c.getMessage(), c);
            }
            if (c instanceof java.io.UncheckedIOException u) {
                throw JsnaException.io("cannot write an output: " + u.getCause().getMessage(), u.getCause());
            }
            throw new JsnaException(JsnaException.Kind.INTERNAL, "writing the outputs failed: " + c, c);
        }
    }

    /**
     * One chart drawn: the files written (PNG before SVG), its SVG document when it was asked to keep
     * it, and the CPU time each step took on its thread (nanoseconds; 0 where the JVM cannot tell).
     */
    public record Drawn(List<Path> files, String svg, Cost cost) {
    }

    /** CPU time of one chart's steps, in nanoseconds: building the chart, drawing and encoding the PNG, the SVG. */
    public record Cost(String kind, long build, long pngDraw, long pngEncode, long svg) {
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread so far (ns), or 0 when the JVM does not measure it. */
    static long cpuNow() {
        try {
            return CPU.isCurrentThreadCpuTimeSupported() ? Math.max(0, CPU.getCurrentThreadCpuTime()) : 0;
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }

    /**
     * Builds one chart's JFreeChart model once and draws it as {@code dir/name.png} and/or
     * {@code dir/name.svg}; with {@code keepSvg} the SVG document is also returned (for the report),
     * drawn once even when it is written too. Safe to call on several threads at once: every call
     * builds its own chart. An I/O error is a {@link JsnaException} (exit 4) that names the chart folder.
     */
    public static Drawn draw(ChartSpec spec, String name, Path dir, boolean png, boolean svg, boolean keepSvg) {
        long c0 = cpuNow();
        JFreeChart chart = spec.builder().get();
        long c1 = cpuNow();
        List<Path> out = new ArrayList<>(2);
        String doc = null;
        long c2 = c1;
        long c3 = c1;
        try {
            if (png) {
                BufferedImage img = image(chart, spec.width(), spec.height());
                c2 = cpuNow();
                byte[] bytes = PngEncoder.encode(img);
                c3 = cpuNow();
                Path p = dir.resolve(name + ".png");
                Files.write(p, bytes);
                out.add(p);
            }
            long c4 = cpuNow();
            if (svg || keepSvg) {
                doc = svgDocument(chart, spec, name);
            }
            if (svg) {
                Path p = dir.resolve(name + ".svg");
                Files.writeString(p, doc, StandardCharsets.UTF_8);
                out.add(p);
            }
            long c5 = cpuNow();
            return new Drawn(out, keepSvg ? doc : null,
                    new Cost(spec.kind(), c1 - c0, c2 - c1, c3 - c2, svg || keepSvg ? c5 - c4 : 0));
        } catch (IOException e) {
            throw JsnaException.io("cannot write a chart in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The chart as an opaque PNG (charts have a white background, so no alpha channel), drawn into a
     * 3-byte BGR image and encoded by {@link PngEncoder}.
     */
    static byte[] pngBytes(JFreeChart chart, int width, int height) {
        return PngEncoder.encode(image(chart, width, height));
    }

    /**
     * The image of this thread, kept from chart to chart while the size stays the same (most charts are
     * 1000 × 460 or 1000 × 600): a chart's 2 MB image is not allocated again for every chart.
     */
    private static final ThreadLocal<BufferedImage> IMAGE = new ThreadLocal<>();

    private static BufferedImage image(JFreeChart chart, int width, int height) {
        BufferedImage img = IMAGE.get();
        if (img == null || img.getWidth() != width || img.getHeight() != height) {
            img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            IMAGE.set(img);
        }
        // not cleared: every chart's opaque white background covers every pixel first (Charts.finish), so the
        // last chart's pixels never show (ChartRendererTest draws every kind over noise); clearing the 1.4 MB
        // took a tenth of the charts' CPU time with the client compiler
        Graphics2D g2 = img.createGraphics();
        try {
            chart.draw(g2, new Rectangle(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return img;
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
        // ids unique to the chart (as its defs' are), so that two charts inlined in one page never clash
        String id = name.replace('-', '_') + "_";
        String title = "<title id=\"" + id + "title\">" + org.jsna.output.Markup.escape(spec.title()) + "</title>";
        String desc = "<desc id=\"" + id + "desc\">" + org.jsna.output.Markup.escape(spec.describe()) + "</desc>";
        // an image named by its title and described in words for assistive technology, also as a file published
        // on its own (WCAG 1.1.1): title and desc the first children of the root, as SVG 2 asks
        String role = " role=\"img\" aria-label=\"" + org.jsna.output.Markup.escape(spec.title())
                + "\" aria-describedby=\"" + id + "desc\"";
        return el.substring(0, close) + role + el.substring(close, close + 1) + title + desc + el.substring(close + 1);
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
        if (r == Long.MIN_VALUE || r == Long.MAX_VALUE) { // beyond what any chart draws; as BigDecimal writes it
            return java.math.BigDecimal.valueOf(r, 2).stripTrailingZeros().toPlainString();
        }
        // r / 100 with one or two decimals, trailing zero dropped (what BigDecimal.stripTrailingZeros gives)
        long a = Math.abs(r);
        long cents = a % 100;
        StringBuilder b = new StringBuilder(24);
        if (r < 0) {
            b.append('-');
        }
        b.append(a / 100).append('.');
        if (cents % 10 == 0) {
            b.append((char) ('0' + cents / 10));
        } else {
            b.append((char) ('0' + cents / 10)).append((char) ('0' + cents % 10));
        }
        return b.toString();
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

    /**
     * The names the charts write (localities, client groups, categories) that have a character the chart font
     * cannot draw: a PNG shows boxes for them (the SVG charts and report.html do not: the reader's fonts fill in).
     */
    public static List<String> undrawableNames(ReportData data) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(data.localities());
        names.addAll(data.clientGroups().values());
        java.util.Set<String> categories = new java.util.HashSet<>();
        for (org.jsna.indicators.IndicatorRow r : data.indicators()) {
            if (r.category != null && !r.category.isEmpty() && categories.add(r.category)) {
                names.add(Wording.label(r.category));
            }
        }
        return Fonts.undrawable(names);
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
                            described(rows, LOCALITIES, id, group, "all", period, 1000, Math.max(460, 230 + 34 * n),
                                    rows.name(id) + ", by locality: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.localities(rows, id, period, group)));
                }
                for (String id : plain) {
                    if (hasDeciles(rows, id, period, group)) {
                        add(specs, omitted, Charts.deprivationMissing(rows, id, period, group),
                                described(rows, DEPRIVATION, id, group, "all", period, 1000, 600,
                                        rows.name(id) + ", by deprivation decile: " + rows.groupLabel(group) + ", "
                                                + period,
                                        () -> Charts.deprivation(rows, id, period, group)));
                    }
                }
                if (hasSources(rows, period, group)) {
                    int n = Charts.sourceLocalities(rows, period, group).size();
                    add(specs, omitted, Charts.sourcesMissing(rows, period, group),
                            described(rows, SOURCES, Charts.SOURCE_ID, group, "all", period, 1000,
                                    Math.max(480, 280 + 34 * n),
                                    "Referral sources by locality: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.sources(rows, period, group)));
                }
                if (rows.get("referrals_rate", period, group, "All") != null) {
                    add(specs, omitted, Charts.funnelMissing(rows, "referrals_rate", period, group),
                            described(rows, FUNNEL, "referrals_rate", group, "all", period, 1000,
                                    Math.max(620, 560 + 4 * data.localities().size()),
                                    "Funnel plot of referrals per 1,000: " + rows.groupLabel(group) + ", " + period,
                                    () -> Charts.funnel(rows, "referrals_rate", period, group)));
                }
            }
            for (String id : plain) {
                if (anyPeriod(rows, id, group)) {
                    int n = data.localities().size() + 1;
                    add(specs, omitted, Charts.trendMissing(rows, id, group),
                            described(rows, TREND, id, group, "all", "all", 1000, 560 + 22 * Math.max(0, (n - 1) / 6),
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
            Map<String, Map<String, double[]>> pyramids = Charts.pyramidData(data, year);
            for (String loc : places) {
                Map<String, double[]> bands = pyramids.get(loc);
                if (bands != null && !bands.isEmpty()) {
                    add(specs, omitted, Charts.pyramidMissing(bands, year),
                            described(rows, PYRAMID, "population", "all", loc, Integer.toString(year), 800, 640,
                                    "Population by age and sex: " + ("All".equals(loc) ? "whole area" : loc) + ", mid-"
                                            + year,
                                    () -> Charts.pyramid(data, bands, loc, year)));
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
                            described(rows, SPINE, "indicators", group, loc, latest, 1000, Math.max(480, 240 + 36 * n),
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

    /** A chart spec whose description is {@link ChartText#describe} of its parts, made when its SVG is drawn. */
    private static ChartSpec described(ReportTables rows, String kind, String subject, String group, String locality,
            String period, int width, int height, String title, java.util.function.Supplier<JFreeChart> builder) {
        return new ChartSpec(kind, subject, group, locality, period, width, height, title, builder,
                () -> ChartText.describe(rows, title, kind, subject, group, locality, period));
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
