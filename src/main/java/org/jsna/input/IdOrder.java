package org.jsna.input;

import java.nio.charset.StandardCharsets;

/**
 * Ordinal (UTF-16 code unit, as {@link String#compareTo}) order of two identifiers given as their UTF-8 bytes, so
 * that later stages can break ties by "smallest id" (indicators.md, "Where a person is counted"). The stages after
 * the input layer hold an identifier only as these opaque bytes ({@link RecordBatch#idBytes}), carried with its
 * record, and never read them as text.
 */
public final class IdOrder {

    private IdOrder() {
    }

    /**
     * Negative, zero or positive as the identifier in {@code x[xs..xe)} sorts before, equal to or after the one in
     * {@code y[ys..ye)}. ASCII bytes compare as they are (UTF-8 keeps their order); at the first difference
     * involving a byte of a longer character the two are compared as text, since UTF-8's byte order and UTF-16's
     * unit order part for characters above U+FFFF.
     */
    public static int compare(byte[] x, int xs, int xe, byte[] y, int ys, int ye) {
        int n = Math.min(xe - xs, ye - ys);
        for (int k = 0; k < n; k++) {
            byte a = x[xs + k];
            byte b = y[ys + k];
            if (a != b) {
                if (a >= 0 && b >= 0) {
                    return a - b;
                }
                return new String(x, xs, xe - xs, StandardCharsets.UTF_8)
                        .compareTo(new String(y, ys, ye - ys, StandardCharsets.UTF_8));
            }
        }
        return (xe - xs) - (ye - ys);
    }
}
