package org.jsna.aggregate;

import java.util.Arrays;

/** Growable primitive arrays: one slot per record, never one object per row. */
final class GrowableArrays {

    private GrowableArrays() {
    }

    /**
     * The next capacity: half as much again (not double, so a full array wastes at most a third and growing
     * one holds 2.5 times its size for a moment rather than 3).
     */
    static int grow(int length, int needed) {
        long next = Math.max((long) needed, length + (length >> 1) + 16L);
        if (next > Integer.MAX_VALUE - 8) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than " + (Integer.MAX_VALUE - 8) + " records of one kind");
            }
            next = Integer.MAX_VALUE - 8;
        }
        return (int) next;
    }

    /** A growable {@code int[]}. */
    static final class Ints {
        int[] a = new int[1024];
        int size;

        /** Room for {@code n} values in all (when the number to come is known or estimated). */
        void ensure(long n) {
            if (n > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length, size + 1));
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        /** Sets index i, filling any gap before it with {@code fill}. */
        void set(int i, int v, int fill) {
            if (i >= a.length) {
                a = Arrays.copyOf(a, grow(a.length, i + 1));
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

        /** Room for {@code n} values in all (when the number to come is known or estimated). */
        void ensure(long n) {
            if (n > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length, size + 1));
            }
            a[size++] = (byte) v;
        }

        /** Appends {@code b[s..e)}. */
        void add(byte[] b, int s, int e) {
            int n = e - s;
            if (size + n > a.length) {
                a = Arrays.copyOf(a, grow(a.length, size + n));
            }
            System.arraycopy(b, s, a, size, n);
            size += n;
        }

        int get(int i) {
            return a[i];
        }
    }

    /** A growable {@code double[]}. */
    static final class Doubles {
        double[] a = new double[1024];
        int size;

        /** Room for {@code n} values in all (when the number to come is known or estimated). */
        void ensure(long n) {
            if (n > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length, size + 1));
            }
            a[size++] = v;
        }

        double get(int i) {
            return a[i];
        }
    }

    /**
     * A growable array of days (epoch days, or {@link #NONE}) in two bytes each while every day falls from 1900 to
     * June 2079 (the dates of any council's records), in four once one does not. For the two values kept per
     * referral by its slot while the services are read: at 10 million referrals 40 MB rather than 80.
     */
    static final class Days {
        /** No day. */
        static final int NONE = Integer.MAX_VALUE;
        /** 1900-01-01. */
        private static final int BASE = -25_567;
        /** {@link #NONE} in two bytes; so BASE + 65,534 (2079-06-05) is the last day two bytes hold. */
        private static final char NO_DAY = 0xFFFF;

        private char[] narrow = new char[1024];
        /** Once a day outside two bytes' range was put: every day, in four bytes (narrow is then let go). */
        private int[] wide;
        int size;

        private int capacity() {
            return wide != null ? wide.length : narrow.length;
        }

        /** Room for {@code n} days in all. */
        void ensure(long n) {
            if (n > capacity()) {
                resize((int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        private void resize(int n) {
            if (wide != null) {
                wide = Arrays.copyOf(wide, n);
            } else {
                int from = narrow.length;
                narrow = Arrays.copyOf(narrow, n);
                Arrays.fill(narrow, from, n, NO_DAY);
            }
        }

        int get(int i) {
            if (wide != null) {
                return wide[i];
            }
            char c = narrow[i];
            return c == NO_DAY ? NONE : BASE + c;
        }

        /** Puts a day at index i (below the size). */
        void put(int i, int day) {
            if (wide == null) {
                long d = (long) day - BASE;
                if (day == NONE) {
                    narrow[i] = NO_DAY;
                    return;
                }
                if (d >= 0 && d < NO_DAY) {
                    narrow[i] = (char) d;
                    return;
                }
                int[] w = new int[narrow.length];
                for (int j = 0; j < w.length; j++) {
                    w[j] = narrow[j] == NO_DAY ? NONE : BASE + narrow[j];
                }
                wide = w;
                narrow = null;
            }
            wide[i] = day;
        }

        /** Sets index i, filling any gap before it with {@code fill}. */
        void set(int i, int day, int fill) {
            if (i >= capacity()) {
                resize(grow(capacity(), i + 1));
            }
            for (int j = size; j < i; j++) {
                put(j, fill);
            }
            size = Math.max(size, i + 1);
            put(i, day);
        }

        /** Lets the days go. */
        void clear() {
            narrow = new char[0];
            wide = null;
            size = 0;
        }
    }

    /** A growable {@code long[]}. */
    static final class Longs {
        long[] a = new long[1024];
        int size;

        /** Room for {@code n} values in all (when the number to come is known or estimated). */
        void ensure(long n) {
            if (n > a.length) {
                a = Arrays.copyOf(a, (int) Math.min(n, Integer.MAX_VALUE - 8));
            }
        }

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length, size + 1));
            }
            a[size++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(a, size);
            Arrays.sort(s);
            return s;
        }
    }

    /** Growable texts (opaque bytes), one per record, one after another: text i is {@code bytes[start(i)..end(i))}. */
    static final class Texts {
        final Bytes bytes = new Bytes();
        final Ints end = new Ints();

        int size() {
            return end.size;
        }

        int start(int i) {
            return i == 0 ? 0 : end.a[i - 1];
        }

        int end(int i) {
            return end.a[i];
        }

        void add(byte[] b, int s, int e) {
            bytes.add(b, s, e);
            end.add(bytes.size);
        }

        /** Appends text i of {@code from}. */
        void add(Texts from, int i) {
            add(from.bytes.a, from.start(i), from.end(i));
        }

        void clear() {
            bytes.size = 0;
            end.size = 0;
        }

        /** Ordinal order of text i and text j ({@link org.jsna.input.IdOrder}). */
        int compare(int i, int j) {
            return org.jsna.input.IdOrder.compare(bytes.a, start(i), end(i), bytes.a, start(j), end(j));
        }

        /** Text i's 64-bit hash ({@link org.jsna.input.csv.KeyTable#hash64}). */
        long hash64(int i) {
            return org.jsna.input.csv.KeyTable.hash64(bytes.a, start(i), end(i));
        }
    }
}
