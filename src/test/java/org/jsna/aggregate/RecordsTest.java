package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The people of a set of records are numbered by their ids' bytes: two records share a number exactly when their
 * persons' ids are the same bytes (case, spaces and non-ASCII bytes count), across referrals and events, numbers
 * dense from 0; checked against a HashMap of the ids as text, small and large enough to be cut into many groups.
 */
class RecordsTest {

    private static Records records(List<String> referralPersons, List<String> eventPersons) {
        Records r = new Records();
        byte[] id = "X".getBytes(StandardCharsets.US_ASCII);
        for (String p : referralPersons) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            r.addReferral(0, 0, 0, -1, 30, -1, -1, 0, id, 0, 1, b, 0, b.length);
        }
        for (String p : eventPersons) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            r.addEvent(0, 0, -1, Double.NaN, -1, true, 30, 0, id, 0, 1, b, 0, b.length);
        }
        return r;
    }

    private static void assertNumbered(List<String> referralPersons, List<String> eventPersons) {
        Records r = records(referralPersons, eventPersons);
        int n = r.numberPersons();
        Map<String, Integer> seen = new HashMap<>();
        List<String> all = new ArrayList<>(referralPersons);
        all.addAll(eventPersons);
        boolean[] used = new boolean[n];
        for (int i = 0; i < all.size(); i++) {
            int p = i < referralPersons.size() ? r.refPerson.get(i) : r.evPerson.get(i - referralPersons.size());
            Integer before = seen.putIfAbsent(all.get(i), p);
            assertEquals(before == null ? p : before, p, "record " + i + " (" + all.get(i) + ")");
            used[p] = true;
        }
        assertEquals(seen.size(), n, "one number per distinct id");
        for (boolean u : used) {
            assertEquals(true, u, "numbers dense from 0");
        }
        assertEquals(seen.size(), new java.util.HashSet<>(seen.values()).size(), "distinct ids, distinct numbers");
    }

    @Test
    void samePersonExactlyWhenTheSameBytes() {
        assertNumbered(List.of("P1", "p1", "P1 ", "P1", "\u00c91", ""), List.of("P1", "E\u03011", "\u00c91", "P2"));
        assertNumbered(List.of(), List.of());
        assertNumbered(List.of("A"), List.of());
        assertNumbered(List.of(), List.of("A", "A"));
    }

    @Test
    void manyPeopleInManyGroups() {
        Random rnd = new Random(5);
        for (int size : new int[] {100, 20_000, 300_000}) {
            List<String> refs = new ArrayList<>();
            List<String> evs = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                refs.add("P" + rnd.nextInt(size / 3 + 1));
                evs.add("P" + rnd.nextInt(size / 2 + 1));
            }
            assertNumbered(refs, evs);
        }
    }
}
