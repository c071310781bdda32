package org.jsna.input;

import java.util.Arrays;

/**
 * A growable int array in fixed pages that never move, so that threads may write distinct slots while
 * another makes room for more ({@link #ensure}, one thread at a time).
 */
final class PagedInts {
    private static final int BITS = 14;
    private static final int PAGE = 1 << BITS;
    private volatile int[][] pages = new int[0][];

    /** Makes slots {@code 0..n-1} usable. */
    void ensure(int n) {
        int[][] p = pages;
        int need = (n + PAGE - 1) >>> BITS;
        if (need > p.length) {
            int[][] q = Arrays.copyOf(p, Math.max(need, p.length * 2));
            for (int i = p.length; i < q.length; i++) {
                q[i] = new int[PAGE];
            }
            pages = q;
        }
    }

    void set(int i, int v) {
        pages[i >>> BITS][i & (PAGE - 1)] = v;
    }

    int get(int i) {
        return pages[i >>> BITS][i & (PAGE - 1)];
    }
}
