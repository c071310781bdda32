package org.jsna.input.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a stream of bytes is valid UTF-8 (RFC 3629: shortest forms only, no surrogates, nothing above
 * U+10FFFF), fed block by block in file order; a sequence may span blocks. Eight ASCII bytes are checked at
 * a time. Remembers the file offset of the first invalid sequence.
 */
final class Utf8Validator {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected for the current sequence. */
    private int need;
    /** Bounds of the next continuation byte (the second byte of E0, ED, F0, F4 sequences is narrower). */
    private int lo = 0x80;
    private int hi = 0xBF;
    /** File offset where the current sequence started. */
    private long seqStart;
    private long invalidAt = -1;

    /** True while every byte so far is valid. */
    boolean valid() {
        return invalidAt < 0;
    }

    /** The offset of the first invalid sequence, or -1. */
    long invalidAt() {
        return invalidAt;
    }

    /**
     * Checks {@code b[from..to)}, whose first byte is at file offset {@code offset}. Returns false once an
     * invalid sequence has been seen (later calls do nothing).
     */
    boolean update(byte[] b, int from, int to, long offset) {
        if (invalidAt >= 0) {
            return false;
        }
        int i = from;
        while (i < to) {
            if (need == 0) {
                // ASCII fast path, eight bytes at a time
                while (i + 8 <= to && ((long) LONG.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i >= to) {
                    break;
                }
                int c = b[i] & 0xff;
                if (c < 0x80) {
                    i++;
                    continue;
                }
                seqStart = offset + (i - from);
                if (c >= 0xC2 && c <= 0xDF) {
                    need = 1;
                    lo = 0x80;
                    hi = 0xBF;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    need = 2;
                    lo = c == 0xE0 ? 0xA0 : 0x80;
                    hi = c == 0xED ? 0x9F : 0xBF;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    need = 3;
                    lo = c == 0xF0 ? 0x90 : 0x80;
                    hi = c == 0xF4 ? 0x8F : 0xBF;
                } else {
                    invalidAt = seqStart;
                    return false;
                }
                i++;
            } else {
                int c = b[i] & 0xff;
                if (c < lo || c > hi) {
                    invalidAt = seqStart;
                    return false;
                }
                lo = 0x80;
                hi = 0xBF;
                need--;
                i++;
            }
        }
        return true;
    }

    /** At the end of the stream: false when a sequence is left unfinished. */
    boolean finish() {
        if (invalidAt < 0 && need > 0) {
            invalidAt = seqStart;
        }
        return invalidAt < 0;
    }
}
