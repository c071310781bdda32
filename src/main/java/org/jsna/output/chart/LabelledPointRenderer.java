package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * Points of one series, each with its own colour and a name placed by {@link LabelLayout} once all
 * points are drawn (so no two names overlap and none covers a point). Names without a free spot are
 * listed in a small note in the plot's lower right corner instead.
 */
final class LabelledPointRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;
    private static final double RADIUS = 6;
    private final List<String> names;
    private final List<Paint> paints;
    private final List<Shape> shapes;

    /** {@code shapes}: each point's marker (its comparison: {@link Palette#comparisonShape}), or null for a circle. */
    LabelledPointRenderer(List<String> names, List<Paint> paints, List<Shape> shapes) {
        super(false, true);
        this.names = List.copyOf(names);
        this.paints = List.copyOf(paints);
        this.shapes = new ArrayList<>(shapes);
        setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS));
        setUseOutlinePaint(true);
        setSeriesOutlinePaint(0, Color.BLACK);
        setDrawOutlines(true);
    }

    /** The points' names, in the order of the series' items. */
    List<String> names() {
        return names;
    }

    @Override
    public Paint getItemPaint(int row, int column) {
        return column < paints.size() ? paints.get(column) : Palette.SIMILAR;
    }

    @Override
    public Shape getItemShape(int row, int column) {
        Shape s = column < shapes.size() ? shapes.get(column) : null;
        return s != null ? s : super.getItemShape(row, column);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        if (series == 0 && pass == getPassCount() - 1 && item == dataset.getItemCount(series) - 1) {
            drawNames(g2, dataArea, plot, domainAxis, rangeAxis, dataset);
        }
    }

    private void drawNames(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, ValueAxis domainAxis,
            ValueAxis rangeAxis, XYDataset dataset) {
        int n = Math.min(dataset.getItemCount(0), names.size());
        Font font = Fonts.plain(11);
        FontRenderContext frc = g2.getFontRenderContext();
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] ws = new double[n];
        double[] hs = new double[n];
        LineMetrics lm = font.getLineMetrics("Ag", frc);
        double textH = lm.getAscent() + lm.getDescent();
        for (int i = 0; i < n; i++) {
            xs[i] = domainAxis.valueToJava2D(dataset.getXValue(0, i), dataArea, plot.getDomainAxisEdge());
            ys[i] = rangeAxis.valueToJava2D(dataset.getYValue(0, i), dataArea, plot.getRangeAxisEdge());
            ws[i] = font.getStringBounds(names.get(i), frc).getWidth() + 4;
            hs[i] = textH + 2;
        }
        List<LabelLayout.Placed> placed = LabelLayout.place(xs, ys, ws, hs, RADIUS, dataArea);
        Set<Integer> done = new HashSet<>();
        g2.setFont(font);
        for (LabelLayout.Placed p : placed) {
            done.add(p.index());
            Rectangle2D b = p.box();
            if (p.leader() != null) {
                g2.setPaint(new Color(0x77, 0x77, 0x77));
                g2.setStroke(new BasicStroke(0.8f));
                g2.draw(p.leader());
            }
            g2.setPaint(new Color(255, 255, 255, 200));
            g2.fill(b);
            g2.setPaint(new Color(0x1a, 0x1a, 0x1a));
            g2.drawString(names.get(p.index()), (float) (b.getX() + 2), (float) (b.getY() + 1 + lm.getAscent()));
        }
        List<String> left = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!done.contains(i)) {
                left.add(names.get(i));
            }
        }
        if (!left.isEmpty()) {
            String note = "Not labelled (no room): " + String.join(", ", left);
            Font small = Fonts.plain(10);
            double w = small.getStringBounds(note, frc).getWidth();
            double max = dataArea.getWidth() - 8;
            if (w > max) {
                note = "Not labelled (no room): " + left.size() + " localities; see the locality chart";
                w = small.getStringBounds(note, frc).getWidth();
            }
            LineMetrics slm = small.getLineMetrics(note, frc);
            double h = slm.getAscent() + slm.getDescent() + 2;
            Rectangle2D box = new Rectangle2D.Double(dataArea.getMaxX() - w - 8, dataArea.getMaxY() - h - 4, w + 4, h);
            g2.setPaint(new Color(255, 255, 255, 220));
            g2.fill(box);
            g2.setPaint(new Color(0x44, 0x44, 0x44));
            g2.setFont(small);
            g2.drawString(note, (float) (box.getX() + 2), (float) (box.getY() + 1 + slm.getAscent()));
        }
    }
}
