package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap far too small for the extract, at the jar level on two reading threads: wherever the memory runs out
 * (a reading thread, the thread handing rows on, the failure path itself), the run ends — never waits for
 * ever for a thread that died — with exit 1 and the one out-of-memory line, and leaves nothing beside
 * {@code --out}. Several heap sizes, so that the error strikes at different places.
 */
class OutOfMemoryIT {

    @TempDir
    Path tmp;

    @Test
    void aHeapTooSmallEndsTheRunWithOneLineWhereverTheMemoryRunsOut() throws Exception {
        Path data = tmp.resolve("data");
        SampleWriter.write(data, new SampleSettings(120, 60_000, 180_000, 3));
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the extract needs about 52 MiB of heap since its records go to disk from the start (56 did not
        // suffice before): these stay well under it
        for (int mib : new int[] {16, 24, 32, 40}) {
            Path out = tmp.resolve("out-" + mib);
            Path err = tmp.resolve("err-" + mib);
            Process p = new ProcessBuilder(List.of(java, "-Xmx" + mib + "m", "-jar", jar, "report", data.toString(),
                    "--out", out.toString(), "--formats", "csv", "--threads", "2", "--no-progress"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            boolean ended = p.waitFor(100, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            String text = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(ended, mib + " MiB: the run ended (it waited for a thread that had died): " + text);
            assertEquals(1, p.exitValue(), mib + " MiB: " + text);
            assertEquals(1, text.lines().count(), mib + " MiB: one line: " + text);
            assertTrue(text.startsWith("jsna: error: out of memory (Java heap space; Java's heap limit is "), text);
            assertFalse(text.contains("Exception"), text);
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.map(x -> x.getFileName().toString())
                        .filter(n -> n.contains("out-" + mib)).toList(), mib + " MiB: nothing left beside --out");
            }
        }
    }
}
