package org.jsna.aggregate;

import java.util.Arrays;

/** Growable primitive arrays: one slot per record, never one object per row. */
final class GrowableArrays {

    private GrowableArrays() {
    }

    /** A growable {@code int[]}. */
    static final class Ints {
        int[] a = new int[1024];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        /** Sets index i, filling any gap before it with {@code fill}. */
        void set(int i, int v, int fill) {
            if (i >= a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
            }
            if (i >= size) {
                Arrays.fill(a, size, i, fill);
                size = i + 1;
            }
            a[i] = v;
        }

        int getOr(int i, int fallback) {
            return i >= 0 && i < size ? a[i] : fallback;
        }
    }

    /** A growable {@code byte[]}. */
    static final class Bytes {
        byte[] a = new byte[1024];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = (byte) v;
        }

        int get(int i) {
            return a[i];
        }
    }

    /** A growable {@code double[]}. */
    static final class Doubles {
        double[] a = new double[1024];
        int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        double get(int i) {
            return a[i];
        }
    }

    /** A growable {@code long[]}. */
    static final class Longs {
        long[] a = new long[1024];
        int size;

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(a, size);
            Arrays.sort(s);
            return s;
        }
    }
}
