package org.jsna.input;

import java.util.Arrays;

/**
 * Valid records of one stretch of an input file, as primitive columns, handed from a reader to the
 * aggregation ({@link RecordSink}). Text never leaves the input layer: persons, client groups, areas and
 * codes arrive as indices; a record's own identifier comes only as opaque UTF-8 bytes, for the ties that
 * {@link IdOrder} breaks. A batch is filled by one reader thread and then given away: the sink may keep its
 * arrays.
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

    /**
     * The records' identifiers as UTF-8, one after another: record i's is {@code idBytes[idStart(i)..idEnd[i])}.
     * Set once the batch holds its final records ({@link #ids}, then {@link #id} for each in order).
     */
    public byte[] idBytes = new byte[0];
    public int[] idEnd = new int[0];

    /** Where record i's identifier starts in {@link #idBytes}. */
    public final int idStart(int i) {
        return i == 0 ? 0 : idEnd[i - 1];
    }

    /** Makes room for the identifiers of the {@link #size} records, about {@code bytes} bytes of them in all. */
    public final void ids(int bytes) {
        idEnd = new int[size];
        idBytes = new byte[Math.max(16, bytes)];
    }

    /** Sets record j's identifier (j: 0, 1, 2 ... in order, after {@link #ids}). */
    public final void id(int j, byte[] b, int s, int e) {
        int at = idStart(j);
        int end = at + (e - s);
        if (end > idBytes.length) {
            idBytes = Arrays.copyOf(idBytes, Math.max(end, idBytes.length * 2));
        }
        System.arraycopy(b, s, idBytes, at, e - s);
        idEnd[j] = end;
    }

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
