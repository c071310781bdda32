package org.jsna.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jsna.input.csv.KeyTable;
import org.junit.jupiter.api.Test;

/**
 * The keyed text hash: ids made to share the fixed hash jsna had before (which made reading and aggregating such a
 * file quadratic: 176,000 records in 33 s) spread evenly under it, and text hashes the same wherever it lies.
 */
class TextHashTest {

    private static final long M1 = 0xbf58476d1ce4e5b9L;
    private static final long M2 = 0x94d049bb133111ebL;

    /** The fixed id hash of earlier versions (KeyTable.hash64 before the key), for 16-byte ids. */
    private static long fixedHash(long w0, long w1) {
        long h = 0x9E3779B97F4A7C15L ^ 16;
        h = mix(h, w0);
        h = mix(h, w1);
        h *= M2;
        h ^= h >>> 29;
        return h * M1;
    }

    private static long mix(long h, long w) {
        h = (h ^ w) * M1;
        return h ^ (h >>> 31);
    }

    /** {@code n} distinct printable 16-byte ids that all share {@link #fixedHash}, as an attacker makes them. */
    private static List<byte[]> fixedHashCollisions(int n) {
        long h0 = 0x9E3779B97F4A7C15L ^ 16;
        long target = mix(h0, le("PersonId")) ^ le("00000000");
        SplittableRandom r = new SplittableRandom(7);
        List<byte[]> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (ids.size() < n) {
            long w0 = 0;
            for (int i = 0; i < 8; i++) {
                w0 |= (long) (0x30 + r.nextInt(75)) << (8 * i);
            }
            long w1 = target ^ mix(h0, w0);
            if (!printable(w1) || !seen.add(w0)) {
                continue;
            }
            byte[] id = new byte[16];
            for (int i = 0; i < 8; i++) {
                id[i] = (byte) (w0 >>> (8 * i));
                id[8 + i] = (byte) (w1 >>> (8 * i));
            }
            ids.add(id);
        }
        return ids;
    }

    private static boolean printable(long w) {
        for (int i = 0; i < 8; i++) {
            int b = (int) (w >>> (8 * i)) & 0xff;
            if (b < 0x21 || b > 0x7e || b == ',' || b == '"') {
                return false;
            }
        }
        return true;
    }

