package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.jsna.console.JsnaException;
import org.jsna.fuzz.FuzzTries;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.KeyTable;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the first passes over the referral and event ids ({@link RepeatedIds}) and the later lookup of the
 * referrals that events name ({@link IdLedger}) change nothing but memory. Over generated referrals files (those of
 * {@link ParallelReadPropertyTest}) and services files (ids from a small range so that many repeat, quoted ids, ids
 * that are not ASCII, blank ids, referral ids found, repeated, invalid, not found or not ASCII, rows whose other
 * values are invalid or whose shape is wrong, quotes never closed, LF or CR LF, UTF-8 or Windows-1252), a read with
 * the passes (a scratch folder) gives the same records (ids included), the same links of events to referrals and
 * count of referrals not found, the same problems in the same order (duplicates among them), the same summaries
 * and the same error as a read without them, on one thread and on several with small chunks, invalid rows skipped
 * or stopping the read; and nothing is left in the scratch folder. Raise the tries with {@code -Djsna.fuzz.tries=N}.
 */
@AddLifecycleHook(FuzzTries.class)
class RepeatedIdsPropertyTest {

    static final List<String> COLUMNS = List.of("event_id", "person_id", "client_group", "service_type",
            "start_date", "cost", "referral_id", "area_code", "sex", "age", "note");

