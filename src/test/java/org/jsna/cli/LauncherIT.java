package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/jsna} and its class-data-sharing archive (README, "Start-up"): the launcher gives
 * the same bytes and exit codes as {@code java -jar}, makes the archive once per jar, uses it, makes
 * it again when the jar changes, and runs on without it when it is broken. Runs a copy of the
 * launcher and the jar in a temporary folder, so the project's target/ is left alone.
 */
class LauncherIT {

    @TempDir
    static Path home;
    static Path csv;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void copyLauncherAndJar() throws Exception {
        Files.createDirectories(home.resolve("scripts"));
        Files.createDirectories(home.resolve("target"));
        Path launcher = home.resolve("scripts/jsna");
        Files.copy(Path.of("scripts/jsna"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        Files.copy(Path.of(System.getProperty("jsna.jar", "target/jsna.jar")), home.resolve("target/jsna.jar"));
        csv = home.resolve("small.csv");
        Files.writeString(csv, "area,n,d\nA,12,1000\nB,3,500\n");
    }

    private static Result run(Map<String, String> env, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        File out = File.createTempFile("jsna-out", ".txt");
        File err = File.createTempFile("jsna-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
            pb.environment().remove("JSNA_JAVA_OPTS");
            pb.environment().remove("JSNA_CDS");
            pb.environment().putAll(env);
            // the launcher runs the java found on PATH: the one running this test
            pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                    + System.getenv("PATH"));
            Process p = pb.start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jsna did not finish");
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static Result launcher(Map<String, String> env, String... args) throws Exception {
        return run(env, List.of(home.resolve("scripts/jsna").toString()), args);
    }

    private static Result javaJar(String... args) throws Exception {
        return run(Map.of(), List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                home.resolve("target/jsna.jar").toString()), args);
    }

    private static String[] calc() {
        return new String[] {"calc", "rate", "--input", csv.toString(), "--numerator", "n", "--denominator", "d"};
    }

    private static String stamp() throws Exception {
        return Files.readString(home.resolve("target/jsna.jsa.stamp"), StandardCharsets.UTF_8).strip();
    }

    @Test
    void theArchiveIsMadeOnceUsedAndMadeAgainForANewJar() throws Exception {
        Path jsa = home.resolve("target/jsna.jsa");
        Result plain = javaJar(calc());
        assertEquals(0, plain.code, plain.err);

        // first run: makes the archive, answers as java -jar does
        Result first = launcher(Map.of(), calc());
        assertEquals(plain, first);
        assertTrue(Files.size(jsa) > 0);
        String made = stamp();
        assertTrue(made.startsWith("ok "), made);

        // next runs use it: classes come from the archive's top layer
        Path log = home.resolve("classes.txt");
        Result second = launcher(Map.of("JSNA_JAVA_OPTS", "-Xlog:class+load:file=" + log), calc());
        assertEquals(plain, second);
        assertTrue(Files.readString(log).contains("org.jsna.cli.JsnaCommand source: shared objects file (top)"));
        assertEquals(made, stamp());

        // usage errors, help and version pass through unchanged
        assertEquals(javaJar("calc", "rate", "--bogus"), launcher(Map.of(), "calc", "rate", "--bogus"));
        assertEquals(javaJar("--version"), launcher(Map.of(), "--version"));
        assertEquals(javaJar("calc", "--help"), launcher(Map.of(), "calc", "--help"));

        // a broken archive that the stamp still names: the run goes on without it, silently
        Files.delete(jsa);
        Files.write(jsa, new byte[4096]);
        assertEquals(plain, launcher(Map.of(), calc()));

        // a new jar (another modification time): the archive is made again
        Path jar = home.resolve("target/jsna.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertEquals(plain, launcher(Map.of(), calc()));
        assertNotEquals(made, stamp());
        assertTrue(stamp().startsWith("ok "), stamp());
        assertTrue(Files.size(jsa) > 4096);
    }

    @Test
    void withoutTheArchiveTheLauncherStillRuns() throws Exception {
        Path other = home.resolve("other");
        Files.createDirectories(other.resolve("scripts"));
        Files.createDirectories(other.resolve("target"));
        Files.copy(home.resolve("scripts/jsna"), other.resolve("scripts/jsna"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(home.resolve("target/jsna.jar"), other.resolve("target/jsna.jar"));
        Result off = run(Map.of("JSNA_CDS", "0"), List.of(other.resolve("scripts/jsna").toString()), calc());
        assertEquals(javaJar(calc()), off);
        assertFalse(Files.exists(other.resolve("target/jsna.jsa")));
        assertFalse(Files.exists(other.resolve("target/jsna.jsa.stamp")));
    }

    /**
     * Installed as a link (/usr/local/bin/jsna), the launcher found the project beside the link and tried to
     * build there; and under cron's LANG=C, Java could not read a file name such as "Ynys Môn" (exit 2). The
     * launcher follows the link, and runs Java in a UTF-8 locale when the caller's is not one.
     */
    @Test
    void throughALinkAndUnderTheCLocale() throws Exception {
        Path bin = Files.createDirectories(home.resolve("elsewhere/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("jsna"), home.resolve("scripts/jsna"));
        // the non-ASCII name is made and given by bash, so that this test's own JVM need not spell it in its locale
        String script = "cd \"$0\" && d=$(printf 'Ynys M\\303\\264n') && mkdir -p \"$d\" && cp small.csv \"$d/\" "
                + "&& exec \"$1\" calc rate --input \"$d/small.csv\" --numerator n --denominator d";
        // cron's C locale, and a UTF-8 locale by name that is not installed (glibc then falls back to ASCII)
        for (Map<String, String> env : List.of(Map.of("LANG", "C", "LC_ALL", "C"),
                Map.of("LANG", "xx_XX.UTF-8", "LC_ALL", ""))) {
            Result viaLink = run(env, List.of("bash", "-c", script, home.toString(), link.toString()));
            assertEquals(0, viaLink.code(), env + ": " + viaLink.err());
            assertEquals(javaJar(calc()).out(), viaLink.out(), env.toString());
        }
        assertFalse(Files.exists(home.resolve("elsewhere/target")), "nothing built beside the link");
    }

    /**
     * A file name in jsna.yaml that the locale cannot spell (java -jar under cron's LANG=C, not through scripts/jsna)
     * got "expected a file path (Malformed input ...)" without the hint the same name on the command line gets.
     */
    @Test
    void aJsnaYamlPathTheLocaleCannotSpellSaysHowToRun() throws Exception {
        Path dir = Files.createDirectories(home.resolve("yaml-locale"));
        Files.write(dir.resolve("jsna.yaml"), "inputs:\n  areas: \u00e2rea.csv\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(Map.of("LANG", "C", "LC_ALL", "C"), List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-jar", home.resolve("target/jsna.jar").toString()), "validate", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("inputs.areas") && r.err().contains("cannot spell it: run jsna with a UTF-8 "
                + "locale, e.g. LC_ALL=C.UTF-8"), r.err());
    }
}