    private static long le(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[i] & 0xffL) << (8 * i);
        }
        return v;
    }

    /** The largest number of keys in one of {@code 2^bits} buckets of the table hash's low bits. */
    private static int fullestBucket(List<Long> hashes, int bits) {
        Map<Integer, Integer> load = new HashMap<>();
        int most = 0;
        for (long h : hashes) {
            most = Math.max(most, load.merge(KeyTable.fold(h) & ((1 << bits) - 1), 1, Integer::sum));
        }
        return most;
    }

    @Test
    void idsMadeToCollideUnderTheFixedHashSpreadUnderTheKeyedOne() {
        List<byte[]> ids = fixedHashCollisions(4096);
        long first = fixedHash((long) le(new String(ids.get(0), 0, 8, StandardCharsets.US_ASCII)),
                le(new String(ids.get(0), 8, 8, StandardCharsets.US_ASCII)));
        List<Long> keyed = new ArrayList<>();
        for (byte[] id : ids) {
            long w0 = le(new String(id, 0, 8, StandardCharsets.US_ASCII));
            long w1 = le(new String(id, 8, 8, StandardCharsets.US_ASCII));
            assertEquals(first, fixedHash(w0, w1), "the ids do all collide under the fixed hash");
            keyed.add(KeyTable.hash64(id, 0, id.length));
        }
        assertEquals(4096, new HashSet<>(keyed).size(), "no two share the keyed hash");
        // 4,096 keys in 4,096 buckets at random: the fullest holds about 7 (more than 16 has odds below 1e-8)
        int most = fullestBucket(keyed, 12);
        assertTrue(most <= 16, "fullest bucket of the keyed hash: " + most);
        // and a table holds them all, each found again
        KeyTable t = new KeyTable();
        Set<Integer> entries = new HashSet<>();
        for (byte[] id : ids) {
            entries.add(t.intern(id, 0, id.length, KeyTable.hash(id, 0, id.length)));
        }
        assertEquals(4096, t.size());
        assertEquals(4096, entries.size());
        for (byte[] id : ids) {
            assertTrue(t.get(id, 0, id.length, KeyTable.hash(id, 0, id.length)) >= 0);
        }
    }

    @Test
    void theTopBitDifferenceThatPassesThroughAMultiplyAndShiftDoesNotCollide() {
        // Under h = (h ^ w) * M; h ^= h >>> 31 a difference of bit 63 in one word becomes bits 63 and 32 whatever h
        // is, so flipping those bits in the next word collides whatever the key. The keyed hash has no such pair.
        SplittableRandom r = new SplittableRandom(11);
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        for (int k = 0; k < 10_000; k++) {
            long w0 = r.nextLong();
            long w1 = r.nextLong();
            put(a, w0, w1);
            put(b, w0 ^ Long.MIN_VALUE, w1 ^ Long.MIN_VALUE ^ (1L << 32));
            assertEquals(mix(mix(5, w0), w1), mix(mix(5, w0 ^ Long.MIN_VALUE), w1 ^ Long.MIN_VALUE ^ (1L << 32)));
            assertNotEquals(TextHash.hash64(a, 0, 16), TextHash.hash64(b, 0, 16));
        }
    }

    private static void put(byte[] to, long w0, long w1) {
        for (int i = 0; i < 8; i++) {
            to[i] = (byte) (w0 >>> (8 * i));
            to[8 + i] = (byte) (w1 >>> (8 * i));
        }
    }

    @Test
    void aTextHashesTheSameWhereverItLiesAndEveryLengthCounts() {
        SplittableRandom r = new SplittableRandom(3);
        Set<Long> distinct = new HashSet<>();
        int made = 0;
        for (int len = 0; len <= 40; len++) {
            byte[] text = new byte[len];
            for (int k = 0; k < 50; k++) {
                for (int i = 0; i < len; i++) {
                    text[i] = (byte) r.nextInt(256);
                }
                long h = TextHash.hash64(text, 0, len);
                int at = r.nextInt(20);
                byte[] inside = new byte[at + len + r.nextInt(20)];
                for (int i = 0; i < inside.length; i++) {
                    inside[i] = (byte) r.nextInt(256);
                }
                System.arraycopy(text, 0, inside, at, len);
                assertEquals(h, TextHash.hash64(inside, at, at + len), "length " + len);
                distinct.add(h);
                made++;
            }
        }
        // the empty text 50 times, every other text once (random bytes, 1 to 40 of them: repeats only among short ones)
        assertTrue(distinct.size() >= made - 49 - 260, distinct.size() + " of " + made);
        // zeros of different lengths differ
        Set<Long> zeros = new HashSet<>();
        for (int len = 0; len <= 40; len++) {
            zeros.add(TextHash.hash64(new byte[len], 0, len));
        }
        assertEquals(41, zeros.size());
    }

    @Test
    void codeLookupsFindCodesMadeToCollideUnderTheFixedLookupHash() {
        // the lookup's fixed hash was w0 * A ^ w1 * B ^ len: 16-byte codes with equal w0 * A ^ w1 * B all collided
        long a = 0x9E3779B97F4A7C15L;
        long b = 0xC2B2AE3D27D4EB4FL;
        long bInverse = b;
        for (int i = 0; i < 6; i++) {
            bInverse *= 2 - b * bInverse;
        }
        assertEquals(1L, b * bInverse);
        long target = le("E0100000") * a ^ le("00000001") * b;
        SplittableRandom r = new SplittableRandom(5);
        Map<String, Integer> codes = new HashMap<>();
        List<Long> keyed = new ArrayList<>();
        while (codes.size() < 2000) {
            long w0 = 0;
            for (int i = 0; i < 8; i++) {
                w0 |= (long) (0x30 + r.nextInt(75)) << (8 * i);
            }
            long w1 = (target ^ w0 * a) * bInverse;
            if (!printable(w1)) {
                continue;
            }
            byte[] code = new byte[16];
            put(code, w0, w1);
            String s = new String(code, StandardCharsets.US_ASCII);
            if (codes.putIfAbsent(s, codes.size() + 1) == null) {
                keyed.add(TextHash.words(w0, w1, 0, 16));
            }
        }
        assertTrue(fullestBucket(keyed, 11) <= 16, "fullest bucket: " + fullestBucket(keyed, 11));
        TextLookup lookup = new TextLookup(codes);
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.US_ASCII);
            assertEquals(e.getValue(), lookup.get(k, 0, k.length));
        }
        byte[] absent = "E0100000000000001".getBytes(StandardCharsets.US_ASCII);
        assertEquals(TextLookup.ABSENT, lookup.get(absent, 0, absent.length));
    }
}
