package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Colours. Demand indicators have no polarity, so comparison with the area uses a blue/orange
 * pair (Okabe-Ito, safe for the common colour-vision deficiencies) rather than red/amber/green:
 * orange = significantly higher than the area, blue = significantly lower, grey = similar. Colour is
 * never the only cue: each comparison also has its marker ({@link #comparisonShape}: triangle up,
 * triangle down, circle), and the categories of a stacked bar are numbered in their segments.
 * <p>
 * Every colour that draws data (a bar, a marker, a line, a segment) has a contrast of at least 3:1 with
 * the white background (WCAG 2.2, 1.4.11 non-text contrast; {@link #contrast}), so the orange, the greys
 * and the Okabe-Ito sky blue and yellow are darker shades than the published Okabe-Ito ones. The two
 * exceptions are not data: the grid ({@link #GRID}), and the fill of the spine chart's range band
 * ({@link #RANGE}), which is bounded by a line of {@link #RANGE_EDGE}. PaletteContrastTest checks them all.
 */
public final class Palette {

    /** Okabe-Ito orange (#E69F00, 2.25:1 on white) darkened in the same hue to 3.1:1. */
    public static final Color HIGHER = new Color(0xC1, 0x86, 0x00);
    public static final Color LOWER = new Color(0x00, 0x72, 0xB2);
    public static final Color SIMILAR = new Color(0x8F, 0x8F, 0x8F);
    /** A value shown but not compared with the area: a darker grey than similar, and no comparison marker. */
    public static final Color NOT_COMPARED = new Color(0x6E, 0x6E, 0x6E);
    public static final Color AREA = new Color(0x22, 0x22, 0x22);
    /** The suppressed sources of a stacked bar, together. */
    public static final Color SUPPRESSED = new Color(0x8C, 0x8C, 0x8C);
    /** Grid lines: a guide, not data (1.4.11 does not ask 3:1 of it), kept faint so it does not compete. */
    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    public static final Color LIMIT95 = new Color(0x55, 0x55, 0x55);
    public static final Color LIMIT998 = new Color(0x8A, 0x8A, 0x8A);
    /** Bars of a measure without a confidence interval (nothing is compared): a plain mid grey-blue. */
    public static final Color NEUTRAL = new Color(0x76, 0x88, 0x9A);
    /** Points that are values, not comparisons (deprivation deciles): dark slate. */
    public static final Color MARK = new Color(0x33, 0x41, 0x4E);
    /** The fitted SII line: Okabe-Ito bluish green, not a comparison colour. */
    public static final Color FIT = new Color(0x00, 0x9E, 0x73);
    /**
     * The pyramid's sexes: Okabe-Ito bluish green and reddish purple, so neither reads as the
     * higher (orange) or lower (blue) comparison colour of the other charts.
     */
    public static final Color MALE = new Color(0x00, 0x9E, 0x73);
    public static final Color FEMALE = new Color(0xCC, 0x79, 0xA7);
    /** The spine chart's band of the localities' range: a light fill (markers sit on it) ... */
    public static final Color RANGE = new Color(0xCF, 0xDD, 0xEA);
    /** ... bounded by this line, which gives the band its 3:1 edge. */
    public static final Color RANGE_EDGE = new Color(0x5B, 0x7A, 0x99);

    /**
     * Qualitative colours for localities and categories: Okabe-Ito (without black), with the orange, sky
     * blue and yellow, which have less than 3:1 on white, replaced by the darker orange of {@link #HIGHER},
     * a purple and an olive. Eight, for the eight referral sources of data.md.
     */
    public static final Color[] SERIES = {
        new Color(0x00, 0x72, 0xB2), HIGHER, new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x7A, 0x51, 0x95), new Color(0xD5, 0x5E, 0x00),
        new Color(0x8F, 0x7F, 0x00), new Color(0x66, 0x66, 0x66)
    };

    private static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {9f, 3f, 2f, 3f}};
    /** Number of (dash, marker) pairs that differ from each other; series beyond it repeat them in another colour. */
    public static final int DISTINCT_STYLES = 24;

    private Palette() {
    }

    public static Paint series(int i) {
        return SERIES[i % SERIES.length];
    }

    /**
     * Line strokes that vary the dash as well as the colour, so lines stay apart in greyscale print.
     * With {@link #seriesShape} the first {@value #DISTINCT_STYLES} series each get their own pair of
     * dash pattern (4) and marker (6): k mod 4 and k mod 6 pair up uniquely for k &lt; 12 (the pairs of
     * equal parity), and shifting the marker by one for 12 &le; k &lt; 24 gives the 12 pairs of unequal parity.
     */
    public static BasicStroke seriesStroke(int i) {
        float[] dash = DASHES[(i % DISTINCT_STYLES) % DASHES.length];
        return dash == null ? new BasicStroke(1.8f)
                : new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    /** Index (0..5) of the marker of series {@code i}; see {@link #seriesStroke}. */
    public static int seriesShapeIndex(int i) {
        int k = i % DISTINCT_STYLES;
        return (k % 6 + k / 12) % 6;
    }

    /** Index (0..3) of the dash pattern of series {@code i}. */
    public static int seriesDashIndex(int i) {
        return (i % DISTINCT_STYLES) % DASHES.length;
    }

    /** The marker of series {@code i}: circle, square, triangle up, diamond, triangle down, cross; about 8 px. */
    public static Shape seriesShape(int i) {
        double s = 4.5;
        switch (seriesShapeIndex(i)) {
            case 0:
                return new Ellipse2D.Double(-s, -s, 2 * s, 2 * s);
            case 1:
                return new Rectangle2D.Double(-s + 0.5, -s + 0.5, 2 * s - 1, 2 * s - 1);
            case 2:
                return polygon(new double[] {0, s, -s}, new double[] {-s, s, s});
            case 3:
                return polygon(new double[] {0, s, 0, -s}, new double[] {-s - 0.5, 0, s + 0.5, 0});
            case 4:
                return polygon(new double[] {-s, s, 0}, new double[] {-s, -s, s});
            default:
                double t = 1.6;
                return polygon(new double[] {-t, t, t, s, s, t, t, -t, -t, -s, -s, -t},
                        new double[] {-s, -s, -t, -t, t, t, s, s, t, t, -t, -t});
        }
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int k = 1; k < xs.length; k++) {
            p.lineTo(xs[k], ys[k]);
        }
        p.closePath();
        return p;
    }

    public static Color comparison(String compared) {
        if (compared == null) {
            return NOT_COMPARED;
        }
        switch (compared) {
            case "higher":
                return HIGHER;
            case "lower":
                return LOWER;
            case "similar":
                return SIMILAR;
            default:
                return NOT_COMPARED;
        }
    }

    /**
     * The marker that says a comparison without colour: a triangle pointing up for higher than the area,
     * down for lower, a circle for similar; null for anything else (not compared). About 12 px across.
     */
    public static Shape comparisonShape(String compared) {
        if (compared == null) {
            return null;
        }
        double s = 6;
        switch (compared) {
            case "higher":
                return polygon(new double[] {0, s + 1, -s - 1}, new double[] {-s - 1, s, s});
            case "lower":
                return polygon(new double[] {-s - 1, s + 1, 0}, new double[] {-s, -s, s + 1});
            case "similar":
                return new Ellipse2D.Double(-s + 0.5, -s + 0.5, 2 * s - 1, 2 * s - 1);
            default:
                return null;
        }
    }

    /** Relative luminance of an sRGB colour, as WCAG 2.2 defines it (0 black to 1 white). */
    public static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** WCAG contrast ratio of two colours, 1 to 21. */
    public static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** Black or white, whichever contrasts more with {@code fill}: text drawn on it. */
    public static Color textOn(Color fill) {
        return contrast(fill, Color.BLACK) >= contrast(fill, Color.WHITE) ? Color.BLACK : Color.WHITE;
    }

    public static String hex(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
