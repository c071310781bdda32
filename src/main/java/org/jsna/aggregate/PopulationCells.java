package org.jsna.aggregate;

import java.util.Arrays;

/**
 * The population by cell (a key of year, locality, decile, sex and age range, never negative) as primitive
 * longs: while the population is read, counts are added into an open-addressing table in {@value #SEGS}
 * segments by the top bits of the key's hash (16 to 32 bytes a cell, and growing one segment holds only that
 * segment twice; a {@code HashMap<Long, long[]>} took about 90 bytes a cell, 100 MB of a national run's
 * heap). When it is first read, the cells are sorted by key once and the table let go: every sum over the
 * population (denominators, pyramids, projections) runs in key order, the same whatever the order the rows
 * came in.
 */
final class PopulationCells {
    private static final int SEG_BITS = 6;
    private static final int SEGS = 1 << SEG_BITS;
    private static final long EMPTY = -1;

    private long[][] keys = new long[SEGS][];
    private long[][] values = new long[SEGS][];
    private final int[] sizes = new int[SEGS];
    private long size;
    private long[] sortedKeys;
    private long[] sortedValues;

    PopulationCells() {
        for (int s = 0; s < SEGS; s++) {
            keys[s] = empty(16);
            values[s] = new long[16];
        }
    }

    private static long[] empty(int n) {
        long[] a = new long[n];
        Arrays.fill(a, EMPTY);
        return a;
    }

    private static long mix(long k) {
        long h = (k + 1) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Adds {@code people} to the cell {@code key} (0 or more). */
    void add(long key, long people) {
        if (key < 0) {
            throw new IllegalArgumentException("negative population key " + key);
        }
        if (keys == null) {
            throw new IllegalStateException("the population cells were read: no more can be added");
        }
        long h = mix(key);
        int s = (int) (h >>> (64 - SEG_BITS));
        long[] ks = keys[s];
        int mask = ks.length - 1;
        int i = (int) h & mask;
        while (ks[i] != EMPTY) {
            if (ks[i] == key) {
                values[s][i] += people;
                return;
            }
            i = (i + 1) & mask;
        }
        ks[i] = key;
        values[s][i] = people;
        size++;
        if (++sizes[s] * 4L > ks.length * 3L) {
            grow(s);
        }
    }

    private void grow(int s) {
        long[] oldKeys = keys[s];
        long[] oldValues = values[s];
        long[] ks = empty(oldKeys.length * 2);
        long[] vs = new long[ks.length];
        int mask = ks.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != EMPTY) {
                int i = (int) mix(k) & mask;
                while (ks[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                ks[i] = k;
                vs[i] = oldValues[j];
            }
        }
        keys[s] = ks;
        values[s] = vs;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The number of cells. */
    int size() {
        return (int) size;
    }

    /** The cells' keys in ascending order (sorts them, and lets the table go, on the first call). */
    long[] keys() {
        sort();
        return sortedKeys;
    }

    /** The cells' counts, in the order of {@link #keys()}. */
    long[] counts() {
        sort();
        return sortedValues;
    }

    private void sort() {
        if (sortedKeys != null) {
            return;
        }
        int n = (int) size;
        long[] k = new long[n];
        int at = 0;
        for (long[] ks : keys) {
            for (long key : ks) {
                if (key != EMPTY) {
                    k[at++] = key;
                }
            }
        }
        Arrays.sort(k);
        long[] v = new long[n];
        for (int s = 0; s < SEGS; s++) {
            long[] ks = keys[s];
            for (int j = 0; j < ks.length; j++) {
                if (ks[j] != EMPTY) {
                    v[Arrays.binarySearch(k, ks[j])] = values[s][j];
                }
            }
            keys[s] = null;
            values[s] = null;
        }
        keys = null;
        values = null;
        sortedKeys = k;
        sortedValues = v;
    }
}
