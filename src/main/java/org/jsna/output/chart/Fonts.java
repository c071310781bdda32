package org.jsna.output.chart;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import org.jsna.console.JsnaException;

/**
 * The one font every chart uses: DejaVu Sans, bundled in the jar ({@code fonts/DejaVuSans.ttf},
 * licence beside it), so charts look the same on a bare server as on a laptop. Loaded once and
 * registered with the {@link GraphicsEnvironment}; a missing font is a clear error, never a silent
 * fallback to whatever the machine has.
 */
public final class Fonts {

    /** The family name written into SVG, with fallbacks for browsers that lack DejaVu. */
    public static final String CSS_FAMILY = "\"DejaVu Sans\", \"Bitstream Vera Sans\", Verdana, Arial, sans-serif";

    private static Font regular;
    private static Font bold;
    /** The family name, looked up once: a font made from a file reads its name table at every lookup. */
    private static String family;

    private Fonts() {
    }

    private static synchronized void load() {
        if (regular != null) {
            return;
        }
        regular = read("fonts/DejaVuSans.ttf");
        bold = read("fonts/DejaVuSans-Bold.ttf");
        family = regular.getFamily(java.util.Locale.ROOT);
        GraphicsEnvironment ge = GraphicsEnvironment.getLocalGraphicsEnvironment();
        ge.registerFont(regular);
        ge.registerFont(bold);
    }

    private static Font read(String resource) {
        try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new JsnaException(JsnaException.Kind.INTERNAL,
                        "the chart font " + resource + " is missing from the jsna jar; rebuild it with `mvn package`");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            // Java copies a font read from a stream into its temporary folder: a full, read-only or missing one is
            // the machine's state, not a fault of jsna (the jar's own font is read before the copy is made)
            throw JsnaException.io("cannot load the chart font " + resource + ": Java copies it into its temporary "
                    + "folder " + System.getProperty("java.io.tmpdir") + ", which cannot take it (" + e.getMessage()
                    + "); free space there or make it writable, or run with "
                    + "JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=ANOTHER_FOLDER", e);
        } catch (FontFormatException e) {
            throw new JsnaException(JsnaException.Kind.INTERNAL,
                    "cannot load the chart font " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The regular face at a size (the family name, so SVG gets {@code font-weight: normal}). */
    public static Font plain(float size) {
        load();
        return new Face(new Font(family, Font.PLAIN, 1).deriveFont(size));
    }

    /**
     * The bold face: asked for by family and style so that Java picks the registered bold face and
     * SVG output says {@code font-weight: bold}.
     */
    public static Font bold(float size) {
        load();
        return new Face(new Font(family, Font.BOLD, 1).deriveFont(size));
    }

    /**
     * The texts with a character the chart font cannot draw (CJK, emoji...: a PNG shows a box for each; SVG
     * names the font and lets the reader's fonts fill in). Invisible format characters (zero-width joiners,
     * direction marks) are not counted. In the order given, each once.
     */
    public static java.util.List<String> undrawable(java.util.Collection<String> texts) {
        load();
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : texts) {
            if (t == null || out.contains(t) || regular.canDisplayUpTo(t) < 0) {
                continue;
            }
            for (int i = 0; i < t.length(); ) {
                int c = t.codePointAt(i);
                if (!regular.canDisplay(c) && !Character.isWhitespace(c) && !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.NON_SPACING_MARK
                        && c != 0xFE0F && c != 0xFE0E) {
                    out.add(t);
                    break;
                }
                i += Character.charCount(c);
            }
        }
        return new java.util.ArrayList<>(out);
    }

    /**
     * One of the two faces at a size, whose {@link #getFamily()} is the name looked up at load. A font
     * made from a file reads the file's name table again at every {@code getFamily()} in a locale other
     * than the one the JVM started with (jsna runs in {@code Locale.ROOT}), and JFreeSVG asks for the
     * family at every string it writes: a tenth of the time an SVG took. Equal to the plain font in
     * every other way ({@link Font#equals} compares name, style, size and attributes).
     */
    private static final class Face extends Font {

        private static final long serialVersionUID = 1L;

        Face(Font font) {
            super(font);
        }

        @Override
        public String getFamily() {
            return family;
        }
    }
}
