package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/**
 * A chart's value axis across 0 to 1 (costs that were all zero) had ticks 0.02 apart whose labels ran into each
 * other: JFreeChart measured the labels "0" and "1" only. Each label now fits between its neighbours.
 */
class TickWidthAxisTest {

    @Test
    void tickLabelsAlongAHorizontalAxisNeverOverlap() {
        BufferedImage img = new BufferedImage(1000, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            for (double[] range : new double[][] {{0, 1}, {0, 2}, {0, 3}, {0, 0.1}, {0, 7}, {0, 1000}, {0, 1_000_000},
                    {-1, 1}, {0, 58.3}, {0, 0.001}}) {
                for (int width : new int[] {300, 600, 850}) {
                    NumberAxis axis = Charts.valueAxis("Pounds (£) per head of population");
                    axis.setRange(range[0], range[1]);
                    Rectangle2D area = new Rectangle2D.Double(100, 50, width, 100);
                    @SuppressWarnings("unchecked")
                    List<ValueTick> ticks = ((List<ValueTick>) (List<?>) axis.refreshTicks(g2, new AxisState(), area,
                            RectangleEdge.TOP)).stream()
                            .filter(t -> t.getTickType() == org.jfree.chart.axis.TickType.MAJOR).toList();
                    assertTrue(ticks.size() >= 2, "at least two ticks " + range[1] + " at " + width);
                    java.awt.FontMetrics fm = g2.getFontMetrics(axis.getTickLabelFont());
                    for (int i = 1; i < ticks.size(); i++) {
                        double x0 = axis.valueToJava2D(ticks.get(i - 1).getValue(), area, RectangleEdge.TOP);
                        double x1 = axis.valueToJava2D(ticks.get(i).getValue(), area, RectangleEdge.TOP);
                        double room = x1 - x0;
                        double half = (fm.stringWidth(ticks.get(i - 1).getText()) + fm.stringWidth(ticks.get(i).getText()))
                                / 2.0;
                        assertTrue(half < room, "labels '" + ticks.get(i - 1).getText() + "' and '"
                                + ticks.get(i).getText() + "' overlap across 0 to " + range[1] + " at " + width + " px");
                    }
                }
            }
        } finally {
            g2.dispose();
        }
    }
}
