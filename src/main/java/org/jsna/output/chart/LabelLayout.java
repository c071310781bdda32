package org.jsna.output.chart;

import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so that no two overlap and none covers a point (the funnel plot's locality
 * names). Greedy, in the order given: each label takes the first free spot among eight beside its
 * point, then spots further out on twelve bearings, joined to the point by a leader line that
 * crosses no placed label; a label with no free spot inside the bounds is left out (its point is
 * still drawn). Pure geometry in screen units, so it can be tested without drawing.
 */
final class LabelLayout {

    /** A placed label: the index of its point, its box, and its leader line (null when it sits beside its point). */
    record Placed(int index, Rectangle2D box, Line2D leader) {
    }

    private static final int RINGS = 8;
    private static final int BEARINGS = 12;
    private static final double PAD = 1.5;

    private LabelLayout() {
    }

    /**
     * @param xs, ys    the points' centres
     * @param widths, heights the labels' sizes
     * @param radius    the half-size of a point's marker
     * @param bounds    where labels may go
     * @return the labels placed, in the order given; left-out labels are absent
     */
    static List<Placed> place(double[] xs, double[] ys, double[] widths, double[] heights, double radius,
            Rectangle2D bounds) {
        List<Rectangle2D> markers = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            markers.add(new Rectangle2D.Double(xs[i] - radius - PAD, ys[i] - radius - PAD, 2 * (radius + PAD),
                    2 * (radius + PAD)));
        }
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            Placed p = placeOne(i, xs[i], ys[i], widths[i], heights[i], radius, bounds, markers, placed);
            if (p != null) {
                placed.add(p);
            }
        }
        return placed;
    }

    private static Placed placeOne(int i, double x, double y, double w, double h, double radius, Rectangle2D bounds,
            List<Rectangle2D> markers, List<Placed> placed) {
        double gap = radius + 3;
        double d = gap * 0.7;
        double[][] near = {
            {x + gap, y - h / 2}, {x - gap - w, y - h / 2}, {x - w / 2, y - gap - h}, {x - w / 2, y + gap},
            {x + d, y - d - h}, {x + d, y + d}, {x - d - w, y - d - h}, {x - d - w, y + d}};
        for (double[] c : near) {
            Rectangle2D box = new Rectangle2D.Double(c[0], c[1], w, h);
            if (free(box, null, bounds, markers, placed)) {
                return new Placed(i, box, null);
            }
        }
        for (int ring = 1; ring <= RINGS; ring++) {
            double dist = gap + ring * (h + 2);
            for (int b = 0; b < BEARINGS; b++) {
                // bearings alternate right, left, up, down... so the nearest sides are tried first
                double angle = Math.toRadians(ORDER[b] * (360.0 / BEARINGS));
                double cx = x + Math.cos(angle) * (dist + w / 2 * Math.abs(Math.cos(angle)));
                double cy = y - Math.sin(angle) * (dist + h / 2 * Math.abs(Math.sin(angle)));
                Rectangle2D box = new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
                Line2D leader = leader(x, y, radius, box);
                if (free(box, leader, bounds, markers, placed)) {
                    return new Placed(i, box, leader);
                }
            }
        }
        return null;
    }

    private static final int[] ORDER = {0, 6, 3, 9, 1, 11, 5, 7, 2, 10, 4, 8};

    /** The leader line from the edge of a point's marker to the nearest point of its label box. */
    static Line2D leader(double x, double y, double radius, Rectangle2D box) {
        double nx = Math.max(box.getMinX(), Math.min(x, box.getMaxX()));
        double ny = Math.max(box.getMinY(), Math.min(y, box.getMaxY()));
        double dx = nx - x;
        double dy = ny - y;
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return new Line2D.Double(x, y, nx, ny);
        }
        return new Line2D.Double(x + dx / len * radius, y + dy / len * radius, nx, ny);
    }

    private static boolean free(Rectangle2D box, Line2D leader, Rectangle2D bounds, List<Rectangle2D> markers,
            List<Placed> placed) {
        if (!bounds.contains(box)) {
            return false;
        }
        for (Rectangle2D m : markers) {
            if (m.intersects(box)) {
                return false;
            }
        }
        for (Placed p : placed) {
            Rectangle2D other = grow(p.box());
            if (other.intersects(box)) {
                return false;
            }
            if (leader != null && other.intersectsLine(leader)) {
                return false;
            }
            if (p.leader() != null && box.intersectsLine(p.leader())) {
                return false;
            }
        }
        return true;
    }

    private static Rectangle2D grow(Rectangle2D r) {
        return new Rectangle2D.Double(r.getX() - PAD, r.getY() - PAD, r.getWidth() + 2 * PAD,
                r.getHeight() + 2 * PAD);
    }
}
