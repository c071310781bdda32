package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder and standard output of {@code java -jar jsna.jar} as a separate process (issue 7):
 * SIGTERM, SIGINT and SIGKILL during a run, {@code --out .}, and a reader that closes the pipe.
 */
class OutputSafetyIT {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    /** A council big enough that a report runs a few seconds. */
    static Path council;

    static final Path BASIC = Path.of("src/test/resources/report/basic").toAbsolutePath();

    @BeforeAll
    static void council() throws IOException {
        council = shared.resolve("council");
        SampleWriter.write(council, new SampleSettings(60, 20_000, 30_000, 1));
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("jsna.jar", "target/jsna.jar")).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Result(int code, String err) {
    }

    private Result jsna(Path dir, String... args) throws Exception {
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = new ProcessBuilder(java(args)).directory(dir.toFile()).redirectError(err)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jsna did not finish");
        return new Result(p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** An earlier output of the small fixture council in parent/out; returns its files. */
    private Map<String, String> previousOutput(Path parent) throws Exception {
        Result r = jsna(parent, "report", BASIC.toString(), "--out", "out", "--formats", "csv");
        assertEquals(0, r.code, r.err);
        return OutputSafetyTest.tree(parent.resolve("out"));
    }

    /** Starts a report of the big council into parent/out and waits until its temporary folder holds what {@code ready} wants. */
    private static Process startReport(Path parent, File err, Predicate<Path> ready, String... options)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("report", council.toString(), "--out", "out", "--no-progress"));
        args.addAll(List.of(options));
        Process p = new ProcessBuilder(java(args.toArray(String[]::new))).directory(parent.toFile()).redirectError(err)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<Path> temp;
            try (Stream<Path> s = Files.list(parent)) {
                temp = s.filter(x -> x.getFileName().toString().startsWith(".out.jsna-tmp-")).findFirst();
            }
            if (temp.isPresent() && ready.test(temp.get())) {
                return p;
            }
            assertTrue(p.isAlive(), "the run ended before it could be stopped: " + Files.readString(err.toPath()));
            Thread.sleep(5);
        }
        p.destroyForcibly();
        throw new AssertionError("the temporary folder never got ready");
    }

    private static boolean hasCharts(Path temp) {
        try (Stream<Path> s = Files.list(temp.resolve("charts"))) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** On Linux: whether the process catches the signal (SigCgt in /proc), so that it can run its cleanup. */
    private static boolean catches(Process p, int signal) throws IOException {
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        if (!Files.exists(status)) {
            return true;
        }
        for (String l : Files.readAllLines(status)) {
            if (l.startsWith("SigCgt:")) {
                return (Long.parseUnsignedLong(l.substring(7).trim(), 16) >> (signal - 1) & 1) == 1;
            }
        }
        return true;
    }

    @Test
    void sigtermWhileReadingRemovesTheTemporaryFolderAndLockAndExits143AndASecondRunIsRefused() throws Exception {
        Map<String, String> before = previousOutput(tmp);
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = startReport(tmp, err, t -> true, "--formats", "csv");
        Result second = jsna(tmp, "report", BASIC.toString(), "--out", "out", "--formats", "csv");
        assertEquals(4, second.code, second.err);
        assertTrue(second.err.contains("another jsna run (process " + p.pid() + ")"), second.err);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), Files.readString(err.toPath()));
        assertEquals(List.of("out"), names(tmp), "nothing left beside the output");
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")), "previous output untouched");
        assertFalse(Files.readString(err.toPath()).contains("\tat "));
    }

    @Test
    void sigintWhileChartsAreWrittenRemovesEverythingAndExits130() throws Exception {
        Map<String, String> before = previousOutput(tmp);
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        // one period keeps the run short until its charts are written
        Process p = startReport(tmp, err, OutputSafetyIT::hasCharts, "--formats", "csv,svg", "--from", "2024-04-01");
        boolean catches = catches(p, 2);
        if (!catches) {
            p.destroyForcibly().waitFor();
        }
        Assumptions.assumeTrue(catches, "SIGINT is ignored in this environment (a background job): the JVM "
                + "cannot handle it");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, p.exitValue(), Files.readString(err.toPath()));
        assertEquals(List.of("out"), names(tmp), "nothing left beside the output");
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")), "previous output untouched");
    }

    /** SIGKILL runs no cleanup: the temporary folder and lock stay until the next run clears them. */
    @Test
    void theNextRunClearsWhatASigkilledRunLeft() throws Exception {
        Map<String, String> before = previousOutput(tmp);
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = startReport(tmp, err, t -> true, "--formats", "csv");
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> left = names(tmp);
        assertTrue(left.contains(".out.jsna-lock") && left.stream().anyMatch(n -> n.startsWith(".out.jsna-tmp-")),
                left.toString());
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")));
        Result r = jsna(tmp, "report", BASIC.toString(), "--out", "out", "--formats", "csv");
        assertEquals(0, r.code, r.err);
        assertEquals(List.of("out"), names(tmp));
    }

    /** The report: `cd wd && jsna report ../council --out .` deleted the working folder's files. */
    @Test
    void theCurrentFolderIsNeverReplaced() throws Exception {
        Path wd = Files.createDirectories(tmp.resolve("wd"));
        Files.writeString(wd.resolve("notes.txt"), "my notes");
        for (String out : List.of(".", "..", "")) {
            Result r = jsna(wd, "report", BASIC.toString(), "--out", out, "--formats", "csv");
            // an empty --out is refused before anything runs: a usage error, like every empty path
            assertEquals(out.isEmpty() ? 2 : 4, r.code, r.err);
            assertEquals(out.isEmpty() ? 2 : 1, r.err.lines().count(), r.err);
            assertTrue(r.err.contains(out.isEmpty() ? "an empty name" : "current folder"), r.err);
            assertEquals(List.of("notes.txt"), names(wd));
            assertEquals("my notes", Files.readString(wd.resolve("notes.txt")));
        }
        // not even an earlier jsna output: renaming it would leave the shell in a deleted folder
        Map<String, String> before = previousOutput(tmp);
        Result r = jsna(tmp.resolve("out"), "report", BASIC.toString(), "--out", ".", "--formats", "csv");
        assertEquals(4, r.code, r.err);
        assertTrue(r.err.contains("--out out"), "says what to do instead: " + r.err);
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")));
        assertEquals(List.of("out", "wd"), names(tmp), "no lock or temporary folder made");
    }

    /** `jsna calc rate ... | head -1` and `jsna indicators --format csv | head -1`: exit 0, nothing on stderr. */
    @Test
    void aClosedPipeIsNotAnError() throws Exception {
        List<String> lines = new ArrayList<>(List.of("area,events,pop"));
        for (int i = 0; i < 30_000; i++) {
            lines.add("A" + i + "," + (i % 50) + "," + (1000 + i));
        }
        Path in = Files.write(tmp.resolve("rates.csv"), lines);
        for (String[] args : List.of(new String[] {"indicators", "--format", "csv"},
                new String[] {"calc", "rate", "--input", in.toString(), "--numerator", "events", "--denominator",
                    "pop", "--multiplier", "1000", "--out", "-"})) {
            File err = Files.createTempFile(shared, "err", ".txt").toFile();
            Process p = new ProcessBuilder(java(args)).redirectError(err).start();
            String first;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                first = r.readLine();
            } // closes the pipe, as head -1 does
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertTrue(first != null && !first.isEmpty());
            assertEquals(0, p.exitValue(), Files.readString(err.toPath()));
            assertEquals("", Files.readString(err.toPath()), String.join(" ", args));
        }
    }
}
