package org.jsna.input;

/** An open-addressing set of longs (no boxing), for duplicate keys over millions of rows. */
final class LongHashSet {
    private long[] table = new long[1 << 12];
    private int size;

    /** Adds the key; false when it was already there. */
    boolean add(long key) {
        long k = key + 1; // 0 marks a free slot
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = mix(k) & mask;
        while (table[i] != 0) {
            if (table[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = k;
        size++;
        return true;
    }

    boolean contains(long key) {
        long k = key + 1;
        int mask = table.length - 1;
        int i = mix(k) & mask;
        while (table[i] != 0) {
            if (table[i] == k) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = mix(k) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
            }
        }
    }
}
