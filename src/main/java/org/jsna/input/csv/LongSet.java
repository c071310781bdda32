package org.jsna.input.csv;

/**
 * A set of longs (the population keys {@code PopulationKeys} does not keep as bits), filled by one thread at a
 * time: the reading's ordered step, which sees the rows in file order, so that the first row of a key is the one
 * added first and no positions need keeping. Open addressing in {@value #SEGS} segments by the top bits of a
 * key's hash, each grown on its own (8 to 11 bytes a key, and growing one segment holds only that segment
 * twice), one long a slot.
 */
public final class LongSet {
    private static final int SEG_BITS = 6;
    private static final int SEGS = 1 << SEG_BITS;
    /** The slot value of an empty slot; the key of that value is kept apart. */
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[][] segs = new long[SEGS][];
    private final int[] sizes = new int[SEGS];
    private boolean hasEmptyKey;
    private long size;

    public LongSet() {
        for (int i = 0; i < SEGS; i++) {
            segs[i] = newSlots(16);
        }
    }

    private static long[] newSlots(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, EMPTY);
        return a;
    }

    private static long mix(long k) {
        long h = (k + 1) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Adds the key; true if it was not in the set. */
    public boolean add(long key) {
        if (key == EMPTY) {
            if (hasEmptyKey) {
                return false;
            }
            hasEmptyKey = true;
            size++;
            return true;
        }
        long h = mix(key);
        int s = (int) (h >>> (64 - SEG_BITS));
        long[] sl = segs[s];
        int mask = sl.length - 1;
        int i = (int) h & mask;
        while (sl[i] != EMPTY) {
            if (sl[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        sl[i] = key;
        size++;
        if (++sizes[s] * 4L > sl.length * 3L) {
            segs[s] = grown(sl);
        }
        return true;
    }

    private static long[] grown(long[] old) {
        long[] sl = newSlots(old.length * 2);
        int mask = sl.length - 1;
        for (long k : old) {
            if (k != EMPTY) {
                int i = (int) mix(k) & mask;
                while (sl[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                sl[i] = k;
            }
        }
        return sl;
    }

    /** Number of keys. */
    public long size() {
        return size;
    }
}
