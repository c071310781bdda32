package org.jsna.input;

import java.util.Arrays;

/**
 * Valid records of one stretch of an input file, as primitive columns, handed from a reader to the
 * aggregation ({@link RecordSink}). Text never leaves the input layer: identifiers, client groups,
 * areas and codes arrive as indices. A batch is filled by one reader thread and then given away: the
 * sink may keep its arrays.
 */
public abstract class RecordBatch {

    /** {@code area} of a record whose area code is empty. */
    public static final int AREA_EMPTY = -1;
    /** {@code area} of a record whose area code is not in the area lookup. */
    public static final int AREA_UNKNOWN = -2;
    /** A code (source, outcome, funder) that is empty: not known. */
    public static final byte CODE_UNKNOWN = -1;

    /** Number of records held. */
    public int size;

    /** Space for at least {@code n} records. */
    protected abstract void grow(int n);

    /** Room for one more record; returns its position. */
    public final int next() {
        if (size == capacity()) {
            grow(Math.max(16, capacity() * 2));
        }
        return size++;
    }

    protected abstract int capacity();

    /** Copies record {@code from} over record {@code to} (a reader closing the gaps of rows it drops). */
    public abstract void move(int from, int to);

    static int[] grow(int[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    static byte[] grow(byte[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    static double[] grow(double[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    static long[] grow(long[] a, int n) {
        return Arrays.copyOf(a, n);
    }
}
