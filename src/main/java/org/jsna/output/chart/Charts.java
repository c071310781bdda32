package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.ReportData;
import org.jsna.stats.FunnelModel;

/**
 * Builds each kind of chart from a {@link Rows} view. Every method makes a new, unshared
 * {@link JFreeChart} (JFreeChart is not thread-safe); no global theme is touched.
 */
final class Charts {

    static final String DECILE = "deprivation_decile";
    static final String SOURCE_ID = "referral_source_pct";
    static final String SOURCE_TYPE = "referral_source";

    private Charts() {
    }

    // ---------------------------------------------------------------- common styling

    static DecimalFormat numberFormat(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        axis.setNumberFormatOverride(numberFormat("#,##0.###"));
        styleAxis(axis);
        return axis;
    }

    static void styleAxis(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(Fonts.plain(12));
        axis.setTickLabelFont(Fonts.plain(11));
        axis.setLabelPaint(Color.DARK_GRAY);
        axis.setTickLabelPaint(Color.DARK_GRAY);
    }

    static CategoryAxis categoryAxis(String label) {
        CategoryAxis axis = new CategoryAxis(label);
        styleAxis(axis);
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        axis.setMaximumCategoryLabelLines(2);
        return axis;
    }

    static void stylePlot(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot) {
            CategoryPlot p = (CategoryPlot) plot;
            p.setRangeGridlinePaint(Palette.GRID);
            p.setRangeGridlineStroke(new BasicStroke(0.8f));
            p.setDomainGridlinesVisible(false);
        } else if (plot instanceof XYPlot) {
            XYPlot p = (XYPlot) plot;
            p.setRangeGridlinePaint(Palette.GRID);
            p.setDomainGridlinePaint(Palette.GRID);
            p.setRangeGridlineStroke(new BasicStroke(0.8f));
            p.setDomainGridlineStroke(new BasicStroke(0.8f));
        }
    }

    /** Title (what), subtitle (where and when), footnote (source, method, suppression), legend. */
    static JFreeChart finish(Plot plot, String title, String subtitle, String footnote, LegendItemCollection legend) {
        stylePlot(plot);
        JFreeChart chart = new JFreeChart(title, Fonts.bold(16), plot, legend != null);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        // fractional glyph advances: the SVG text then measures the same in a browser as here
        chart.getRenderingHints().put(java.awt.RenderingHints.KEY_FRACTIONALMETRICS,
                java.awt.RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        chart.setPadding(new RectangleInsets(8, 10, 6, 24));
        chart.getTitle().setPaint(new Color(0x1a, 0x1a, 0x1a));
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getTitle().setMaximumLinesToDisplay(2);
        LegendTitle lt = chart.getLegend();
        if (lt != null) {
            chart.removeLegend();
        }
        TextTitle sub = new TextTitle(subtitle, Fonts.plain(12));
        sub.setPaint(new Color(0x44, 0x44, 0x44));
        sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
        sub.setTextAlignment(HorizontalAlignment.LEFT);
        sub.setPadding(new RectangleInsets(2, 0, 6, 0));
        chart.addSubtitle(sub);
        TextTitle foot = new TextTitle(footnote, Fonts.plain(10));
        foot.setPosition(RectangleEdge.BOTTOM);
        foot.setPaint(new Color(0x55, 0x55, 0x55));
        foot.setHorizontalAlignment(HorizontalAlignment.LEFT);
        foot.setTextAlignment(HorizontalAlignment.LEFT);
        foot.setMaximumLinesToDisplay(4);
        foot.setPadding(new RectangleInsets(6, 0, 0, 0));
        chart.addSubtitle(foot);
        if (lt != null) {
            if (plot instanceof CategoryPlot) {
                ((CategoryPlot) plot).setFixedLegendItems(legend);
            } else if (plot instanceof XYPlot) {
                ((XYPlot) plot).setFixedLegendItems(legend);
            }
            lt.setItemFont(Fonts.plain(11));
            lt.setFrame(BlockBorder.NONE);
            lt.setPosition(RectangleEdge.BOTTOM);
            lt.setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.addSubtitle(lt);
        }
        return chart;
    }

    static LegendItem box(String label, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, new Rectangle(0, 0, 12, 12), paint);
        item.setLabelFont(Fonts.plain(11));
        return item;
    }

    static LegendItem line(String label, Paint paint, BasicStroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, false, new Rectangle(0, 0, 1, 1), false,
                paint, false, paint, stroke, true, new Line2D.Double(-9, 0, 9, 0), stroke, paint);
        item.setLabelFont(Fonts.plain(11));
        return item;
    }

    static LegendItem dot(String label, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, new Ellipse2D.Double(-5, -5, 10, 10), paint);
        item.setLabelFont(Fonts.plain(11));
        return item;
    }

    static void comparisonLegend(LegendItemCollection legend) {
        legend.add(box("Higher than the area (95% CI)", Palette.HIGHER));
        legend.add(box("Similar to the area", Palette.SIMILAR));
        legend.add(box("Lower than the area (95% CI)", Palette.LOWER));
        legend.add(box("Not compared", Palette.NOT_COMPARED));
    }

    static String method(List<IndicatorRow> rows) {
        for (IndicatorRow r : rows) {
            if (r != null && r.method != null && !r.method.isEmpty()) {
                return r.method;
            }
        }
        return "";
    }

    static final BasicStroke AREA_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);

    /** The localities of the report plus {@code Unknown} when it has a row. */
    static List<String> localitiesWithUnknown(Rows rows, String id, String period, String group) {
        List<String> locs = new ArrayList<>(rows.data().localities());
        if (rows.get(id, period, group, "Unknown") != null) {
            locs.add("Unknown");
        }
        return locs;
    }

    static String rowLabel(String locality, IndicatorRow r) {
        if (Rows.isSuppressed(r)) {
            return locality + "  (suppressed)";
        }
        if (!Rows.shown(r) && "Unknown".equals(locality)) {
            return "Unknown area  (no population)";
        }
        if (!Rows.shown(r)) {
            return locality + "  (not available)";
        }
        return locality + "  " + Text.num(r.value);
    }

    // ---------------------------------------------------------------- localities

    static JFreeChart localities(Rows rows, String id, String period, String group) {
        List<String> locs = localitiesWithUnknown(rows, id, period, group);
        IndicatorRow area = rows.get(id, period, group, "All");
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        double[] lo = new double[locs.size()];
        double[] hi = new double[locs.size()];
        Paint[] paints = new Paint[locs.size()];
        List<IndicatorRow> used = new ArrayList<>();
        boolean anySuppressed = false;
        double max = 0;
        double min = 0;
        for (int i = 0; i < locs.size(); i++) {
            IndicatorRow r = rows.get(id, period, group, locs.get(i));
            used.add(r);
            anySuppressed |= Rows.isSuppressed(r);
            boolean shown = Rows.shown(r);
            ds.addValue(shown ? (Number) r.value : null, "value", rowLabel(locs.get(i), r));
            lo[i] = shown ? r.lower95 : Double.NaN;
            hi[i] = shown ? r.upper95 : Double.NaN;
            paints[i] = Palette.comparison(shown ? r.comparedToArea95 : null);
            for (double v : new double[] {shown ? r.value : Double.NaN, lo[i], hi[i]}) {
                if (Rows.has(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        if (Rows.shown(area)) {
            max = Math.max(max, area.value);
        }
        CiBarRenderer renderer = new CiBarRenderer(lo, hi, paints);
        NumberAxis axis = valueAxis(Text.axisLabel(rows.unit(id)));
        axis.setRange(min, max <= min ? min + 1 : max * 1.06);
        CategoryPlot plot = new CategoryPlot(ds, categoryAxis(null), axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LegendItemCollection legend = new LegendItemCollection();
        comparisonLegend(legend);
        if (Rows.shown(area)) {
            ValueMarker m = new ValueMarker(area.value, Palette.AREA, AREA_STROKE);
            m.setLabel("Area " + Text.num(area.value));
            m.setLabelFont(Fonts.bold(11));
            m.setLabelPaint(Palette.AREA);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m, org.jfree.chart.ui.Layer.FOREGROUND);
            legend.add(line("Whole area (All)", Palette.AREA, AREA_STROKE));
        }
        legend.add(line("95% confidence interval", Color.BLACK, new BasicStroke(1.2f)));
        used.add(area);
        String title = rows.name(id) + ", by locality";
        String sub = rows.groupLabel(group) + ", " + period + ". Bars: locality value with its 95% confidence "
                + "interval; dashed line: the whole area.";
        return finish(plot, title, sub, Text.footnote(rows.data(), method(used), anySuppressed), legend);
    }

    // ---------------------------------------------------------------- deprivation gradient

    static JFreeChart deprivation(Rows rows, String id, String period, String group) {
        YIntervalSeries points = new YIntervalSeries("Rate with 95% CI");
        double[] pop = new double[11];
        boolean allPop = true;
        boolean anySuppressed = false;
        List<IndicatorRow> used = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            IndicatorRow r = rows.get(id, period, group, "All", DECILE, Integer.toString(d));
            used.add(r);
            anySuppressed |= Rows.isSuppressed(r);
            if (r != null && Rows.has(r.denominator) && r.denominator > 0) {
                pop[d] = r.denominator;
            } else {
                allPop = false;
            }
            if (Rows.shown(r)) {
                points.add(d, r.value, Rows.has(r.lower95) ? r.lower95 : r.value,
                        Rows.has(r.upper95) ? r.upper95 : r.value);
            } else {
                gaps.add(Integer.toString(d));
            }
        }
        YIntervalSeriesCollection pc = new YIntervalSeriesCollection();
        pc.addSeries(points);
        NumberAxis x = new NumberAxis("Deprivation decile of residents' area (1 = most deprived 10% in England)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        x.setRange(0.5, 10.5);
        styleAxis(x);
        NumberAxis y = valueAxis(Text.axisLabel(rows.unit(id)));
        y.setAutoRangeIncludesZero(true);
        YIntervalRenderer ir = new YIntervalRenderer();
        ir.setSeriesPaint(0, Palette.LOWER);
        ir.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        ir.setSeriesStroke(0, new BasicStroke(1.5f));
        ir.setSeriesShape(0, new Rectangle2D.Double(-5, -1, 10, 2));
        XYPlot plot = new XYPlot(pc, x, y, ir);
        XYSeries centres = new XYSeries("Rate");
        for (int i = 0; i < points.getItemCount(); i++) {
            centres.add(points.getX(i), points.getYValue(i));
        }
        XYLineAndShapeRenderer cr = new XYLineAndShapeRenderer(false, true);
        cr.setSeriesPaint(0, Palette.LOWER);
        cr.setSeriesShape(0, new Ellipse2D.Double(-5.5, -5.5, 11, 11));
        plot.setDataset(2, new XYSeriesCollection(centres));
        plot.setRenderer(2, cr);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(dot("Decile rate with 95% CI", Palette.LOWER));

        InequalityRow ineq = rows.inequality(id, period, group);
        String caption;
        if (ineq != null && Rows.has(ineq.sii)) {
            double a0 = Double.NaN;
            if (Rows.has(ineq.rii) && Math.abs(ineq.rii - 1) > 1e-12) {
                a0 = ineq.sii / (ineq.rii - 1); // RII = (a + SII) / a with a the fitted value at rank 0
            } else if (Rows.has(ineq.intercept)) {
                a0 = ineq.intercept;
            }
            if (Rows.has(a0)) {
                double total = 0;
                for (int d = 1; d <= 10; d++) {
                    total += pop[d];
                }
                XYSeries fit = new XYSeries("Fitted line (SII)");
                double cum = 0;
                for (int d = 1; d <= 10; d++) {
                    double rank = allPop && total > 0 ? (cum + pop[d] / 2) / total : (d - 0.5) / 10;
                    cum += pop[d];
                    fit.add(d, a0 + ineq.sii * rank);
                }
                XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(true, false);
                fr.setSeriesPaint(0, Palette.HIGHER);
                fr.setSeriesStroke(0, new BasicStroke(2.2f));
                plot.setDataset(1, new XYSeriesCollection(fit));
                plot.setRenderer(1, fr);
                plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
                legend.add(line("Fitted line: slope index of inequality", Palette.HIGHER, new BasicStroke(2.2f)));
            }
            caption = "SII " + Text.num(ineq.sii) + " " + rows.unit(id) + " (95% CI " + Text.num(ineq.siiLower95)
                    + " to " + Text.num(ineq.siiUpper95) + "); RII " + Text.num(ineq.rii) + " ("
                    + Text.num(ineq.riiLower95) + " to " + Text.num(ineq.riiUpper95) + "). "
                    + (ineq.sii < 0 ? "Negative SII: more demand in more deprived areas."
                            : "Positive SII: more demand in less deprived areas.");
        } else {
            caption = "Slope index of inequality not calculated"
                    + (ineq != null && !ineq.valueNote.isEmpty() ? ": " + ineq.valueNote : "") + ".";
        }
        IndicatorRow area = rows.get(id, period, group, "All");
        if (Rows.shown(area)) {
            ValueMarker m = new ValueMarker(area.value, Palette.AREA, AREA_STROKE);
            plot.addRangeMarker(m);
            legend.add(line("Whole area " + Text.num(area.value), Palette.AREA, AREA_STROKE));
        }
        String title = rows.name(id) + ", by deprivation decile";
        String sub = rows.groupLabel(group) + ", " + period + ", whole area. " + caption;
        String foot = Text.footnote(rows.data(), method(used) + "; SII/RII by simulation (PHEindicatormethods)",
                anySuppressed) + (gaps.isEmpty() ? "" : " Deciles without a value: " + String.join(", ", gaps) + ".");
        return finish(plot, title, sub, foot, legend);
    }

    /**
     * Tick labels without a sign: the pyramid draws men as negative values to put them on the left.
     * (DecimalFormat cannot do this with a pattern: a negative subpattern equal to the positive one is
     * ignored and the minus comes back.)
     */
    static final class AbsoluteFormat extends java.text.NumberFormat {
        private final java.text.NumberFormat inner;

        AbsoluteFormat(java.text.NumberFormat inner) {
            this.inner = inner;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            return inner.format(Math.abs(number), toAppendTo, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, java.text.FieldPosition pos) {
            return inner.format(Math.abs(number), toAppendTo, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition parsePosition) {
            return inner.parse(source, parsePosition);
        }
    }

    // ---------------------------------------------------------------- population pyramid

    /** Population by band and sex for a locality ({@code All} sums the localities when no All cells exist). */
    static Map<String, double[]> pyramidData(ReportData data, String locality, int year) {
        Map<String, double[]> bands = new TreeMap<>((a, b) -> Integer.compare(bandStart(a), bandStart(b)));
        boolean hasAll = false;
        for (PopulationCell c : data.population()) {
            if (c.year() == year && "All".equals(c.locality())) {
                hasAll = true;
                break;
            }
        }
        for (PopulationCell c : data.population()) {
            if (c.year() != year) {
                continue;
            }
            boolean take = locality.equals(c.locality()) || ("All".equals(locality) && !hasAll
                    && !"All".equals(c.locality()));
            if (take) {
                double[] v = bands.computeIfAbsent(c.ageBand(), k -> new double[2]);
                v[c.sex() == 'M' || c.sex() == 'm' ? 0 : 1] += c.population();
            }
        }
        return bands;
    }

    static int bandStart(String band) {
        int i = 0;
        while (i < band.length() && Character.isDigit(band.charAt(i))) {
            i++;
        }
        return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(band.substring(0, i));
    }

    static JFreeChart pyramid(ReportData data, String locality, int year) {
        Map<String, double[]> bands = pyramidData(data, locality, year);
        double total = 0;
        for (double[] v : bands.values()) {
            total += v[0] + v[1];
        }
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<String> order = new ArrayList<>(bands.keySet());
        java.util.Collections.reverse(order); // oldest at the top
        double max = 0;
        for (String band : order) {
            double[] v = bands.get(band);
            double m = total > 0 ? 100 * v[0] / total : 0;
            double f = total > 0 ? 100 * v[1] / total : 0;
            max = Math.max(max, Math.max(m, f));
            ds.addValue(-m, "Male", band);
            ds.addValue(f, "Female", band);
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0);
        r.setSeriesPaint(0, Palette.LOWER);
        r.setSeriesPaint(1, Palette.HIGHER);
        NumberAxis axis = valueAxis("Per cent of the population (%), men left, women right");
        axis.setNumberFormatOverride(new AbsoluteFormat(numberFormat("0.#")));
        double lim = Math.max(1, Math.ceil(max * 1.1));
        axis.setRange(-lim, lim);
        CategoryAxis cat = categoryAxis("Age (years)");
        cat.setCategoryMargin(0.08);
        CategoryPlot plot = new CategoryPlot(ds, cat, axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(box("Male", Palette.LOWER));
        legend.add(box("Female", Palette.HIGHER));
        String where = "All".equals(locality) ? "whole area" : locality;
        String title = "Resident population by age and sex, " + where;
        String sub = "Mid-" + year + " population estimate; " + Text.count(total) + " residents.";
        String foot = "Source: resident population estimates supplied to jsna " + Text.version(data)
                + ". Method: share of the " + ("All".equals(locality) ? "area's" : "locality's")
                + " total population in each 5-year age band. Population counts are not disclosive.";
        return finish(plot, title, sub, foot, legend);
    }

    // ---------------------------------------------------------------- referral sources

    static JFreeChart sources(Rows rows, String period, String group) {
        List<String> cats = rows.categories(SOURCE_ID, SOURCE_TYPE);
        List<String> locs = localitiesWithUnknown(rows, SOURCE_ID, period, group);
        // Unknown's presence is checked on category rows
        locs.remove("Unknown");
        if (!cats.isEmpty() && rows.get(SOURCE_ID, period, group, "Unknown", SOURCE_TYPE, cats.get(0)) != null) {
            locs.add("Unknown");
        }
        locs.add("All");
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        boolean anySuppressed = false;
        List<IndicatorRow> used = new ArrayList<>();
        String supKey = "Suppressed (small numbers)";
        for (String loc : locs) {
            double sum = 0;
            boolean sup = false;
            boolean any = false;
            String label = "All".equals(loc) ? "Whole area" : loc;
            for (String c : cats) {
                IndicatorRow r = rows.get(SOURCE_ID, period, group, loc, SOURCE_TYPE, c);
                used.add(r);
                if (Rows.shown(r)) {
                    ds.addValue(r.value, Text.label(c), label);
                    sum += r.value;
                    any = true;
                } else {
                    ds.addValue(null, Text.label(c), label);
                    sup |= Rows.isSuppressed(r);
                }
            }
            anySuppressed |= sup;
            ds.addValue(sup ? (Number) Math.max(0, 100 - sum) : (any ? (Number) 0.0 : null), supKey, label);
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.09);
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < cats.size(); i++) {
            r.setSeriesPaint(i, Palette.series(i));
            legend.add(box(Text.label(cats.get(i)), Palette.series(i)));
        }
        r.setSeriesPaint(cats.size(), Palette.SUPPRESSED);
        if (anySuppressed) {
            legend.add(box(supKey, Palette.SUPPRESSED));
        }
        NumberAxis axis = valueAxis("Per cent of referrals with a known source (%)");
        axis.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(ds, categoryAxis(null), axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        String title = "Where referrals came from, by locality";
        String sub = rows.groupLabel(group) + ", " + period + ". Each bar is 100% of the locality's referrals with a "
                + "known source.";
        String foot = Text.footnote(rows.data(), "share of referrals with a known source", anySuppressed)
                + (anySuppressed ? " A grey segment holds the suppressed sources together." : "");
        return finish(plot, title, sub, foot, legend);
    }

    // ---------------------------------------------------------------- funnel plot

    static double multiplier(String unit) {
        switch (unit) {
            case "per 100,000":
                return 100_000;
            case "per 1,000":
                return 1_000;
            default:
                return 1;
        }
    }

    /**
     * Control limits {lower95, upper95, lower99.8, upper99.8} for a crude rate at population
     * {@code n} around the area rate {@code areaRate} (events per person), on the multiplier's
     * scale: the exact Poisson funnel of {@link FunnelModel} (the reference package's method, the
     * same as {@code jsna calc funnel}).
     */
    static double[] funnelLimits(double areaRate, double n, double multiplier) {
        FunnelModel.Band b = FunnelModel.crudeRate(new double[] {areaRate * 1e6}, new double[] {1e6}, multiplier)
                .limitsAt(n);
        return new double[] {b.lower95(), b.upper95(), b.lower998(), b.upper998()};
    }

    static JFreeChart funnel(Rows rows, String id, String period, String group) {
        double mult = multiplier(rows.unit(id));
        IndicatorRow area = rows.get(id, period, group, "All");
        XYSeriesCollection pts = new XYSeriesCollection();
        XYSeries s = new XYSeries("Localities", false, true);
        List<String> names = new ArrayList<>();
        List<Paint> paints = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        boolean anySuppressed = false;
        double maxN = 0;
        double maxY = 0;
        double areaRate = area != null && Rows.has(area.count) && Rows.has(area.denominator) && area.denominator > 0
                ? area.count / area.denominator : Double.NaN;
        List<IndicatorRow> used = new ArrayList<>();
        used.add(area);
        for (String loc : rows.data().localities()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            used.add(r);
            anySuppressed |= Rows.isSuppressed(r);
            if (!Rows.shown(r) || !Rows.has(r.denominator) || r.denominator <= 0) {
                gaps.add(loc);
                continue;
            }
            s.add(r.denominator, r.value);
            names.add(loc);
            Paint p = Palette.SIMILAR;
            if (Rows.has(areaRate)) {
                double[] lim = funnelLimits(areaRate, r.denominator, mult);
                p = r.value > lim[1] ? Palette.HIGHER : r.value < lim[0] ? Palette.LOWER : Palette.SIMILAR;
            }
            paints.add(p);
            maxN = Math.max(maxN, r.denominator);
            maxY = Math.max(maxY, r.value);
        }
        pts.addSeries(s);
        NumberAxis x = valueAxis("Population of the client group's age range (denominator)");
        x.setNumberFormatOverride(numberFormat("#,##0"));
        NumberAxis y = valueAxis(Text.axisLabel(rows.unit(id)));
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.size() ? paints.get(column) : Palette.SIMILAR;
            }
        };
        pr.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        pr.setUseOutlinePaint(true);
        pr.setSeriesOutlinePaint(0, Color.BLACK);
        pr.setDrawOutlines(true);
        pr.setDefaultItemLabelGenerator((dataset, series, item) -> item < names.size() ? names.get(item) : "");
        pr.setDefaultItemLabelsVisible(true);
        pr.setDefaultItemLabelFont(Fonts.plain(11));
        pr.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        XYPlot plot = new XYPlot(pts, x, y, pr);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(dot("Outside 95% limits, high", Palette.HIGHER));
        legend.add(dot("Within 95% limits", Palette.SIMILAR));
        legend.add(dot("Outside 95% limits, low", Palette.LOWER));
        if (Rows.has(areaRate) && maxN > 0) {
            double xMax = maxN * 1.25;
            XYSeriesCollection lims = new XYSeriesCollection();
            String[] keys = {"lower 95%", "upper 95%", "lower 99.8%", "upper 99.8%"};
            XYSeries[] ls = new XYSeries[4];
            for (int k = 0; k < 4; k++) {
                ls[k] = new XYSeries(keys[k]);
            }
            XYSeries avg = new XYSeries("area");
            for (int i = 0; i <= 100; i++) {
                double n = xMax * (0.04 + 0.96 * i / 100.0);
                double[] lim = funnelLimits(areaRate, n, mult);
                for (int k = 0; k < 4; k++) {
                    ls[k].add(n, lim[k]);
                }
                avg.add(n, areaRate * mult);
                maxY = Math.max(maxY, Math.min(lim[3], areaRate * mult * 3));
            }
            for (int k = 0; k < 4; k++) {
                lims.addSeries(ls[k]);
            }
            lims.addSeries(avg);
            XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
            BasicStroke s95 = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f);
            BasicStroke s998 = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f);
            for (int k = 0; k < 4; k++) {
                lr.setSeriesPaint(k, k < 2 ? Palette.LIMIT95 : Palette.LIMIT998);
                lr.setSeriesStroke(k, k < 2 ? s95 : s998);
            }
            lr.setSeriesPaint(4, Palette.AREA);
            lr.setSeriesStroke(4, new BasicStroke(1.8f));
            plot.setDataset(1, lims);
            plot.setRenderer(1, lr);
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
            x.setRange(0, xMax);
            y.setRange(0, maxY * 1.1);
            legend.add(line("Area average " + Text.num(areaRate * mult), Palette.AREA, new BasicStroke(1.8f)));
            legend.add(line("95% limits", Palette.LIMIT95, s95));
            legend.add(line("99.8% limits", Palette.LIMIT998, s998));
        }
        String title = rows.name(id) + ": funnel plot of localities";
        String sub = rows.groupLabel(group) + ", " + period + ". Crude rate against population; points outside the "
                + "funnel differ from the area average by more than chance.";
        String foot = Text.footnote(rows.data(), "exact Poisson control limits around the whole area's crude rate",
                anySuppressed) + (gaps.isEmpty() ? "" : " Not plotted: " + String.join(", ", gaps) + ".");
        return finish(plot, title, sub, foot, legend);
    }

    // ---------------------------------------------------------------- trend

    static JFreeChart trend(Rows rows, String id, String group) {
        List<String> periods = rows.data().periods();
        List<String> locs = new ArrayList<>(rows.data().localities());
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        boolean anySuppressed = false;
        List<IndicatorRow> used = new ArrayList<>();
        LegendItemCollection legend = new LegendItemCollection();
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        int series = 0;
        for (String loc : locs) {
            for (String p : periods) {
                IndicatorRow row = rows.get(id, p, group, loc);
                used.add(row);
                anySuppressed |= Rows.isSuppressed(row);
                ds.addValue(Rows.shown(row) ? (Number) row.value : null, loc, p);
            }
            r.setSeriesPaint(series, Palette.series(series));
            r.setSeriesStroke(series, Palette.seriesStroke(series));
            r.setSeriesShape(series, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            legend.add(line(loc, Palette.series(series), (BasicStroke) Palette.seriesStroke(series)));
            series++;
        }
        for (String p : periods) {
            IndicatorRow row = rows.get(id, p, group, "All");
            used.add(row);
            ds.addValue(Rows.shown(row) ? (Number) row.value : null, "Whole area", p);
        }
        BasicStroke areaStroke = new BasicStroke(3.2f);
        r.setSeriesPaint(series, Palette.AREA);
        r.setSeriesStroke(series, areaStroke);
        r.setSeriesShape(series, new Rectangle2D.Double(-4, -4, 8, 8));
        legend.add(line("Whole area", Palette.AREA, areaStroke));
        NumberAxis axis = valueAxis(Text.axisLabel(rows.unit(id)));
        axis.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(ds, categoryAxis(periodAxisLabel(periods)), axis, r);
        String when = periods.isEmpty() ? "" : periods.size() == 1 ? periods.get(0)
                : periods.get(0) + " to " + periods.get(periods.size() - 1);
        String title = rows.name(id) + ": trend by locality";
        String sub = rows.groupLabel(group) + ", " + when + ". Thick line: the whole area.";
        return finish(plot, title, sub, Text.footnote(rows.data(), method(used), anySuppressed)
                + (anySuppressed ? " A break in a line is a suppressed value." : ""), legend);
    }

    static String periodAxisLabel(List<String> periods) {
        return !periods.isEmpty() && periods.get(0).contains("/") ? "Financial year (April to March)"
                : "Calendar year";
    }

    // ---------------------------------------------------------------- spine chart

    static JFreeChart spine(Rows rows, String locality, String period, String group) {
        List<String> ids = rows.plainIndicatorIds();
        List<String> labels = new ArrayList<>();
        List<Number> starts = new ArrayList<>();
        List<Number> ends = new ArrayList<>();
        DefaultCategoryDataset pts = new DefaultCategoryDataset();
        List<Paint> paints = new ArrayList<>();
        boolean anySuppressed = false;
        for (String id : ids) {
            IndicatorRow area = rows.get(id, period, group, "All");
            IndicatorRow mine = rows.get(id, period, group, locality);
            if (mine == null) {
                continue;
            }
            anySuppressed |= Rows.isSuppressed(mine);
            double min = Double.NaN;
            double max = Double.NaN;
            for (String loc : rows.data().localities()) {
                IndicatorRow r = rows.get(id, period, group, loc);
                if (Rows.shown(r)) {
                    min = Rows.has(min) ? Math.min(min, r.value) : r.value;
                    max = Rows.has(max) ? Math.max(max, r.value) : r.value;
                }
            }
            String label = Text.shortName(id, rows.name(id)) + ": "
                    + (Rows.shown(mine) ? Text.num(mine.value) : Rows.isSuppressed(mine) ? "suppressed" : "n/a")
                    + " (area " + (Rows.shown(area) ? Text.num(area.value) : "n/a") + ")";
            labels.add(label);
            double a = Rows.shown(area) ? area.value : Double.NaN;
            double span = Rows.has(a) && Rows.has(min) ? Math.max(Math.abs(min - a), Math.abs(max - a)) : Double.NaN;
            boolean scalable = Rows.has(span) && span > 0;
            starts.add(scalable ? (min - a) / span : 0);
            ends.add(scalable ? (max - a) / span : 0);
            pts.addValue(scalable && Rows.shown(mine) ? (Number) ((mine.value - a) / span)
                    : Rows.shown(mine) && Rows.has(a) ? (Number) 0.0 : null, "locality", label);
            paints.add(Palette.comparison(Rows.shown(mine) ? mine.comparedToArea95 : null));
        }
        Number[][] s = {starts.toArray(new Number[0])};
        Number[][] e = {ends.toArray(new Number[0])};
        DefaultIntervalCategoryDataset range = new DefaultIntervalCategoryDataset(
                new Comparable[] {"range"}, labels.toArray(new Comparable[0]), s, e);
        IntervalBarRenderer rr = new IntervalBarRenderer();
        rr.setBarPainter(new StandardBarPainter());
        rr.setShadowVisible(false);
        rr.setSeriesPaint(0, new Color(0xCF, 0xDD, 0xEA));
        rr.setMaximumBarWidth(0.6);
        NumberAxis axis = valueAxis("Locality value relative to the area (centre line); bar = range of localities");
        axis.setRange(-1.12, 1.12);
        axis.setTickLabelsVisible(false);
        CategoryAxis cat = categoryAxis(null);
        cat.setMaximumCategoryLabelWidthRatio(0.5f);
        cat.setMaximumCategoryLabelLines(1);
        CategoryPlot plot = new CategoryPlot(range, cat, axis, rr);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LineAndShapeRenderer pr = new LineAndShapeRenderer(false, true) {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.size() ? paints.get(column) : Palette.NOT_COMPARED;
            }
        };
        Shape diamond = new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4);
        pr.setSeriesShape(0, diamond);
        pr.setUseOutlinePaint(true);
        pr.setSeriesOutlinePaint(0, Color.BLACK);
        pr.setDrawOutlines(true);
        plot.setDataset(1, pts);
        plot.setRenderer(1, pr);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.addRangeMarker(new ValueMarker(0, Palette.AREA, new BasicStroke(2f)),
                org.jfree.chart.ui.Layer.FOREGROUND);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(box("Range of localities", new Color(0xCF, 0xDD, 0xEA)));
        legend.add(line("Whole area", Palette.AREA, new BasicStroke(2f)));
        legend.add(box("Higher than the area (95% CI)", Palette.HIGHER));
        legend.add(box("Similar", Palette.SIMILAR));
        legend.add(box("Lower than the area (95% CI)", Palette.LOWER));
        legend.add(box("Not compared", Palette.NOT_COMPARED));
        String title = "Spine chart: " + locality + " compared with the area";
        String sub = rows.groupLabel(group) + ", " + period + ". Each row is scaled so the area sits in the centre "
                + "and the locality furthest from it reaches the edge.";
        return finish(plot, title, sub, Text.footnote(rows.data(), "values and 95% CIs as in indicators.csv",
                anySuppressed), legend);
    }

}
