package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identifier table: smallest position wins, entries stable through growth. */
class KeyTableTest {

    private static int insert(KeyTable t, String key, long position, byte[] flags, int at, List<Long> displaced) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return t.insert(b, 0, b.length, KeyTable.hash(b, 0, b.length), position, flags, at, displaced::add);
    }

    @Test
    void theSmallestPositionOfAKeyIsItsFirstRowWhateverOrderTheRowsArrive() {
        KeyTable t = new KeyTable();
        byte[] flags = new byte[3];
        List<Long> displaced = new ArrayList<>();
        int a = insert(t, "R1", 50, flags, 0, displaced);
        int b = insert(t, "R1", 7, flags, 1, displaced); // an earlier row, read later by another thread
        int c = insert(t, "R1", 90, flags, 2, displaced);
        assertEquals(a, b);
        assertEquals(a, c);
        assertEquals(KeyTable.FIRST, flags[0]); // written first, then displaced:
        assertEquals(List.of(50L), displaced);
        assertEquals(KeyTable.FIRST, flags[1]);
        assertEquals(KeyTable.LATER, flags[2]);
        assertEquals(7, t.min(a));
    }

    @Test
    void manyKeysKeepTheirEntriesAndDenseIndicesThroughGrowth() {
        KeyTable t = new KeyTable();
        int n = 200_000; // every segment grows many times; some keys longer than a slot's worth
        int[] entry = new int[n];
        byte[] flags = new byte[n];
        for (int i = 0; i < n; i++) {
            String k = (i % 97 == 0 ? "a-much-longer-identifier-" : "P") + i + (i % 13 == 0 ? "é" : "");
            entry[i] = insert(t, k, i, flags, i, new ArrayList<>());
            t.dense(entry[i], i);
        }
        assertEquals(n, t.size());
        for (int i = 0; i < n; i += 7) {
            String k = (i % 97 == 0 ? "a-much-longer-identifier-" : "P") + i + (i % 13 == 0 ? "é" : "");
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            assertEquals(entry[i], t.get(b, 0, b.length, KeyTable.hash(b, 0, b.length)));
            assertEquals(i, t.dense(entry[i]));
        }
    }

    @Test
    void readingAheadChangesNothingAndIsHarmlessOnEveryKindOfKey() {
        // short, long, non-ASCII and 0-byte keys; each read ahead (slot, entry, key bytes) before it is added
        // again and found: nothing changes
        List<String> keys = List.of("A", "AB", "P1", "12345678", "123456789", "\u00e9", "a\u00e9b\u00e9c", "P1\u0000",
                "\u0000", "R1000041", "R1000041-long");
        KeyTable t = new KeyTable();
        byte[] flags = new byte[keys.size()];
        int[] entry = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            byte[] b = keys.get(i).getBytes(StandardCharsets.UTF_8);
            int h = KeyTable.hash(b, 0, b.length);
            assertEquals(0, t.touchEntry(h) + t.touchKey(h), "nothing to read before the key is in");
            entry[i] = insert(t, keys.get(i), i, flags, i, new ArrayList<>());
            assertEquals(KeyTable.FIRST, flags[i], keys.get(i));
        }
        assertEquals(keys.size(), t.size());
        byte[] again = new byte[1];
        for (int i = 0; i < keys.size(); i++) {
            byte[] b = keys.get(i).getBytes(StandardCharsets.UTF_8);
            int h = KeyTable.hash(b, 0, b.length);
            t.touch(h);
            t.touchEntry(h);
            t.touchKey(h);
            assertEquals(entry[i], insert(t, keys.get(i), 100 + i, again, 0, new ArrayList<>()));
            assertEquals(KeyTable.LATER, again[0]);
            assertEquals(entry[i], t.get(b, 0, b.length, h), keys.get(i));
        }
        assertEquals(keys.size(), t.size());
    }
}
