package org.jsna.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder's rules (cli.md, {@code --out}; docs/outputs.md): what may be replaced, what is
 * refused with nothing touched, leftovers of dead runs, and the signal handler's cleanup.
 */
class OutputFolderTest {

    /** A PID no process can have (above Linux's largest pid_max, 2^22). */
    static final long DEAD_PID = 999_999_999L;
    static final String HEX = "0123456789abcdef";

    @TempDir
    Path tmp;

    /** An earlier jsna output: indicators.csv and charts/a.svg, listed in manifest.json. */
    static Map<String, String> previous(Path out) throws IOException {
        Files.createDirectories(out.resolve("charts"));
        Files.writeString(out.resolve("indicators.csv"), "indicator_id\nold\n");
        Files.writeString(out.resolve("charts/a.svg"), "<svg/>");
        Files.writeString(out.resolve("manifest.json"), """
                {
                  "tool": "jsna",
                  "version": "0.1.0",
                  "outputs": [
                    {"path": "charts/a.svg", "bytes": 6, "sha256": "x"},
                    {"path": "indicators.csv", "bytes": 17, "sha256": "y"}
                  ]
                }
                """);
        return tree(out);
    }

    /** Every file under dir (relative path with '/') and its text. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                m.put(Files.isDirectory(p) ? rel + "/" : rel, Files.isDirectory(p) ? "" : Files.readString(p));
            }
        }
        return m;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A run that writes one file and commits. */
    private static void write(Path out, String text) throws IOException {
        try (OutputFolder f = OutputFolder.open(out)) {
            Files.writeString(f.dir().resolve("new.csv"), text);
            Files.writeString(f.dir().resolve("manifest.json"),
                    "{\"tool\": \"jsna\", \"outputs\": [{\"path\": \"new.csv\"}]}");
            f.commit();
        }
    }

    private static JsnaException refused(Path out) {
        JsnaException e = assertThrows(JsnaException.class, () -> OutputFolder.open(out).close());
        assertEquals(4, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(out + ": "), "names the folder: " + e.getMessage());
        return e;
    }

    // ------------------------------------------------------------------ what may be replaced

    @Test
    void missingEmptyAndEarlierOutputsAreReplaced() throws IOException {
        Path out = tmp.resolve("out");
        write(out, "1");
        assertEquals("1", Files.readString(out.resolve("new.csv")));
        write(out, "2"); // an earlier jsna output
        assertEquals("2", Files.readString(out.resolve("new.csv")));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        write(empty, "3");
        assertEquals("3", Files.readString(empty.resolve("new.csv")));
        Path old = tmp.resolve("old");
        previous(old);
        write(old, "4");
        assertEquals(Map.of("manifest.json", "{\"tool\": \"jsna\", \"outputs\": [{\"path\": \"new.csv\"}]}",
                "new.csv", "4", "/", ""), tree(old));
        assertEquals(List.of("empty", "old", "out"), names());
    }

    /**
     * A legal 240-character --out was refused as "not writable": the lock and temporary folders beside it put
     * {@code .NAME} and a suffix past the 255 bytes a file name may have. A long name's stem (its start and a hash
     * of the whole) names them now; the output keeps its own name, and a second run replaces the first.
     */
    @Test
    void aLongOutputNameStillHasItsLockAndTemporaryFolder() throws IOException {
        String name = "n".repeat(120) + "é".repeat(60); // 180 characters, 240 bytes in UTF-8
        String ascii = "m".repeat(240);
        for (String n : List.of(ascii, name)) {
            Path out = tmp.resolve(n);
            write(out, "1");
            write(out, "2");
            assertEquals("2", Files.readString(out.resolve("new.csv")));
        }
        assertEquals(List.of(ascii, name), names(), "nothing left beside the outputs");
        String stem = OutputFolder.stem(name);
        assertTrue(stem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= OutputFolder.STEM + 17, stem);
        assertEquals(stem, OutputFolder.stem(name), "the same name, the same stem");
        assertTrue(!stem.equals(OutputFolder.stem(name + "x")));
        assertEquals("out", OutputFolder.stem("out"), "a short name is kept");
        // a review: "...Aa" and "...BB" have one String.hashCode, so with a 32-bit hash two outputs shared a lock
        // and one run put the other's backup in its own place
        String a = "x".repeat(220) + "Aa";
        String b = "x".repeat(220) + "BB";
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(!OutputFolder.stem(a).equals(OutputFolder.stem(b)));
        assertEquals("y".repeat(OutputFolder.WHOLE), OutputFolder.stem("y".repeat(OutputFolder.WHOLE)),
                "a name that fits is carried whole, as by earlier versions");
    }

