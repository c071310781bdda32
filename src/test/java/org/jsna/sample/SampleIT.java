package org.jsna.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar: {@code jsna sample} and {@code jsna indicators} as a script calls them. */
class SampleIT {

    private record Run(int code, String out, String err) {
    }

    private static Run jar(Path dir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void sampleWritesTheSameBytesAsInProcess(@TempDir Path tmp) throws Exception {
        Path viaJar = tmp.resolve("jar");
        Run r = jar(tmp, "sample", "--out", viaJar.toString(), "--areas", "12", "--referrals", "300", "--services", "400", "--seed", "5");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out);
        Path inProcess = tmp.resolve("in");
        SampleWriter.write(inProcess, new SampleSettings(12, 300, 400, 5));
        for (String f : SampleCommandTest.FILES) {
            assertEquals(Files.readString(inProcess.resolve(f)), Files.readString(viaJar.resolve(f)), f);
        }
    }

    @Test
    void indicatorsJsonOnStdout(@TempDir Path tmp) throws Exception {
        Run r = jar(tmp, "indicators", "--format", "json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("["), r.out);
        assertTrue(r.out.contains("\"id\": \"referrals_rate\""), r.out);
        assertTrue(r.out.contains("\"unit\": \"£ per head\""), r.out);
        assertEquals("", r.err);
    }

    @Test
    void badAreasExitsTwo(@TempDir Path tmp) throws Exception {
        Run r = jar(tmp, "sample", "--out", tmp.resolve("x").toString(), "--areas", "3");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.startsWith("jsna: error: --areas 3"), r.err);
    }
}
