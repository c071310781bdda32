package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar jsna.jar} running a command in a JVM with a heap of jsna's choice (README, "Memory";
 * {@code JSNA_HEAP} makes it happen on a small council): the same outputs and exit codes as one JVM; a heap
 * too small is found out and the run made again with Java's default, leaving nothing behind; SIGTERM and
 * SIGKILL of the JVM the user started stop the one doing the work, which cleans up.
 */
class FittedHeapIT {

    static final Path BASIC = OutputSafetyIT.BASIC;

    /** The council of {@link OutputSafetyIT}: its report runs a few seconds. */
    static Path council;

    @TempDir
    static Path shared;

    @BeforeAll
    static void council() throws IOException {
        council = shared.resolve("council");
        SampleWriter.write(council, new SampleSettings(60, 20_000, 30_000, 1));
    }

    @TempDir
    Path tmp;

    private record Result(int code, String err) {
    }

    private static ProcessBuilder jsna(Path dir, String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("jsna.jar", "target/jsna.jar")).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (String v : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(v);
        }
        pb.environment().put("JSNA_HEAP", heap);
        return pb;
    }

    private Result run(Path dir, String heap, String... args) throws Exception {
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = jsna(dir, heap, args).redirectError(err).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jsna did not finish");
        return new Result(p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String indicators(Path out) throws IOException {
        return Files.readString(out.resolve("indicators.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void theChildWritesWhatOneJvmWritesAndItsExitCodesAreTheRunsOwn() throws Exception {
        Result here = run(tmp, "jvm", "report", BASIC.toString(), "--out", "one", "--formats", "csv");
        assertEquals(0, here.code, here.err);
        Result child = run(tmp, "256m", "report", BASIC.toString(), "--out", "two", "--formats", "csv", "--verbose");
        assertEquals(0, child.code, child.err);
        assertTrue(child.err.startsWith("jsna: running in a Java heap of 256 MiB"), child.err);
        assertEquals(indicators(tmp.resolve("one")), indicators(tmp.resolve("two")));
        assertEquals(OutputSafetyTest.tree(tmp.resolve("one")).keySet(), OutputSafetyTest.tree(tmp.resolve("two")).keySet());
        // a collector of the user's is kept (jsna's serial one beside it would stop the JVM)
        ProcessBuilder g1 = jsna(tmp, "256m", "report", BASIC.toString(), "--out", "three", "--formats", "csv")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        g1.environment().put("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC");
        Process pg = g1.start();
        assertTrue(pg.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, pg.exitValue());
        assertEquals(indicators(tmp.resolve("one")), indicators(tmp.resolve("three")));
        // usage, input and I/O errors come through with their codes and one message
        Result usage = run(tmp, "256m", "report", BASIC.toString(), "--out", "x", "--formats", "bogus");
        assertEquals(2, usage.code, usage.err);
        Result missing = run(tmp, "256m", "report", tmp.resolve("nowhere").toString(), "--out", "x");
        assertEquals(4, missing.code, missing.err);
        assertEquals(1, missing.err.lines().count(), missing.err);
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        for (String f : List.of("population.csv", "areas.csv", "referrals.csv", "services.csv")) {
            Files.copy(BASIC.resolve(f), broken.resolve(f));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(broken.resolve("referrals.csv")));
        lines.add(lines.get(1).replaceFirst("^[^,]*,", "R-broken,").replaceAll("\\d{4}-\\d{2}-\\d{2}", "2024-02-31"));
        Files.write(broken.resolve("referrals.csv"), lines);
        Result bad = run(tmp, "256m", "validate", broken.toString());
        Result badHere = run(tmp, "jvm", "validate", broken.toString());
        assertEquals(3, bad.code, bad.err);
        assertEquals(badHere.err, bad.err);
        // a JSNA_HEAP it cannot read: a usage error, before anything runs
        Result unreadable = run(tmp, "lots", "report", BASIC.toString(), "--out", "x");
        assertEquals(2, unreadable.code, unreadable.err);
        assertEquals("jsna: error: JSNA_HEAP=lots: expected auto, jvm or a heap size of 16m or more, such as 512m or 2g",
                unreadable.err.strip());
        assertEquals(List.of("broken", "one", "three", "two"), names(tmp), "nothing else written");
    }

    @Test
    void aHeapTooSmallIsFoundOutAndTheRunMadeAgainWithJavasOwn() throws Exception {
        Result r = run(tmp, "16m", "report", council.toString(), "--out", "out", "--formats", "csv");
        assertEquals(0, r.code, r.err);
        List<String> said = r.err.lines().toList();
        assertEquals(2, said.size(), r.err);
        assertTrue(said.get(0).startsWith("jsna: the input needed more than the 16 MiB of heap jsna gave it; "
                + "running again with Java's default limit ("), r.err);
        assertTrue(said.get(1).startsWith("jsna: wrote "), r.err);
        assertEquals(List.of("out"), names(tmp), "the first attempt left nothing behind");
        Result here = run(tmp, "jvm", "report", council.toString(), "--out", "again", "--formats", "csv");
        assertEquals(0, here.code, here.err);
        assertEquals(indicators(tmp.resolve("again")), indicators(tmp.resolve("out")));
        // --quiet: not a word
        Result quiet = run(tmp, "16m", "report", council.toString(), "--out", "out", "--formats", "csv", "--quiet");
        assertEquals(0, quiet.code, quiet.err);
        assertEquals("", quiet.err);
    }

    /** The JVM doing the work, once it has started. */
    private static ProcessHandle child(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> c = p.children().findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            assertTrue(p.isAlive(), "jsna ended before its child started");
            Thread.sleep(5);
        }
        throw new AssertionError("no child JVM");
    }

    private static void awaitTemporaryFolder(Path parent, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(parent)) {
                if (s.anyMatch(x -> x.getFileName().toString().startsWith(".out.jsna-tmp-"))) {
                    return;
                }
            }
            assertTrue(p.isAlive(), "the run ended before it could be stopped");
            Thread.sleep(5);
        }
        throw new AssertionError("the temporary folder never appeared");
    }

    @Test
    void sigtermToTheJvmStartedStopsTheChildWhichCleansUpAndTheRunEnds143() throws Exception {
        Result first = run(tmp, "jvm", "report", BASIC.toString(), "--out", "out", "--formats", "csv");
        assertEquals(0, first.code, first.err);
        Map<String, String> before = OutputSafetyTest.tree(tmp.resolve("out"));
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = jsna(tmp, "256m", "report", council.toString(), "--out", "out", "--formats", "csv",
                "--no-progress").redirectError(err).start();
        ProcessHandle child = child(p);
        awaitTemporaryFolder(tmp, p);
        p.destroy(); // SIGTERM to the JVM the user started
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), Files.readString(err.toPath()));
        assertFalse(child.isAlive(), "the child ended first");
        assertEquals(List.of("out"), names(tmp), "nothing left beside the output");
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")), "previous output untouched");
        assertFalse(Files.readString(err.toPath()).contains("\tat "));
    }

    @Test
    void whenTheJvmStartedIsKilledOutrightTheChildStopsAndCleansUp() throws Exception {
        // with charts, the run lasts well beyond the seconds the child takes to notice
        Process p = jsna(tmp, "256m", "report", council.toString(), "--out", "out", "--formats", "csv,png",
                "--no-progress").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle child = child(p);
        awaitTemporaryFolder(tmp, p);
        p.destroyForcibly(); // SIGKILL: no hook of its own runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // the child sees its parent gone within seconds (the JDK polls), then stops as on SIGTERM
        assertTrue(child.onExit().toCompletableFuture().get(60, TimeUnit.SECONDS) != null);
        assertEquals(List.of(), names(tmp), "no output, no temporary folder, no lock");
    }

    /**
     * The JVM started killed but not yet reaped by its own parent (a zombie: Python's communicate(), a supervisor
     * that reads the pipes to the end first): the JDK counts it alive, so the child ran on and replaced --out
     * 46 s after the caller saw exit 137. The child now also watches for being given a new parent.
     */
    @Test
    void whenTheJvmStartedIsKilledButNotReapedTheChildStillStops() throws Exception {
        ProcessBuilder inner = jsna(tmp, "256m", "report", council.toString(), "--out", "out", "--formats", "csv,png",
                "--no-progress");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$@\" 2>/dev/null & exec sleep 300", "bash"));
        cmd.addAll(inner.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(inner.environment());
        Process sleeper = pb.start(); // bash, then sleep: never waits for the jsna it started
        try {
            ProcessHandle launcher = child(sleeper);
            ProcessHandle worker = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (worker == null && System.nanoTime() < deadline) {
                worker = launcher.children().findFirst().orElse(null);
                Thread.sleep(5);
            }
            assertTrue(worker != null, "no child JVM");
            awaitTemporaryFolder(tmp, sleeper);
            launcher.destroyForcibly();
            assertTrue(worker.onExit().toCompletableFuture().get(60, TimeUnit.SECONDS) != null);
            assertEquals(List.of(), names(tmp), "no output, no temporary folder, no lock");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    /** The child killed outright while the JVM started lives (the system's OOM killer): that one says so. */
    @Test
    void whenTheChildIsKilledOutrightTheJvmStartedSaysSo() throws Exception {
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = jsna(tmp, "256m", "report", council.toString(), "--out", "out", "--formats", "csv,png",
                "--no-progress").redirectError(err).start();
        ProcessHandle child = child(p);
        awaitTemporaryFolder(tmp, p);
        child.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        assertTrue(Files.readString(err.toPath()).contains("jsna: error: the Java process doing the work was killed "
                + "(SIGKILL)"), Files.readString(err.toPath()));
        assertFalse(Files.exists(tmp.resolve("out")), "nothing replaced");
    }
}
