package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The population key set: any long is a key (the empty slot's value too), through growth, against a HashSet. */
class LongSetTest {

    @Test
    void everyLongIsAKey() {
        LongSet s = new LongSet();
        for (long k : new long[] {0, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1}) {
            assertTrue(s.add(k), "first " + k);
            assertFalse(s.add(k), "again " + k);
        }
        assertEquals(5, s.size());
    }

    @Test
    void agreesWithAHashSetThroughGrowth() {
        for (long seed : new long[] {0, 1000, 400_000}) {
            LongSet s = new LongSet();
            Set<Long> ref = new HashSet<>();
            Random rnd = new Random(seed);
            for (int i = 0; i < 400_000; i++) {
                // population keys are packed fields: many share their low or high bits
                long k = rnd.nextInt(3) == 0 ? rnd.nextLong() : (long) rnd.nextInt(5000) << 27 | rnd.nextInt(1 << 12);
                assertEquals(ref.add(k), s.add(k), "key " + k);
            }
            assertEquals(ref.size(), s.size());
        }
    }
}
