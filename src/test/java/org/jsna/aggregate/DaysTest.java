package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Days in two bytes while they fit, in four once one does not: the same values as an int array either way. */
class DaysTest {

    private static final int NONE = GrowableArrays.Days.NONE;

    private static int day(int y, int m, int d) {
        return (int) LocalDate.of(y, m, d).toEpochDay();
    }

    /** Sets and puts days at random slots, gaps filled with NONE, and compares every slot with an int array. */
    private static void compare(long seed, int[] pool) {
        GrowableArrays.Days days = new GrowableArrays.Days();
        int[] expected = new int[5_000];
        Arrays.fill(expected, NONE);
        int size = 0;
        Random random = new Random(seed);
        for (int k = 0; k < 20_000; k++) {
            int i = random.nextInt(expected.length);
            int v = pool[random.nextInt(pool.length)];
            if (i < size && random.nextBoolean()) {
                days.put(i, v); // below the size: as the links put a referral's first service
            } else {
                days.set(i, v, NONE);
                size = Math.max(size, i + 1);
            }
            expected[i] = v;
        }
        assertEquals(size, days.size);
        for (int i = 0; i < size; i++) {
            assertEquals(expected[i], days.get(i), "slot " + i + " (seed " + seed + ")");
        }
    }

    @Test
    void daysFrom1900To2079FitTwoBytesAndComeBackTheSame() {
        int[] pool = {NONE, day(1900, 1, 1), day(1900, 1, 2), day(1970, 1, 1), day(2024, 2, 29), day(2025, 3, 31),
            day(2079, 6, 5)};
        compare(1, pool);
    }

    @Test
    void aDayOutsideTwoBytesWidensEveryDayKeptSoFar() {
        // 2079-06-06 is BASE + 65,535, the two bytes' mark of no day: it must not read back as NONE
        for (int outside : new int[] {day(2079, 6, 6), day(1899, 12, 31), day(1600, 1, 1), day(2500, 1, 1)}) {
            int[] pool = {NONE, day(1900, 1, 1), day(2024, 2, 29), day(2079, 6, 5), outside};
            compare(outside, pool);
        }
    }

    @Test
    void roomMadeAheadAndClearedAgain() {
        GrowableArrays.Days days = new GrowableArrays.Days();
        days.ensure(100_000);
        days.set(99_999, day(2023, 4, 1), NONE);
        assertEquals(100_000, days.size);
        assertEquals(NONE, days.get(0));
        assertEquals(day(2023, 4, 1), days.get(99_999));
        days.clear();
        assertEquals(0, days.size);
        days.set(3, day(1850, 1, 1), NONE);
        assertEquals(day(1850, 1, 1), days.get(3));
        assertEquals(NONE, days.get(2));
    }
}
