package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Ties between a person's records are broken by "smallest id by ordinal string comparison" (indicators.md):
 * {@link IdOrder} on the ids' UTF-8 bytes must agree with {@link String#compareTo} (UTF-16 code units), which
 * parts from byte order for characters above U+FFFF against U+E000..U+FFFF.
 */
class IdOrderTest {

    private static int order(String x, String y) {
        // each id sits inside a longer array, as in a batch or the records
        byte[] a = ("<<" + x + ">>").getBytes(StandardCharsets.UTF_8);
        byte[] b = ("[" + y + "]").getBytes(StandardCharsets.UTF_8);
        int la = x.getBytes(StandardCharsets.UTF_8).length;
        int lb = y.getBytes(StandardCharsets.UTF_8).length;
        return Integer.signum(IdOrder.compare(a, 2, 2 + la, b, 1, 1 + lb));
    }

    @Test
    void agreesWithStringCompareToOnEveryPairOfAwkwardIds() {
        List<String> ids = List.of("", "a", "ab", "b", "Z", "R10", "R9", "R1000041", "R1000041-long", "\u00e9",
                "e\u0301", "\uFFFD", "\uE000", "\uD83D\uDE00", "a\uD83D\uDE00", "a\uFFFD", "P1\u0000", "\u0000");
        for (String x : ids) {
            for (String y : ids) {
                assertEquals(Integer.signum(x.compareTo(y)), order(x, y), x + " vs " + y);
            }
        }
        // the case bytes get wrong: U+1F600 is F0 9F 98 80 (after EF BF BD of U+FFFD) but D83D < FFFD in UTF-16
        assertEquals(-1, order("\uD83D\uDE00", "\uFFFD"));
        assertEquals(-1, order("R10", "R9"));
    }

    @Property(tries = 2000)
    void agreesWithStringCompareTo(@ForAll @StringLength(max = 6) String x, @ForAll @StringLength(max = 6) String y) {
        // jqwik's strings hold unpaired surrogates too; an id read from a file never does (UTF-8 cannot hold one)
        String a = new String(x.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String b = new String((a + y).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals(Integer.signum(a.compareTo(b)), order(a, b), a + " vs " + b);
        assertEquals(Integer.signum(b.compareTo(a)), order(b, a), b + " vs " + a);
    }
}
