package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.jsna.console.JsnaException;
import org.jsna.fuzz.FuzzTries;
import org.jsna.input.csv.CsvFile;

/**
 * Issue 8: whatever the threads and wherever the chunks are cut, the reader hands on the same records and
 * reports the same problems in the same order. Over generated referrals files (columns in any order, so that a
 * quoted field may open a record; quoted notes holding commas, doubled quotes, LF, CR LF and lone CR; ragged
 * rows, quotes inside unquoted fields, a quote never closed, duplicate identifiers and invalid values; LF, CR LF, lone CR or mixed line
 * ends; UTF-8 with or without a byte-order mark, or Windows-1252; a last line with or without its line end),
 * a read on one thread with the default block (the whole file is one chunk) is compared with a read on one
 * thread with blocks of 64 to 160 bytes and with a read on 2 to 8 threads with those blocks: the records
 * (as text), the problems (message, reason and rejects.csv value, in order), the summary of every file (rows
 * read, used and rejected by reason, size, SHA-256, encoding), the counts of identifiers, and, when reading stops,
 * the error (and the problems before it; what reached the sink before a read stopped is not used, and depends on
 * where the chunks end). The number of rows read is also the number of records written. Both with invalid rows skipped and
 * with the first one stopping the read. Raise the tries with {@code -Djsna.fuzz.tries=N}.
 */
@AddLifecycleHook(FuzzTries.class)
class ParallelReadPropertyTest {

