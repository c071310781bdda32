package org.jsna.calc;

/** Age-band labels as matched between an input and a standard or reference table. */
public final class Bands {

    private Bands() {
    }

    /**
     * The label used for matching: spaces removed and en/em dashes read as hyphens, so
     * {@code "0 – 4"} matches {@code "0-4"} and {@code "90 +"} matches {@code "90+"}; nothing else is
     * changed (no guessing of other spellings).
     */
    public static String normalise(String label) {
        StringBuilder sb = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            sb.append(c == '\u2013' || c == '\u2014' ? '-' : c);
        }
        return sb.toString();
    }
}
