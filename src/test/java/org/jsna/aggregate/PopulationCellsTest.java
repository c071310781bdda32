package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PopulationCellsTest {

    @Test
    void sumsEachCellAndGivesThemInKeyOrder() {
        PopulationCells cells = new PopulationCells();
        TreeMap<Long, Long> expected = new TreeMap<>();
        Random random = new Random(8);
        // enough cells that every segment grows several times; keys repeat, counts include 0
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(50_000) * 7919L + (random.nextBoolean() ? 0 : 1L << 40);
            long people = random.nextInt(1000);
            cells.add(key, people);
            expected.merge(key, people, Long::sum);
        }
        assertEquals(expected.size(), cells.size());
        long[] keys = cells.keys();
        long[] counts = cells.counts();
        int i = 0;
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertEquals(e.getKey(), keys[i]);
            assertEquals(e.getValue(), counts[i], "count of key " + e.getKey());
            i++;
        }
    }

    @Test
    void keyZeroIsACellAndTheTableIsClosedOnceRead() {
        PopulationCells cells = new PopulationCells();
        assertTrue(cells.isEmpty());
        cells.add(0, 5);
        cells.add(0, 7);
        cells.add(3, 1);
        assertArrayEquals(new long[] {0, 3}, cells.keys());
        assertArrayEquals(new long[] {12, 1}, cells.counts());
        assertThrows(IllegalStateException.class, () -> cells.add(4, 1));
        assertThrows(IllegalArgumentException.class, () -> new PopulationCells().add(-1, 1));
    }
}
