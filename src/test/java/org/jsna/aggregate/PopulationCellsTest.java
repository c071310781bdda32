package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PopulationCellsTest {

    private record Cell(int year, int locality, int decile, int male, int low, int high) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int[] a = {year, locality, decile, male, low, high};
            int[] b = {o.year, o.locality, o.decile, o.male, o.low, o.high};
            return java.util.Arrays.compare(a, b);
        }
    }

    @Test
    void sumsEachCellAndGivesThemBackInOrderOfYearLocalityDecileSexAges() {
        PopulationCells cells = new PopulationCells();
        TreeMap<Cell, Long> expected = new TreeMap<>();
        Random random = new Random(8);
        // enough cells that every segment grows several times; cells repeat, counts include 0
        for (int i = 0; i < 200_000; i++) {
            int low = random.nextInt(91);
            Cell c = new Cell(random.nextInt(4) == 0 ? -1 : 2020 + random.nextInt(5), random.nextInt(300),
                    random.nextInt(11), random.nextInt(2), low, low + random.nextInt(91 - low));
            long people = random.nextInt(1000);
            cells.add(c.year(), c.locality(), c.decile(), c.male(), c.low(), c.high(), people);
            expected.merge(c, people, Long::sum);
        }
        assertEquals(expected.size(), cells.size());
        List<Map.Entry<Cell, Long>> got = new ArrayList<>();
        cells.forEach((year, locality, decile, male, low, high, people) ->
                got.add(Map.entry(new Cell(year, locality, decile, male, low, high), people)));
        assertEquals(new ArrayList<>(expected.entrySet()), got);
        assertEquals(new TreeSet<>(expected.keySet().stream().map(Cell::year).toList()), cells.years());
    }

    /**
     * Batches summed apart (one reused set of sums, batches of every size, larger then smaller) and then added give
     * the same cells as every row added one by one.
     */
    @Test
    void batchesSummedApartGiveTheSameCellsAsRowsOneByOne() {
        PopulationCells byRow = new PopulationCells();
        PopulationCells byBatch = new PopulationCells();
        PopulationCells.Sums sums = new PopulationCells.Sums();
        Random random = new Random(21);
        for (int size : new int[] {1, 5_000, 17, 0, 40_000, 3, 12_000}) {
            sums.clear(size);
            for (int i = 0; i < size; i++) {
                // few localities and ages in a batch, so that its rows fall into the same cells again and again
                int low = random.nextInt(4) * 5;
                int year = random.nextInt(5) == 0 ? -1 : 2022 + random.nextInt(2);
                int locality = random.nextInt(3);
                int decile = 1 + random.nextInt(2);
                int male = random.nextInt(2);
                long people = random.nextInt(400);
                byRow.add(year, locality, decile, male, low, low + 4, people);
                sums.add(PopulationCells.key(year, locality, decile, male, low, low + 4), people);
            }
            assertTrue(sums.n <= Math.max(1, size), "a cell per distinct key at most");
            byBatch.addAll(sums);
        }
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        byRow.forEach((year, locality, decile, male, low, high, people) ->
                a.add(year + " " + locality + " " + decile + " " + male + " " + low + "-" + high + ": " + people));
        byBatch.forEach((year, locality, decile, male, low, high, people) ->
                b.add(year + " " + locality + " " + decile + " " + male + " " + low + "-" + high + ": " + people));
        assertTrue(a.size() > 50, "the comparison compares many cells: " + a.size());
        assertEquals(a, b);
    }

    @Test
    void agesAbove90AreNinetyAndTheTableIsClosedOnceRead() {
        PopulationCells cells = new PopulationCells();
        assertTrue(cells.isEmpty());
        cells.add(-1, 0, 0, 0, 90, 120, 5);
        cells.add(-1, 0, 0, 0, 95, 90, 7);
        List<String> got = new ArrayList<>();
        cells.forEach((year, locality, decile, male, low, high, people) ->
                got.add(year + " " + low + "-" + high + ": " + people));
        assertEquals(List.of("-1 90-90: 12"), got);
        assertThrows(IllegalStateException.class, () -> cells.add(2024, 0, 0, 0, 4, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new PopulationCells().add(-2, 0, 0, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PopulationCells().add(2024, 0, 0, 2, 0, 0, 1));
    }
}
