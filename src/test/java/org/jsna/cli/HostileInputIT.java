package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of docs/data.md at the jar level, in a JVM with a 64 MB heap: a 1 GB line without a line
 * end, a 10 MB field, a million-column header, a deeply nested jsna.yaml and a YAML alias bomb each end
 * in exit 3 with one message naming file and line and the limit — where reading them whole would need
 * many times the heap (the 1 GB line is 16 times the heap, and its characters twice that again), so an
 * unbounded reader ends in an OutOfMemoryError, exit 1. The files are written to the test's temporary
 * folder as streams, never held in memory.
 */
class HostileInputIT {

    /** The heap of every run here: enough for jsna, far too little to hold any of these inputs. */
    static final String HEAP = "-Xmx64m";

    @TempDir
    Path tmp;

    Path data;

    @BeforeEach
    void validInputs() throws IOException {
        data = tmp.resolve("data");
        Files.createDirectories(data);
        for (String r : List.of("areas", "population", "referrals", "services")) {
            Files.copy(Path.of("src/test/resources/input/valid", r + ".csv"), data.resolve(r + ".csv"));
        }
    }

    record Run(int code, String out, String err) {
    }

    private Run jsna(Path stdin, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("jsna.jar", "target/jsna.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "jar built: " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-jar", jar));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished within 2 minutes: " + cmd);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Exit 3, nothing on stdout, and the first stderr line is exactly {@code jsna: error: MESSAGE}. */
    private static void assertInputError(Run r, String message) {
        assertEquals(3, r.code(), r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("internal error") || r.err().contains("OutOfMemory"), r.err());
        assertEquals("jsna: error: " + message, r.err().lines().findFirst().orElse(""), r.err());
    }

    /** Writes {@code head}, then {@code unit} until the file holds at least {@code bytes}, then {@code tail}. */
    private static void write(Path file, String head, String unit, long bytes, String tail) throws IOException {
        byte[] u = unit.getBytes(StandardCharsets.UTF_8);
        ByteBuffer block = ByteBuffer.allocate(Math.max(u.length, (1 << 20) / u.length * u.length));
        while (block.remaining() >= u.length) {
            block.put(u);
        }
        block.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
            while (ch.size() < bytes) {
                block.rewind();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
            }
            ch.write(ByteBuffer.wrap(tail.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * A 1 GB line without a line end (fields of 999 characters, so that the row limit is what stops
     * it), read by validate and by calc from the same file; the file is removed with the folder.
     */
    @Test
    void aGigabyteLineWithoutALineEnd() throws Exception {
        Path ref = data.resolve("referrals.csv");
        String header = Files.readString(ref).lines().findFirst().orElseThrow() + "\n";
        write(ref, header, "r".repeat(999) + ",", 1L << 30, "");
        assertTrue(Files.size(ref) >= 1L << 30);
        String limit = "a row longer than 4194304 characters: expected a row of at most 4194304 characters (4 MiB) "
                + "in all its fields together";
        assertInputError(jsna(null, "validate", data.toString()), data.resolve("referrals.csv") + ":2: " + limit);
        assertInputError(jsna(null, "calc", "mean", "--input", ref.toString(), "--value", "age"), ref + ":2: " + limit);
        Files.delete(ref);
    }

    @Test
    void aTenMegabyteField() throws Exception {
        Path areas = data.resolve("areas.csv");
        write(areas, "area_code,locality,imd_decile,area_name\nE01000001,\"", "North\n", 10_000_000, "\",1,Alpha\n");
        assertInputError(jsna(null, "validate", data.toString()), areas + ":2: column 'locality': a field longer than "
                + "1048576 characters: expected a field of at most 1048576 characters (1 MiB)");
        // the same through calc on standard input (kept in a temporary file beyond 8 MiB)
        assertInputError(jsna(areas, "calc", "quantile", "--input", "-", "--value", "imd_decile"),
                "<stdin>:2: column 'locality': a field longer than 1048576 characters: expected a field of at most "
                        + "1048576 characters (1 MiB)");
    }

    @Test
    void aMillionColumnHeader() throws Exception {
        Path pop = data.resolve("population.csv");
        try (OutputStream o = Files.newOutputStream(pop)) {
            StringBuilder sb = new StringBuilder("area_code,sex,age,population");
            for (int i = 0; i < 1_000_000; i++) {
                sb.append(",c").append(i);
                if (sb.length() > 1 << 16) {
                    o.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    sb.setLength(0);
                }
            }
            o.write(sb.append("\nE01000001,F,30,100").append(",0".repeat(1_000_000)).append('\n').toString()
                    .getBytes(StandardCharsets.US_ASCII));
        }
        assertInputError(jsna(null, "validate", data.toString()), pop + ":1: more than 10000 fields in a row: "
                + "expected at most 10000 columns");
        assertInputError(jsna(null, "calc", "rate", "--input", pop.toString(), "--numerator", "age", "--denominator",
                "population"), pop + ":1: more than 10000 fields in a row: expected at most 10000 columns");
    }

    @Test
    void aDeeplyNestedJsnaYaml() throws Exception {
        Path yaml = data.resolve("jsna.yaml");
        Files.writeString(yaml, "localities: " + "[".repeat(1_000_000) + "\n"); // just under the 1 MiB limit
        assertInputError(jsna(null, "validate", data.toString()), yaml + ":1: maps and lists nested more than 32 "
                + "deep: expected a jsna.yaml nested at most 32 levels deep");
        // and one over the size limit, with no end at all as far as jsna reads
        assertInputError(jsna(null, "validate", "--config", "/dev/zero", data.toString()),
                "/dev/zero: more than 1048576 bytes: expected a jsna.yaml of at most 1048576 bytes (1 MiB)");
    }

    @Test
    void aYamlAliasBomb() throws Exception {
        StringBuilder y = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            y.append(c).append(": &").append(c).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, "*" + (char) (c - 1)))).append("]\n");
        }
        y.append("localities: *i\n");
        Path yaml = data.resolve("jsna.yaml");
        Files.writeString(yaml, y);
        assertInputError(jsna(null, "validate", data.toString()), yaml + ":7: more than 50 aliases (*name): expected "
                + "a jsna.yaml with at most 50 aliases");
    }
}
