package org.jsna.output;

/**
 * Text made safe inside XML and HTML (SVG charts, report.html): the one home of escaping. Both use the
 * same rules, so a name reads the same in a chart and on the page.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * Escapes text for element content and quoted attribute values of XML and HTML: {@code < > & " '}
     * as entities, a carriage return as a space, and the characters XML 1.0 does not allow dropped
     * ({@link #xmlChars}), and so are the invisible controls that embed, override or isolate a direction
     * (U+202A to U+202E, U+2066 to U+2069): a locality named "\u202ERiverside" turned every sentence that named
     * it back to front after the name. Right-to-left names need none of them. Null gives "".
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        String s = xmlChars(text);
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> b.append(' ');
                case '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069' -> {
                    // a direction control: dropped
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The text without the characters XML 1.0 does not allow (C0 controls other than tab, line feed
     * and carriage return; U+FFFE, U+FFFF; unpaired surrogates).
     */
    public static String xmlChars(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
            }
            if (!ok && b == null) {
                b = new StringBuilder(s.length());
                b.append(s, 0, i);
            } else if (ok && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
