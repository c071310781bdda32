package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Funnel-plot names (issue 7, item 8): placed labels never overlap each other or any point, and stay inside. */
class LabelLayoutPropertyTest {

    private static final Rectangle2D AREA = new Rectangle2D.Double(60, 40, 880, 460);
    private static final double RADIUS = 6;

    @Property(tries = 300)
    void placedLabelsNeverOverlapAndCoverNoPoint(
            @ForAll @Size(min = 1, max = 45) List<@IntRange(min = 0, max = 10_000) Integer> xs,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        int n = xs.size();
        java.util.Random rnd = new java.util.Random(seed);
        double[] px = new double[n];
        double[] py = new double[n];
        double[] w = new double[n];
        double[] h = new double[n];
        boolean crowd = rnd.nextBoolean();
        for (int i = 0; i < n; i++) {
            // crowded: every point in a small patch, as localities of similar size and rate are
            px[i] = AREA.getX() + (crowd ? 400 + xs.get(i) % 120 : xs.get(i) * AREA.getWidth() / 10_000);
            py[i] = AREA.getY() + (crowd ? 200 + rnd.nextInt(60) : rnd.nextDouble() * AREA.getHeight());
            w[i] = 20 + rnd.nextInt(220);
            h[i] = 15;
        }
        List<LabelLayout.Placed> placed = LabelLayout.place(px, py, w, h, RADIUS, AREA);
        Set<Integer> seen = new HashSet<>();
        for (int a = 0; a < placed.size(); a++) {
            LabelLayout.Placed p = placed.get(a);
            assertTrue(seen.add(p.index()), "a label placed twice");
            Rectangle2D box = p.box();
            assertTrue(AREA.contains(box), "inside the plot");
            assertEquals(w[p.index()], box.getWidth(), 1e-9);
            for (int i = 0; i < n; i++) {
                Rectangle2D marker = new Rectangle2D.Double(px[i] - RADIUS, py[i] - RADIUS, 2 * RADIUS, 2 * RADIUS);
                assertFalse(marker.intersects(box), "label " + p.index() + " covers point " + i);
            }
            for (int b = a + 1; b < placed.size(); b++) {
                assertFalse(box.intersects(placed.get(b).box()), "labels " + p.index() + " and "
                        + placed.get(b).index() + " overlap");
            }
        }
    }

    @Example
    void spreadOutPointsAreAllLabelledBesideThemselves() {
        double[] px = {100, 400, 700, 250, 550, 850};
        double[] py = {100, 120, 140, 400, 380, 360};
        double[] w = {80, 80, 80, 80, 80, 80};
        double[] h = {15, 15, 15, 15, 15, 15};
        List<LabelLayout.Placed> placed = LabelLayout.place(px, py, w, h, RADIUS, AREA);
        assertEquals(6, placed.size());
        for (LabelLayout.Placed p : placed) {
            assertEquals(null, p.leader(), "beside its point, no leader");
            assertEquals(px[p.index()] + RADIUS + 3, p.box().getX(), 1e-9, "to the right of its point");
        }
    }

    @Example
    void twoPointsOnTopOfEachOtherBothGetALabel() {
        // Eastfield and Northgate in the sample: nearly the same population and rate
        double[] px = {500, 503};
        double[] py = {200, 204};
        List<LabelLayout.Placed> placed = LabelLayout.place(px, py, new double[] {70, 75}, new double[] {15, 15},
                RADIUS, AREA);
        assertEquals(2, placed.size());
        assertFalse(placed.get(0).box().intersects(placed.get(1).box()));
    }
}
