package org.jsna.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.indicators.ReportData;
import org.jsna.output.chart.ChartPlan;
import org.jsna.output.chart.ChartRenderer;
import org.jsna.output.chart.ChartSpec;
import org.jsna.output.report.HtmlReport;
import org.jsna.output.table.CsvTables;
import org.jsna.output.table.XlsxWriter;

/**
 * Writes the formats asked for (csv, xlsx, png, svg, html) from the finished report data into {@code dir},
 * on one fixed pool of {@code threads} threads: the workbook and the CSV tables are the first tasks, then
 * one task per chart in plan order (each chart built once and drawn to PNG and SVG), while this thread
 * waits for the charts and then writes report.html from the SVG documents the chart tasks kept for it.
 * Every file's content depends only on the data, never on which thread wrote it or when.
 */
final class Outputs {

    private Outputs() {
    }

    static void write(ReportData data, Path dir, Set<String> formats, int threads, OutputFolder folder) {
        long t0 = System.nanoTime();
        boolean csv = formats.contains("csv");
        boolean xlsx = formats.contains("xlsx");
        boolean png = formats.contains("png");
        boolean svg = formats.contains("svg");
        boolean html = formats.contains("html");
        ChartPlan plan = png || svg || html ? ChartRenderer.fullPlan(data) : null;
        if (png) {
            List<String> undrawable = ChartRenderer.undrawableNames(data);
            if (!undrawable.isEmpty()) {
                org.jsna.console.Log.warnOnce(undrawable.size() + (undrawable.size() == 1 ? " name has" : " names have")
                        + " characters the chart font (DejaVu Sans) cannot draw, e.g. '" + undrawable.get(0)
                        + "': the PNG charts show them as boxes; the SVG charts and report.html show them in the "
                        + "reader's fonts");
            }
        }
        Set<String> embedded = html ? HtmlReport.embeddedCharts(data, plan) : Set.of();
        Path chartsDir = dir.resolve("charts");
        if (png || svg) {
            ChartRenderer.createFolder(chartsDir);
        }
        ExecutorService pool = ChartRenderer.pool(threads);
        try {
            List<Future<?>> tables = new ArrayList<>();
            if (xlsx) { // the longest single task: first, so that it runs beside the charts
                tables.add(pool.submit(() -> {
                    folder.checkNotStopped();
                    long t = System.nanoTime();
                    XlsxWriter.write(data, dir.resolve("jsna.xlsx"));
                    lap(t, "wrote jsna.xlsx");
                    return null;
                }));
            }
            if (csv) {
                tables.add(pool.submit(() -> {
                    folder.checkNotStopped();
                    try {
                        CsvTables.writeIndicators(data.indicators(), dir.resolve("indicators.csv"));
                        CsvTables.writeInequalities(data.inequalities(), dir.resolve("inequalities.csv"));
                        CsvTables.writeDataQuality(data.dataQuality(), dir.resolve("data-quality.csv"));
                    } catch (IOException e) {
                        throw JsnaException.io(folder.target() + ": writing the tables: " + e.getMessage(), e);
                    }
                    return null;
                }));
            }
            Map<String, String> svgs = new ConcurrentHashMap<>();
            List<Future<ChartRenderer.Drawn>> charts = new ArrayList<>();
            long tc = System.nanoTime();
            if (plan != null) {
                for (Map.Entry<String, ChartSpec> e : plan.charts().entrySet()) {
                    String name = e.getKey();
                    ChartSpec spec = e.getValue();
                    boolean keep = embedded.contains(name);
                    if (!png && !svg && !keep) {
                        continue;
                    }
                    charts.add(pool.submit(() -> {
                        folder.checkNotStopped();
                        ChartRenderer.Drawn d = ChartRenderer.draw(spec, name, chartsDir, png, svg, keep);
                        if (keep) {
                            svgs.put(name, d.svg());
                        }
                        return d;
                    }));
                }
            }
            int files = 0;
            List<ChartRenderer.Cost> costs = new ArrayList<>();
            for (Future<ChartRenderer.Drawn> f : charts) {
                ChartRenderer.Drawn d = ChartRenderer.result(f);
                files += d.files().size();
                costs.add(d.cost());
            }
            if (!charts.isEmpty()) {
                lap(tc, "drew " + charts.size() + " charts (" + files + " files)");
                Log.detail(costs(costs));
            }
            folder.checkNotStopped();
            if (html) {
                long t = System.nanoTime();
                HtmlReport.write(data, plan, svgs, dir.resolve("report.html"));
                lap(t, "wrote report.html");
            }
            for (Future<?> f : tables) {
                ChartRenderer.result(f);
            }
        } finally {
            pool.shutdownNow();
        }
        folder.checkNotStopped();
        lap(t0, "wrote the outputs");
    }

    /** Where the charts' CPU time went, e.g. "chart CPU time 5.1 s: building 1.6 s (funnel 1.2 s, ...), ...". */
    static String costs(List<ChartRenderer.Cost> costs) {
        Map<String, Long> build = new java.util.TreeMap<>();
        long b = 0;
        long draw = 0;
        long encode = 0;
        long svg = 0;
        for (ChartRenderer.Cost c : costs) {
            build.merge(c.kind(), c.build(), Long::sum);
            b += c.build();
            draw += c.pngDraw();
            encode += c.pngEncode();
            svg += c.svg();
        }
        List<Map.Entry<String, Long>> kinds = new ArrayList<>(build.entrySet());
        kinds.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Long> e : kinds) {
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(seconds(e.getValue()));
        }
        return "chart CPU time " + seconds(b + draw + encode + svg) + ": building " + seconds(b) + " (" + s
                + "), drawing PNG " + seconds(draw) + ", encoding PNG " + seconds(encode) + ", SVG " + seconds(svg);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static void lap(long t0, String what) {
        Log.detail(String.format(java.util.Locale.ROOT, "%s in %.1f s", what, (System.nanoTime() - t0) / 1e9));
    }
}
