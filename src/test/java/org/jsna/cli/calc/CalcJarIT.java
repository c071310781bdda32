package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar jsna.jar calc rate} on the built jar, input on stdin, output on stdout. */
class CalcJarIT {

    @Test
    void rateFromStdinToStdout() throws Exception {
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "jar built: " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar, "calc", "rate", "--input", "-",
                "--numerator", "numerator", "--denominator", "denominator", "--confidence", "0.95,0.998").start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            // rows R002 and R008 of golden/rate/input_rate.csv
            in.write("area,numerator,denominator\nR002,1,99014\nR008,10,83486\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), err.get());
        List<String> lines = out.get().lines().toList();
        assertEquals("area,numerator,denominator,value,lower95_0cl,upper95_0cl,lower99_8cl,upper99_8cl,confidence,"
                + "statistic,method,value_note", lines.get(0));
        // golden/rate/out_rate_conf95_998.csv (PHEindicatormethods 2.1.0)
        double[] expected = {11.9780562010397, 5.73443441291661, 22.0293924798846, 3.49318253922297, 28.9793796898648};
        List<String> c = org.apache.commons.csv.CSVParser.parse(lines.get(2), org.apache.commons.csv.CSVFormat.DEFAULT)
                .getRecords().get(0).toList();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Double.parseDouble(c.get(3 + i)), 1e-9 * expected[i]);
        }
        assertEquals("95%, 99.8%", c.get(8));
        assertEquals("Byars", c.get(10));
        assertTrue(lines.get(1).endsWith(",Exact,"), lines.get(1));
        assertEquals("", err.get().strip(), "nothing on stderr");
    }

    /**
     * Started with standard input closed ({@code <&-}, as some schedulers do), the JVM's first open file took
     * descriptor 0 and {@code --input -} read the JVM's own class library as CSV (exit 3, a header of binary).
     * Now exit 4 saying that standard input is closed.
     */
    @Test
    void aClosedStandardInputIsSaidSo() throws Exception {
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder("bash", "-c", "exec \"$0\" -jar \"$1\" calc rate --input - --numerator n "
                + "--denominator d <&-", java.toString(), jar).start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        assertEquals(4, p.exitValue(), err.get());
        assertTrue(err.get().contains("standard input is closed"), err.get());
        assertEquals("", out.get());
    }

    private static String readAll(InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
