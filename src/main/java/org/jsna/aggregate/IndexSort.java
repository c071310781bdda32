package org.jsna.aggregate;

/**
 * Sorting of record positions without boxing: a stable merge sort by a primitive comparator, and
 * {@link #byPerson} — a counting sort by person followed by a small sort within each person, linear in
 * the records for the usual few records per person.
 */
final class IndexSort {

    /** Compares two record positions. */
    interface IntComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /** 0..n-1 in the first n places of {@code reuse} when it is long enough, else of a new array. */
    static int[] identity(int n, int[] reuse) {
        int[] idx = reuse != null && reuse.length >= n ? reuse : new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * What {@link #byPerson} works in, kept from one call to the next by a caller that sorts set after set (the
     * partitions of a spilled run, one after another).
     */
    static final class Work {
        private int[] start = new int[0];
        private int[] next = new int[0];
        private int[] out = new int[0];
    }

    static void sort(int[] idx, IntComparator cmp) {
        int n = idx.length;
        if (n < 2) {
            return;
        }
        int[] src = idx;
        int[] dst = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != idx) {
            System.arraycopy(src, 0, idx, 0, n);
        }
    }

    /**
     * The first n positions of {@code idx} (changed in place) ordered by person, then by {@code within} among
     * the records of one person. {@code person[i]} is the dense person index of position i ({@code persons}
     * people in all). Stable: records equal under {@code within} keep their order in {@code idx}. {@code w}: the
     * arrays it works in, kept for the next call.
     */
    static void byPerson(int[] idx, int n, GrowableArrays.Ints person, int persons, IntComparator within, Work w) {
        if (n < 2) {
            return;
        }
        if (w.start.length < persons + 1) {
            w.start = new int[persons + 1];
            w.next = new int[persons + 1];
        } else {
            java.util.Arrays.fill(w.start, 0, persons + 1, 0);
        }
        if (w.out.length < n) {
            w.out = new int[n];
        }
        int[] start = w.start;
        for (int q = 0; q < n; q++) {
            start[person.get(idx[q]) + 1]++;
        }
        for (int p = 0; p < persons; p++) {
            start[p + 1] += start[p];
        }
        int[] next = w.next;
        System.arraycopy(start, 0, next, 0, persons + 1);
        int[] out = w.out;
        for (int q = 0; q < n; q++) {
            int i = idx[q];
            out[next[person.get(i)]++] = i;
        }
        for (int p = 0; p < persons; p++) {
            int lo = start[p];
            int hi = start[p + 1];
            if (hi - lo <= 32) {
                // insertion sort: a person has a handful of records
                for (int a = lo + 1; a < hi; a++) {
                    int v = out[a];
                    int b = a - 1;
                    while (b >= lo && within.compare(out[b], v) > 0) {
                        out[b + 1] = out[b];
                        b--;
                    }
                    out[b + 1] = v;
                }
            } else {
                int[] part = java.util.Arrays.copyOfRange(out, lo, hi);
                sort(part, within);
                System.arraycopy(part, 0, out, lo, part.length);
            }
        }
        System.arraycopy(out, 0, idx, 0, n);
    }
}
