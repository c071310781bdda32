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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
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
 * Builds each kind of chart from a {@link ReportTables} view. Every method makes a new, unshared
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
        NumberAxis axis = new TickWidthAxis(label);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        axis.setNumberFormatOverride(numberFormat("#,##0.###"));
        styleAxis(axis);
        return axis;
    }

    /**
     * A number axis that measures its tick labels as they will be written. JFreeChart estimates a label's width
     * from the axis's two ends only, in the format given: across 0 to 1 that is "0" and "1", so it chose ticks
     * 0.02 apart whose labels ("0.02", "0.04", ...) ran into each other (a chart of costs that were all zero).
     * The ticks nearest the ends are measured too.
     */
    static final class TickWidthAxis extends NumberAxis {
        private static final long serialVersionUID = 1L;

        TickWidthAxis(String label) {
            super(label);
        }

        @Override
        protected double estimateMaximumTickLabelWidth(java.awt.Graphics2D g2, org.jfree.chart.axis.TickUnit unit) {
            double width = super.estimateMaximumTickLabelWidth(g2, unit);
            java.text.NumberFormat format = getNumberFormatOverride();
            if (format == null || unit == null || isVerticalTickLabels() || !(unit.getSize() > 0)) {
                return width;
            }
            java.awt.FontMetrics fm = g2.getFontMetrics(getTickLabelFont());
            double size = unit.getSize();
            double lower = getRange().getLowerBound();
            double upper = getRange().getUpperBound();
            double first = Math.ceil(lower / size) * size;
            double last = Math.floor(upper / size) * size;
            double insets = getTickLabelInsets().getLeft() + getTickLabelInsets().getRight();
            for (double v : new double[] {first, first + size, first + 2 * size, last - size, last}) {
                if (v >= lower && v <= upper) {
                    width = Math.max(width, insets + fm.stringWidth(format.format(v)));
                }
            }
            return width;
        }
    }

    static void styleAxis(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(Fonts.plain(12));
        axis.setTickLabelFont(Fonts.plain(11));
        axis.setLabelPaint(Color.DARK_GRAY);
        axis.setTickLabelPaint(Color.DARK_GRAY);
    }

    /**
     * The axis of a chart's bars, one a category: its space before the first and after the last at most half a
     * bar's band (JFreeChart's 5% of the axis left 380 px empty at each end of a chart of 220 localities).
     */
    static CategoryAxis barAxis(int categories) {
        CategoryAxis axis = categoryAxis(null);
        double margin = Math.min(0.05, 0.5 / Math.max(1, categories));
        axis.setLowerMargin(margin);
        axis.setUpperMargin(margin);
        return axis;
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

    /**
     * A legend entry showing a comparison marker ({@link Palette#comparisonShape}) in its colour, outlined in
     * black as the charts draw it.
     */
    static LegendItem marked(String label, Paint paint, Shape shape) {
        LegendItem item = new LegendItem(label, null, null, null, true, shape, true, paint, true, Color.BLACK,
                new BasicStroke(1f), false, new Line2D.Double(-6, 0, 6, 0), new BasicStroke(1f), paint);
        item.setLabelFont(Fonts.plain(11));
        return item;
    }

    /**
     * Legend entries for the comparison colours that {@code used} holds, in a fixed order: each comparison with
     * its marker (triangle up, circle, triangle down), so the legend reads without colour as the bars do.
     */
    static void comparisonLegend(LegendItemCollection legend, Set<Color> used, boolean anyCi) {
        if (used.contains(Palette.HIGHER)) {
            legend.add(marked("Higher than the area (95% CI)", Palette.HIGHER, Palette.comparisonShape("higher")));
        }
        if (used.contains(Palette.SIMILAR)) {
            legend.add(marked("Similar to the area", Palette.SIMILAR, Palette.comparisonShape("similar")));
        }
        if (used.contains(Palette.LOWER)) {
            legend.add(marked("Lower than the area (95% CI)", Palette.LOWER, Palette.comparisonShape("lower")));
        }
        if (used.contains(Palette.NOT_COMPARED)) {
            legend.add(box("Not compared", Palette.NOT_COMPARED));
        }
        if (used.contains(Palette.NEUTRAL)) {
            legend.add(box(anyCi ? "Not compared" : "Value (no confidence interval: not compared with the area)",
                    Palette.NEUTRAL));
        }
    }

    static String method(List<IndicatorRow> rows) {
        for (IndicatorRow r : rows) {
            if (r != null && r.method != null && !r.method.isEmpty()) {
                return r.method;
            }
        }
        return "";
    }

    /** True when the row is shown and has a published 95% confidence interval. */
    static boolean hasCi(IndicatorRow r) {
        return ReportTables.shown(r) && ReportTables.has(r.lower95) && ReportTables.has(r.upper95);
    }

    /**
     * A category or series key that shows {@code label} but is unique by {@code index}, so two rows
     * with the same text (a locality called "Whole area", say) never merge into one bar or line.
     */
    record Key(int index, String label) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final BasicStroke AREA_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);

    /**
     * The localities of the report plus {@code Unknown} when records had an unknown area. indicators.csv
     * always has an Unknown row (count 0 when every record was placed), so its presence is decided from
     * the row: a value shown or suppressed, or a count above zero.
     */
    static List<String> localitiesWithUnknown(ReportTables rows, String id, String period, String group) {
        List<String> locs = new ArrayList<>(rows.data().localities());
        if (ReportTables.unknownPresent(rows.get(id, period, group, "Unknown"))) {
            locs.add("Unknown");
        }
        return locs;
    }

    static String rowLabel(String locality, IndicatorRow r) {
        if (ReportTables.isSuppressed(r)) {
            return Wording.fit(locality) + "  (suppressed)";
        }
        if (!ReportTables.shown(r) && "Unknown".equals(locality)) {
            return "Unknown area  (no population)";
        }
        if (!ReportTables.shown(r)) {
            return Wording.fit(locality) + "  (not available)";
        }
        return Wording.fit(locality) + "  " + Wording.num(r.value);
    }

    // ---------------------------------------------------------------- why a chart is not drawn

    /**
     * Why nothing can be drawn from these rows (none of them shown): every value suppressed, or the
     * first clause of the whole-area row's value_note (e.g. "no referrals with a known source").
     */
    static String nothingToShow(List<IndicatorRow> considered, IndicatorRow area) {
        boolean suppressed = false;
        for (IndicatorRow r : considered) {
            suppressed |= ReportTables.isSuppressed(r);
        }
        if (suppressed || ReportTables.isSuppressed(area)) {
            return "every value is suppressed (small numbers)";
        }
        if (area != null && !area.valueNote.isEmpty()) {
            return Wording.firstClause(area.valueNote);
        }
        return "no value to show";
    }

    /** Null when the locality chart has a value to draw; otherwise why not. */
    static String localitiesMissing(ReportTables rows, String id, String period, String group) {
        List<IndicatorRow> considered = new ArrayList<>();
        for (String loc : localitiesWithUnknown(rows, id, period, group)) {
            considered.add(rows.get(id, period, group, loc));
        }
        IndicatorRow area = rows.get(id, period, group, "All");
        considered.add(area);
        for (IndicatorRow r : considered) {
            if (ReportTables.shown(r)) {
                return null;
            }
        }
        return nothingToShow(considered, area);
    }

    static String deprivationMissing(ReportTables rows, String id, String period, String group) {
        List<IndicatorRow> considered = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            IndicatorRow r = rows.get(id, period, group, "All", DECILE, Integer.toString(d));
            if (ReportTables.shown(r)) {
                return null;
            }
            considered.add(r);
        }
        String why = nothingToShow(considered, rows.get(id, period, group, "All"));
        return why.startsWith("every value") ? "every decile's value is suppressed (small numbers)" : why;
    }

    static String sourcesMissing(ReportTables rows, String period, String group) {
        List<String> cats = rows.categories(SOURCE_ID, SOURCE_TYPE);
        List<IndicatorRow> considered = new ArrayList<>();
        IndicatorRow firstArea = null;
        for (String loc : sourceLocalities(rows, period, group)) {
            for (String c : cats) {
                IndicatorRow r = rows.get(SOURCE_ID, period, group, loc, SOURCE_TYPE, c);
                if (ReportTables.shown(r)) {
                    return null;
                }
                considered.add(r);
                if ("All".equals(loc) && firstArea == null) {
                    firstArea = r;
                }
            }
        }
        return nothingToShow(considered, firstArea);
    }

    static String funnelMissing(ReportTables rows, String id, String period, String group) {
        IndicatorRow area = rows.get(id, period, group, "All");
        if (!ReportTables.shown(area)) {
            return ReportTables.isSuppressed(area) ? "the whole area's rate is suppressed (small numbers)"
                    : nothingToShow(List.of(), area);
        }
        if (!(area.value > 0) || !ReportTables.has(area.count) || !(area.count > 0) || !ReportTables.has(area.denominator)
                || !(area.denominator > 0)) {
            return "no " + Wording.countNoun(id) + " in the period, so there is no average to compare localities with";
        }
        List<IndicatorRow> considered = new ArrayList<>();
        for (String loc : rows.data().localities()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            if (plottable(r)) {
                return null;
            }
            considered.add(r);
        }
        boolean suppressed = considered.stream().anyMatch(ReportTables::isSuppressed);
        return suppressed ? "no locality has a published rate (suppressed: small numbers)"
                : "no locality has a rate (no population in the client group's age range)";
    }

    static String trendMissing(ReportTables rows, String id, String group) {
        List<String> periods = rows.data().periods();
        if (periods.size() < 2) {
            return "a trend needs two periods or more; this report has one (" + String.join("", periods) + ")";
        }
        List<IndicatorRow> considered = new ArrayList<>();
        IndicatorRow lastArea = null;
        for (String p : periods) {
            for (String loc : rows.data().localities()) {
                considered.add(rows.get(id, p, group, loc));
            }
            IndicatorRow area = rows.get(id, p, group, "All");
            considered.add(area);
            lastArea = area != null ? area : lastArea;
        }
        for (IndicatorRow r : considered) {
            if (ReportTables.shown(r)) {
                return null;
            }
        }
        return nothingToShow(considered, lastArea);
    }

    static String spineMissing(ReportTables rows, String locality, String period, String group) {
        boolean suppressed = false;
        for (String id : rows.plainIndicatorIds()) {
            IndicatorRow mine = rows.get(id, period, group, locality);
            if (ReportTables.shown(mine) && ReportTables.shown(rows.get(id, period, group, "All"))) {
                return null;
            }
            suppressed |= ReportTables.isSuppressed(mine);
        }
        return suppressed ? "every value is suppressed (small numbers) or not available" : "no value to show";
    }

    static String pyramidMissing(Map<String, double[]> bands, int year) {
        double total = 0;
        for (double[] v : bands.values()) {
            total += v[0] + v[1];
        }
        return total > 0 ? null : "no residents in the mid-" + year + " population estimate";
    }

    // ---------------------------------------------------------------- localities

    static JFreeChart localities(ReportTables rows, String id, String period, String group) {
        List<String> locs = localitiesWithUnknown(rows, id, period, group);
        IndicatorRow area = rows.get(id, period, group, "All");
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        double[] lo = new double[locs.size()];
        double[] hi = new double[locs.size()];
        Paint[] paints = new Paint[locs.size()];
        Shape[] marks = new Shape[locs.size()];
        List<IndicatorRow> used = new ArrayList<>();
        boolean anySuppressed = false;
        boolean anyCi = false;
        for (String loc : locs) {
            anyCi |= hasCi(rows.get(id, period, group, loc));
        }
        // whether the measure has intervals at all (waits and cost per head have none), whatever this chart shows
        boolean ciMeasure = anyCi || hasCi(area) || ReportTables.intervalMeasure(id);
        Set<Color> colours = new LinkedHashSet<>();
        double max = 0;
        double min = 0;
        for (int i = 0; i < locs.size(); i++) {
            IndicatorRow r = rows.get(id, period, group, locs.get(i));
            used.add(r);
            anySuppressed |= ReportTables.isSuppressed(r);
            boolean shown = ReportTables.shown(r);
            ds.addValue(shown ? (Number) r.value : null, "value", new Key(i, rowLabel(locs.get(i), r)));
            lo[i] = hasCi(r) ? r.lower95 : Double.NaN;
            hi[i] = hasCi(r) ? r.upper95 : Double.NaN;
            Color c = !ciMeasure ? Palette.NEUTRAL : Palette.comparison(shown ? r.comparedToArea95 : null);
            paints[i] = c;
            marks[i] = ciMeasure && shown ? Palette.comparisonShape(r.comparedToArea95) : null;
            if (shown) {
                colours.add(c);
            }
            for (double v : new double[] {shown ? r.value : Double.NaN, lo[i], hi[i]}) {
                if (ReportTables.has(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        if (ReportTables.shown(area)) {
            max = Math.max(max, area.value);
            min = Math.min(min, area.value);
        }
        CiBarRenderer renderer = new CiBarRenderer(lo, hi, paints, marks);
        NumberAxis axis = valueAxis(Wording.axisLabel(rows.unit(id)));
        axis.setRange(min, max <= min ? min + 1 : max + (max - min) * 0.06);
        CategoryPlot plot = new CategoryPlot(ds, barAxis(locs.size()), axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setNoDataMessage("No value to show: every locality is suppressed or not available.");
        plot.setNoDataMessageFont(Fonts.plain(12));
        LegendItemCollection legend = new LegendItemCollection();
        comparisonLegend(legend, colours, ciMeasure);
        String areaText;
        if (ReportTables.shown(area)) {
            ValueMarker m = new ValueMarker(area.value, Palette.AREA, AREA_STROKE);
            m.setLabel("Area " + Wording.num(area.value));
            m.setLabelFont(Fonts.bold(11));
            m.setLabelPaint(Palette.AREA);
            // the label beside the line, on its left when the line is near the right end of the axis
            boolean nearEnd = area.value > axis.getLowerBound() + 0.75 * axis.getRange().getLength();
            m.setLabelAnchor(nearEnd ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(nearEnd ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m, org.jfree.chart.ui.Layer.FOREGROUND);
            legend.add(line("Whole area (All)", Palette.AREA, AREA_STROKE));
            areaText = "dashed line: the whole area.";
        } else {
            areaText = ReportTables.isSuppressed(area) ? "the whole-area value is suppressed (small numbers)."
                    : "no whole-area value.";
        }
        if (anyCi) {
            legend.add(line("95% confidence interval", Color.BLACK, new BasicStroke(1.2f)));
        }
        used.add(area);
        String title = rows.name(id) + ", by locality";
        String bars = ciMeasure ? "Bars: locality value with its 95% confidence interval; "
                : "Bars: locality value (no confidence interval for this measure); ";
        // a rate of zero everywhere: say so, rather than leave a chart of empty bars to be puzzled over
        String none = (id.endsWith("_rate") || id.endsWith("_dsr")) && ReportTables.shown(area) && ReportTables.has(area.count)
                && area.count == 0 ? " No " + Wording.countNoun(id) + " in the period."
                : !colours.isEmpty() && max == 0 && min == 0 ? " Every value shown is 0." : "";
        String sub = Wording.fit(rows.groupLabel(group)) + ", " + period + ". " + bars + areaText + none
                + rows.periodCaveats(period);
        return finish(plot, title, sub, Wording.footnote(rows.data(), Wording.method(id, method(used)), anySuppressed),
                legend);
    }

    // ---------------------------------------------------------------- deprivation gradient

    static JFreeChart deprivation(ReportTables rows, String id, String period, String group) {
        YIntervalSeries points = new YIntervalSeries("Rate with 95% CI");
        double[] pop = new double[11];
        boolean allPop = true;
        boolean anySuppressed = false;
        boolean anyCi = false;
        List<IndicatorRow> used = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            IndicatorRow r = rows.get(id, period, group, "All", DECILE, Integer.toString(d));
            used.add(r);
            anySuppressed |= ReportTables.isSuppressed(r);
            // ranks from published populations only: a suppressed row's cells are never used
            if (r != null && !ReportTables.isSuppressed(r) && ReportTables.has(r.denominator) && r.denominator >= 0) {
                pop[d] = r.denominator;
            } else {
                allPop = false;
            }
            if (ReportTables.shown(r)) {
                boolean ci = hasCi(r);
                anyCi |= ci;
                points.add(d, r.value, ci ? r.lower95 : r.value, ci ? r.upper95 : r.value);
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
        NumberAxis y = valueAxis(Wording.axisLabel(rows.unit(id)));
        y.setAutoRangeIncludesZero(true);
        YIntervalRenderer ir = new YIntervalRenderer();
        ir.setSeriesPaint(0, Palette.MARK);
        ir.setSeriesStroke(0, new BasicStroke(1.5f));
        ir.setSeriesShape(0, new Rectangle2D.Double(-5, -1, 10, 2));
        XYPlot plot = new XYPlot(pc, x, y, ir);
        plot.setNoDataMessage("No value to show: every decile is suppressed or not available.");
        plot.setNoDataMessageFont(Fonts.plain(12));
        XYSeries centres = new XYSeries("Rate");
        for (int i = 0; i < points.getItemCount(); i++) {
            centres.add(points.getX(i), points.getYValue(i));
        }
        XYLineAndShapeRenderer cr = new XYLineAndShapeRenderer(false, true);
        cr.setSeriesPaint(0, Palette.MARK);
        cr.setSeriesShape(0, new Ellipse2D.Double(-5.5, -5.5, 11, 11));
        plot.setDataset(2, new XYSeriesCollection(centres));
        plot.setRenderer(2, cr);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(dot(anyCi ? "Decile rate with 95% CI" : "Decile value", Palette.MARK));

        InequalityRow ineq = rows.inequality(id, period, group);
        String caption;
        if (ineq != null && ReportTables.has(ineq.sii)) {
            // the line's level from published cells only: RII = (a + SII) / a, a the fitted value at rank 0
            double a0 = ReportTables.has(ineq.rii) && Math.abs(ineq.rii - 1) > 1e-12 ? ineq.sii / (ineq.rii - 1) : Double.NaN;
            if (ReportTables.has(a0)) {
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
                fr.setSeriesPaint(0, Palette.FIT);
                fr.setSeriesStroke(0, new BasicStroke(2.2f));
                plot.setDataset(1, new XYSeriesCollection(fit));
                plot.setRenderer(1, fr);
                plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
                legend.add(line("Fitted line: slope index of inequality", Palette.FIT, new BasicStroke(2.2f)));
            }
            caption = "SII " + Wording.num(ineq.sii) + " " + rows.unit(id) + " (95% CI " + Wording.num(ineq.siiLower95)
                    + " to " + Wording.num(ineq.siiUpper95) + ")"
                    + (ReportTables.has(ineq.rii) ? "; RII " + Wording.num(ineq.rii) + " (" + Wording.num(ineq.riiLower95) + " to "
                            + Wording.num(ineq.riiUpper95) + ")" : "")
                    + ". " + (ineq.sii < 0 ? "Negative SII: more demand in more deprived areas."
                            : "Positive SII: more demand in less deprived areas.");
        } else {
            caption = "Slope index of inequality not calculated"
                    + (ineq != null && !ineq.valueNote.isEmpty() ? " (" + ineq.valueNote + ")" : "") + ".";
        }
        IndicatorRow area = rows.get(id, period, group, "All");
        if (ReportTables.shown(area)) {
            ValueMarker m = new ValueMarker(area.value, Palette.AREA, AREA_STROKE);
            plot.addRangeMarker(m);
            legend.add(line("Whole area " + Wording.num(area.value), Palette.AREA, AREA_STROKE));
        }
        String title = rows.name(id) + ", by deprivation decile";
        String sub = Wording.fit(rows.groupLabel(group)) + ", " + period + ", whole area. " + caption + rows.periodCaveats(period);
        String foot = Wording.footnote(rows.data(), Wording.method(id, method(used))
                + "; SII/RII by simulation (PHEindicatormethods)", anySuppressed)
                + (gaps.isEmpty() ? "" : " Deciles without a value: " + String.join(", ", gaps) + ".");
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

    /**
     * The people of {@code year} by place (each locality met, and {@code All}: its own cells, else the sum of the
     * localities'), age band and sex ({0: M, 1: F}), bands in age order: one pass over the population for every
     * place (a pass per locality made a council of thousands of localities quadratic).
     */
    static Map<String, Map<String, double[]>> pyramidData(ReportData data, int year) {
        Map<String, Map<String, double[]>> out = new HashMap<>();
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
            int sex = c.sex() == 'M' || c.sex() == 'm' ? 0 : 1;
            add(out, c.locality(), c.ageBand(), sex, c.population());
            if (!hasAll && !"All".equals(c.locality())) {
                add(out, "All", c.ageBand(), sex, c.population());
            }
        }
        return out;
    }

    private static void add(Map<String, Map<String, double[]>> out, String place, String band, int sex, double n) {
        out.computeIfAbsent(place, k -> new TreeMap<>((a, b) -> Integer.compare(bandStart(a), bandStart(b))))
                .computeIfAbsent(band, k -> new double[2])[sex] += n;
    }

    static int bandStart(String band) {
        int i = 0;
        while (i < band.length() && Character.isDigit(band.charAt(i))) {
            i++;
        }
        return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(band.substring(0, i));
    }

    /**
     * The pyramid's tick step: the smallest of 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50 (per
     * cent) that needs at most four ticks on each side for the largest band share {@code max}.
     */
    static double pyramidStep(double max) {
        double[] steps = {0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50};
        for (double s : steps) {
            if (Math.ceil(max * 1.04 / s - 1e-9) <= 4) {
                return s;
            }
        }
        return 50;
    }

    /** The pyramid of {@code bands}, as {@link #pyramidData(ReportData, int)} gives them for the place. */
    static JFreeChart pyramid(ReportData data, Map<String, double[]> bands, String locality, int year) {
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
        r.setSeriesPaint(0, Palette.MALE);
        r.setSeriesPaint(1, Palette.FEMALE);
        NumberAxis axis = valueAxis("Per cent of the population (%), men left, women right");
        double step = pyramidStep(max);
        double lim = Math.max(step, Math.ceil(max * 1.04 / step - 1e-9) * step);
        axis.setRange(-lim, lim);
        axis.setTickUnit(new NumberTickUnit(step));
        axis.setNumberFormatOverride(new AbsoluteFormat(numberFormat("0.##")));
        CategoryAxis cat = categoryAxis("Age (years)");
        cat.setCategoryMargin(0.08);
        CategoryPlot plot = new CategoryPlot(ds, cat, axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(box("Male", Palette.MALE));
        legend.add(box("Female", Palette.FEMALE));
        String where = "All".equals(locality) ? "whole area" : Wording.fit(locality);
        String title = "Resident population by age and sex, " + where;
        String sub = "Mid-" + year + " population estimate; " + Wording.count(total) + " residents.";
        String foot = "Source: resident population estimates supplied to jsna " + Wording.version(data)
                + ". Method: share of the " + ("All".equals(locality) ? "area's" : "locality's")
                + " total population in each 5-year age band. Population counts are not disclosive.";
        return finish(plot, title, sub, foot, legend);
    }

    // ---------------------------------------------------------------- referral sources

    /** Localities of the source chart: each locality, Unknown when it had referrals with a known source, and All. */
    static List<String> sourceLocalities(ReportTables rows, String period, String group) {
        List<String> cats = rows.categories(SOURCE_ID, SOURCE_TYPE);
        List<String> locs = new ArrayList<>(rows.data().localities());
        for (String c : cats) {
            if (ReportTables.unknownPresent(rows.get(SOURCE_ID, period, group, "Unknown", SOURCE_TYPE, c))) {
                locs.add("Unknown");
                break;
            }
        }
        locs.add("All");
        return locs;
    }

    static JFreeChart sources(ReportTables rows, String period, String group) {
        List<String> cats = rows.categories(SOURCE_ID, SOURCE_TYPE);
        List<String> locs = sourceLocalities(rows, period, group);
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        boolean anySuppressed = false;
        List<IndicatorRow> used = new ArrayList<>();
        String supKey = "Suppressed (small numbers)";
        for (int li = 0; li < locs.size(); li++) {
            String loc = locs.get(li);
            double sum = 0;
            boolean sup = false;
            boolean any = false;
            List<IndicatorRow> mine = new ArrayList<>();
            for (String c : cats) {
                IndicatorRow r = rows.get(SOURCE_ID, period, group, loc, SOURCE_TYPE, c);
                mine.add(r);
                used.add(r);
                if (ReportTables.shown(r)) {
                    sum += r.value;
                    any = true;
                } else {
                    sup |= ReportTables.isSuppressed(r);
                }
            }
            anySuppressed |= sup;
            String name = "All".equals(loc) ? "Whole area" : Wording.fit(loc);
            Key label = new Key(li, any || sup ? name : name + "  (no referral with a known source)");
            for (int c = 0; c < cats.size(); c++) {
                IndicatorRow r = mine.get(c);
                ds.addValue(ReportTables.shown(r) ? (Number) r.value : null, new Key(c, Wording.label(cats.get(c))), label);
            }
            // the suppressed shares together: 100% less the published shares, so no single one can be read off
            ds.addValue(sup ? Double.valueOf(Math.max(0, 100 - sum)) : any ? Double.valueOf(0) : null,
                    new Key(cats.size(), supKey), label);
        }
        String[] keys = new String[cats.size() + 1];
        for (int i = 0; i < cats.size(); i++) {
            keys[i] = Integer.toString(i + 1);
        }
        keys[cats.size()] = "S";
        SegmentRenderer r = new SegmentRenderer(keys);
        r.setMaximumBarWidth(0.09);
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < cats.size(); i++) {
            r.setSeriesPaint(i, Palette.series(i));
            boolean drawn = false;
            for (int col = 0; col < ds.getColumnCount(); col++) {
                Number v = ds.getValue(i, col);
                drawn |= v != null && v.doubleValue() > 0;
            }
            if (drawn) {
                legend.add(box(keys[i] + " " + Wording.label(cats.get(i)), Palette.series(i)));
            }
        }
        r.setSeriesPaint(cats.size(), Palette.SUPPRESSED);
        if (anySuppressed) {
            legend.add(box(keys[cats.size()] + " " + supKey, Palette.SUPPRESSED));
        }
        NumberAxis axis = valueAxis("Per cent of referrals with a known source (%)");
        axis.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(ds, barAxis(ds.getColumnCount()), axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        String title = "Where referrals came from, by locality";
        String sub = Wording.fit(rows.groupLabel(group)) + ", " + period + ". Each bar is 100% of the locality's referrals with a "
                + "known source; each segment is numbered as in the key where it has room." + rows.periodCaveats(period);
        String foot = Wording.footnote(rows.data(), "share of referrals with a known source", anySuppressed)
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

    /**
     * Where a funnel point lies: "higher" above the upper 95% limit around {@code areaRate} (events per person),
     * "lower" below the lower one, else "similar"; null without an area rate (no funnel).
     */
    static String funnelComparison(double areaRate, IndicatorRow r, double mult) {
        if (!ReportTables.has(areaRate)) {
            return null;
        }
        double[] lim = funnelLimits(areaRate, r.denominator, mult);
        return r.value > lim[1] ? "higher" : r.value < lim[0] ? "lower" : "similar";
    }

    /**
     * The funnel's centre, events per person, from the published whole-area row only (count / population, as in
     * every comparison); NaN when there is none.
     */
    static double funnelCentre(IndicatorRow area) {
        return ReportTables.shown(area) && ReportTables.has(area.count) && ReportTables.has(area.denominator)
                && area.denominator > 0 && area.count > 0 ? area.count / area.denominator : Double.NaN;
    }

    /**
     * {@link #funnelComparison} of each plottable locality (a null value without a funnel), worked out once for
     * the chart and its description: each is a search for the exact Poisson limits at the locality's population.
     */
    static Map<String, String> funnelComparisons(ReportTables rows, String id, String period, String group) {
        return rows.memo("funnel\u0000" + id + '\u0000' + period + '\u0000' + group, () -> {
            double areaRate = funnelCentre(rows.get(id, period, group, "All"));
            double mult = multiplier(rows.unit(id));
            Map<String, String> out = new HashMap<>();
            for (String loc : rows.data().localities()) {
                IndicatorRow r = rows.get(id, period, group, loc);
                if (plottable(r)) {
                    out.put(loc, funnelComparison(areaRate, r, mult));
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        });
    }

    /** A funnel point: a shown locality row with a population. */
    static boolean plottable(IndicatorRow r) {
        return ReportTables.shown(r) && ReportTables.has(r.denominator) && r.denominator > 0;
    }

    static JFreeChart funnel(ReportTables rows, String id, String period, String group) {
        double mult = multiplier(rows.unit(id));
        IndicatorRow area = rows.get(id, period, group, "All");
        XYSeriesCollection pts = new XYSeriesCollection();
        XYSeries s = new XYSeries("Localities", false, true);
        List<String> names = new ArrayList<>();
        List<Paint> paints = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        boolean anySuppressed = false;
        double maxN = 0;
        double maxY = 0;
        double areaRate = funnelCentre(area);
        Map<String, String> comparisons = funnelComparisons(rows, id, period, group);
        Set<Paint> colours = new LinkedHashSet<>();
        for (String loc : rows.data().localities()) {
            IndicatorRow r = rows.get(id, period, group, loc);
            anySuppressed |= ReportTables.isSuppressed(r);
            if (!plottable(r)) {
                gaps.add(Wording.fit(loc));
                continue;
            }
            s.add(r.denominator, r.value);
            names.add(Wording.fit(loc));
            String cmp = comparisons.get(loc);
            Paint p = cmp == null ? Palette.SIMILAR : Palette.comparison(cmp);
            paints.add(p);
            shapes.add(Palette.comparisonShape(cmp == null ? "similar" : cmp));
            colours.add(p);
            maxN = Math.max(maxN, r.denominator);
            maxY = Math.max(maxY, r.value);
        }
        pts.addSeries(s);
        NumberAxis x = valueAxis("Population of the client group's age range (denominator)");
        x.setNumberFormatOverride(numberFormat("#,##0"));
        NumberAxis y = valueAxis(Wording.axisLabel(rows.unit(id)));
        LabelledPointRenderer pr = new LabelledPointRenderer(names, paints, shapes);
        XYPlot plot = new XYPlot(pts, x, y, pr);
        plot.setNoDataMessage("No locality to plot: every locality is suppressed or has no population.");
        plot.setNoDataMessageFont(Fonts.plain(12));
        LegendItemCollection legend = new LegendItemCollection();
        if (colours.contains(Palette.HIGHER)) {
            legend.add(marked("Above the 95% limit", Palette.HIGHER, Palette.comparisonShape("higher")));
        }
        if (colours.contains(Palette.SIMILAR)) {
            legend.add(marked("Within the 95% limits", Palette.SIMILAR, Palette.comparisonShape("similar")));
        }
        if (colours.contains(Palette.LOWER)) {
            legend.add(marked("Below the 95% limit", Palette.LOWER, Palette.comparisonShape("lower")));
        }
        double xMax = Math.max(1, maxN * 1.25);
        if (ReportTables.has(areaRate)) {
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
            // limits first, points and their names on top
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
            legend.add(line("Area average " + Wording.num(areaRate * mult), Palette.AREA, new BasicStroke(1.8f)));
            legend.add(line("95% limits", Palette.LIMIT95, s95));
            legend.add(line("99.8% limits", Palette.LIMIT998, s998));
        }
        x.setRange(0, xMax);
        y.setRange(0, maxY > 0 ? maxY * 1.1 : 1);
        String title = rows.name(id) + ": funnel plot of localities";
        String sub = Wording.fit(rows.groupLabel(group)) + ", " + period + ". Crude rate against population; points outside the "
                + "funnel differ from the area average by more than chance." + rows.periodCaveats(period);
        String foot = Wording.footnote(rows.data(), "exact Poisson control limits around the whole area's crude rate",
                anySuppressed) + (gaps.isEmpty() ? "" : " Not plotted: " + String.join(", ", gaps) + ".");
        return finish(plot, title, sub, foot, legend);
    }

    // ---------------------------------------------------------------- trend

    /** True when a row covers only part of its period (value_note "part period: ..."). */
    static boolean partPeriod(IndicatorRow r) {
        return r != null && r.valueNote.contains("part period");
    }

    /**
     * One line per locality across the periods and the whole area as a thick black line; each point
     * with its 95% confidence interval as a bar in the line's colour where the row has one. Lines
     * differ by dash and marker as well as colour ({@link Palette#seriesStroke}); points are spread
     * a little sideways within a period so intervals do not hide each other. Suppressed or missing
     * values break the line; part periods get a hollow point.
     */
    static JFreeChart trend(ReportTables rows, String id, String group) {
        List<String> periods = rows.data().periods();
        List<String> locs = new ArrayList<>(rows.data().localities());
        int nSeries = locs.size() + 1;
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        TrendRenderer r = new TrendRenderer();
        LegendItemCollection legend = new LegendItemCollection();
        List<IndicatorRow> used = new ArrayList<>();
        boolean anySuppressed = false;
        boolean anyCi = false;
        boolean anyPart = false;
        boolean anyGap = false;
        double min = 0;
        double max = 0;
        double spread = Math.min(0.3, 0.04 * nSeries);
        for (int si = 0; si < nSeries; si++) {
            boolean whole = si == locs.size();
            String loc = whole ? "All" : locs.get(si);
            YIntervalSeries series = new YIntervalSeries(new Key(si, whole ? "Whole area" : Wording.fit(loc)), false, true);
            // the whole area in the middle of each period, localities either side of it
            int mid = (nSeries - 1) / 2;
            int slot = whole ? mid : si < mid ? si : si + 1;
            double offset = nSeries == 1 ? 0 : -spread / 2 + spread * slot / (nSeries - 1);
            for (int pi = 0; pi < periods.size(); pi++) {
                IndicatorRow row = rows.get(id, periods.get(pi), group, loc);
                used.add(row);
                anySuppressed |= ReportTables.isSuppressed(row);
                double x = pi + offset;
                if (ReportTables.shown(row)) {
                    boolean ci = hasCi(row);
                    anyCi |= ci;
                    series.add(x, row.value, ci ? row.lower95 : row.value, ci ? row.upper95 : row.value);
                    for (double v : new double[] {row.value, ci ? row.lower95 : row.value, ci ? row.upper95 : row.value}) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    if (partPeriod(row)) {
                        r.hollow(si, series.getItemCount() - 1);
                        anyPart = true;
                    }
                } else {
                    // NaN breaks the line here
                    series.add(x, Double.NaN, Double.NaN, Double.NaN);
                    anyGap |= !ReportTables.isSuppressed(row);
                }
            }
            ds.addSeries(series);
            if (whole) {
                BasicStroke areaStroke = new BasicStroke(3.2f);
                Shape square = new Rectangle2D.Double(-4.5, -4.5, 9, 9);
                r.setSeriesPaint(si, Palette.AREA);
                r.setSeriesStroke(si, areaStroke);
                r.setSeriesShape(si, square);
                legend.add(styledLine("Whole area", Palette.AREA, areaStroke, square));
            } else {
                r.setSeriesPaint(si, Palette.series(si));
                r.setSeriesStroke(si, Palette.seriesStroke(si));
                r.setSeriesShape(si, Palette.seriesShape(si));
                legend.add(styledLine(Wording.fit(loc), Palette.series(si), Palette.seriesStroke(si), Palette.seriesShape(si)));
            }
        }
        SymbolAxis xAxis = new SymbolAxis(periodAxisLabel(periods), periods.toArray(new String[0]));
        xAxis.setGridBandsVisible(false);
        xAxis.setRange(-0.5, Math.max(0.5, periods.size() - 0.5));
        styleAxis(xAxis);
        NumberAxis axis = valueAxis(Wording.axisLabel(rows.unit(id)));
        axis.setRange(min, max <= min ? min + 1 : max + (max - min) * 0.06);
        XYPlot plot = new XYPlot(ds, xAxis, axis, r);
        plot.setDomainGridlinesVisible(false);
        plot.setNoDataMessage("No value to show: every value is suppressed or not available.");
        plot.setNoDataMessageFont(Fonts.plain(12));
        String when = periods.isEmpty() ? "" : periods.size() == 1 ? periods.get(0)
                : periods.get(0) + " to " + periods.get(periods.size() - 1);
        String title = rows.name(id) + ": trend by locality";
        StringBuilder sub = new StringBuilder(Wording.fit(rows.groupLabel(group))).append(", ").append(when)
                .append(". One line per locality; thick black line: the whole area.");
        if (anyCi) {
            sub.append(" Vertical bars: 95% confidence intervals.");
        } else if (!ReportTables.intervalMeasure(id)) {
            sub.append(" No confidence intervals for this measure.");
        }
        if (anyPart) {
            sub.append(" Hollow points: part periods.");
        }
        List<String> older = new ArrayList<>();
        for (String p : periods) {
            if (rows.data().populationNotes().containsKey(p)) {
                older.add(p);
            }
        }
        if (!older.isEmpty()) {
            sub.append(" ").append(Wording.join(older)).append(older.size() == 1 ? " uses" : " use")
                    .append(" an older population estimate (indicators.csv, value_note).");
        }
        String foot = Wording.footnote(rows.data(), Wording.method(id, method(used)), anySuppressed)
                + (anySuppressed ? " A break in a line is a suppressed value." : "")
                + (anyGap ? " A missing point is a period without a value." : "");
        return finish(plot, title, sub.toString(), foot, legend);
    }

    /** A legend entry showing a line with its dash pattern and marker. */
    static LegendItem styledLine(String label, Paint paint, BasicStroke stroke, Shape marker) {
        LegendItem item = new LegendItem(label, null, null, null, true, marker, true, paint, false, paint, stroke,
                true, new Line2D.Double(-12, 0, 12, 0), stroke, paint);
        item.setLabelFont(Fonts.plain(11));
        return item;
    }

    static String periodAxisLabel(List<String> periods) {
        return !periods.isEmpty() && periods.get(0).contains("/") ? "Financial year (April to March)"
                : "Calendar year";
    }

    // ---------------------------------------------------------------- spine chart

    static JFreeChart spine(ReportTables rows, String locality, String period, String group) {
        List<String> ids = rows.plainIndicatorIds();
        List<String> labels = new ArrayList<>();
        List<Number> starts = new ArrayList<>();
        List<Number> ends = new ArrayList<>();
        DefaultCategoryDataset pts = new DefaultCategoryDataset();
        List<Paint> paints = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        Shape diamond = new java.awt.Polygon(new int[] {0, 7, 0, -7}, new int[] {-7, 0, 7, 0}, 4);
        boolean anySuppressed = false;
        for (String id : ids) {
            IndicatorRow area = rows.get(id, period, group, "All");
            IndicatorRow mine = rows.get(id, period, group, locality);
            if (mine == null) {
                continue;
            }
            anySuppressed |= ReportTables.isSuppressed(mine);
            double min = Double.NaN;
            double max = Double.NaN;
            for (String loc : rows.data().localities()) {
                IndicatorRow r = rows.get(id, period, group, loc);
                if (ReportTables.shown(r)) {
                    min = ReportTables.has(min) ? Math.min(min, r.value) : r.value;
                    max = ReportTables.has(max) ? Math.max(max, r.value) : r.value;
                }
            }
            String label = Wording.shortName(id, rows.name(id)) + ": "
                    + (ReportTables.shown(mine) ? Wording.num(mine.value) : ReportTables.isSuppressed(mine) ? "suppressed" : "n/a")
                    + " (area " + (ReportTables.shown(area) ? Wording.num(area.value)
                            : ReportTables.isSuppressed(area) ? "suppressed" : "n/a") + ")";
            labels.add(label);
            double a = ReportTables.shown(area) ? area.value : Double.NaN;
            double span = ReportTables.has(a) && ReportTables.has(min) ? Math.max(Math.abs(min - a), Math.abs(max - a)) : Double.NaN;
            boolean scalable = ReportTables.has(span) && span > 0;
            starts.add(scalable ? (min - a) / span : 0);
            ends.add(scalable ? (max - a) / span : 0);
            pts.addValue(scalable && ReportTables.shown(mine) ? (Number) ((mine.value - a) / span)
                    : ReportTables.shown(mine) && ReportTables.has(a) ? (Number) 0.0 : null, "locality", label);
            String cmp = ReportTables.shown(mine) ? mine.comparedToArea95 : null;
            paints.add(Palette.comparison(cmp));
            Shape mark = Palette.comparisonShape(cmp);
            shapes.add(mark != null ? mark : diamond);
        }
        Number[][] s = {starts.toArray(new Number[0])};
        Number[][] e = {ends.toArray(new Number[0])};
        DefaultIntervalCategoryDataset range = new DefaultIntervalCategoryDataset(
                new Comparable[] {"range"}, labels.toArray(new Comparable[0]), s, e);
        IntervalBarRenderer rr = new IntervalBarRenderer();
        rr.setBarPainter(new StandardBarPainter());
        rr.setShadowVisible(false);
        rr.setSeriesPaint(0, Palette.RANGE);
        rr.setDrawBarOutline(true);
        rr.setSeriesOutlinePaint(0, Palette.RANGE_EDGE);
        rr.setSeriesOutlineStroke(0, new BasicStroke(1f));
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

            @Override
            public Shape getItemShape(int row, int column) {
                return column < shapes.size() ? shapes.get(column) : diamond;
            }
        };
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
        LegendItem band = new LegendItem("Range of localities", null, null, null, new Rectangle(0, 0, 12, 12),
                Palette.RANGE, new BasicStroke(1f), Palette.RANGE_EDGE);
        band.setLabelFont(Fonts.plain(11));
        legend.add(band);
        legend.add(line("Whole area", Palette.AREA, new BasicStroke(2f)));
        legend.add(marked("Higher than the area (95% CI)", Palette.HIGHER, Palette.comparisonShape("higher")));
        legend.add(marked("Similar", Palette.SIMILAR, Palette.comparisonShape("similar")));
        legend.add(marked("Lower than the area (95% CI)", Palette.LOWER, Palette.comparisonShape("lower")));
        legend.add(marked("Not compared", Palette.NOT_COMPARED, diamond));
        String title = "Spine chart: " + Wording.fit(locality) + " compared with the area";
        String sub = Wording.fit(rows.groupLabel(group)) + ", " + period + ". Each row is scaled so the area sits in the centre "
                + "and the locality furthest from it reaches the edge." + rows.periodCaveats(period);
        return finish(plot, title, sub, Wording.footnote(rows.data(), "values and 95% CIs as in indicators.csv",
                anySuppressed), legend);
    }

}
