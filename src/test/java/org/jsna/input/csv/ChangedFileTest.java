package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data.md: a file that changes while jsna reads it ends the run with exit 3. An operations review appended rows to
 * referrals.csv throughout a run: a file read once (no first pass over its ids) was taken as it stood when its
 * reading began, and the run ended 0 with a report of a prefix of the file.
 */
class ChangedFileTest {

    /** Counts the rows of every chunk; on the first, runs {@code onFirst} (the file is changed while being read). */
    static final class Counting implements CsvFile.Rows<Integer> {
        final AtomicLong rows = new AtomicLong();
        final AtomicBoolean first = new AtomicBoolean(true);
        final Runnable onFirst;

        Counting(Runnable onFirst) {
            this.onFirst = onFirst;
        }

        @Override
        public void header(org.jsna.validate.Header header, CsvFile.Text text, CsvFile.Out out) {
        }

        @Override
        public Integer parse(Chunk chunk) {
            if (first.getAndSet(false)) {
                onFirst.run();
            }
            int n = 0;
            for (int i = chunk.start(); i < chunk.end(); i++) {
                n += chunk.buf()[i] == '\n' ? 1 : 0;
            }
            return n;
        }

        @Override
        public void ordered(Integer result, CsvFile.Out out) {
        }

        @Override
        public void finish(Integer result) {
            rows.addAndGet(result);
        }
    }

    static Path file(Path dir) throws IOException {
        StringBuilder b = new StringBuilder("id,x\n");
        for (int i = 0; i < 2000; i++) {
            b.append("R").append(i).append(",abcdefgh\n");
        }
        return Files.writeString(dir.resolve("referrals.csv"), b.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void rowsAppendedWhileTheFileIsReadEndTheRun(@TempDir Path dir) throws IOException {
        Path f = file(dir);
        CsvFile.Spec spec = new CsvFile.Spec(f, f.toString(), "referrals", "auto", 0, false);
        Counting appends = new Counting(() -> {
            try {
                Files.writeString(f, "R9999,appended\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        JsnaException e = assertThrows(JsnaException.class,
                () -> CsvFile.read(spec, new CsvFile.Run(null, 1, 1024, false, null), appends, null));
        assertEquals(3, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": the file changed while jsna was reading it"), e.getMessage());
        // the same file left alone is read whole
        Counting alone = new Counting(() -> { });
        CsvFile.read(spec, new CsvFile.Run(null, 1, 1024, false, null), alone, null);
        assertEquals(2001, alone.rows.get());
    }

    /**
     * The streamed reading (a projections file by area) reads the file twice, for its encoding and then its rows: a
     * file replaced between the two was read with the first's header and encoding (a review found an internal error
     * when the new header was shorter). A stamp taken before the first reading, and the header, are compared.
     */
    @Test
    void aFileReplacedBetweenItsShapeAndItsRowsEndsTheRun(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("p.csv"), "year,locality,sex,age,population\n2025,North,F,0,1\n");
        Object stamp = Cuts.stampOf(f);
        TextCsv shape = TextCsv.shape(f, "--projections", "", false);
        Files.writeString(f, "year,sex\n2025,F\n");
        JsnaException e = assertThrows(JsnaException.class, () -> TextCsv.stream(f, "--projections", shape, stamp, false,
                (n, l) -> { }, (cells, line) -> { }));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("the file changed while jsna was reading it"), e.getMessage());
        // the same header, other rows (the size differs): found at the end
        Files.writeString(f, "year,locality,sex,age,population\n2025,North,F,0,1\n2025,North,M,0,1\n");
        Object again = Cuts.stampOf(f);
        TextCsv same = TextCsv.shape(f, "--projections", "", false);
        Files.writeString(f, "year,locality,sex,age,population\n2025,North,F,0,1\n");
        assertThrows(JsnaException.class, () -> TextCsv.stream(f, "--projections", same, again, false, (n, l) -> { },
                (cells, line) -> { }));
        // unchanged: every row
        Object now = Cuts.stampOf(f);
        TextCsv ok = TextCsv.shape(f, "--projections", "", false);
        java.util.List<String> rows = new java.util.ArrayList<>();
        TextCsv.stream(f, "--projections", ok, now, false, (n, l) -> { }, (cells, line) -> rows.add(line + ":" + cells[1]));
        assertEquals(java.util.List.of("2:North"), rows);
    }
}
