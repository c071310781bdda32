package org.jsna.input;

import java.util.Arrays;

/**
 * Valid records of one stretch of an input file, as primitive columns, handed from a reader to the
 * aggregation ({@link RecordSink}). Text never leaves the input layer: client groups, areas and codes
 * arrive as indices; a record's identifier and its person's come only as opaque UTF-8 bytes ({@link #ids},
 * {@link #persons}). A batch is filled by one reader thread and then handed to the sink, which must not keep
 * it, nor its arrays, once the call returns: the reader fills the same batch again for a later chunk.
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
     * The records' own identifiers and their persons' identifiers, as UTF-8: opaque bytes for the later stages,
     * which compare them (a person's records together, ties broken by the smallest id: {@link IdOrder}) and never
     * read them as text. Set once the batch holds its final records.
     */
    public final Texts ids = new Texts();
    public final Texts persons = new Texts();

    /** One text per record, one after another: record i's is {@code bytes[start(i)..end[i])}. */
    public static final class Texts {
        public byte[] bytes = new byte[0];
        public int[] end = new int[0];

        /** Where record i's text starts in {@link #bytes}. */
        public int start(int i) {
            return i == 0 ? 0 : end[i - 1];
        }

        /** Makes room for {@code n} texts of about {@code size} bytes in all (the arrays kept when they have it). */
        public void room(int n, int size) {
            if (end.length < n) {
                end = new int[n];
            }
            if (bytes.length < size) {
                bytes = new byte[Math.max(16, size)];
            }
        }

        /** Sets record j's text (j: 0, 1, 2 ... in order, after {@link #room}). */
        public void set(int j, byte[] b, int s, int e) {
            int at = start(j);
            int to = at + (e - s);
            if (to > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(to, bytes.length * 2));
            }
            System.arraycopy(b, s, bytes, at, e - s);
            end[j] = to;
        }
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