    static final List<String> COLUMNS = List.of("referral_id", "person_id", "referral_date", "client_group",
            "area_code", "sex", "age", "source", "outcome", "note");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-parallel-read");
            DIR.toFile().deleteOnExit();
            for (String r : List.of("areas", "population", "services")) {
                Files.copy(Fixtures.valid().resolve(r + ".csv"), DIR.resolve(r + ".csv"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated referrals file: header order, rows of fields in canonical order, and how it is written. */
    record Text(List<String> header, List<List<String>> rows, String eol, String encoding, boolean lastEol) {

        byte[] bytes() {
            StringBuilder sb = new StringBuilder(String.join(",", header));
            for (int i = 0; i < rows.size(); i++) {
                sb.append(eol(i));
                List<String> canonical = rows.get(i);
                List<String> fields = new ArrayList<>();
                for (String h : header) {
                    fields.add(canonical.get(COLUMNS.indexOf(h)));
                }
                // a ragged row: the generator puts a marker in the last canonical slot
                String shape = canonical.get(COLUMNS.size());
                if (shape.equals("short")) {
                    fields.remove(fields.size() - 1);
                } else if (shape.equals("long")) {
                    fields.add("extra");
                }
                sb.append(String.join(",", fields));
            }
            if (lastEol) {
                sb.append(eol(rows.size()));
            }
            Charset cs = encoding.equals("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
            return ((encoding.equals("utf-8-bom") ? "\uFEFF" : "") + sb).getBytes(cs);
        }

        private String eol(int i) {
            return eol.equals("mixed") ? List.of("\n", "\r\n", "\r").get(i % 3) : eol;
        }

        @Override
        public String toString() {
            return encoding + ", line ends " + eol.replace("\r", "\\r").replace("\n", "\\n") + ", last line end "
                    + lastEol + ":\n" + new String(bytes(), encoding.equals("windows-1252")
                            ? Charset.forName("windows-1252") : StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<Text> texts() {
        return Combinators.combine(Arbitraries.shuffle(COLUMNS), row().list().ofMaxSize(60),
                Arbitraries.of("\n", "\r\n", "\r", "mixed"), Arbitraries.of("utf-8", "utf-8-bom", "windows-1252"),
                Arbitraries.of(true, false)).as(Text::new);
    }

    /** One row's fields in canonical order, then its shape (normal, short or long). */
    static Arbitrary<List<String>> row() {
        // ids and people now and then not ASCII (kept as UTF-8 apart from the chunk's bytes), so that chunks of
        // either kind follow one another in the rows a reader fills again
        Arbitrary<String> id = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(1, 80).map(i -> "R" + i)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 20).map(i -> "R\u00e9" + i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> person = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(1, 12).map(i -> "P" + i)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 4).map(i -> "P\u00e9" + i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> date = mostly(Arbitraries.of("2023-05-01", "2024-02-29", "2023-12-31"),
                Arbitraries.of("2023-02-30", "2099-01-01", "01/05/2023", ""));
        List<String> groups = new ArrayList<>();
        JsnaConfig.DEFAULT_CLIENT_GROUPS.forEach(g -> groups.add(g.id()));
        Arbitrary<String> group = mostly(Arbitraries.of(groups), Arbitraries.of("nobody", ""));
        Arbitrary<String> area = mostly(Arbitraries.of("E01000001", "E01000002", "E01000003", ""),
                Arbitraries.of("E09999999"));
        Arbitrary<String> sex = mostly(Arbitraries.of("F", "M", "U"), Arbitraries.of("X", ""));
        Arbitrary<String> age = mostly(Arbitraries.integers().between(0, 120).map(String::valueOf),
                Arbitraries.of("-1", "121", "forty", "3.5"));
        Arbitrary<String> source = mostly(Arbitraries.of(CodeLists.SOURCES), Arbitraries.of("", "GP"));
        Arbitrary<String> outcome = mostly(Arbitraries.of(CodeLists.OUTCOMES), Arbitraries.of("", "done"));
        Arbitrary<String> note = Arbitraries.strings().withChars("a\u00e9\u20ac,\"\n\r Z").ofMaxLength(10);
        Arbitrary<String> shape = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, Arbitraries.just("normal")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("short", "long")));
        List<Arbitrary<String>> fields = List.of(quoted(id), quoted(person), quoted(date), quoted(group),
                quoted(area), quoted(sex), quoted(age), quoted(source), quoted(outcome), noteCell(note), shape);
        return Combinators.combine(fields).as(List::copyOf);
    }

    static Arbitrary<String> mostly(Arbitrary<String> valid, Arbitrary<String> invalid) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, valid), net.jqwik.api.Tuple.of(1, invalid));
    }

    /** A plain value, sometimes quoted though it need not be. */
    static Arbitrary<String> quoted(Arbitrary<String> value) {
        return Combinators.combine(value, Arbitraries.integers().between(0, 9))
                .as((v, q) -> q == 0 ? "\"" + v + "\"" : v);
    }

    /**
     * A free-text note: quoted when it must be, sometimes when it need not be; rarely a quote inside an unquoted
     * field (the row is rejected, the record still ends at its line end), more rarely a quote never closed (the
     * rest of the file is one field: reading stops at the end, or the record runs on to a later quote).
     */
    static Arbitrary<String> noteCell(Arbitrary<String> note) {
        return Combinators.combine(note, Arbitraries.integers().between(0, 199)).as((v, q) -> {
            boolean special = v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
            if (q < 4) {
                return "n\"" + v.replaceAll("[,\"\n\r]", "");
            }
            if (q == 4) {
                return UNCLOSED + v.replace("\"", "");
            }
            return special || q < 50 ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        });
    }

    /** How a note whose quote is never closed starts ('o' is not among the notes' characters). */
    static final String UNCLOSED = "\"open";

    /** What one read gave. */
    record Outcome(List<String> areas, List<String> population, List<String> referrals, List<String> services,
            List<String> problems, ReadSummary summary, String error) {
    }

    static Outcome read(int threads, int block, boolean skip) {
        JsnaConfig cfg = ConfigLoader.load(DIR, null, null, null, null, null);
        Fixtures.TextSink sink = new Fixtures.TextSink(cfg);
        List<String> problems = new ArrayList<>();
        InputReader reader = new InputReader(cfg, Fixtures.TODAY, skip,
                p -> problems.add(p.message() + " | " + p.reason() + " | " + p.rejectValue()))
                .threads(threads).blockSize(block);
        ReadSummary summary = null;
        String error = null;
        try {
            summary = reader.read(sink);
        } catch (JsnaException e) {
            error = e.kind() + ": " + e.getMessage();
        }
        if (error != null) {
            // what reached the sink before the read stopped depends on where the chunks end; it is never used
            return new Outcome(null, null, null, null, problems, null, error);
        }
        // batches may reach the sink in any order from several threads: compare them as sorted lists
        return new Outcome(sorted(sink.areas), sorted(sink.population), sorted(sink.referrals), sorted(sink.services),
                problems, summary, null);
    }

    static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    /**
     * A chunk's row arrays are sized from the bytes per record of the chunks before it
     * ({@link RowReader#expectedRows}): rows that turn much shorter (long notes, then none) must grow them, and rows
     * that turn much longer leave them part empty; either way the same records and problems as one chunk.
     */
    @net.jqwik.api.Example
    void rowsMuchShorterOrLongerThanTheChunksBeforeAreReadAlike() throws IOException {
        List<List<String>> longFirst = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String note = i < 40 ? "\"" + "a long note, ".repeat(30) + "\"" : "";
            String age = i % 97 == 5 ? "forty" : String.valueOf(20 + i % 60); // a few invalid rows among them
            longFirst.add(List.of("R" + i, "P" + (i % 50), "2023-05-01", "learning_disability", "E01000001", "F", age,
                    "", "", note, "normal"));
        }
        List<List<String>> shortFirst = new ArrayList<>(longFirst);
        java.util.Collections.reverse(shortFirst);
        for (List<List<String>> rows : List.of(longFirst, shortFirst)) {
            Files.write(DIR.resolve("referrals.csv"), new Text(COLUMNS, rows, "\n", "utf-8", true).bytes());
            Outcome whole = read(1, CsvFile.BLOCK, true);
            assertEquals(rows.size() - whole.problems().size(), whole.referrals().size(), "records");
            assertEquals(rows.stream().filter(r -> r.get(6).equals("forty")).count(), whole.problems().size(),
                    "the invalid ages");
            for (int threads : new int[] {1, 3}) {
                assertEquals(whole, read(threads, 4096, true), threads + " threads, blocks of 4096 bytes");
            }
        }
    }

    @Property(tries = 40)
    void threadsAndChunksDoNotChangeWhatIsRead(@ForAll("texts") Text text,
            @ForAll @IntRange(min = 64, max = 160) int block, @ForAll @IntRange(min = 2, max = 8) int threads)
            throws IOException {
        Files.write(DIR.resolve("referrals.csv"), text.bytes());
        for (boolean skip : new boolean[] {true, false}) {
            Outcome whole = read(1, CsvFile.BLOCK, skip);
            Outcome tiny = read(1, block, skip);
            Outcome many = read(threads, block, skip);
            assertEquals(whole, tiny, "one thread, blocks of " + block + " bytes (skip " + skip + ")");
            assertEquals(whole, many, threads + " threads, blocks of " + block + " bytes (skip " + skip + ")");
            if (skip) {
                Statistics.label("read").collect(whole.error() == null ? "rows" : "stopped");
                Statistics.label("problems").collect(whole.problems().isEmpty() ? "none" : "some");
                boolean unclosed = text.rows().stream().anyMatch(r -> r.get(COLUMNS.indexOf("note"))
                        .startsWith(UNCLOSED));
                if (whole.error() == null && !unclosed) {
                    ReadSummary.FileSummary referrals = whole.summary().files().stream()
                            .filter(f -> f.role().equals(JsnaConfig.REFERRALS)).findFirst().orElseThrow();
                    assertEquals(text.rows().size(), referrals.rowsRead(), "rows read");
                    assertEquals(referrals.rowsRejected(), whole.problems().stream()
                            .filter(p -> p.contains("referrals.csv")).count(), "problems listed");
                }
            }
        }
    }
}
