package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashSet;
import java.util.Set;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Lines with markers and, under them, each point's 95% confidence interval as a capped vertical bar
 * in the line's colour (only where the row has an interval). A NaN value breaks the line. Points
 * marked {@link #hollow} are drawn as outlines only (part periods).
 */
final class TrendRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;
    private static final double CAP = 3;
    private final Set<Long> hollow = new HashSet<>();

    TrendRenderer() {
        super(true, true);
        setDrawOutlines(true);
        setUseOutlinePaint(false);
        setUseFillPaint(false);
        setDrawSeriesLineAsPath(false);
    }

    /** Draws the point of {@code series}, {@code item} as an outline. */
    void hollow(int series, int item) {
        hollow.add(((long) series << 32) | item);
    }

    @Override
    public boolean getItemShapeFilled(int series, int item) {
        return !hollow.contains(((long) series << 32) | item);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        if (pass == 0 && dataset instanceof IntervalXYDataset && getItemVisible(series, item)) {
            IntervalXYDataset d = (IntervalXYDataset) dataset;
            double x = d.getXValue(series, item);
            double y = d.getYValue(series, item);
            double lo = d.getStartYValue(series, item);
            double hi = d.getEndYValue(series, item);
            if (ReportTables.has(x) && ReportTables.has(y) && ReportTables.has(lo) && ReportTables.has(hi) && hi > lo) {
                double xx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
                double y0 = rangeAxis.valueToJava2D(lo, dataArea, plot.getRangeAxisEdge());
                double y1 = rangeAxis.valueToJava2D(hi, dataArea, plot.getRangeAxisEdge());
                g2.setPaint(getItemPaint(series, item));
                g2.setStroke(new BasicStroke(1.1f));
                g2.draw(new Line2D.Double(xx, y0, xx, y1));
                g2.draw(new Line2D.Double(xx - CAP, y0, xx + CAP, y0));
                g2.draw(new Line2D.Double(xx - CAP, y1, xx + CAP, y1));
            }
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
    }
}
