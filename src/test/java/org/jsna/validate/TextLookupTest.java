package org.jsna.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The lookup of codes and area codes by a field's bytes ({@link TextLookup}) finds exactly what a map of the
 * keys' texts finds: keys of every length around its slots' 8, 16 and 24 bytes, keys sharing long prefixes, keys
 * that are not ASCII, texts at the very end of the bytes they are read from, and fields read through
 * {@link Fields} (a field that is not ASCII is looked up by its UTF-8 form).
 */
class TextLookupTest {

    @Provide
    Arbitrary<List<String>> keySets() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.strings().withChars("E0123456789").ofMinLength(0).ofMaxLength(30),
                Arbitraries.strings().withChars("ab\u00e9\u20ac_").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("children_families", "learning_disability", "no_further_action", "police_or_justice",
                        "children_familiez", "learning_disabilitx", "physical_sensory_disability"),
                Arbitraries.integers().between(0, 40).map(n -> "a_long_shared_prefix_".repeat(2) + n),
                // the same first 16 bytes and length, different in the third word: told apart by it alone
                Arbitraries.integers().between(0, 999).map(n -> "children_familie" + String.format("%03d", n)));
        return key.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void findsWhatAMapFinds(@ForAll("keySets") List<String> keys) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String k : keys) {
            map.putIfAbsent(k, map.size() * 7 - 3);
        }
        TextLookup lookup = new TextLookup(map);
        assertEquals(map.size(), lookup.size());
        List<String> probes = new ArrayList<>(map.keySet());
        for (String k : map.keySet()) {
            probes.add(k + "0");
            probes.add(k + "\u00e9");
            if (!k.isEmpty()) {
                probes.add(k.substring(0, k.length() - 1));
                probes.add(k.substring(1) + k.charAt(0));
            }
        }
        probes.add("");
        for (String p : probes) {
            int want = map.getOrDefault(p, TextLookup.ABSENT);
            byte[] u = p.getBytes(StandardCharsets.UTF_8);
            assertEquals(want, lookup.get(u, 0, u.length), () -> "'" + p + "'");
            // amid other bytes, and as the very last bytes of the array
            byte[] amid = ("xx" + p + "yyyyyyyyyyyyyyyyyy").getBytes(StandardCharsets.UTF_8);
            assertEquals(want, lookup.get(amid, 2, 2 + u.length), () -> "'" + p + "' amid other bytes");
            byte[] atEnd = ("zzz" + p).getBytes(StandardCharsets.UTF_8);
            assertEquals(want, lookup.get(atEnd, 3, atEnd.length), () -> "'" + p + "' at the end");
            assertEquals(want, lookup.get(field(atEnd, 3, atEnd.length, u), 0), () -> "'" + p + "' as a field");
        }
    }

    /** Many codes of one form (a prefix, then digits, of one length), dense or sparse in their numbers. */
    @Provide
    Arbitrary<List<String>> codeSets() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(2, 6))).flatMap(spread -> Arbitraries.of("E", "W0", "", "LSOA")
                .flatMap(prefix -> Arbitraries.integers().between(1, 300)
                        .withDistribution(net.jqwik.api.RandomDistribution.uniform()).flatMap(size -> Arbitraries.integers()
                        .between(0, 999).list().ofSize(size)
                        .map(ns -> ns.stream().map(n -> prefix + String.format("%08d", 1_000_000 + n * spread))
                                .toList()))));
    }

    @Property(tries = 200)
    void codesOfOneFormAreFoundByTheirNumber(@ForAll("codeSets") List<String> codes) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String c : codes) {
            map.putIfAbsent(c, map.size());
        }
        TextLookup lookup = new TextLookup(map);
        net.jqwik.api.statistics.Statistics.collect(lookup.numbered() ? "by number" : "hashed");
        String any = codes.get(0);
        String prefix = any.substring(0, any.length() - 8);
        List<String> probes = new ArrayList<>(map.keySet());
        for (int n = 999_990; n < 1_060_100; n += 7) {
            probes.add(prefix + String.format("%08d", n));
        }
        probes.addAll(List.of(prefix + "1000000", prefix + "010000000", prefix + "0100000x", "X" + any.substring(1),
                any + " ", "", prefix, any.substring(0, any.length() - 1) + "\u00e9", prefix + "-1000000"));
        for (int k = any.length() - 8; k < any.length(); k++) {
            for (char c : new char[] {'/', ':', ' ', 'a', '\u0000'}) {
                probes.add(any.substring(0, k) + c + any.substring(k + 1));
            }
        }
        for (String p : probes) {
            int want = map.getOrDefault(p, TextLookup.ABSENT);
            byte[] u = p.getBytes(StandardCharsets.UTF_8);
            assertEquals(want, lookup.get(u, 0, u.length), () -> "'" + p + "'");
            byte[] amid = ("[" + p + "]").getBytes(StandardCharsets.UTF_8);
            assertEquals(want, lookup.get(field(amid, 1, amid.length - 1, u), 0), () -> "'" + p + "' as a field");
        }
    }

    @Test
    void eightDigitsInAWordAreReadAsTheirNumberAndNothingElseIs() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int t = 0; t < 20_000; t++) {
            String digits = String.format("%08d", r.nextInt(100_000_000));
            byte[] b = digits.getBytes(StandardCharsets.US_ASCII);
            long w = 0;
            for (int i = 0; i < 8; i++) {
                w |= (b[i] & 0xffL) << (8 * i);
            }
            assertEquals(Long.parseLong(digits), TextLookup.eightDigits(w), digits);
            // any other byte in any place: not a number
            int at = r.nextInt(8);
            for (int c = 0; c < 256; c++) {
                if (c < '0' || c > '9') {
                    long v = w & ~(0xffL << (8 * at)) | (long) c << (8 * at);
                    assertEquals(-1, TextLookup.eightDigits(v), digits + " with " + c + " at " + at);
                }
            }
        }
        assertEquals(99_999_999, TextLookup.eightDigits(0x3939393939393939L));
        assertEquals(0, TextLookup.eightDigits(0x3030303030303030L));
    }

    @Test
    void aFieldThatIsNotAsciiIsLookedUpByItsUtf8Form() {
        TextLookup lookup = new TextLookup(Map.of("caf\u00e9", 1, "cafe", 2));
        assertFalse(lookup.ascii());
        // the field's bytes as read from a Windows-1252 file: é is one byte, 0xE9
        byte[] cp1252 = {'c', 'a', 'f', (byte) 0xE9};
        assertEquals(1, lookup.get(field(cp1252, 0, 4, "caf\u00e9".getBytes(StandardCharsets.UTF_8)), 0));
        // the encoding not known yet: no UTF-8 form, so not found
        assertEquals(TextLookup.ABSENT, lookup.get(field(cp1252, 0, 4, null), 0));
        assertEquals(2, lookup.get("cafe".getBytes(StandardCharsets.UTF_8), 0, 4));
        assertTrue(new TextLookup(Map.of("E01000001", 0)).ascii());
    }

    @Test
    void thirtyThousandAreaCodes() {
        for (int stride : new int[] {1, 3, 7}) {
            Map<String, Integer> areas = new HashMap<>();
            for (int i = 0; i < 33_000; i++) {
                areas.put(String.format("E%08d", 1_000_000 + i * stride), i);
            }
            TextLookup lookup = new TextLookup(areas);
            // numbers close together: found by number; spread out: hashed
            assertEquals(stride < 7, lookup.numbered(), "stride " + stride);
            thirtyThousand(lookup, areas, stride);
        }
        Map<String, Integer> mixed = new HashMap<>(Map.of("W01000001", -1));
        for (int i = 0; i < 1000; i++) {
            mixed.put(String.format("E%08d", 1_000_000 + i), i);
        }
        assertFalse(new TextLookup(mixed).numbered(), "two prefixes");
    }

    private static void thirtyThousand(TextLookup lookup, Map<String, Integer> areas, int stride) {
        for (Map.Entry<String, Integer> e : areas.entrySet()) {
            byte[] u = e.getKey().getBytes(StandardCharsets.US_ASCII);
            assertEquals(e.getValue(), lookup.get(u, 0, u.length));
            if (stride == 1) {
                continue;
            }
            byte[] other = String.format("E%08d", 1_000_001 + e.getValue() * stride).getBytes(StandardCharsets.US_ASCII);
            assertEquals(TextLookup.ABSENT, lookup.get(other, 0, other.length));
        }
    }

    @Test
    void asciiBytes() {
        byte[] b = "abcdefghijklmnop\u00e9".getBytes(StandardCharsets.UTF_8);
        assertTrue(TextLookup.isAscii(b, 0, 16));
        assertFalse(TextLookup.isAscii(b, 0, b.length));
        assertFalse(TextLookup.isAscii(b, 9, b.length));
        assertTrue(TextLookup.isAscii(b, 3, 3));
    }

    /** A record of one field, {@code b[s..e)}, whose UTF-8 form is {@code utf8}. */
    private static Fields field(byte[] b, int s, int e, byte[] utf8) {
        return new Fields() {
            @Override
            public byte[] bytes() {
                return b;
            }

            @Override
            public int fieldCount() {
                return 1;
            }

            @Override
            public int start(int i) {
                return s;
            }

            @Override
            public int end(int i) {
                return e;
            }

            @Override
            public int defect() {
                return 0;
            }

            @Override
            public int defectField() {
                return -1;
            }

            @Override
            public byte[] utf8(int i) {
                return utf8;
            }

            @Override
            public boolean reject(int i, String reason, String expected) {
                return false;
            }

            @Override
            public boolean rejectRaw(int i, String reason, String expected) {
                return false;
            }

            @Override
            public boolean rejectRow(String reason, String expected) {
                return false;
            }
        };
    }
}
