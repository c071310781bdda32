package org.jsna.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    /** Longs per slot: the key's first 8 bytes, its next 8 and the 8 after (little-endian, zero beyond the key),
     * then the key's length + 1 (bits 32 up; 0: an empty slot) and its value (bits 0-31), then where the key's
     * bytes past the {@value #HELD}th start in {@link #rest}. */
    private static final int SLOT = 5;
    /** Bytes of a key held in its slot: every area code and code (client groups and outcomes run to 19). */
    private static final int HELD = 24;

    /**
     * Unless the keys are found by number: open addressing, a slot of {@value #SLOT} longs side by side: a key of up to 24 bytes (every area code and
     * code) is found, or found absent, by reading one slot, with no object to visit. At 33,000 area codes, looking
     * each event's area up through an array of byte arrays was a wait for memory three times over.
     */
    private final long[] table;
    /** The bytes past the {@value #HELD}th of the keys longer than that, one after another. */
    private final byte[] rest;
    private final int mask;
    private final boolean ascii;
    private final int size;
    /**
     * When the keys are many and all of one form, a prefix then digits, of one length (ONS codes: E01012345),
     * with their numbers close together: each key's value by its number less {@link #numberMin} (else null). A
     * council's area codes are found there in an array of a few hundred kilobytes, with no hashing.
     */
    private final int[] byNumber;
    private final byte[] numberPrefix;
    private final int numberLength;
    private final long numberMin;
    /** The prefix as a little-endian word and the mask of its bytes, when it has at most 8 (else mask 0, unused). */
    private final long prefixWord;
    private final long prefixMask;

    public TextLookup(Map<String, Integer> entries) {
        size = entries.size();
        byte[][] keys = new byte[size][];
        int[] vals = new int[size];
        boolean a = true;
        int j = 0;
        for (Map.Entry<String, Integer> e : entries.entrySet()) {
            keys[j] = e.getKey().getBytes(StandardCharsets.UTF_8);
            vals[j] = e.getValue();
            a &= isAscii(keys[j], 0, keys[j].length);
            j++;
        }
        ascii = a;
        byte[] prefix = a && size >= 64 ? numberPrefix(keys) : null;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        if (prefix != null) {
            for (byte[] k : keys) {
                long n = number(k, 0, k.length, prefix);
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
        }
        if (prefix != null && max - min < 4L * size + 1024) {
            byNumber = new int[(int) (max - min + 1)];
            Arrays.fill(byNumber, ABSENT);
            for (int i = 0; i < size; i++) {
                byNumber[(int) (number(keys[i], 0, keys[i].length, prefix) - min)] = vals[i];
            }
            numberPrefix = prefix;
            numberLength = keys[0].length;
            numberMin = min;
            prefixMask = prefix.length >= 8 ? -1L : (1L << (8 * prefix.length)) - 1;
            prefixWord = prefix.length > 8 ? 0 : TextHash.word(prefix, 0, prefix.length);
            table = null;
            rest = null;
            mask = 0;
            return;
        }
        byNumber = null;
        numberPrefix = null;
        numberLength = 0;
        numberMin = 0;
        prefixWord = 0;
        prefixMask = 0;
        int cap = Integer.highestOneBit(Math.max(4, size * 3)) << 1;
        table = new long[cap * SLOT];
        mask = cap - 1;
        byte[] longer = new byte[64];
        int used = 0;
        for (int i = 0; i < size; i++) {
            byte[] k = keys[i];
            long w0 = TextHash.word(k, 0, k.length);
            long w1 = TextHash.word(k, 8, k.length);
            long w2 = TextHash.word(k, 16, k.length);
            int q = find(w0, w1, w2, k, 0, k.length, longer); // an empty slot: the keys are distinct
            table[q] = w0;
            table[q + 1] = w1;
            table[q + 2] = w2;
            table[q + 3] = (long) (k.length + 1) << 32 | (vals[i] & 0xFFFFFFFFL);
            table[q + 4] = used;
            if (k.length > HELD) {
                if (used + k.length - HELD > longer.length) {
                    longer = Arrays.copyOf(longer, Math.max(used + k.length - HELD, longer.length * 2));
                }
                System.arraycopy(k, HELD, longer, used, k.length - HELD);
                used += k.length - HELD;
            }
        }
        rest = Arrays.copyOf(longer, used);
    }

    /**
     * The prefix every key has before its digits, when every key is that prefix then 1 to 18 digits, all of one
     * length; else null.
     */
    private static byte[] numberPrefix(byte[][] keys) {
        byte[] first = keys[0];
        int p = 0;
        while (p < first.length && (first[p] < '0' || first[p] > '9')) {
            p++;
        }
        if (p == first.length || first.length - p > 18) {
            return null;
        }
        byte[] prefix = Arrays.copyOf(first, p);
        for (byte[] k : keys) {
            if (k.length != first.length || number(k, 0, k.length, prefix) < 0) {
                return null;
            }
        }
        return prefix;
    }

    /** The number after {@code prefix} in {@code b[s..e)} when the rest is digits only, else -1. */
    private static long number(byte[] b, int s, int e, byte[] prefix) {
        int p = prefix.length;
        if (e - s <= p || !Arrays.equals(b, s, s + p, prefix, 0, p)) {
            return -1;
        }
        long n = 0;
        for (int i = s + p; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long ZEROS = 0x3030303030303030L;

    /** The number written by eight ASCII digits in a little-endian word (the first the most significant), or -1. */
    static long eightDigits(long w) {
        // each byte 0x30..0x39: high nibble 3, and still 3 after adding 6 (no byte carries: all are below 0x40)
        if ((w & HIGH_NIBBLES) != ZEROS || ((w + 0x0606060606060606L) & HIGH_NIBBLES) != ZEROS) {
            return -1;
        }
        long d = w - ZEROS;
        d = (d * 10 + (d >>> 8)) & 0x00FF00FF00FF00FFL;
        d = (d * 100 + (d >>> 16)) & 0x0000FFFF0000FFFFL;
        return (d * 10000 + (d >>> 32)) & 0xFFFFFFFFL;
    }

    /** The value of {@code b[s..e)} through {@link #byNumber}. */
    private int byNumber(byte[] b, int s, int e) {
        if (e - s != numberLength) {
            return ABSENT;
        }
        int p = numberPrefix.length;
        long n;
        if (p <= 8 && e - s - p == 8) {
            // the commonest form (E01012345): the prefix and the eight digits each one word
            if (((long) LONG.get(b, s) & prefixMask) != prefixWord) {
                return ABSENT;
            }
            n = eightDigits((long) LONG.get(b, s + p));
        } else {
            n = number(b, s, e, numberPrefix);
        }
        long i = n - numberMin;
        return i < 0 || i >= byNumber.length ? ABSENT : byNumber[(int) i];
    }

    /** True when every key is plain ASCII (then no lookup depends on a file's encoding). */
    public boolean ascii() {
        return ascii;
    }

    public int size() {
        return size;
    }

    /** Whether the keys are found by their number ({@link #byNumber}); for tests. */
    boolean numbered() {
        return byNumber != null;
    }

    /** The value of the text of field {@code i}, or {@link #ABSENT}. */
    public int get(Fields f, int i) {
        byte[] b = f.bytes();
        int s = f.start(i);
        int e = f.end(i);
        if (byNumber != null) {
            return byNumber(b, s, e); // every key is ASCII: a field that is not is no key, whatever its encoding
        }
        if (e - s <= HELD) {
            long w0 = TextHash.word(b, s, e);
            long w1 = TextHash.word(b, s + 8, e);
            long w2 = TextHash.word(b, s + 16, e);
            if (((w0 | w1 | w2) & HIGHS) == 0) {
                return value(find(w0, w1, w2, b, s, e, rest));
            }
        } else if (isAscii(b, s, e)) {
            return get(b, s, e);
        }
        byte[] u = f.utf8(i);
        return u == null ? ABSENT : get(u, 0, u.length);
    }

    /** The value of the UTF-8 text {@code b[s..e)}, or {@link #ABSENT}. */
    public int get(byte[] b, int s, int e) {
        if (byNumber != null) {
            return byNumber(b, s, e);
        }
        return value(find(TextHash.word(b, s, e), TextHash.word(b, s + 8, e), TextHash.word(b, s + 16, e), b, s, e,
                rest));
    }

    private int value(int q) {
        long meta = table[q + 3];
        return meta == 0 ? ABSENT : (int) meta;
    }

    /**
     * The slot of the key {@code b[s..e)} (whose first three words are {@code w0}, {@code w1}, {@code w2}), or the
     * empty slot where it would go; {@code longer}: the bytes of the keys past their {@value #HELD}th ({@link #rest},
     * or while it is being built).
     */
    private int find(long w0, long w1, long w2, byte[] b, int s, int e, byte[] longer) {
        int len = e - s;
        long h = TextHash.words(w0, w1, w2, len);
        for (int j = s + HELD; j < e; j += 8) {
            h = TextHash.more(h, TextHash.word(b, j, e));
        }
        h ^= h >>> 32;
        int i = (int) h & mask;
        while (true) {
            int q = i * SLOT;
            long meta = table[q + 3];
            if (meta == 0 || table[q] == w0 && table[q + 1] == w1 && table[q + 2] == w2
                    && (int) (meta >>> 32) == len + 1
                    && (len <= HELD || restEquals(longer, (int) table[q + 4], b, s + HELD, e))) {
                return q;
            }
            i = (i + 1) & mask;
        }
    }

    private static boolean restEquals(byte[] longer, int at, byte[] b, int s, int e) {
        return at + (e - s) <= longer.length && Arrays.equals(longer, at, at + (e - s), b, s, e);
    }

    /** True when {@code b[s..e)} holds only ASCII bytes. */
    public static boolean isAscii(byte[] b, int s, int e) {
        int i = s;
        for (; i + 8 <= e; i += 8) {
            if (((long) LONG.get(b, i) & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < e; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
