package org.jsna.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Escaping for report.html and the SVG charts. */
class MarkupTest {

    @Test
    void markupCharactersBecomeEntities() {
        assertEquals("&lt;script&gt;a&amp;b&quot;c&#39;d&lt;/script&gt;", Markup.escape("<script>a&b\"c'd</script>"));
        assertEquals("a b", Markup.escape("a\rb"));
        assertEquals("ab", Markup.escape("a\u0000\u0007b"));
        assertEquals("", Markup.escape(null));
    }

    /** An unclosed right-to-left override in a name turned the rest of every sentence that named it around. */
    @Test
    void directionControlsAreDroppedAndRightToLeftTextIsKept() {
        assertEquals("Riverside", Markup.escape("\u202ERiverside"));
        assertEquals("Riverside, Northgate", Markup.escape("\u202ARiverside\u202C\u202B, \u202DNorthgate"));
        assertEquals("abc", Markup.escape("\u2066a\u2067b\u2068c\u2069"));
        String arabic = "\u0627\u0644\u0634\u0645\u0627\u0644"; // a name written right to left needs no control
        assertEquals(arabic + " & " + "\u05E6\u05E4\u05D5\u05DF", Markup.escape(arabic + " & \u05E6\u05E4\u05D5\u05DF")
                .replace("&amp;", "&"));
        // marks that only say which way a neutral character goes are kept
        assertEquals("a\u200Fb\u200Ec\u061Cd", Markup.escape("a\u200Fb\u200Ec\u061Cd"));
    }
}
