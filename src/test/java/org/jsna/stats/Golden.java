package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison with the golden tolerance of golden/CASES.md: max(1e-12, 1e-9 × |expected|). */
final class Golden {

    private Golden() {
    }

    static void near(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected missing, got " + actual);
            return;
        }
        assertEquals(expected, actual, Math.max(1e-12, 1e-9 * Math.abs(expected)), what);
    }
}
