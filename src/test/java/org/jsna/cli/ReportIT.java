package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar jsna.jar report} as a separate process, as cron jobs run it. */
class ReportIT {

    @TempDir
    Path tmp;

    private int run(Path stderr, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-jar", System.getProperty("jsna.jar", "target/jsna.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(tmp.resolve("stdout").toFile())
                .start();
        return p.waitFor();
    }

    @Test
    void reportRunsFromTheJarAndFailsCleanlyOnBadInput() throws Exception {
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        assertEquals(0, run(err, "report", "src/test/resources/report/basic", "--out", out.toString(), "--formats", "csv"),
                Files.readString(err, StandardCharsets.UTF_8));
        assertTrue(Files.readString(out.resolve("indicators.csv")).startsWith("indicator_id,"));
        assertEquals(0, Files.size(tmp.resolve("stdout")), "nothing on stdout");
        assertEquals(3, run(err, "report", "src/test/resources/report/bad", "--out", out.toString(), "--formats", "csv"));
        assertTrue(Files.readString(err).contains("referrals.csv:5"));
        assertTrue(Files.exists(out.resolve("indicators.csv")), "previous output kept");
    }
}
