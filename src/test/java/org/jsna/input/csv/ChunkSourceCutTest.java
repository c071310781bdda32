package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Where the file is cut into chunks, checked against a plain byte-by-byte reading of the quoting rules: every
 * chunk starts just after a line end outside quotes (or at the start), knows the physical line it starts on
 * (LF, CR and CR LF each one line end, also inside quotes), and the chunks together are the file.
 */
class ChunkSourceCutTest {

    /** Per offset: the line there, and whether a record boundary is there (offset 0 included). */
    private static final class Reference {
        final long[] line;
        final boolean[] boundary;

        Reference(byte[] b) {
            int n = b.length;
            line = new long[n + 1];
            boundary = new boolean[n + 1];
            boundary[0] = true;
            long l = 1;
            boolean quoted = false;
            int recordStart = 0;
            for (int i = 0; i < n; i++) {
                line[i] = l;
                byte c = b[i];
                if (c == '"') {
                    if (quoted) {
                        if (i + 1 < n && b[i + 1] == '"') {
                            line[i + 1] = l;
                            i++; // an escaped quote
                        } else {
                            quoted = false;
                        }
                    } else if (i == recordStart || b[i - 1] == ',') {
                        quoted = true;
                    }
                } else if (c == '\n') {
                    if (i == 0 || b[i - 1] != '\r') {
                        l++;
                    }
                    if (!quoted) {
                        boundary[i + 1] = true;
                        recordStart = i + 1;
                    }
                } else if (c == '\r') {
                    l++;
                    if (!quoted && (i + 1 >= n || b[i + 1] != '\n')) {
                        boundary[i + 1] = true;
                        recordStart = i + 1;
                    }
                }
            }
            line[n] = l;
        }
    }

    private static void check(byte[] bytes, int block) throws IOException {
        Reference ref = new Reference(bytes);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Cuts cuts = new Cuts();
        cuts.stamp("the bytes");
        List<String> chunks = new java.util.ArrayList<>();
        try (ChunkSource src = source(bytes, block, cuts, null)) {
            Chunk c;
            int at = 0;
            while ((c = src.next()) != null) {
                String where = "chunk at " + at + " of " + bytes.length + ", block " + block;
                assertTrue(c.truncated() || ref.boundary[at], where + ": not a record boundary");
                assertEquals(ref.line[at], c.startLine(), where + ": first line");
                whole.write(c.buf(), c.start(), c.end() - c.start());
                at += c.end() - c.start();
                chunks.add(describe(c));
            }
        }
        assertArrayEquals(bytes, whole.toByteArray(), "the chunks are the file");
        cuts.finish("the bytes");
        assertTrue(cuts.isComplete(), "a reading to the end records every cut");
        // a second reading replaying the cuts, with no search of its own, hands out the same chunks
        List<String> replayed = new java.util.ArrayList<>();
        try (ChunkSource src = source(bytes, block, null, cuts)) {
            Chunk c;
            while ((c = src.next()) != null) {
                replayed.add(describe(c));
            }
        }
        assertEquals(chunks, replayed, "block " + block + ": the replayed chunks");
    }

    private static ChunkSource source(byte[] bytes, int block, Cuts record, Cuts replay) {
        return new ChunkSource(Channels.newChannel(new ByteArrayInputStream(bytes)), "t.csv", Encoding.AUTO, false,
                new BufferPool(block), null, record, replay);
    }

    /** Reads every chunk of {@code bytes}, recording or replaying cuts. */
    private static void readAll(byte[] bytes, int block, Cuts record, Cuts replay) throws IOException {
        try (ChunkSource src = source(bytes, block, record, replay)) {
            while (src.next() != null) {
                continue;
            }
        }
    }

    /** A chunk's bytes, first line and flags. */
    private static String describe(Chunk c) {
        return new String(c.buf(), c.start(), c.end() - c.start(), StandardCharsets.ISO_8859_1) + "|" + c.startLine()
                + "|" + c.eof() + "|" + c.truncated();
    }

