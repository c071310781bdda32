package org.jsna.output.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;

/**
 * Colours. Demand indicators have no polarity, so comparison with the area uses a blue/orange
 * pair (Okabe-Ito, safe for the common colour-vision deficiencies) rather than red/amber/green:
 * orange = significantly higher than the area, blue = significantly lower, grey = similar.
 */
public final class Palette {

    public static final Color HIGHER = new Color(0xE6, 0x9F, 0x00);
    public static final Color LOWER = new Color(0x00, 0x72, 0xB2);
    public static final Color SIMILAR = new Color(0xBB, 0xBB, 0xBB);
    public static final Color NOT_COMPARED = new Color(0xE4, 0xE4, 0xE4);
    public static final Color AREA = new Color(0x22, 0x22, 0x22);
    public static final Color SUPPRESSED = new Color(0xD9, 0xD9, 0xD9);
    public static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    public static final Color LIMIT95 = new Color(0x55, 0x55, 0x55);
    public static final Color LIMIT998 = new Color(0x99, 0x99, 0x99);

    /** Okabe-Ito qualitative colours (without black), for localities and categories. */
    public static final Color[] SERIES = {
        new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xD5, 0x5E, 0x00),
        new Color(0xF0, 0xE4, 0x42), new Color(0x66, 0x66, 0x66)
    };

    private static final float[][] DASHES = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}};

    private Palette() {
    }

    public static Paint series(int i) {
        return SERIES[i % SERIES.length];
    }

    /** Line strokes that vary the dash as well as the colour, so lines stay apart in greyscale print. */
    public static Stroke seriesStroke(int i) {
        float[] dash = DASHES[(i / SERIES.length + i) % DASHES.length];
        return dash == null ? new BasicStroke(1.8f)
                : new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
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

    public static String hex(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
