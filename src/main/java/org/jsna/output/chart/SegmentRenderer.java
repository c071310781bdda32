package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;

/**
 * Stacked bars whose categories read without colour (WCAG 1.4.1, 1.4.11): a white line between
 * neighbouring segments, so two segments never meet colour to colour (each colour needs its contrast with
 * the white only), and each segment's key (its number in the legend) written in it, centred, in black or
 * white, whichever contrasts more with the fill, when the segment has room for it.
 */
final class SegmentRenderer extends StackedBarRenderer {

    private static final long serialVersionUID = 1L;
    /** Width of the white line between segments. */
    static final float SEPARATOR = 1.5f;
    private final String[] keys;

    /** {@code keys}: the text written in the segments of each series (row), or null for none. */
    SegmentRenderer(String[] keys) {
        this.keys = keys.clone();
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setDrawBarOutline(true);
        setDefaultOutlinePaint(Color.WHITE);
        setDefaultOutlineStroke(new BasicStroke(SEPARATOR));
        setAutoPopulateSeriesOutlinePaint(false);
        setAutoPopulateSeriesOutlineStroke(false);
        // the labels are drawn by drawItemLabel below; JFreeChart calls it only with a generator set
        setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        setDefaultItemLabelsVisible(true);
    }

    /** The text written in a segment of series {@code row}, or null. */
    String key(int row) {
        return row < keys.length ? keys[row] : null;
    }

    @Override
    protected void drawItemLabel(Graphics2D g2, CategoryDataset dataset, int row, int column, CategoryPlot plot,
            CategoryItemLabelGenerator generator, Rectangle2D bar, boolean negative) {
        String text = key(row);
        if (text == null || bar == null) {
            return;
        }
        Font font = Fonts.bold(11);
        FontRenderContext frc = g2.getFontRenderContext();
        double w = font.getStringBounds(text, frc).getWidth();
        LineMetrics lm = font.getLineMetrics(text, frc);
        double h = lm.getAscent() + lm.getDescent();
        // room for the text and the separators either side
        if (w + 2 * SEPARATOR + 3 > bar.getWidth() || h > bar.getHeight()) {
            return;
        }
        Paint fill = getItemPaint(row, column);
        g2.setFont(font);
        g2.setPaint(fill instanceof Color c ? Palette.textOn(c) : Color.BLACK);
        g2.drawString(text, (float) (bar.getCenterX() - w / 2),
                (float) (bar.getCenterY() + (lm.getAscent() - lm.getDescent()) / 2));
    }
}
