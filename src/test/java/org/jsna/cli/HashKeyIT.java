package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ids' hash is keyed afresh in each run (TextHash): what a report writes must not depend on the key, whether
 * the records stay in memory or go to disk in partitions chosen by that hash.
 */
class HashKeyIT {

    @TempDir
    Path tmp;

    private Path report(String name, String... jvm) throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-jar", System.getProperty("jsna.jar", "target/jsna.jar"), "report", "sample-data", "--out",
                out.toString(), "--formats", "csv", "--quiet"));
        Path err = tmp.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, p.waitFor(), Files.readString(err));
        return out;
    }

    @Test
    void aReportIsTheSameUnderAnyKey() throws Exception {
        Path one = report("one", "-Djsna.hashSeed=1");
        Path other = report("other", "-Djsna.hashSeed=-6148914691236517206");
        Path spilled = report("spilled", "-Djsna.hashSeed=42", "-Djsna.spillAbove=65536");
        List<String> files;
        try (Stream<Path> s = Files.list(one)) {
            files = s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted().toList();
        }
        assertTrue(files.contains("indicators.csv") && files.contains("inequalities.csv"), files.toString());
        for (String f : files) {
            byte[] want = Files.readAllBytes(one.resolve(f));
            assertArrayEquals(want, Files.readAllBytes(other.resolve(f)), f + " under another key");
            assertArrayEquals(want, Files.readAllBytes(spilled.resolve(f)), f + " under another key, spilled");
        }
    }
}
