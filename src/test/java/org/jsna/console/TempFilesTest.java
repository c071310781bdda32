package org.jsna.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stopped run's shutdown deletes ({@link TempFiles#deleteAll}, the hook's work): registered files, and
 * registered folders once empty (a file before its folder, whatever the order of registration); never a folder
 * that holds something else, never what was released.
 */
class TempFilesTest {

    @Test
    void theShutdownDeletesWhatIsRegisteredAndNothingElse(@TempDir Path dir) throws IOException {
        Path made = dir.resolve("made");
        Path inner = Files.createDirectories(made.resolve("inner"));
        TempFiles.register(made);
        TempFiles.register(inner);
        Path tmp = TempFiles.register(Files.writeString(inner.resolve(".x.tmp"), "half"));
        Path kept = Files.writeString(dir.resolve("kept.csv"), "done");
        TempFiles.register(kept);
        TempFiles.release(kept); // moved into place: no longer the shutdown's
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("users-file.txt"), "mine");
        TempFiles.register(busy);
        TempFiles.deleteAll();
        assertFalse(Files.exists(tmp));
        assertFalse(Files.exists(made), "the folders the run made, once empty");
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(busy.resolve("users-file.txt")), "a folder holding something else stays");
        assertEquals(Set.of(), TempFiles.registered());
    }
}
