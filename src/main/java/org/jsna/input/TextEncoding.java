package org.jsna.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jsna.console.JsnaException;

/**
 * The one home of encoding detection for every CSV jsna reads — the report inputs and every
 * {@code jsna calc} input (data.md, "Encoding"): a UTF-8 byte-order mark means UTF-8; otherwise bytes
 * that are valid UTF-8 throughout are UTF-8; anything else is Windows-1252 (Excel's "CSV" save); a
 * UTF-16 byte-order mark (Excel's "Unicode text") is an input error. A declared encoding
 * ({@code encoding:} in jsna.yaml) overrides the guess. Detection needs the whole file, so a file is
 * read twice: once here, once to read its records with {@link #reader}.
 */
public final class TextEncoding {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextEncoding() {
    }

    /** What one pass over the bytes found: their number, their SHA-256 (null when not asked for) and the charset. */
    public record Detected(long bytes, String sha256, Charset charset) {
    }

    /**
     * Reads {@code in} to the end (it is not closed).
     *
     * @param name     the file as named in messages
     * @param declared {@link JsnaConfig#ENCODING_AUTO}, {@link JsnaConfig#ENCODING_UTF8} or
     *                 {@link JsnaConfig#ENCODING_CP1252}
     * @param digest   also compute the SHA-256 of the bytes
     * @throws JsnaException an input error when the bytes start with a UTF-16 byte-order mark
     */
    public static Detected detect(InputStream in, String name, String declared, boolean digest) throws IOException {
        MessageDigest md = null;
        if (digest) {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        boolean auto = JsnaConfig.ENCODING_AUTO.equals(declared);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[1 << 16];
        ByteBuffer bb = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer cb = CharBuffer.allocate(chunk.length + 8);
        boolean valid = true;
        boolean bom = false;
        long total = 0;
        int n;
        // readNBytes fills the chunk (short only at the end), so the first chunk holds any byte-order mark whole
        while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            if (total == 0 && n >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB
                    && (chunk[2] & 0xff) == 0xBF) {
                bom = true;
            }
            if (total == 0 && n >= 2 && ((chunk[0] & 0xff) == 0xFF && (chunk[1] & 0xff) == 0xFE
                    || (chunk[0] & 0xff) == 0xFE && (chunk[1] & 0xff) == 0xFF)) {
                // Excel's "Unicode text": otherwise read as Windows-1252 and reported as NUL bytes in the header
                throw JsnaException.input(name + ": starts with a UTF-16 byte-order mark: expected UTF-8 or "
                        + "Windows-1252 text (in Excel, save as \"CSV UTF-8\")");
            }
            if (md != null) {
                md.update(chunk, 0, n);
            }
            total += n;
            if (valid && auto && !bom) {
                bb.put(chunk, 0, n);
                bb.flip();
                CoderResult r;
                do {
                    cb.clear();
                    r = utf8.decode(bb, cb, false);
                } while (r.isOverflow());
                if (r.isError()) {
                    valid = false;
                }
                bb.compact();
            }
        }
        if (valid && auto && !bom) {
            bb.flip();
            cb.clear();
            CoderResult r = utf8.decode(bb, cb, true);
            if (r.isError() || bb.hasRemaining()) {
                valid = false;
            }
        }
        Charset cs;
        if (JsnaConfig.ENCODING_UTF8.equals(declared)) {
            cs = StandardCharsets.UTF_8;
        } else if (JsnaConfig.ENCODING_CP1252.equals(declared)) {
            cs = WINDOWS_1252;
        } else {
            cs = bom || valid ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        return new Detected(total, md == null ? null : hex(md.digest()), cs);
    }

    /**
     * A reader of the bytes in {@code charset}: UTF-8 strictly (an invalid byte is a
     * {@link java.nio.charset.CharacterCodingException}), Windows-1252 with U+FFFD for its five undefined
     * bytes. A byte-order mark is left in the text (U+FEFF) for the CSV reader to drop.
     */
    public static Reader reader(InputStream in, Charset charset) {
        CharsetDecoder dec = charset.newDecoder();
        if (charset.equals(StandardCharsets.UTF_8)) {
            dec.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        } else {
            dec.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        return new InputStreamReader(in, dec);
    }

    /** The SHA-256 of a file, in lower-case hex (the one home of file hashing: inputs and outputs). */
    public static String sha256(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return hex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
