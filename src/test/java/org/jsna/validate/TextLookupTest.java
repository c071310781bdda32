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
 * keys' texts finds: keys of every length around its slots' 8 and 16 bytes, keys sharing long prefixes, keys
 * that are not ASCII, texts at the very end of the bytes they are read from, and fields read through
 * {@link Fields} (a field that is not ASCII is looked up by its UTF-8 form).
 */
class TextLookupTest {

    @Provide
    Arbitrary<List<String>> keySets() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.strings().withChars("E0123456789").ofMinLength(0).ofMaxLength(20),
                Arbitraries.strings().withChars("ab\u00e9\u20ac_").ofMinLength(1).ofMaxLength(24),
                Arbitraries.integers().between(0, 40).map(n -> "a_long_shared_prefix_".repeat(2) + n));
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
        Map<String, Integer> areas = new HashMap<>();
        for (int i = 0; i < 33_000; i++) {
            areas.put(String.format("E%08d", 1_000_000 + i * 7), i);
        }
        TextLookup lookup = new TextLookup(areas);
        for (Map.Entry<String, Integer> e : areas.entrySet()) {
            byte[] u = e.getKey().getBytes(StandardCharsets.US_ASCII);
            assertEquals(e.getValue(), lookup.get(u, 0, u.length));
            byte[] other = String.format("E%08d", 1_000_001 + e.getValue() * 7).getBytes(StandardCharsets.US_ASCII);
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
