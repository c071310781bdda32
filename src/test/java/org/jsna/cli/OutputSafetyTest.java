package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jsna report --out} never deletes what jsna did not write (issue 7), and a reader that closes
 * standard output early is not an error, in process. The jar-level checks (signals, {@code --out .},
 * real pipes) are in {@link OutputSafetyIT}.
 */
class OutputSafetyTest {

    static final Path BASIC = ReportCommandTest.BASIC;
    /** A PID no process can have (above Linux's largest pid_max, 2^22). */
    static final long DEAD_PID = 999_999_999L;
    static final String HEX = "0123456789abcdef";

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, stdout.toString(), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file and folder under dir (relative path, '/' after a folder) and the file's text. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                boolean d = Files.isDirectory(p);
                m.put(dir.relativize(p).toString().replace('\\', '/') + (d ? "/" : ""), d ? "" : Files.readString(p));
            }
        }
        return m;
    }

    private static Result report(Path out) {
        return run(new ByteArrayOutputStream(), "report", BASIC.toString(), "--out", out.toString(), "--formats", "csv");
    }

    /** The report: `jsna report DATA --out mydocs` deleted notes.txt and sub/board-paper.docx. */
    @Test
    void reportIntoAFolderOfTheUsersIsRefusedAndDeletesNothing() throws IOException {
        Path out = tmp.resolve("mydocs");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Files.writeString(out.resolve("sub/board-paper.docx"), "board paper");
        Map<String, String> before = tree(out);
        Result r = report(out);
        assertEquals(4, r.code, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("jsna: error: " + out + ": "), r.err);
        assertTrue(r.err.contains("not an earlier jsna output"), r.err);
        assertEquals(before, tree(out));
        assertEquals(List.of("mydocs"), CorpusFiles.list(tmp));
    }

    @Test
    void anEarlierOutputIsReplacedUntilSomethingElseIsPutInIt() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, report(out).code);
        Files.writeString(out.resolve("indicators.csv"), "edited by hand"); // still a jsna output file
        Result again = report(out);
        assertEquals(0, again.code, again.err);
        assertTrue(Files.readString(out.resolve("indicators.csv")).startsWith("indicator_id,"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Map<String, String> before = tree(out);
        Result r = report(out);
        assertEquals(4, r.code, r.err);
        assertTrue(r.err.contains("'notes.txt'") && r.err.contains("did not write"), r.err);
        assertEquals(before, tree(out));
        assertEquals(List.of("out"), CorpusFiles.list(tmp));
    }

    /** A run killed with SIGKILL leaves its temporary folder and lock: the next run clears them. */
    @Test
    void theNextRunClearsWhatAKilledRunLeft() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, report(out).code);
        Path dead = Files.createDirectories(tmp.resolve(".out.jsna-tmp-" + DEAD_PID + "-"
                + HEX + "/charts"));
        Files.writeString(dead.resolve("half.png"), "half");
        Files.writeString(tmp.resolve(".out.jsna-lock"), DEAD_PID + " 0123\n");
        Result r = report(out);
        assertEquals(0, r.code, r.err);
        assertEquals(List.of("out"), CorpusFiles.list(tmp));
    }

    // ------------------------------------------------------------------ a closed standard output

    /** Standard output whose reader goes away after {@code limit} bytes, failing as the OS says. */
    static final class ClosingStream extends OutputStream {
        private final int limit;
        private final String message;
        private int written;

        ClosingStream(int limit, String message) {
            this.limit = limit;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException(message);
            }
            written += len;
        }
    }

    private Path bigRateInput() throws IOException {
        List<String> lines = new ArrayList<>(List.of("area,events,pop"));
        for (int i = 0; i < 20_000; i++) {
            lines.add("A" + i + "," + (i % 50) + "," + (1000 + i));
        }
        return Files.write(tmp.resolve("rates.csv"), lines);
    }

    @Test
    void aReaderThatStopsEarlyEndsTheCommandQuietlyWithExit0() throws IOException {
        Path in = bigRateInput();
        List<List<String>> commands = List.of(List.of("indicators", "--format", "csv"),
                List.of("indicators", "--format", "json"), List.of("indicators"),
                List.of("calc", "rate", "--input", in.toString(), "--numerator", "events", "--denominator", "pop",
                        "--multiplier", "1000", "--out", "-"));
        for (List<String> cmd : commands) {
            for (int limit : new int[] {0, 10, 100}) {
                Result r = run(new ClosingStream(limit, "Broken pipe"), cmd.toArray(String[]::new));
                assertEquals(0, r.code, cmd + ": " + r.err);
                assertEquals("", r.err, cmd + " says nothing");
            }
        }
    }

    /** Any other failure to write standard output (a full disk behind `> file`) is an I/O error. */
    @Test
    void aFailingStandardOutputIsAnIoError() throws IOException {
        Path in = bigRateInput();
        for (List<String> cmd : List.of(List.of("indicators", "--format", "csv"),
                List.of("calc", "rate", "--input", in.toString(), "--numerator", "events", "--denominator", "pop"))) {
            Result r = run(new ClosingStream(100, "No space left on device"), cmd.toArray(String[]::new));
            assertEquals(4, r.code, cmd + ": " + r.err);
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("jsna: error: cannot write to standard output (No space left on device)"), r.err);
            assertFalse(r.err.contains("\tat "), r.err);
        }
    }
}
