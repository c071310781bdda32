package org.jsna.input.csv;

/**
 * Long keys (a population key packed into a long) to the smallest position at which each was added, shared by
 * the threads reading one run: as {@link KeyTable#insert}, so that of two rows with one key the later in the
 * file is the duplicate whatever thread reached it first. Segments of open addressing, each under its lock.
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

    /** As {@link KeyTable#insert}: writes FIRST or LATER into {@code flags[at]}, tells {@code displaced}. */
    /** Lets every key go (the table is no longer needed after the reading). */
    public void clear() {
        for (int i = 0; i < SEGS; i++) {
            segs[i] = new Segment();
        }
    }

    public void insert(long key, long position, byte[] flags, int at, KeyTable.Displaced displaced) {
        long h = mix(key);
        Segment g = segs[(int) (h >>> (64 - SEG_BITS))];
        synchronized (g) {
            int i = g.find(key, (int) h);
            if (!g.used[i]) {
                g.used[i] = true;
                g.keys[i] = key;
                g.mins[i] = position;
                flags[at] = KeyTable.FIRST;
                if (++g.size * 2 > g.keys.length) {
                    g.rehash();
                }
            } else if (position < g.mins[i]) {
                long old = g.mins[i];
                g.mins[i] = position;
                flags[at] = KeyTable.FIRST;
                displaced.displaced(old);
            } else {
                flags[at] = KeyTable.LATER;
            }
        }
    }

    private static final class Segment {
        long[] keys = new long[16];
        long[] mins = new long[16];
        boolean[] used = new boolean[16];
        int size;

        int find(long key, int h) {
            int mask = keys.length - 1;
            int i = h & mask;
            while (used[i] && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        void rehash() {
            long[] ok = keys;
            long[] om = mins;
            boolean[] ou = used;
            keys = new long[ok.length * 2];
            mins = new long[ok.length * 2];
            used = new boolean[ok.length * 2];
            for (int j = 0; j < ok.length; j++) {
                if (ou[j]) {
                    int i = find(ok[j], (int) mix(ok[j]));
                    used[i] = true;
                    keys[i] = ok[j];
                    mins[i] = om[j];
                }
            }
        }
    }
}
