package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jsna.Main;
import org.junit.jupiter.api.Test;

class JsnaCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsToolAndVersion() {
        Result r = run("--version");
        assertEquals(0, r.code);
        assertTrue(r.err.startsWith("jsna "), r.err);
    }

    @Test
    void unknownOptionIsUsageError() {
        Result r = run("--no-such-option");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("jsna: error:"), r.err);
        assertTrue(!r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void noCommandIsUsageError() {
        assertEquals(2, run().code);
    }

    @Test
    void helpListsExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code);
        assertTrue(r.err.contains("Exit codes"), r.err);
    }
}
