package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;

/** Bars of a single series, each with its own colour and a confidence-interval whisker. */
final class CiBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;
    private final double[] lower;
    private final double[] upper;
    private final Paint[] paints;

    CiBarRenderer(double[] lower, double[] upper, Paint[] paints) {
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.paints = paints.clone();
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setDrawBarOutline(false);
        setMaximumBarWidth(0.09);
        setItemMargin(0);
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        return paints[column];
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        if (pass != getPassCount() - 1 || !ReportTables.has(lower[column]) || !ReportTables.has(upper[column])
                || dataset.getValue(row, column) == null) {
            return;
        }
        RectangleEdge rangeEdge = plot.getRangeAxisEdge();
        double mid = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea, plot.getDomainAxisEdge());
        double lo = rangeAxis.valueToJava2D(lower[column], dataArea, rangeEdge);
        double hi = rangeAxis.valueToJava2D(upper[column], dataArea, rangeEdge);
        double cap = Math.max(3, state.getBarWidth() * 0.3);
        g2.setPaint(Color.BLACK);
        g2.setStroke(new BasicStroke(1.2f));
        if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            g2.draw(new Line2D.Double(lo, mid, hi, mid));
            g2.draw(new Line2D.Double(lo, mid - cap, lo, mid + cap));
            g2.draw(new Line2D.Double(hi, mid - cap, hi, mid + cap));
        } else {
            g2.draw(new Line2D.Double(mid, lo, mid, hi));
            g2.draw(new Line2D.Double(mid - cap, lo, mid + cap, lo));
            g2.draw(new Line2D.Double(mid - cap, hi, mid + cap, hi));
        }
    }
}
