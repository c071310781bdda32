package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Records kept on disk by partition of the people ({@link Spill}) give the same cube, value for value and in
 * the same order, as records held in memory: counts, exact money sums, distinct people, repeat referrals,
 * waits (linked events of another person too, counted per days), and each cell's users' total costs, sorted.
 */
class SpillTest {

    /** The same random council into an aggregation held in memory and one that spills above {@code budget}. */
    private static CountCube[] both(long seed, int people, int referrals, int events, long budget) throws IOException {
        return both(seed, people, referrals, events, budget, 1300);
    }

    /** The same, with dates over {@code days} days (few days: many ties on a person's date). */
    private static CountCube[] both(long seed, int people, int referrals, int events, long budget, int days)
            throws IOException {
        Path tmp = Files.createTempDirectory("jsna-spill-test");
        try {
            Fixture held = council();
            Fixture spilled = council();
            spilled.agg.spillAbove(budget, tmp);
            for (Fixture f : List.of(held, spilled)) {
                Random rnd = new Random(seed);
                LocalDate start = LocalDate.parse("2021-01-01");
                String[] groups = {"mental_health", "older_people"};
                String[] sources = {null, "primary_care", "self_or_family", "police_or_justice"};
                String[] outcomes = {null, "service_provided", "ongoing", "signposted", "no_further_action"};
                String[] funders = {null, "nhs", "council", "pooled", "self"};
                for (int i = 0; i < referrals; i++) {
                    f.referral(rnd.nextInt(people), start.plusDays(rnd.nextInt(days)).toString(),
                            groups[rnd.nextInt(2)], area(rnd), rnd.nextInt(100), sources[rnd.nextInt(4)],
                            outcomes[rnd.nextInt(5)]);
                }
                for (int i = 0; i < events; i++) {
                    int link = rnd.nextInt(4) == 0 || referrals == 0 ? -1 - rnd.nextInt(2) : rnd.nextInt(referrals);
                    double cost = rnd.nextInt(8) == 0 ? Double.NaN : rnd.nextInt(100_000) / 100.0;
                    f.event(rnd.nextInt(people), start.plusDays(rnd.nextInt(days)).toString(), groups[rnd.nextInt(2)],
                            area(rnd), rnd.nextInt(100), cost, funders[rnd.nextInt(5)], link);
                }
            }
            CountCube a = held.agg.finish();
            CountCube b = spilled.agg.finish();
            assertEquals(0, held.agg.spilled());
            if (budget == 0 && referrals + events > 0) {
                assertTrue(spilled.agg.spilled() > 0, "the records went to disk");
            }
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "the temporary files are gone after the folds");
            }
            return new CountCube[] {a, b};
        } finally {
            try (Stream<Path> left = Files.walk(tmp)) {
                left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String area(Random rnd) {
        int a = rnd.nextInt(14);
        return a == 12 ? "" : a == 13 ? "X99" : "A" + a;
    }

    private static Fixture council() {
        Fixture f = new Fixture();
        for (int a = 0; a < 12; a++) {
            f.area("A" + a, "L" + a % 3, a % 10 + 1);
        }
        for (int a = 0; a < 12; a++) {
            for (int year = 2020; year <= 2024; year++) {
                f.pop("A" + a, 'F', 0, 90, year, 1000 + a);
                f.pop("A" + a, 'M', 0, 90, year, 900 + a);
            }
        }
        return f;
    }

    /** Every field of the cube, arrays compared element by element (doubles to the bit). */
    private static void assertSameCube(CountCube a, CountCube b) throws IllegalAccessException {
        for (Field f : CountCube.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object x = f.get(a);
            Object y = f.get(b);
            if (x instanceof double[][] dx) {
                double[][] dy = (double[][]) y;
                assertEquals(dx.length, dy.length, f.getName());
                for (int i = 0; i < dx.length; i++) {
                    assertArrayEquals(dx[i], dy[i], f.getName() + "[" + i + "]");
                }
            } else {
                assertTrue(Objects.deepEquals(x, y), f.getName() + " differs");
            }
        }
    }

    /**
     * Folding one partition while the next is read back: every partition comes once, in order, with its records and
     * people; and when a fold fails, the failure comes out, the partition being read back is waited for, and
     * closing leaves nothing on disk.
     */
    @Test
    void partitionsComeInOrderAndAFailedFoldLeavesNothing() throws Exception {
        for (int failAt : new int[] {-1, 0, 3, Spill.PARTS - 1}) {
            Path tmp = Files.createTempDirectory("jsna-spill-fold");
            Spill spill = new Spill(tmp, 1);
            int n = 4_000;
            for (int i = 0; i < n; i++) {
                byte[] id = ("E" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] person = ("P" + i % 1_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                long h = org.jsna.input.csv.KeyTable.hash64(person, 0, person.length);
                spill.buffer(h).addEvent(19_000 + i % 50, 0, 0, 1.5, -1, true, 40, 0, id, 0, id.length, person, 0,
                        person.length);
                spill.added(h);
            }
            List<Integer> seen = new java.util.ArrayList<>();
            long[] totals = new long[2];
            RuntimeException failure = null;
            try (Spill s = spill) {
                s.foldEach((records, persons) -> {
                    if (seen.size() == failAt) {
                        throw new IllegalStateException("fold " + failAt);
                    }
                    seen.add(seen.size());
                    totals[0] += records.events();
                    totals[1] += persons;
                });
            } catch (IllegalStateException e) {
                failure = e;
            }
            if (failAt < 0) {
                assertEquals(Spill.PARTS, seen.size());
                assertEquals(n, totals[0], "every event once");
                assertEquals(1_000, totals[1], "every person once, in one partition");
            } else {
                assertEquals("fold " + failAt, failure == null ? null : failure.getMessage());
                assertEquals(failAt, seen.size());
            }
            try (Stream<Path> left = Files.walk(tmp)) {
                assertEquals(List.of(tmp), left.toList(), "nothing left on disk (fail at " + failAt + ")");
            }
            Files.delete(tmp);
        }
    }

    @Test
    void manyPeopleOverEveryPartitionGiveTheSameCube() throws Exception {
        CountCube[] c = both(7, 5_000, 6_000, 9_000, 0);
        assertSameCube(c[0], c[1]);
        // the council is not empty: the comparison compared something
        assertTrue(c[0].referredPeople[c[0].group(0, 0, c[0].allSlot())] + c[0].periods() > 1);
        long users = 0;
        for (UserCosts t : c[0].userCosts) {
            users += t.count();
        }
        assertTrue(users > 1000, "users with a cost: " + users);
    }

    /**
     * A person's records on one day are ordered by their ids' text (Fixture's ids are not in the order the records
     * came): the records on disk carry their ids' bytes, and give the same places, costs and waits as in memory.
     */
    @Test
    void tiesOnADayAreBrokenTheSameWayOnDisk() throws Exception {
        CountCube[] c = both(11, 300, 3_000, 6_000, 0, 3);
        assertSameCube(c[0], c[1]);
        assertTrue(c[0].referredPeople[c[0].group(0, 0, c[0].allSlot())] > 0);
    }

    @Property(tries = 15)
    void anyCouncilGivesTheSameCubeHeldOrOnDisk(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 400) int people, @ForAll @IntRange(min = 0, max = 600) int referrals,
            @ForAll @IntRange(min = 0, max = 900) int events, @ForAll @IntRange(min = 0, max = 20_000) int budget)
            throws Exception {
        CountCube[] c = both(seed, people, referrals, events, budget);
        assertSameCube(c[0], c[1]);
    }
}
