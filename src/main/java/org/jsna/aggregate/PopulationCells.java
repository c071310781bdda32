package org.jsna.aggregate;

import java.util.Arrays;

/**
 * The population by cell (year, locality, decile, sex and age range, packed into one long key here and
 * nowhere else) as primitive longs: while the population is read, counts are added into an open-addressing table in {@value #SEGS}
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

    /** A cell as read back, in key order: year first ({@code -1}: no year), then locality, decile, sex, ages. */
    interface Cell {
        void accept(int year, int locality, int decile, int male, int low, int high, long people);
    }

    /**
     * Adds {@code people} to a cell: mid-{@code year} ({@code -1}: a population without a year), locality and
     * decile by position, {@code male} 0 or 1, ages {@code low}..{@code high} (above 90 taken as 90).
     */
    void add(int year, int locality, int decile, int male, int low, int high, long people) {
        add(key(year, locality, decile, male, low, high), people);
    }

    /** Bits 40 up: year + 1; 20-39: locality; 15-19: decile; 14: male; 7-13: low age; 0-6: high age. */
    static long key(int year, int locality, int decile, int male, int low, int high) {
        if (year < -1 || locality < 0 || locality >= 1 << 20 || decile < 0 || decile > 31 || (male & ~1) != 0
                || low < 0 || high < 0) {
            throw new IllegalArgumentException("population cell out of range: year " + year + ", locality "
                    + locality + ", decile " + decile + ", male " + male + ", ages " + low + "-" + high);
        }
        return ((long) (year + 1) << 40) | ((long) locality << 20) | ((long) decile << 15) | ((long) male << 14)
                | ((long) Math.min(low, 90) << 7) | Math.min(high, 90);
    }

    /** Every cell, in key order (sorting them, and letting the table go, the first time). */
    void forEach(Cell cell) {
        long[] k = keys();
        long[] v = counts();
        for (int i = 0; i < k.length; i++) {
            long key = k[i];
            cell.accept((int) (key >>> 40) - 1, (int) ((key >>> 20) & 0xFFFFF), (int) ((key >>> 15) & 0x1F),
                    (int) ((key >>> 14) & 1), (int) ((key >>> 7) & 0x7F), (int) (key & 0x7F), v[i]);
        }
    }

    /** The years of the cells ({@code -1}: a population without a year). */
    java.util.TreeSet<Integer> years() {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (long key : keys()) {
            out.add((int) (key >>> 40) - 1);
        }
        return out;
    }

    /** Adds every cell of {@code sums} (a batch's rows, summed by cell apart from the table). */
    void addAll(Sums sums) {
        for (int i = 0; i < sums.n; i++) {
            add(sums.keys[i], sums.people[i]);
        }
    }

    /**
     * The rows of one batch summed by cell ({@link #key}), apart from the table: on a reading thread, without the
     * table's lock. Reusable: {@link #clear} empties it for the next batch.
     */
    static final class Sums {
        private long[] slotKey = new long[0];
        private int[] slotCell = new int[0];
        private int mask;
        long[] keys = new long[0];
        long[] people = new long[0];
        int n;

        /** Empties the sums, with room for {@code rows} rows. */
        void clear(int rows) {
            int cap = Integer.highestOneBit(Math.max(16, rows * 2)) << 1;
            if (slotKey.length < cap) {
                slotKey = new long[cap];
                slotCell = new int[cap];
            }
            mask = cap - 1;
            Arrays.fill(slotKey, 0, cap, EMPTY);
            if (keys.length < rows) {
                keys = new long[rows];
                people = new long[rows];
            }
            n = 0;
        }

        /** Adds {@code count} people to the cell of key {@code key} (at most the rows given to {@link #clear}). */
        void add(long key, long count) {
            int i = (int) mix(key) & mask;
            long k;
            while ((k = slotKey[i]) != EMPTY) {
                if (k == key) {
                    people[slotCell[i]] += count;
                    return;
                }
                i = (i + 1) & mask;
            }
            slotKey[i] = key;
            slotCell[i] = n;
            keys[n] = key;
            people[n++] = count;
        }
    }

    private void add(long key, long people) {
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
    private long[] keys() {
        sort();
        return sortedKeys;
    }

    /** The cells' counts, in the order of {@link #keys()}. */
    private long[] counts() {
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
