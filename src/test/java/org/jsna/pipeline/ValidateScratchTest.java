package org.jsna.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate keeps its ids' first pass in a scratch folder of its own in the system's temporary folder; a run killed
 * outright (SIGKILL) left it there for good (a regression check of the day's change). The next validate deletes
 * this user's scratch folders whose process is gone, and nothing else.
 */
class ValidateScratchTest {

    @Test
    void aKilledRunsScratchFolderIsDeletedByTheNextAndNothingElse(@TempDir Path tmp) throws Exception {
        Path dead = Files.createDirectories(tmp.resolve("jsna-validate-999999999-123/.jsna-referrals-1"));
        Files.writeString(dead.resolve("part-0"), "x");
        Files.createDirectories(tmp.resolve("jsna-validate-" + ProcessHandle.current().pid() + "-4"));
        Files.createDirectories(tmp.resolve("jsna-validate-1-5")); // a live process (init)
        Files.createDirectories(tmp.resolve("jsna-validate-notapid-6"));
        Files.writeString(tmp.resolve("jsna-validate-999999998-file"), "a file, not a folder");
        Files.createDirectories(tmp.resolve("other"));
        String was = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            ValidatePipeline.clearStaleScratch();
        } finally {
            System.setProperty("java.io.tmpdir", was);
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(java.util.Set.of("jsna-validate-" + ProcessHandle.current().pid() + "-4", "jsna-validate-1-5",
                    "jsna-validate-999999998-file", "jsna-validate-notapid-6", "other"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
