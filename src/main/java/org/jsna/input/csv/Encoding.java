package org.jsna.input.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jsna.console.JsnaException;

/**
 * The encodings jsna reads (data.md, "Encoding") and the messages about them: the one home of encoding
 * decisions for every CSV jsna reads, the report inputs and every {@code jsna calc} input. Detection itself
 * happens while the bytes are read ({@link ChunkSource}).
 */
public final class Encoding {
    /** Declared encodings, as jsna.yaml names them after normalisation. */
    public static final String AUTO = "auto";
    public static final String UTF8 = "utf-8";
    public static final String CP1252 = "windows-1252";

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Encoding() {
    }

    static JsnaException utf16(String name) {
        // Excel's "Unicode text": otherwise read as Windows-1252 and reported as NUL bytes in the header
        return JsnaException.input(name + ": starts with a UTF-16 byte-order mark: expected UTF-8 or "
                + "Windows-1252 text (in Excel, save as \"CSV UTF-8\")");
    }

    static JsnaException invalidDeclared(String name, long line) {
        return JsnaException.input(name + ": bytes that are not valid UTF-8 near line " + line + ": expected UTF-8 "
                + "text as declared by encoding in jsna.yaml (use windows-1252 or auto for Excel exports)");
    }

    static JsnaException invalidAfterBom(String name, long line) {
        return JsnaException.input(name + ": bytes that are not valid UTF-8 in a file that starts with a UTF-8 "
                + "byte-order mark, near line " + line + ": expected UTF-8 text throughout (or save it without "
                + "the byte-order mark)");
    }

    /** The text of {@code b[s..e)} in {@code charset} (Windows-1252's five undefined bytes become U+FFFD). */
    public static String decode(byte[] b, int s, int e, Charset charset) {
        return new String(b, s, e - s, charset);
    }

    /**
     * The UTF-8 form of the text {@code b[s..e)}, which is not plain ASCII. With the file's encoding known it
     * is exact; while it is not, bytes valid as UTF-8 are taken as UTF-8 and others as Windows-1252.
     */
    static byte[] utf8(byte[] b, int s, int e, Charset known) {
        Charset cs = known;
        if (cs == null) {
            Utf8Validator v = new Utf8Validator();
            cs = v.update(b, s, e, 0) && v.finish() ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (cs.equals(StandardCharsets.UTF_8)) {
            return java.util.Arrays.copyOfRange(b, s, e);
        }
        return new String(b, s, e - s, cs).getBytes(StandardCharsets.UTF_8);
    }
}