    private static final Path DIR;
    private static final Path SCRATCH;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-repeated-ids");
            SCRATCH = Files.createTempDirectory("jsna-repeated-ids-scratch");
            for (String r : List.of("areas", "population")) {
                Files.copy(Fixtures.valid().resolve(r + ".csv"), DIR.resolve(r + ".csv"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Text(List<List<String>> rows, String eol, String encoding, ParallelReadPropertyTest.Text referrals) {
        byte[] bytes() {
            StringBuilder sb = new StringBuilder(String.join(",", COLUMNS));
            for (List<String> r : rows) {
                sb.append(eol).append(String.join(",", r));
            }
            sb.append(eol);
            Charset cs = encoding.equals("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
            return sb.toString().getBytes(cs);
        }

        @Override
        public String toString() {
            return "referrals " + referrals + "\nservices " + encoding + ":\n" + new String(bytes(),
                    encoding.equals("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.UTF_8);
        }
    }

    @Provide
    Arbitrary<Text> texts() {
        Arbitrary<ParallelReadPropertyTest.Text> referrals = Combinators.combine(
                Arbitraries.shuffle(ParallelReadPropertyTest.COLUMNS), ParallelReadPropertyTest.row().list().ofMinSize(10).ofMaxSize(60),
                Arbitraries.of("\n", "\r\n"), Arbitraries.of("utf-8", "windows-1252"), Arbitraries.of(true, false))
                .as(ParallelReadPropertyTest.Text::new);
        return Combinators.combine(row().list().ofMinSize(5).ofMaxSize(80), Arbitraries.of("\n", "\r\n"),
                Arbitraries.of("utf-8", "windows-1252"), referrals).as(Text::new);
    }

    static Arbitrary<List<String>> row() {
        Arbitrary<String> id = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(1, 60).map(i -> "E" + i)),
                Tuple.of(2, Arbitraries.integers().between(1, 6).map(i -> "\u00c9" + i)),
                Tuple.of(2, Arbitraries.integers().between(1, 6).map(i -> "\"E" + i + "\"")),
                Tuple.of(1, Arbitraries.integers().between(1, 6).map(i -> "\"E,\"\"" + i + "\"")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> person = Arbitraries.integers().between(1, 9).map(i -> "P" + i);
        Arbitrary<String> group = mostly(Arbitraries.of("mental_health", "older_people"), Arbitraries.of("nobody"));
        Arbitrary<String> date = mostly(Arbitraries.of("2023-05-01", "2024-02-29"), Arbitraries.of("2023-02-30"));
        Arbitrary<String> cost = mostly(Arbitraries.of("", "12.50", "0"), Arbitraries.of("-3", "ten"));
        // referral ids the referrals file has (R1..R80, some of them repeated, invalid or duplicates), has not,
        // or could not have (not ASCII), or none
        Arbitrary<String> referral = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(1, 100).map(i -> "R" + i)),
                Tuple.of(1, Arbitraries.integers().between(1, 3).map(i -> "\u00c9" + i)),
                Tuple.of(1, Arbitraries.integers().between(1, 9).map(i -> "\"R" + i + "\"")),
                Tuple.of(6, Arbitraries.just("")));
        Arbitrary<String> area = Arbitraries.of("E01000001", "E01000002", "");
        Arbitrary<String> sex = mostly(Arbitraries.of("F", "M"), Arbitraries.of("X"));
        Arbitrary<String> age = mostly(Arbitraries.integers().between(0, 99).map(String::valueOf),
                Arbitraries.of("-1"));
        Arbitrary<String> note = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of("", "x", "\"a,\nb\"")),
                Tuple.of(2, Arbitraries.just("extra,field")), Tuple.of(1, Arbitraries.just("\"open")));
        return Combinators.combine(List.of(id, person, group, Arbitraries.just("home_care"), date, cost, referral,
                area, sex, age, note)).as(List::copyOf);
    }

    static Arbitrary<String> mostly(Arbitrary<String> valid, Arbitrary<String> invalid) {
        return Arbitraries.frequencyOf(Tuple.of(25, valid), Tuple.of(1, invalid));
    }

    /**
     * What a read gave, with each event's referral as "linked", "not found" or "none" (with the pass, the links of
     * ids looked up after the reading come apart from their events), the links as a sorted list of (referral
     * index, start) and the count of events whose referral was not found.
     */
    record Outcome(ParallelReadPropertyTest.Outcome read, List<String> links, long notFound) {
    }

    static Outcome read(int threads, int block, boolean skip, Path scratch) {
        JsnaConfig cfg = ConfigLoader.load(DIR, null, null, null, null, null);
        Fixtures.TextSink sink = new Fixtures.TextSink(cfg);
        List<String> problems = new ArrayList<>();
        InputReader reader = new InputReader(cfg, Fixtures.TODAY, skip,
                p -> problems.add(p.message() + " | " + p.reason() + " | " + p.rejectValue()))
                .threads(threads).blockSize(block).scratch(scratch);
        try {
            ReadSummary summary = reader.read(sink);
            List<String> links = new ArrayList<>(sink.links);
            long notFound = sink.notFound;
            List<String> services = new ArrayList<>();
            for (String line : sink.services) {
                // event|person|group|start|cost|funder|referral|...
                String[] f = line.split("\\|", -1);
                int ref = Integer.parseInt(f[6]);
                if (ref >= 0) {
                    links.add(ref + "|" + f[3]);
                } else if (ref == ServiceBatch.REFERRAL_NOT_FOUND) {
                    notFound++;
                }
                f[6] = ref == ServiceBatch.NO_REFERRAL ? "none" : "named";
                services.add(String.join("|", f));
            }
            return new Outcome(new ParallelReadPropertyTest.Outcome(ParallelReadPropertyTest.sorted(sink.areas),
                    ParallelReadPropertyTest.sorted(sink.population), ParallelReadPropertyTest.sorted(sink.referrals),
                    ParallelReadPropertyTest.sorted(services), problems, summary, null),
                    ParallelReadPropertyTest.sorted(links), notFound);
        } catch (JsnaException e) {
            return new Outcome(new ParallelReadPropertyTest.Outcome(null, null, null, null, problems, null,
                    e.kind() + ": " + e.getMessage()), List.of(), 0);
        }
    }

    @Property(tries = 60)
    void theFirstPassChangesNothingButMemory(@ForAll("texts") Text text,
            @ForAll @IntRange(min = 64, max = 200) int block, @ForAll @IntRange(min = 2, max = 6) int threads)
            throws IOException {
        Files.write(DIR.resolve("services.csv"), text.bytes());
        Files.write(DIR.resolve("referrals.csv"), text.referrals().bytes());
        for (boolean skip : new boolean[] {true, false}) {
            Outcome without = read(1, CsvFile.BLOCK, skip, null);
            assertEquals(without, read(1, CsvFile.BLOCK, skip, SCRATCH), "one thread (skip " + skip + ")");
            assertEquals(without, read(threads, block, skip, SCRATCH),
                    threads + " threads, blocks of " + block + " (skip " + skip + ")");
            try (Stream<Path> left = Files.list(SCRATCH)) {
                assertEquals(List.of(), left.toList(), "the pass leaves nothing behind");
            }
            if (skip) {
                Statistics.label("read").collect(without.read().error() == null ? "rows" : "stopped");
                Statistics.label("duplicates").collect(without.read().problems().stream()
                        .anyMatch(p -> p.contains("services.csv") && p.contains("duplicate")) ? "some" : "none");
                Statistics.label("links").collect(without.links().isEmpty() ? "none" : "some");
                Statistics.label("not found").collect(without.notFound() == 0 ? "none" : "some");
            }
        }
    }

    /** The pass itself: what repeats is found, what does not is not; a defect that stops a reading gives up. */
    @Test
    void findsTheIdsThatRepeatAndGivesUpOnADefect() throws IOException {
        Path f = DIR.resolve("ids.csv");
        Files.writeString(f, "event_id,x\nA1,1\n\"A2\",\"a\nb\"\nA3,\nA1,2\n\"A\"\"4\",5\nA\"4,6\nB,7\nB,8\nB,9\n"
                + "\u00c9,1\n\u00c9,2\n,3\n,4\n");
        CsvFile.Run run = new CsvFile.Run(null, 1, CsvFile.BLOCK, true, null);
        RepeatedIds r = RepeatedIds.scan(new CsvFile.Spec(f, f.toString(), "services", "utf-8", 0, false), run,
                "event_id", SCRATCH, null);
        assertNotNull(r);
        assertTrue(r.mayRepeat(hash("A1")));
        assertTrue(r.mayRepeat(hash("B")));
        // a row with a defect (a quote inside an unquoted field) counts too: what is kept is a superset
        assertTrue(r.mayRepeat(hash("A\"4")));
        for (String once : List.of("A2", "A3", "A4", "C")) {
            assertEquals(false, r.mayRepeat(hash(once)), once);
        }
        // the ids that are not ASCII and the blank ones are never counted: always looked up in the table
        assertEquals(3, r.size());
        Files.writeString(f, "event_id,x\nA1,1\nA1,\"never closed\n");
        assertNull(RepeatedIds.scan(new CsvFile.Spec(f, f.toString(), "services", "utf-8", 0, false), run,
                "event_id", SCRATCH, null));
        Files.writeString(f, "id,x\nA1,1\n");
        assertNull(RepeatedIds.scan(new CsvFile.Spec(f, f.toString(), "services", "utf-8", 0, false), run,
                "event_id", SCRATCH, null), "no such column: the reading proper says so");
        try (Stream<Path> left = Files.list(SCRATCH)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * A services file replaced between the first pass and the reading proper (a night job's extract rewritten
     * while jsna runs) by one that repeats an id the first pass saw once: the ids found repeated no longer
     * describe the file, so trusting them would let the duplicate through. The reading stops with an input error
     * instead; so does a file changed during the reading proper.
     */
    @Test
    void aFileChangedAfterTheFirstPassIsAnInputError() throws IOException {
        Path dir = Files.createTempDirectory("jsna-changed");
        Path scratch = Files.createTempDirectory("jsna-changed-scratch");
        for (String r : List.of("areas", "population", "referrals", "services")) {
            Files.copy(Fixtures.valid().resolve(r + ".csv"), dir.resolve(r + ".csv"));
        }
        Path services = dir.resolve("services.csv");
        List<String> lines = Files.readAllLines(services);
        assertTrue(lines.size() > 3);
        List<String> repeated = new ArrayList<>(lines);
        repeated.add(lines.get(1)); // the first event's id once more
        for (String when : List.of("services", "links")) {
            Files.write(services, lines);
            JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
            Fixtures.TextSink text = new Fixtures.TextSink(cfg);
            RecordSink sink = new RecordSink() {
                @Override
                public void areas(AreaTable areas) {
                    text.areas(areas);
                }

                @Override
                public void expect(String role, long rows) {
                    // "services": after the first pass over services.csv, before its reading proper
                    if (role.equals("services") && when.equals("services")) {
                        rewrite(services, repeated);
                    }
                }

                @Override
                public void population(PopulationBatch batch) {
                    text.population(batch);
                }

                @Override
                public void referrals(ReferralBatch batch) {
                    text.referrals(batch);
                }

                @Override
                public void services(ServiceBatch batch) {
                    text.services(batch);
                    if (when.equals("links")) {
                        rewrite(services, repeated); // during the reading proper
                    }
                }

                @Override
                public void links(int[] referral, int[] start, int n) {
                    text.links(referral, start, n);
                }

                @Override
                public void referralsNotFound(long n) {
                    text.referralsNotFound(n);
                }
            };
            InputReader reader = new InputReader(cfg, Fixtures.TODAY, false, p -> { }).scratch(scratch);
            JsnaException e = org.junit.jupiter.api.Assertions.assertThrows(JsnaException.class,
                    () -> reader.read(sink), when);
            assertEquals(JsnaException.Kind.INPUT, e.kind(), when);
            assertTrue(e.getMessage().contains(services + ": the file changed while jsna was reading it"),
                    e.getMessage());
        }
        // the repeated file itself, read whole, is refused for its duplicate: what the first version missed
        Files.write(services, repeated);
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        JsnaException e = org.junit.jupiter.api.Assertions.assertThrows(JsnaException.class,
                () -> new InputReader(cfg, Fixtures.TODAY, false, p -> { }).scratch(scratch)
                        .read(new Fixtures.TextSink(cfg)));
        assertTrue(e.getMessage().contains("expected an event_id not given before"), e.getMessage());
    }

    private static void rewrite(Path file, List<String> lines) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.write(tmp, lines);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long hash(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return KeyTable.hash64(b, 0, b.length);
    }
}