    /** The report: `--out mydocs` deleted mydocs/notes.txt and mydocs/sub/board-paper.docx. */
    @Test
    void aFolderOfTheUsersIsRefusedWithNothingTouched() throws IOException {
        Path out = tmp.resolve("mydocs");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Files.writeString(out.resolve("sub/board-paper.docx"), "paper");
        Map<String, String> before = tree(out);
        JsnaException e = refused(out);
        assertTrue(e.getMessage().contains("not an earlier jsna output"), e.getMessage());
        assertEquals(before, tree(out));
        assertEquals(List.of("mydocs"), names(), "no lock or temporary folder was made");
    }

    /**
     * An earlier output this user may not delete from (another user's, or made read-only): refused before any
     * work with exit 4, nothing touched. It was replaced at the end and the run then failed with the old output
     * left beside the new one, which blocked every later run. (Root may delete anything: skipped as root.)
     */
    @Test
    void anEarlierOutputThisUserCannotDeleteFromIsRefusedBeforeTheWork() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may delete from any folder");
        Path out = tmp.resolve("theirs");
        Map<String, String> before = previous(out);
        for (Path d : List.of(out.resolve("charts"), out)) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> ro =
                    java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x");
            Files.setPosixFilePermissions(d, ro);
            JsnaException e = refused(out);
            assertTrue(e.getMessage().contains("cannot be replaced by this user") && e.getMessage().contains(d + "'"),
                    e.getMessage());
            assertEquals(before, tree(out));
            assertEquals(List.of("theirs"), names(), "no lock or temporary folder was made");
            Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        write(out, "mine");
        assertEquals("mine", Files.readString(out.resolve("new.csv")));
    }

    /** A failed run removes the folders it made above the output (a/b of --out a/b/out); a run that succeeds keeps them. */
    @Test
    void aFailedRunRemovesTheFoldersItMade() throws IOException {
        Path out = tmp.resolve("a/b/out");
        try (OutputFolder f = OutputFolder.open(out)) {
            Files.writeString(f.dir().resolve("half.csv"), "x");
        } // closed without a commit: the run failed
        assertEquals(List.of(), names());
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/mine.txt"), "mine");
        try (OutputFolder f = OutputFolder.open(out)) {
            Files.writeString(f.dir().resolve("half.csv"), "x");
        }
        assertEquals(List.of("a"), names(), "a folder that was there stays");
        assertEquals(List.of("mine.txt"), Files.list(tmp.resolve("a")).map(p -> p.getFileName().toString()).toList());
        write(out, "done");
        assertEquals("done", Files.readString(out.resolve("new.csv")));
    }

    @Test
    void anEarlierOutputWithAnotherFileInItIsRefused() throws IOException {
        Map<String, String> named = Map.of("notes.txt", "notes.txt", "charts/mine.png", "charts/mine.png",
                "sub/board-paper.docx", "sub/", "emptydir/", "emptydir/");
        for (String extra : named.keySet()) {
            Path out = tmp.resolve("out-" + extra.replaceAll("[^a-z]", ""));
            previous(out);
            Path x = out.resolve(extra);
            if (extra.endsWith("/")) {
                Files.createDirectories(x);
            } else {
                Files.createDirectories(x.getParent());
                Files.writeString(x, "mine");
            }
            Map<String, String> before = tree(out);
            JsnaException e = refused(out);
            assertTrue(e.getMessage().contains("'" + named.get(extra) + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("not in that output's manifest.json"), e.getMessage());
            assertEquals(before, tree(out));
        }
    }

    @Test
    void aManifestNotWrittenByJsnaDoesNotMakeAFolderReplaceable() throws IOException {
        List<String> manifests = List.of("{\"tool\": \"other\", \"outputs\": [{\"path\": \"indicators.csv\"}]}",
                "{\"outputs\": [{\"path\": \"indicators.csv\"}]}", "not json {", "", "[\"tool\", \"jsna\"]",
                "{\"tool\": \"jsna\"}", "{\"tool\": \"jsna\", \"tool\": \"jsna\", \"outputs\": []}");
        int i = 0;
        for (String m : manifests) {
            Path out = tmp.resolve("out" + i++);
            Files.createDirectories(out);
            Files.writeString(out.resolve("indicators.csv"), "mine");
            Files.writeString(out.resolve("manifest.json"), m);
            Map<String, String> before = tree(out);
            JsnaException e = refused(out);
            assertTrue(e.getMessage().contains("manifest.json was not written by jsna"), m + ": " + e.getMessage());
            assertEquals(before, tree(out));
        }
        assertNull(OutputFolder.manifestOutputs(tmp.resolve("out0/manifest.json")));
    }

    @Test
    void jsnasOwnEmptyChartsFolderIsNotForeign() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("charts"));
        Files.writeString(out.resolve("manifest.json"), "{\"tool\": \"jsna\", \"outputs\": []}");
        write(out, "new");
        assertEquals("new", Files.readString(out.resolve("new.csv")));
        assertFalse(Files.exists(out.resolve("charts")));
    }

    @Test
    void aFileIsRefused() throws IOException {
        Path out = Files.writeString(tmp.resolve("out"), "a file");
        JsnaException e = refused(out);
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        assertEquals("a file", Files.readString(out));
        assertEquals(List.of("out"), names());
    }

    @Test
    void aLinkToAFolderWritesTheFolderAndKeepsTheLink() throws IOException {
        Path real = tmp.resolve("real");
        previous(real);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        write(link, "via link");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("via link", Files.readString(real.resolve("new.csv")));
        assertEquals(List.of("link", "real"), names());
    }

    /** A file put into the previous output during the run is not deleted: the commit is refused. */
    @Test
    void aFileAddedDuringTheRunStopsTheCommit() throws IOException {
        Path out = tmp.resolve("out");
        previous(out);
        try (OutputFolder f = OutputFolder.open(out)) {
            Files.writeString(f.dir().resolve("new.csv"), "new");
            Files.writeString(out.resolve("notes.txt"), "written meanwhile");
            JsnaException e = assertThrows(JsnaException.class, f::commit);
            assertEquals(4, e.exitCode());
            assertTrue(e.getMessage().contains("changed during the run") && e.getMessage().contains("notes.txt"),
                    e.getMessage());
        }
        assertEquals("written meanwhile", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.exists(out.resolve("charts/a.svg")));
        assertEquals(List.of("out"), names());
    }

    // ------------------------------------------------------------------ locks and what dead runs left

    @Test
    void theLockNamesItsProcessAndASecondRunIsRefused() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder f = OutputFolder.open(out)) {
            String lock = Files.readString(tmp.resolve(".out.jsna-lock"));
            assertTrue(lock.startsWith(ProcessHandle.current().pid() + " "), lock);
            assertTrue(f.dir().getFileName().toString().startsWith(".out.jsna-tmp-" + ProcessHandle.current().pid()
                    + "-"), f.dir().toString());
            JsnaException e = refused(out);
            assertTrue(e.getMessage().contains("another jsna run (process " + ProcessHandle.current().pid() + ")"),
                    e.getMessage());
        }
        assertEquals(List.of(), names());
    }

    /** A killed run leaves .NAME.jsna-tmp-… and .NAME.jsna-lock: the next run clears them. */
    @Test
    void leftoversOfDeadRunsAreCleared() throws IOException {
        Path out = tmp.resolve("out");
        previous(out);
        Path deadTmp = Files.createDirectories(tmp.resolve(".out.jsna-tmp-" + DEAD_PID + "-" + HEX + "/charts"));
        Files.writeString(deadTmp.resolve("x.png"), "half");
        Path legacy = Files.createDirectories(tmp.resolve(".out.jsna-tmp-" + java.util.UUID.randomUUID()));
        Files.writeString(legacy.resolve("indicators.csv"), "half");
        Files.writeString(tmp.resolve(".out.jsna-lock"), DEAD_PID + " deadbeef\n");
        Path deadOld = tmp.resolve(".out.jsna-old-" + DEAD_PID + "-" + HEX);
        previous(deadOld);
        // not this folder's, or not jsna's: never touched
        Path other = Files.createDirectories(tmp.resolve(".other.jsna-tmp-" + DEAD_PID + "-" + HEX));
        Path mine = Files.writeString(tmp.resolve(".out.jsna-tmp-notes"), "a user's file");
        write(out, "new");
        assertEquals(List.of(".other.jsna-tmp-" + DEAD_PID + "-" + HEX, ".out.jsna-tmp-notes", "out"), names());
        assertTrue(Files.isDirectory(other));
        assertEquals("a user's file", Files.readString(mine));
        assertEquals("new", Files.readString(out.resolve("new.csv")));
    }

    /** The temporary folder of a run that is still alive is never touched. */
    @Test
    void leftoversOfALiveProcessAreKept() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path live = Files.createDirectories(tmp.resolve(".out.jsna-tmp-" + sleeper.pid() + "-" + HEX));
            Files.writeString(live.resolve("indicators.csv"), "being written");
            write(tmp.resolve("out"), "new");
            assertEquals("being written", Files.readString(live.resolve("indicators.csv")));
            assertTrue(OutputFolder.ownerAlive(Long.toString(sleeper.pid()), live));
            assertFalse(OutputFolder.ownerAlive(Long.toString(DEAD_PID), live));
            assertFalse(OutputFolder.ownerAlive(Long.toString(ProcessHandle.current().pid()), live),
                    "our own PID (a container restarted with the same PID) is not a live owner");
        } finally {
            sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A run killed between its two final renames had moved the previous output aside: it is put back. */
    @Test
    void aPreviousOutputMovedAsideByAKilledRunIsPutBack() throws IOException {
        Path out = tmp.resolve("out");
        Map<String, String> before = previous(tmp.resolve(".out.jsna-old-" + DEAD_PID + "-" + HEX));
        try (OutputFolder f = OutputFolder.open(out)) {
            assertEquals(before, tree(out), "put back before this run writes anything");
        } // this run fails (no commit): the previous output stays
        assertEquals(before, tree(out));
        assertEquals(List.of("out"), names());
    }

    // ------------------------------------------------------------------ signals

    /**
     * What the SIGTERM/SIGINT hook does, while a writer keeps creating files (and re-creating
     * folders) in the temporary folder: everything is removed, the previous output is untouched, the
     * writer fails, and the run can no longer commit.
     */
    @Test
    void stoppingWhileWritingRemovesEverythingAndKeepsThePreviousOutput() throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> before = previous(out);
        OutputFolder f = OutputFolder.open(out);
        CountDownLatch writing = new CountDownLatch(50);
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        AtomicInteger written = new AtomicInteger();
        Thread job = new Thread(() -> {
            try {
                for (int i = 0;; i++) {
                    Path charts = Files.createDirectories(f.dir().resolve("charts"));
                    Files.writeString(charts.resolve("c" + i + ".svg"), "<svg/>".repeat(100));
                    written.incrementAndGet();
                    writing.countDown();
                }
            } catch (IOException | RuntimeException e) {
                writerError.set(e);
                try {
                    f.commit();
                } catch (JsnaException expected) {
                    writerError.set(expected);
                }
            } finally {
                f.close();
            }
        });
        job.start();
        assertTrue(writing.await(30, TimeUnit.SECONDS));
        f.stop(5000);
        job.join(10_000);
        assertFalse(job.isAlive());
        assertTrue(written.get() >= 50);
        assertTrue(writerError.get() instanceof JsnaException je && je.getMessage().contains("stopped by a signal"),
                String.valueOf(writerError.get()));
        assertTrue(f.stopped());
        assertEquals(before, tree(out));
        assertEquals(List.of("out"), names(), "no temporary folder or lock left");
    }

    /** The run may not notice at all (busy computing): the handler still cleans up after its wait. */
    @Test
    void stoppingARunThatDoesNotReactStillCleansUp() throws IOException {
        Path out = tmp.resolve("out");
        Map<String, String> before = previous(out);
        OutputFolder f = OutputFolder.open(out);
        Files.writeString(f.dir().resolve("indicators.csv"), "half");
        f.stop(100);
        assertEquals(before, tree(out));
        assertEquals(List.of("out"), names());
        assertThrows(JsnaException.class, f::checkNotStopped);
        assertThrows(JsnaException.class, f::commit);
        f.close();
        assertEquals(List.of("out"), names());
    }

    @Test
    void aSignalAfterTheCommitKeepsTheNewOutput() throws IOException {
        Path out = tmp.resolve("out");
        previous(out);
        OutputFolder f = OutputFolder.open(out);
        Files.writeString(f.dir().resolve("new.csv"), "new");
        Files.writeString(f.dir().resolve("manifest.json"), "{\"tool\": \"jsna\", \"outputs\": []}");
        f.commit();
        f.stop(100);
        f.close();
        assertEquals("new", Files.readString(out.resolve("new.csv")));
        assertEquals(List.of("out"), names());
    }

    /**
     * A dead run's lock file that this user may not write (root's, before the cron account's run) refused every later
     * run as "output folder not writable", although the folder was writable and the file a dead run's. The user's
     * run now finds, through a shared lock of a read-only channel, that no run holds it, and deletes it; a live run's
     * is refused as before. (The denial itself needs a user other than root; here the check it leads to.)
     */
    @Test
    void aDeadRunsLockThatCannotBeWrittenIsRemovedALiveRunsIsNot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".out.jsna-lock");
        Files.writeString(file, "4242 dead\n");
        assertTrue(OutputFolder.Lock.removedStale(file, "out"));
        assertFalse(Files.exists(file), "the dead run's lock file is gone");
        OutputFolder.Lock live = OutputFolder.Lock.acquire(file, "out", dir);
        try {
            JsnaException e = assertThrows(JsnaException.class, () -> OutputFolder.Lock.removedStale(file, "out"));
            assertEquals(4, e.exitCode());
            assertTrue(e.getMessage().contains("is writing this output folder"), e.getMessage());
            assertTrue(Files.exists(file), "a live run's lock file stays");
        } finally {
            live.release();
        }
    }
}
