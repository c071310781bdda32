package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;

/** A heap too small for the extract is not a bug: one line saying how to give Java more, exit 1. */
class OutOfMemoryMessageTest {

    /**
     * A path this system cannot spell (a calc file option under LANG=C, where Java decodes names in ASCII) is the
     * caller's locale, not a bug: exit 2, saying how to run in a UTF-8 locale; it was exit 1, "internal error".
     */
    @Test
    void aPathTheLocaleCannotSpellIsAUsageError() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = JsnaCommand.report(new RuntimeException(new java.nio.file.InvalidPathException("Ynys M?n/a.csv",
                "Malformed input or input contains unmappable characters")), err);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.startsWith("jsna: error: cannot use the path 'Ynys M?n/a.csv' (Malformed input"), text);
        assertFalse(text.contains("internal error"), text);
    }

    @Test
    void outOfMemorySaysHowToGiveJavaMoreInOneLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = JsnaCommand.report(new OutOfMemoryError("Java heap space"), err);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("jsna: error: out of memory (Java heap space; Java's heap limit is "), text);
        assertTrue(text.contains("JSNA_JAVA_OPTS=-Xmx") && text.contains("java -Xmx"), text);
        assertFalse(text.contains("internal error"), text);
        assertFalse(text.contains("\tat "), text);
    }

    /**
     * The JVM's preallocated out-of-memory error, met a second time while a resource closes: try-with-resources
     * then fails with "Self-suppression not permitted" (seen at -Xmx16m in OutOfMemoryIT); and the error as a
     * task's cause; and inside jsna's own error. All are the heap, not a bug.
     */
    @Test
    void anOutOfMemoryThrownTwiceOrWrappedIsStillOutOfMemory() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        IllegalArgumentException twice = new IllegalArgumentException("Self-suppression not permitted", oom);
        // and wrapped in jsna's own error by a stage (a chart's task, seen with 400 localities at -Xmx256m)
        JsnaException stage = new JsnaException(JsnaException.Kind.INTERNAL, "writing the outputs failed: " + oom, oom);
        for (Throwable ex : new Throwable[] {twice, new java.util.concurrent.CompletionException(oom), stage}) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int code = JsnaCommand.report(ex, new PrintStream(buf, true, StandardCharsets.UTF_8));
            String text = buf.toString(StandardCharsets.UTF_8);
            assertEquals(1, code);
            assertEquals(1, text.lines().count(), text);
            assertTrue(text.startsWith("jsna: error: out of memory (Java heap space; Java's heap limit is "), text);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JsnaCommand.report(new IllegalStateException("a bug"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("jsna: internal error: IllegalStateException"));
    }
}
