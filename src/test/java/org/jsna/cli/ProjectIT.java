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
 * {@code java -jar jsna.jar project} as a separate process, as README shows it and cron jobs run it: the
 * README's run on sample-data, a SIGTERM during a run (the previous output as it was, nothing beside it, exit
 * 143), and an {@code --out} holding a file jsna did not write (exit 4, left untouched).
 */
class ProjectIT {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static final Path SAMPLE = Path.of("sample-data").toAbsolutePath();

    /** A council big enough that a projection runs a few seconds, and an SNPP file for it (one LA, 2000-2060). */
    static Path council;
    static Path snpp;

    @BeforeAll
    static void council() throws IOException {
        council = shared.resolve("council");
        SampleWriter.write(council, new SampleSettings(60, 40_000, 60_000, 1));
        List<String> lines = new ArrayList<>();
        StringBuilder h = new StringBuilder("AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP");
        for (int y = 2000; y <= 2060; y++) {
            h.append(',').append(y);
        }
        lines.add(h.toString());
        for (String sex : List.of("female", "male")) {
            for (int a = 0; a <= 90; a++) {
                StringBuilder r = new StringBuilder("E06000001,Somewhere,Population,").append(sex).append(',')
                        .append(a == 90 ? "90 and over" : Integer.toString(a));
                for (int y = 2000; y <= 2060; y++) {
                    r.append(',').append(1000 + y - 2000);
                }
                lines.add(r.toString());
            }
        }
        snpp = Files.write(shared.resolve("snpp.csv"), lines);
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("jsna.jar", "target/jsna.jar")).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result jsna(Path dir, String... args) throws Exception {
        File out = Files.createTempFile(shared, "out", ".txt").toFile();
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = new ProcessBuilder(java(args)).directory(dir.toFile()).redirectError(err).redirectOutput(out)
                .start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jsna did not finish");
        return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** README: {@code java -jar target/jsna.jar project sample-data --projections sample-data/projections.csv}. */
    @Test
    void theReadmeRunWritesTheThreeFiles() throws Exception {
        Path out = tmp.resolve("plan");
        Result r = jsna(tmp, "project", SAMPLE.toString(), "--projections",
                SAMPLE.resolve("projections.csv").toString(), "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out, "nothing on stdout");
        assertEquals(List.of("data-quality.csv", "manifest.json", "projections.csv"), names(out));
        List<String> lines = Files.readAllLines(out.resolve("projections.csv"));
        assertEquals("year,client_group,locality,measure,value,lower_ci_95,upper_ci_95,base_value,change_pct,method",
                lines.get(0));
        // sample-data/projections.csv runs to 2035 from a 2024/25 base: 2025..2035
        assertTrue(lines.get(1).startsWith("2025,"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("2035,"), lines.get(lines.size() - 1));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"projections.csv\""));
        assertEquals(List.of("plan"), names(tmp), "nothing beside the output");
    }

    /** A small earlier projection in parent/out; returns its files. */
    private Map<String, String> previousOutput(Path parent) throws Exception {
        Result r = jsna(parent, "project", SAMPLE.toString(), "--projections",
                SAMPLE.resolve("projections.csv").toString(), "--out", "out", "--to-year", "2026");
        assertEquals(0, r.code, r.err);
        return OutputSafetyTest.tree(parent.resolve("out"));
    }

    @Test
    void sigtermDuringARunLeavesThePreviousOutputAndNothingBesideIt() throws Exception {
        Map<String, String> before = previousOutput(tmp);
        File err = Files.createTempFile(shared, "err", ".txt").toFile();
        Process p = new ProcessBuilder(java("project", council.toString(), "--projections", snpp.toString(), "--out",
                "out", "--no-progress")).directory(tmp.toFile()).redirectError(err)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            Optional<Path> temp;
            try (Stream<Path> s = Files.list(tmp)) {
                temp = s.filter(x -> x.getFileName().toString().startsWith(".out.jsna-tmp-")).findFirst();
            }
            ready = temp.isPresent();
            assertTrue(ready || p.isAlive(), () -> "the run ended before it could be stopped: " + read(err));
            Thread.sleep(5);
        }
        assertTrue(ready, "the temporary folder never appeared");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), read(err));
        assertEquals(List.of("out"), names(tmp), "nothing left beside the output");
        assertEquals(before, OutputSafetyTest.tree(tmp.resolve("out")), "previous output untouched");
        assertFalse(read(err).contains("\tat "), read(err));
        // and the council projects in full when left alone
        Result r = jsna(tmp, "project", council.toString(), "--projections", snpp.toString(), "--out", "out",
                "--to-year", "2030");
        assertEquals(0, r.code, r.err);
        assertEquals(List.of("out"), names(tmp));
    }

    @Test
    void anOutFolderHoldingAForeignFileIsRefusedAndLeftUntouched() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Result r = jsna(tmp, "project", SAMPLE.toString(), "--projections",
                SAMPLE.resolve("projections.csv").toString(), "--out", "mine");
        assertEquals(4, r.code, r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertEquals(List.of("notes.txt"), names(out));
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertEquals(List.of("mine"), names(tmp), "no lock or temporary folder left");
        // a file as --out: refused too
        Path file = Files.writeString(tmp.resolve("plan.csv"), "mine");
        r = jsna(tmp, "project", SAMPLE.toString(), "--projections", SAMPLE.resolve("projections.csv").toString(),
                "--out", "plan.csv");
        assertEquals(4, r.code, r.err);
        assertEquals("mine", Files.readString(file));
        assertEquals(List.of("mine", "plan.csv"), names(tmp));
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
