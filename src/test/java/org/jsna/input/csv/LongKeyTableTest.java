package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The population key table: smallest position wins whatever order the rows arrive, any long is a key. */
class LongKeyTableTest {

    @Test
    void theFirstRowOfAKeyWinsAndEveryLongIsAKey() {
        LongKeyTable t = new LongKeyTable();
        List<Long> displaced = new ArrayList<>();
        byte[] flags = new byte[4];
        // key 0 at position 0: neither is taken for an empty slot
        t.insert(0, 9, flags, 0, displaced::add);
        t.insert(0, 0, flags, 1, displaced::add); // an earlier row, read later by another thread
        t.insert(0, 12, flags, 2, displaced::add);
        assertEquals(KeyTable.FIRST, flags[0]); // written first, then displaced:
        assertEquals(List.of(9L), displaced);
        assertEquals(KeyTable.FIRST, flags[1]);
        assertEquals(KeyTable.LATER, flags[2]);
        for (long k : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1}) {
            t.insert(k, 5, flags, 3, displaced::add);
            assertEquals(KeyTable.FIRST, flags[3]);
            t.insert(k, 6, flags, 3, displaced::add);
            assertEquals(KeyTable.LATER, flags[3]);
        }
        assertEquals(List.of(9L), displaced);
    }

    @Test
    void manyKeysThroughGrowthReadAheadOrNot() {
        LongKeyTable t = new LongKeyTable();
        int n = 300_000;
        byte[] flags = new byte[1];
        for (int i = 0; i < n; i++) {
            long key = (long) i * 0x1_0000_0001L;
            if (i % 3 == 0) {
                t.touch(key);
            }
            t.insert(key, 2L * i + 1, flags, 0, p -> { });
            assertEquals(KeyTable.FIRST, flags[0]);
        }
        for (int i = 0; i < n; i += 7) {
            long key = (long) i * 0x1_0000_0001L;
            t.insert(key, 2L * i + 2, flags, 0, p -> { });
            assertEquals(KeyTable.LATER, flags[0], "key " + i);
            List<Long> displaced = new ArrayList<>();
            t.insert(key, 2L * i, flags, 0, displaced::add);
            assertEquals(KeyTable.FIRST, flags[0]);
            assertEquals(List.of(2L * i + 1), displaced);
        }
    }
}
