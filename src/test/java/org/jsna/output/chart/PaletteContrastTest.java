package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.2, 1.4.11 (non-text contrast): every colour of {@link Palette} that draws data has a contrast of at
 * least 3:1 with the charts' white background. The contrast is computed here from the definition (relative
 * luminance of sRGB, (L1 + 0.05) / (L2 + 0.05)), independently of {@link Palette#contrast}, which is checked
 * against it. The exceptions are named, each with its reason; a colour added to Palette is checked without
 * anyone having to remember to list it.
 */
class PaletteContrastTest {

    /** Colours that are not data, and why they need not reach 3:1 on their own. */
    static final Map<String, String> NOT_DATA = Map.of(
            "GRID", "grid lines are a reading aid, not needed to understand the chart (1.4.11 asks nothing of them)",
            "RANGE", "the spine's range band is a light fill bounded by a RANGE_EDGE line, which carries the contrast");

    static double channel(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    static double ratio(Color a, Color b) {
        double x = luminance(a);
        double y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    /** Every colour Palette holds: its static Color fields and each element of its Color arrays. */
    static Map<String, Color> paletteColours() throws IllegalAccessException {
        Map<String, Color> out = new LinkedHashMap<>();
        for (Field f : Palette.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(null);
            if (v instanceof Color c) {
                out.put(f.getName(), c);
            } else if (v instanceof Color[] cs) {
                for (int i = 0; i < cs.length; i++) {
                    out.put(f.getName() + "[" + i + "]", cs[i]);
                }
            }
        }
        return out;
    }

    @Test
    void theFormulaGivesWcagsKnownRatios() {
        assertEquals(21.0, ratio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(1.0, ratio(Color.WHITE, Color.WHITE), 1e-9);
        // #767676 is the well-known lightest grey with 4.5:1 on white; #949494 the lightest with 3:1
        assertEquals(4.54, ratio(new Color(0x76, 0x76, 0x76), Color.WHITE), 0.005);
        assertEquals(3.03, ratio(new Color(0x94, 0x94, 0x94), Color.WHITE), 0.005);
        // the Okabe-Ito orange the charts used before, which failed
        assertEquals(2.25, ratio(new Color(0xE6, 0x9F, 0x00), Color.WHITE), 0.005);
    }

    @Test
    void paletteComputesTheSameContrast() throws Exception {
        for (Map.Entry<String, Color> e : paletteColours().entrySet()) {
            assertEquals(ratio(e.getValue(), Color.WHITE), Palette.contrast(e.getValue(), Color.WHITE), 1e-12, e.getKey());
            assertEquals(ratio(e.getValue(), Color.BLACK), Palette.contrast(Color.BLACK, e.getValue()), 1e-12, e.getKey());
        }
    }

    @Test
    void everyColourThatDrawsDataHasThreeToOneOnWhite() throws Exception {
        Map<String, Color> all = paletteColours();
        assertTrue(all.size() > 20, all.keySet().toString());
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Color> e : all.entrySet()) {
            double r = ratio(e.getValue(), Color.WHITE);
            report.append(String.format(java.util.Locale.ROOT, "%s %s %.2f:1%n", e.getKey(), Palette.hex(e.getValue()), r));
            if (NOT_DATA.containsKey(e.getKey())) {
                continue;
            }
            assertTrue(r >= 3.0, () -> e.getKey() + " " + Palette.hex(e.getValue()) + " has " + r + ":1 on white");
        }
        for (String k : NOT_DATA.keySet()) {
            assertNotNull(all.get(k), "an exception that is no longer in Palette: " + k);
        }
        // the band's edge carries the band's contrast
        assertTrue(ratio(Palette.RANGE_EDGE, Color.WHITE) >= 3.0);
        assertTrue(ratio(Palette.RANGE_EDGE, Palette.RANGE) >= 3.0);
        System.out.print(report);
    }

    @Test
    void theComparisonColoursKeepTheirHuesAndDifferInShapeToo() {
        float[] hsb = Color.RGBtoHSB(Palette.HIGHER.getRed(), Palette.HIGHER.getGreen(), Palette.HIGHER.getBlue(), null);
        float[] was = Color.RGBtoHSB(0xE6, 0x9F, 0x00, null);
        assertEquals(was[0], hsb[0], 0.01, "still the Okabe-Ito orange's hue");
        assertEquals(new Color(0x00, 0x72, 0xB2), Palette.LOWER);
        Set<Color> colours = Set.of(Palette.HIGHER, Palette.SIMILAR, Palette.LOWER, Palette.NOT_COMPARED);
        assertEquals(4, colours.size());
        Set<String> shapes = new LinkedHashSet<>();
        for (String c : new String[] {"higher", "similar", "lower"}) {
            java.awt.Shape s = Palette.comparisonShape(c);
            assertNotNull(s, c);
            shapes.add(s.getClass().getSimpleName() + java.util.Arrays.toString(outline(s)));
        }
        assertEquals(3, shapes.size(), "three different markers");
        assertEquals(null, Palette.comparisonShape("not compared"));
        assertEquals(null, Palette.comparisonShape(null));
        // up for higher: the apex above the centre; down for lower
        assertTrue(outline(Palette.comparisonShape("higher"))[1] < 0);
        assertTrue(outline(Palette.comparisonShape("lower"))[1] < 0 && apexBelow(Palette.comparisonShape("lower")));
    }

    private static double[] outline(java.awt.Shape s) {
        java.awt.geom.PathIterator it = s.getPathIterator(null);
        double[] first = new double[6];
        it.currentSegment(first);
        return new double[] {first[0], first[1]};
    }

    private static boolean apexBelow(java.awt.Shape s) {
        java.awt.geom.PathIterator it = s.getPathIterator(null);
        double[] p = new double[6];
        int n = 0;
        while (!it.isDone()) {
            if (it.currentSegment(p) != java.awt.geom.PathIterator.SEG_CLOSE && n++ == 2) {
                return p[1] > 0 && Math.abs(p[0]) < 1e-9;
            }
            it.next();
        }
        return false;
    }

    @Test
    void segmentKeysAreReadableOnEveryCategoryColour() {
        Set<Color> distinct = new LinkedHashSet<>();
        for (Color c : Palette.SERIES) {
            distinct.add(c);
            Color text = Palette.textOn(c);
            assertTrue(ratio(text, c) >= 4.5, () -> Palette.hex(c) + ": text " + Palette.hex(text) + " " + ratio(text, c));
        }
        Color text = Palette.textOn(Palette.SUPPRESSED);
        assertTrue(ratio(text, Palette.SUPPRESSED) >= 4.5);
        // one colour per referral source (data.md has eight), none the suppressed grey
        assertEquals(Palette.SERIES.length, distinct.size());
        assertTrue(Palette.SERIES.length >= 8);
        assertTrue(!distinct.contains(Palette.SUPPRESSED));
        assertNotEquals(Palette.SUPPRESSED, Palette.SIMILAR);
    }
}
