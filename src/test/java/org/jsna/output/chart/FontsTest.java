package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names a PNG chart would show as boxes are found, so that the run can say so. */
class FontsTest {

    @Test
    void namesWithCharactersTheChartFontLacksAreFound() {
        List<String> names = List.of("Northgate", "Ynys M\u00f4n", "Caf\u0065\u0301 Zo\u00eb", "\u6771\u4eac\u90fd",
                "\uD83C\uDFE5 Harbour", "Zero\u200bwidth\u200dname\ufeff", "\u05E6\u05E4\u05D5\u05DF",
                "\u0627\u0644\u0634\u0645\u0627\u0644", "\uC11C\uC6B8", "Northgate", "\u6771\u4eac\u90fd", "Tab\there");
        assertEquals(List.of("\u6771\u4eac\u90fd", "\uD83C\uDFE5 Harbour", "\uC11C\uC6B8"), Fonts.undrawable(names));
    }
}
