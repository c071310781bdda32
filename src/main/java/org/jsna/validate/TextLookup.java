package org.jsna.validate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Text keys to int values, looked up by the UTF-8 bytes of a field, so that a code, a client group or an
 * area code is found without making a String of it. Keys are held as UTF-8; a field that is not ASCII is
 * looked up by its UTF-8 form ({@link Fields#utf8}), so a Windows-1252 file finds the same keys. Immutable
 * once built: any number of reading threads may share it.
 */
public final class TextLookup {
    /** Returned for a text that is not a key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private final byte[][] keys;
    private final int[] values;
    private final int mask;
    private final boolean ascii;
    private final int size;

    public TextLookup(Map<String, Integer> entries) {
        int cap = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
        keys = new byte[cap][];
        values = new int[cap];
        mask = cap - 1;
        boolean a = true;
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            a &= isAscii(k, 0, k.length);
            int i = hash(k, 0, k.length) & mask;
            while (keys[i] != null && !Arrays.equals(keys[i], k)) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = e.getValue();
        }
        ascii = a;
        size = entries.size();
    }

    /** True when every key is plain ASCII (then no lookup depends on a file's encoding). */
    public boolean ascii() {
        return ascii;
    }

    public int size() {
        return size;
    }

    /** The value of the text of field {@code i}, or {@link #ABSENT}. */
    public int get(Fields f, int i) {
        byte[] b = f.bytes();
        int s = f.start(i);
        int e = f.end(i);
        if (isAscii(b, s, e)) {
            return get(b, s, e);
        }
        byte[] u = f.utf8(i);
        return u == null ? ABSENT : get(u, 0, u.length);
    }

    /** The value of the UTF-8 text {@code b[s..e)}, or {@link #ABSENT}. */
    public int get(byte[] b, int s, int e) {
        int i = hash(b, s, e) & mask;
        int len = e - s;
        while (true) {
            byte[] k = keys[i];
            if (k == null) {
                return ABSENT;
            }
            if (k.length == len && Arrays.equals(k, 0, len, b, s, e)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    static int hash(byte[] b, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** True when {@code b[s..e)} holds only ASCII bytes. */
    public static boolean isAscii(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
