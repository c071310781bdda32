package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
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

/**
 * Bars of a single series, each with its own colour, a confidence-interval whisker and, where the bar is
 * compared with the area, its comparison marker ({@link Palette#comparisonShape}) just beyond the bar and
 * its interval: the comparison read without colour (WCAG 1.4.1).
 */
final class CiBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;
    private final double[] lower;
    private final double[] upper;
    private final Paint[] paints;
    private final Shape[] marks;
    private static final BasicStroke WHISKER = new BasicStroke(1.2f);
    private static final BasicStroke OUTLINE = new BasicStroke(1f);

    /** {@code marks}: each bar's comparison marker, or null for none. */
    CiBarRenderer(double[] lower, double[] upper, Paint[] paints, Shape[] marks) {
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.paints = paints.clone();
        this.marks = marks.clone();
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setDrawBarOutline(false);
        setMaximumBarWidth(0.09);
        setItemMargin(0);
    }

    /** The comparison marker of bar {@code column}, or null. */
    Shape mark(int column) {
        return column < marks.length ? marks[column] : null;
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        return paints[column];
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        Number value = dataset.getValue(row, column);
        if (pass != getPassCount() - 1 || value == null) {
            return;
        }
        RectangleEdge rangeEdge = plot.getRangeAxisEdge();
        double mid = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea, plot.getDomainAxisEdge());
        boolean horizontal = plot.getOrientation() == PlotOrientation.HORIZONTAL;
        // the far end of what is drawn (bar, interval) in the direction of larger values
        double end = Math.max(rangeAxis.valueToJava2D(value.doubleValue(), dataArea, rangeEdge),
                rangeAxis.valueToJava2D(0, dataArea, rangeEdge));
        if (!horizontal) {
            end = Math.min(rangeAxis.valueToJava2D(value.doubleValue(), dataArea, rangeEdge),
                    rangeAxis.valueToJava2D(0, dataArea, rangeEdge));
        }
        if (ReportTables.has(lower[column]) && ReportTables.has(upper[column])) {
            double lo = rangeAxis.valueToJava2D(lower[column], dataArea, rangeEdge);
            double hi = rangeAxis.valueToJava2D(upper[column], dataArea, rangeEdge);
            double cap = Math.max(3, state.getBarWidth() * 0.3);
            g2.setPaint(Color.BLACK);
            g2.setStroke(WHISKER);
            if (horizontal) {
                g2.draw(new Line2D.Double(lo, mid, hi, mid));
                g2.draw(new Line2D.Double(lo, mid - cap, lo, mid + cap));
                g2.draw(new Line2D.Double(hi, mid - cap, hi, mid + cap));
                end = Math.max(end, Math.max(lo, hi));
            } else {
                g2.draw(new Line2D.Double(mid, lo, mid, hi));
                g2.draw(new Line2D.Double(mid - cap, lo, mid + cap, lo));
                g2.draw(new Line2D.Double(mid - cap, hi, mid + cap, hi));
                end = Math.min(end, Math.min(lo, hi));
            }
        }
        Shape mark = marks[column];
        if (mark != null) {
            double gap = 11;
            AffineTransform at = horizontal ? AffineTransform.getTranslateInstance(end + gap, mid)
                    : AffineTransform.getTranslateInstance(mid, end - gap);
            Shape placed = at.createTransformedShape(mark);
            g2.setPaint(paints[column]);
            g2.fill(placed);
            g2.setPaint(Color.BLACK);
            g2.setStroke(OUTLINE);
            g2.draw(placed);
        }
    }
}
