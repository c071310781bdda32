package org.jsna.input.csv;

/**
 * Long keys (a population key packed into a long) to the smallest position at which each was added, shared by
 * the threads reading one run: as {@link KeyTable#insert}, so that of two rows with one key the later in the
 * file is the duplicate whatever thread reached it first. Segments of open addressing, each under its lock;
 * a slot is two longs side by side (the key, and its smallest position + 1, 0 for an empty slot), so that
 * finding a key reads one place in memory, which {@link #touch} can read ahead.
 */
public final class LongKeyTable {
    private static final int SEG_BITS = 6;
    private static final int SEGS = 1 << SEG_BITS;

    private final Segment[] segs = new Segment[SEGS];

    public LongKeyTable() {
        for (int i = 0; i < SEGS; i++) {
            segs[i] = new Segment();
        }
    }

    private static long mix(long k) {
        long h = (k + 1) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Lets every key go (the table is no longer needed after the reading). */
    public void clear() {
        for (int i = 0; i < SEGS; i++) {
            segs[i] = new Segment();
        }
    }

    /** As {@link KeyTable#insert}: writes FIRST or LATER into {@code flags[at]}, tells {@code displaced}. */
    public void insert(long key, long position, byte[] flags, int at, KeyTable.Displaced displaced) {
        long h = mix(key);
        Segment g = segs[(int) (h >>> (64 - SEG_BITS))];
        synchronized (g) {
            int i = g.find(key, (int) h);
            long[] sl = g.slots;
            if (sl[2 * i + 1] == 0) {
                sl[2 * i] = key;
                sl[2 * i + 1] = position + 1;
                flags[at] = KeyTable.FIRST;
                if (++g.size * 2 > sl.length >>> 1) {
                    g.rehash();
                }
            } else if (position < sl[2 * i + 1] - 1) {
                long old = sl[2 * i + 1] - 1;
                sl[2 * i + 1] = position + 1;
                flags[at] = KeyTable.FIRST;
                displaced.displaced(old);
            } else {
                flags[at] = KeyTable.LATER;
            }
        }
    }

    /**
     * Reads, without the lock, the slot where the search for {@code key} starts, as {@link KeyTable#touch}: for
     * a batch of keys before they are inserted, so that the memory fetches their slots side by side.
     */
    public long touch(long key) {
        long h = mix(key);
        long[] sl = segs[(int) (h >>> (64 - SEG_BITS))].slots;
        return sl[2 * ((int) h & ((sl.length >>> 1) - 1))];
    }

    private static final class Segment {
        long[] slots = new long[32];
        int size;

        int find(long key, int h) {
            long[] sl = slots;
            int mask = (sl.length >>> 1) - 1;
            int i = h & mask;
            while (sl[2 * i + 1] != 0 && sl[2 * i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        void rehash() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (int j = 0; j < old.length; j += 2) {
                if (old[j + 1] != 0) {
                    int i = find(old[j], (int) mix(old[j]));
                    slots[2 * i] = old[j];
                    slots[2 * i + 1] = old[j + 1];
                }
            }
        }
    }
}
