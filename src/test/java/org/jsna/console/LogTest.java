package org.jsna.console;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Progress bars go to standard error only when it is a terminal (the brief; cli.md's System.console() too): the
 * check of descriptor 2 itself, on what the test JVM has there. (A terminal with {@code 2> log} cannot be made
 * here; the check reads the same link.)
 */
class LogTest {

    /** The test JVM's standard error is a pipe or a file (Maven's): never a terminal, so no bars. */
    @Test
    void standardErrorSentToAPipeOrFileIsNoTerminal() throws Exception {
        Path fd2 = Path.of("/proc/self/fd/2");
        Assumptions.assumeTrue(Files.exists(fd2), "Linux /proc");
        String target = Files.readSymbolicLink(fd2).toString();
        Assumptions.assumeFalse(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty"),
                "this run's standard error is a terminal");
        assertFalse(Log.stderrMayBeATerminal(), target);
    }
}