    @Test
    void replayingCutsOverOtherBytesIsAnInputError() throws IOException {
        // the replay is what cuts (the check above is not vacuous): a recording of other bytes is found out
        byte[] a = "id,x\nR1,aaaa\nR2,bbbb\nR3,cccc\nR4,dddd\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "id,x\nR1,a\nR2,bbbbbbbbb\nR3,c\nR4,dddddddd\n".getBytes(StandardCharsets.US_ASCII);
        Cuts ofA = new Cuts();
        ofA.stamp("a");
        readAll(a, 16, ofA, null);
        ofA.finish("a");
        Cuts ofB = new Cuts();
        List<Long> plain = new java.util.ArrayList<>();
        try (ChunkSource src = source(b, 16, ofB, null)) {
            Chunk c;
            while ((c = src.next()) != null) {
                plain.add(c.startLine());
            }
        }
        // other bytes under the recorded cuts: a cut that follows no line end is found, an input error
        org.jsna.console.JsnaException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.jsna.console.JsnaException.class, () -> {
                    readAll(b, 16, null, ofA);
                });
        assertEquals(3, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("changed while jsna was reading it"), e.getMessage());
        assertTrue(!plain.isEmpty());
        // cuts recorded from a file that changed before the recording ended are never replayed
        Cuts changed = new Cuts();
        changed.stamp("before");
        readAll(a, 16, changed, null);
        changed.finish("after");
        assertTrue(!changed.isComplete());
    }

    @Test
    void aFileScannedWholeIsReplayedUntilItChanges(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path f = dir.resolve("r.csv");
        StringBuilder sb = new StringBuilder("id,x\n");
        for (int i = 0; i < 2000; i++) {
            sb.append("R").append(i).append(",").append(i % 7 == 0 ? "\"a\nb\"" : "plain").append('\n');
        }
        java.nio.file.Files.writeString(f, sb);
        CsvFile.Spec spec = new CsvFile.Spec(f, "r.csv", "referrals", Encoding.AUTO, 0, false);
        CsvFile.Run run = new CsvFile.Run(null, 1, 256, false, null);
        CsvFile.Rows<Integer> rows = new CsvFile.Rows<>() {
            @Override
            public void header(org.jsna.validate.Header header, CsvFile.Text text, CsvFile.Out out) {
            }

            @Override
            public Integer parse(Chunk chunk) {
                return 0;
            }

            @Override
            public void ordered(Integer result, CsvFile.Out out) {
            }

            @Override
            public void finish(Integer result) {
            }
        };
        Cuts cuts = CsvFile.scan(spec, run, rows, null);
        assertTrue(cuts.isComplete() && cuts.size() > 10, "a whole file's cuts, " + cuts.size());
        assertTrue(cuts.replayableOver(f), "the same file: replayed");
        java.nio.file.Files.writeString(f, sb.append("R9999,late\n"));
        assertTrue(!cuts.replayableOver(f), "a changed file: searched again");
    }

    @Test
    void aReadingThatStopsRecordsNoCutsToReplay() throws IOException {
        byte[] bytes = "id,x\nR1,a\nR2,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1); // not UTF-8
        Cuts cuts = new Cuts();
        try (ChunkSource src = new ChunkSource(Channels.newChannel(new ByteArrayInputStream(bytes)), "t.csv",
                Encoding.UTF8, false, new BufferPool(16), null, cuts, null)) {
            org.junit.jupiter.api.Assertions.assertThrows(org.jsna.console.JsnaException.class, () -> {
                while (src.next() != null) {
                    continue;
                }
            });
        }
        assertTrue(!cuts.isComplete(), "a stopped reading's cuts are not replayed");
    }

    @Provide
    Arbitrary<byte[]> csvBytes() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.of("R0001,a,b", "x", "12.50", "2024-01-31", "", " ")),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(",")),
                net.jqwik.api.Tuple.of(5, Arbitraries.of("\n")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("\r\n", "\r", "\"", "\"\"", "\"q,\nr\"", "\"a\r\nb\"", "é")));
        return token.list().ofMaxSize(300).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 600)
    void cutsAtRecordBoundariesWithTheirLines(@ForAll("csvBytes") byte[] bytes,
            @ForAll @IntRange(min = 16, max = 200) int block) throws IOException {
        check(bytes, block);
    }

    /**
     * A lone CR that ends the bytes read so far is a line end only once the next byte is known not to be an LF: the
     * replay must wait for it as the search does (it once cut there a read early, and the chunks after differed).
     */
    @Test
    void aCrAtTheEndOfABlockIsReplayedWhenTheSearchTakesIt() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            s.append("R").append(i).append(",x").append(i % 3 == 0 ? "\r\n" : "\r");
        }
        s.append("last");
        byte[] b = s.toString().getBytes(StandardCharsets.US_ASCII);
        for (int block = 16; block <= 80; block++) {
            check(b, block);
        }
        // the case the property found: the second chunk's only line end, a CR, is the last byte of a full block
        check("R0001,a,bR0001,a,bxxx12.50\nxxxx\rR0001,a,bR0001,a,bR0001,a,bR0001,a,b\nR0001,a,b"
                .getBytes(StandardCharsets.US_ASCII), 16);
    }

    @Test
    void longRunsOfPlainRecordsAndEveryLineEnd() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            s.append("R").append(i).append(",a,").append(i % 7 == 0 ? "\"in \"\"quotes\"\"\nand lines\"" : "plain")
                    .append(List.of("\n", "\r\n", "\r", "\n\n").get(i % 4));
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        for (int block : new int[] {16, 64, 97, 1 << 12}) {
            check(b, block);
        }
    }
}
