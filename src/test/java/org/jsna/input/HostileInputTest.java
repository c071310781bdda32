package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsna.input.csv.CsvText;
import org.jsna.validate.CsvLimits;
import org.jsna.console.JsnaException;
import org.jsna.validate.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for what the hostile-input fuzzing found, and the size limits of docs/data.md
 * ("Limits"): each limit holds exactly at its value and is a clear input error (exit 3) just past it.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path inputs(String yaml) throws IOException {
        for (String r : List.of("areas", "population", "referrals", "services")) {
            Files.copy(Fixtures.valid().resolve(r + ".csv"), dir.resolve(r + ".csv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (yaml != null) {
            Files.writeString(dir.resolve("jsna.yaml"), yaml, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private JsnaException loadFails(String yaml) throws IOException {
        inputs(yaml);
        return assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
    }

    // ------------------------------------------------------------------ found by ConfigLoaderFuzzTest

    /** Was an internal error (InvalidPathException) from a NUL byte in a path under inputs:. */
    @Test
    void nulByteInAnInputPathIsABadValue() throws IOException {
        JsnaException e = loadFails("inputs: {areas: \"a\\0b\"}\n");
        assertEquals(JsnaException.Kind.USAGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().endsWith("inputs.areas: value 'a\\u0000b': expected a file path "
                + "(Nul character not allowed)"), e.getMessage());
        e = loadFails("inputs: {population: [{path: \"p\\0.csv\", year: 2023}]}\n");
        assertEquals(JsnaException.Kind.USAGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("inputs.population.path: value 'p\\u0000.csv'"), e.getMessage());
    }

    /** Was a message over several lines: a key, a column name or a group id from jsna.yaml holding a line end. */
    @Test
    void textFromJsnaYamlInAMessageStaysOnOneLine() throws IOException {
        JsnaException e = loadFails("\"in\\nputs\": {}\n");
        assertEquals(JsnaException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("unknown key 'in\\u000aputs'"), e.getMessage());

        Files.writeString(dir.resolve("jsna.yaml"), "columns: {referrals: {sex: \"Gen\\nder\"}}\n");
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        e = assertThrows(JsnaException.class,
                () -> new InputReader(cfg, Fixtures.TODAY, true, p -> { }).read(new Fixtures.TextSink()));
        assertEquals(JsnaException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("missing required column 'Gen\\u000ader'"), e.getMessage());

        Files.writeString(dir.resolve("jsna.yaml"), "client_groups: [{id: \"a\\nb\", ages: 18-64}]\n");
        List<Problem> problems = new ArrayList<>();
        JsnaConfig groups = ConfigLoader.load(dir, null, null, null, null, null);
        new InputReader(groups, Fixtures.TODAY, true, problems::add).read(new Fixtures.TextSink());
        assertFalse(problems.isEmpty());
        for (Problem p : problems) {
            assertFalse(p.toException().getMessage().contains("\n"));
            assertTrue(p.toException().getMessage().contains("expected one of a\\u000ab"), p.message());
        }
    }

    @Test
    void oneLineShowsControlCharactersAndLineSeparators() {
        assertEquals("a\\u000ab\\u000dc\\u0000d\\u2028e\\u0085f\\u0009g", JsnaException.oneLine("a\nb\rc\0d\u2028e\u0085f\tg"));
        assertEquals("plain text, é £", JsnaException.oneLine("plain text, é £"));
        assertEquals("x\\u000ay", new JsnaException(JsnaException.Kind.INPUT, "x\ny").getMessage());
    }

    /** Was a date that wrapped round: year -999999999 gave an epoch day beyond an int, read as another "valid" date. */
    @Test
    void aYearOutsideZeroTo9999IsNotADate() throws IOException {
        inputs("date_format: {referrals: u-M-d}\n");
        Path ref = dir.resolve("referrals.csv");
        Files.writeString(ref, Files.readString(ref).replace("2023-06-15", "-999999999-01-01")
                .replace("2023-05-01", "2023-5-1"));
        List<Problem> problems = new ArrayList<>();
        Fixtures.TextSink sink = new Fixtures.TextSink();
        new InputReader(ConfigLoader.load(dir, null, null, null, null, null), Fixtures.TODAY, true, problems::add)
                .read(sink);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("bad_date", problems.get(0).reason());
        assertEquals(3, problems.get(0).line());
        assertEquals(2, sink.referrals.size(), "2023-5-1 and 2024-1-10 are read");
        org.jsna.validate.DatePattern p = new org.jsna.validate.DatePattern("u-M-d");
        assertEquals(org.jsna.validate.DatePattern.INVALID, p.parse("10000-01-01"));
        assertEquals(java.time.LocalDate.of(9999, 12, 31).toEpochDay(), p.parse("9999-12-31"));
    }

    /** Was a hang: a data file is read twice, and a device such as /dev/zero never ends. */
    @Test
    void aDeviceAsADataFileIsAnIoErrorNotAHang() throws IOException {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "a system with /dev/zero");
        inputs(null);
        JsnaException e = assertThrows(JsnaException.class,
                () -> ConfigLoader.load(dir, null, null, null, zero, null));
        assertEquals(JsnaException.Kind.IO, e.kind());
        assertEquals("referrals file '/dev/zero' is not a regular file (a device or a pipe): expected a file, which "
                + "jsna reads twice", e.getMessage());
    }

    // ------------------------------------------------------------------ jsna.yaml limits

    @Test
    void yamlNestedDeeperThan32IsAnInputErrorInsteadOfAStackOverflow() throws IOException {
        JsnaException e = loadFails("[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertEquals(JsnaException.Kind.INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().endsWith("jsna.yaml:1: maps and lists nested more than 32 deep: expected a "
                + "jsna.yaml nested at most 32 levels deep"), e.getMessage());
        // block style, one level per line: the message names the line where the 33rd level starts
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        block.append("  ".repeat(40)).append("v\n");
        e = loadFails(block.toString());
        assertEquals(JsnaException.Kind.INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("jsna.yaml:33: maps and lists nested more than 32"), e.getMessage());
    }

    @Test
    void yamlNested32DeepIsWithinTheLimit() throws IOException {
        // 32 levels pass the limit and then fail as an unknown key, a usage error
        JsnaException e = loadFails("a: " + "[".repeat(31) + "]".repeat(31) + "\n");
        assertEquals(JsnaException.Kind.USAGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'a'"), e.getMessage());
    }

    @Test
    void yamlAliasBombIsAnInputError() throws IOException {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9,
                    prev))).append("]\n");
        }
        JsnaException e = loadFails(y.toString());
        assertEquals(JsnaException.Kind.INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("jsna.yaml:7: more than 50 aliases (*name): expected a jsna.yaml with at "
                + "most 50 aliases"), e.getMessage());
    }

    @Test
    void yamlOverOneMebibyteIsAnInputError() throws IOException {
        JsnaException e = loadFails("# " + "x".repeat(1 << 20) + "\n");
        assertEquals(JsnaException.Kind.INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().endsWith("jsna.yaml: more than 1048576 bytes: expected a jsna.yaml of at most "
                + "1048576 bytes (1 MiB)"), e.getMessage());
        // just under the limit is read (and is an empty config: a comment)
        Files.writeString(dir.resolve("jsna.yaml"), "#" + "x".repeat((1 << 20) - 2) + "\n");
        assertEquals(6, ConfigLoader.load(dir, null, null, null, null, null).clientGroups().size());
    }

    // ------------------------------------------------------------------ CSV limits

    private static List<Integer> fieldCounts(java.nio.channels.ReadableByteChannel in) throws IOException {
        return fieldCounts(in, "big.csv");
    }

    private static List<Integer> fieldCounts(java.nio.channels.ReadableByteChannel in, String name) throws IOException {
        List<Integer> counts = new ArrayList<>();
        try (CsvText sc = new CsvText(in, name)) {
            while (sc.next()) {
                if (counts.isEmpty()) {
                    List<String> h = new ArrayList<>();
                    for (int i = 0; i < sc.count(); i++) {
                        h.add(sc.field(i));
                    }
                    sc.header(h);
                }
                counts.add(sc.count());
            }
        }
        return counts;
    }

    private static java.nio.channels.ReadableByteChannel repeated(String head, String unit, long n, String tail) {
        return CsvText.repeated(head, unit, n, tail);
    }

    @Test
    void aFieldOfOneMebibyteIsReadAndOneCharacterMoreIsAnInputError() throws IOException {
        int max = CsvLimits.MAX_FIELD_CHARS;
        assertEquals(List.of(2, 2, 2), fieldCounts(repeated("a,notes\n1,", "x", max, "\n2,\"" + "y".repeat(max) + "\"\n")));
        JsnaException e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("a,notes\n1,2\n3,", "x", max + 1,
                "\n")));
        assertEquals(JsnaException.Kind.INPUT, e.kind());
        assertEquals("big.csv:3: column 'notes': a field longer than 1048576 characters: expected a field of at most "
                + "1048576 characters (1 MiB)", e.getMessage());
        // quoted, over several lines: the line where the record starts
        e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("a,notes\n1,\"", "x\n", max, "\"\n")));
        assertEquals("big.csv:2: column 'notes': a field longer than 1048576 characters: expected a field of at most "
                + "1048576 characters (1 MiB)", e.getMessage());
        // a header cell: no column name yet
        e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("", "h", max + 1, "\n")));
        assertEquals("big.csv:1: a field longer than 1048576 characters: expected a field of at most 1048576 "
                + "characters (1 MiB)", e.getMessage());
    }

    @Test
    void aRowOfFourMebibytesIsReadAndOneCharacterMoreIsAnInputError() throws IOException {
        String field = "z".repeat(1 << 19); // 512 Ki characters, 8 of them fill a row
        String header = "c1,c2,c3,c4,c5,c6,c7,c8,c9\n";
        assertEquals(List.of(9, 9), fieldCounts(repeated(header, field + ",", 8, "\n")));
        JsnaException e = assertThrows(JsnaException.class, () -> fieldCounts(repeated(header, field + ",", 8, "q\n")));
        assertEquals(JsnaException.Kind.INPUT, e.kind());
        assertEquals("big.csv:2: a row longer than 4194304 characters: expected a row of at most 4194304 characters "
                + "(4 MiB) in all its fields together", e.getMessage());
    }

    @Test
    void tenThousandColumnsAreReadAndOneMoreIsAnInputError() throws IOException {
        int max = CsvLimits.MAX_FIELDS;
        assertEquals(List.of(max), fieldCounts(repeated("c", ",c", max - 1, "\n")));
        JsnaException e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("c", ",c", 1_000_000, "\n")));
        assertEquals(JsnaException.Kind.INPUT, e.kind());
        assertEquals("big.csv:1: more than 10000 fields in a row: expected at most 10000 columns", e.getMessage());
        e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("a\n", ",", max, "\n")));
        assertEquals("big.csv:2: more than 10000 fields in a row: expected at most 10000 columns", e.getMessage());
    }

    /** A limit is a whole-file defect: even when skipping invalid rows (validate, --on-error skip) it stops. */
    @Test
    void aLimitStopsReadingEvenWhenSkippingRows() throws IOException {
        inputs(null);
        Path areas = dir.resolve("areas.csv");
        Files.writeString(areas, Files.readString(areas) + "E01000009,\"" + "N".repeat(CsvLimits.MAX_FIELD_CHARS + 1)
                + "\",3,Delta\n");
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        JsnaException e = assertThrows(JsnaException.class,
                () -> new InputReader(cfg, Fixtures.TODAY, true, p -> { }).read(new Fixtures.TextSink()));
        assertEquals(JsnaException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().endsWith("areas.csv:5: column 'locality': a field longer than 1048576 characters: "
                + "expected a field of at most 1048576 characters (1 MiB)"), e.getMessage());
    }

    /**
     * A stray quote early in a national extract: the rest of the file is inside it. Reported at the quote's line as
     * an open quote, not as a field too long (the file's end within the limits of one record: unterminated; a file
     * running on past them: a quoted field with no closing quote within 1 MiB).
     */
    @Test
    void aStrayQuoteBeforeMegabytesOfRowsIsSaidAsAQuote() throws IOException {
        int rows = CsvLimits.MAX_FIELD_CHARS / 2; // 2 MiB of rows "3,4": past the field's limit, within a record's
        JsnaException e = assertThrows(JsnaException.class, () -> fieldCounts(repeated("a,b\n1,2\n5,\"6\n", "3,4\n",
                rows, "")));
        assertEquals("big.csv:3: column 'b': unterminated quoted field: expected a closing quote before the end of "
                + "the file", e.getMessage());
        // read in chunks, past the most bytes a record may take: cut there, at the quote's line
        inputs(null);
        Path referrals = dir.resolve("referrals.csv");
        List<String> lines = Files.readAllLines(referrals);
        StringBuilder rest = new StringBuilder(lines.get(0)).append('\n').append(lines.get(1)).append('\n')
                .append(lines.get(2).replaceFirst(",", ",\"")).append('\n');
        for (int i = 0; rest.length() <= 2 * CsvLimits.MAX_RECORD_BYTES; i++) {
            rest.append(lines.get(1).replaceFirst("^[^,]*", "R" + i)).append('\n');
        }
        Files.writeString(referrals, rest);
        JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
        e = assertThrows(JsnaException.class,
                () -> new InputReader(cfg, Fixtures.TODAY, true, p -> { }).read(new Fixtures.TextSink()));
        assertTrue(e.getMessage().endsWith("referrals.csv:3: column '" + lines.get(0).split(",")[1] + "': a quoted field with no closing quote within "
                + "1048576 characters: expected a closing quote (is a quote unbalanced? a quote inside a field is written "
                + "\"\" within a quoted field; a field is at most 1 MiB)"), e.getMessage());
    }

    @Test
    void anOpenQuoteIsReportedWhereItStarts() throws IOException {
        assertEquals(List.of(2, 2), fieldCounts(repeated("a,b\n1,2\n", "", 0, "")));
        JsnaException e = assertThrows(JsnaException.class,
                () -> fieldCounts(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(
                        "a,b\n1,\"2\n3,4\n".getBytes(StandardCharsets.US_ASCII))), "open.csv"));
        assertEquals("open.csv:2: column 'b': unterminated quoted field: expected a closing quote before the end of "
                + "the file", e.getMessage());
    }
}
