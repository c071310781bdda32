package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The population keys met so far: a key is new exactly when a set of every key has not met it, whatever mix of
 * keys comes — single ages of lookup areas (the bitmaps), age bands, areas outside the lookup, more than sixteen
 * years (the set beside them), and the ONS wide layout's keys.
 */
class PopulationKeysTest {

    private static long key(long area, int sex, int low, int high, int year) {
        return area << 27 | (long) sex << 26 | (long) low << 19 | (long) high << 12 | (year < 0 ? 0 : year - 1799);
    }

    @Test
    void newExactlyWhenASetOfEveryKeyHasNotMetIt() {
        Random rnd = new Random(3);
        int areas = 500;
        PopulationKeys keys = new PopulationKeys(true, areas);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 400_000; i++) {
            long area = rnd.nextInt(8) == 0 ? areas + rnd.nextInt(50) : rnd.nextInt(areas); // some outside the lookup
            int low = rnd.nextInt(121);
            int high = rnd.nextInt(6) == 0 ? Math.min(120, low + rnd.nextInt(5)) : low; // some bands
            int year = rnd.nextInt(10) == 0 ? -1 : 2001 + rnd.nextInt(20); // twenty years: more than sixteen
            long k = key(area, rnd.nextInt(2), low, high, year);
            assertEquals(seen.add(k), keys.add(k), "key " + Long.toHexString(k));
        }
        // the first and last of everything
        for (long k : new long[] {key(0, 0, 0, 0, -1), key(areas - 1, 1, 120, 120, 2100), key(areas, 1, 120, 120, 5000)}) {
            assertEquals(seen.add(k), keys.add(k), Long.toHexString(k));
            assertEquals(false, keys.add(k), Long.toHexString(k));
        }
    }

    @Test
    void wideLayoutKeysAreKeptWhole() {
        PopulationKeys keys = new PopulationKeys(false, 10);
        Set<Long> seen = new HashSet<>();
        Random rnd = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            long k = (long) rnd.nextInt(40) << 13 | rnd.nextInt(30);
            assertEquals(seen.add(k), keys.add(k));
        }
    }
}
