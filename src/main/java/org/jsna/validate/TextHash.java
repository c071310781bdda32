package org.jsna.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The hash of id and code text for jsna's hash tables ({@code KeyTable}: referral, event and person ids;
 * {@link TextLookup}: codes and area codes), keyed afresh in each run. With a fixed hash, ids can be made that
 * all share one hash (a fixed hash of multiplications and shifts is invertible), and every such id then searches
 * the same crowded stretch of a table: 176,000 records of such ids took 33 s to read and aggregate. Under a key
 * the ids do not know, no file can do that. Each step multiplies two 64-bit words to 128 bits and folds the halves
 * (as wyhash does); the key enters every step. It is not a cryptographic hash: it keeps tables even, nothing more.
 *
 * <p>What jsna writes does not depend on the key: its tables hand out entries that the readers number in file
 * order, and the records partitioned by a person's hash are folded into counts and exact sums that do not depend
 * on the partition (the jar's tests run a report under two keys and compare every file). The system property
 * {@code jsna.hashSeed} (a number) fixes the key, to repeat a run exactly.
 */
public final class TextHash {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The run's key (the property {@code jsna.hashSeed} when it is a number). */
    static final long SEED = seed();
    private static final long K0;
    private static final long K1;
    private static final long K2;
    private static final long K3;

    static {
        SplittableRandom r = new SplittableRandom(SEED);
        K0 = r.nextLong();
        K1 = r.nextLong();
        K2 = r.nextLong();
        K3 = r.nextLong();
    }

    private TextHash() {
    }

    private static long seed() {
        String fixed = System.getProperty("jsna.hashSeed");
        if (fixed != null) {
            try {
                return Long.parseLong(fixed.trim());
            } catch (NumberFormatException e) {
                // not a number: a random key, as without it
            }
        }
        return new SplittableRandom().nextLong() ^ System.nanoTime();
    }

    /** The two halves of the 128-bit product folded into one. */
    private static long mum(long a, long b) {
        return a * b ^ Math.multiplyHigh(a, b);
    }

    /** A 64-bit hash of the bytes {@code b[s..e)}. */
    public static long hash64(byte[] b, int s, int e) {
        int len = e - s;
        long h = K0 ^ len;
        int i = s;
        while (i + 16 <= e) {
            h = mum((long) LONG.get(b, i) ^ K1, (long) LONG.get(b, i + 8) ^ K2 ^ h);
            i += 16;
        }
        long a;
        long c;
        if (i + 8 <= e) {
            a = (long) LONG.get(b, i);
            c = word(b, i + 8, e);
        } else {
            a = word(b, i, e);
            c = 0;
        }
        h = mum(a ^ K1, c ^ K2 ^ h);
        return mum(h ^ K3, len ^ K0);
    }

    /**
     * A 64-bit hash of a text of {@code len} bytes from its first three 8-byte words ({@code w0}, {@code w1},
     * {@code w2}, zero past its end); then {@link #more} for each further word.
     */
    public static long words(long w0, long w1, long w2, int len) {
        long h = mum(w0 ^ K1, w1 ^ K2 ^ len);
        return mum(h ^ w2 ^ K3, K0 ^ len);
    }

    /** The hash {@code h} continued by the next 8-byte word {@code w} of a text. */
    public static long more(long h, long w) {
        return mum(h ^ w ^ K1, K2 ^ h);
    }

    /** Bytes {@code from} to {@code min(from + 8, end)} of {@code b} as a little-endian long (zero past them). */
    public static long word(byte[] b, int from, int end) {
        int n = end - from;
        if (n <= 0) {
            return 0;
        }
        if (n >= 8) {
            return (long) LONG.get(b, from);
        }
        if (from + 8 <= b.length) {
            return (long) LONG.get(b, from) & ((1L << (8 * n)) - 1);
        }
        long w = 0;
        for (int j = 0; j < n; j++) {
            w |= (b[from + j] & 0xFFL) << (8 * j);
        }
        return w;
    }
}
