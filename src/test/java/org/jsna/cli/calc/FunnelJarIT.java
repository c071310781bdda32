package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar jsna.jar calc funnel} on the built jar: a golden case from file to stdout. */
class FunnelJarIT {

    @Test
    void ratioSignificanceToStdout() throws Exception {
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "jar built: " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path golden = Path.of("src/test/resources/golden/funnel");
        Path err = Files.createTempFile("funnel-it", ".err");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar, "calc", "funnel",
                "--input", golden.resolve("input_funnel_ratio.csv").toString(), "--numerator", "obs",
                "--denominator", "expected", "--statistic", "ratio", "--output", "significance")
                .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), Files.readString(err));
        List<String> got = out.lines().toList();
        // golden/funnel/out_funnel_significance_ratio.csv (PHEindicatormethods 2.1.0), same row order
        List<String> want = Files.readAllLines(golden.resolve("out_funnel_significance_ratio.csv"));
        assertEquals("area,obs,expected,significance,value_note", got.get(0));
        assertEquals(want.size(), got.size());
        for (int i = 1; i < want.size(); i++) {
            String expectedSignificance = want.get(i).substring(want.get(i).lastIndexOf(",\"") + 2,
                    want.get(i).length() - 1);
            assertTrue(got.get(i).endsWith("," + expectedSignificance + ","), got.get(i) + " vs " + want.get(i));
        }
        assertEquals("", Files.readString(err).strip(), "nothing on stderr");
        Files.delete(err);
    }
}
