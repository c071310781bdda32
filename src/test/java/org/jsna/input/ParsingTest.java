package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parsers under the reader: dates, numbers and CSV records. */
class ParsingTest {

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd, 2024-02-29, 2024-02-29",
        "yyyy-MM-dd, 1970-01-01, 1970-01-01",
        "yyyy-MM-dd, 1899-12-31, 1899-12-31",
        "dd/MM/yyyy, 31/12/2023, 2023-12-31",
        "uuuu-MM-dd, 2000-02-29, 2000-02-29",
        "d/M/yyyy,   1/5/2023,   2023-05-01",
        "dd MMM yyyy, 01 Mar 2023, 2023-03-01",
        "yyyy-MM-dd HH:mm:ss, 2023-05-01 13:45:00, 2023-05-01",
    })
    void validDates(String pattern, String text, String iso) {
        DateParser p = new DateParser(pattern);
        assertEquals(LocalDate.parse(iso).toEpochDay(), p.parse(text));
        LocalDate d = LocalDate.parse(iso);
        assertEquals(d.getYear(), p.year);
        assertEquals(d.getMonthValue(), p.month);
        assertEquals(d.getDayOfMonth(), p.day);
    }

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd, 2024-02-30",
        "yyyy-MM-dd, 2023-02-29",
        "yyyy-MM-dd, 1900-02-29",
        "yyyy-MM-dd, 2024-13-01",
        "yyyy-MM-dd, 2024-00-10",
        "yyyy-MM-dd, 2024-1-01",
        "yyyy-MM-dd, 2024/01/01",
        "yyyy-MM-dd, 2024-01-01T00:00",
        "dd/MM/yyyy, 1/5/2023",
        "dd/MM/yyyy, 2023-05-01",
        "d/M/yyyy,   31/4/2023",
    })
    void invalidDates(String pattern, String text) {
        assertEquals(DateParser.INVALID, new DateParser(pattern).parse(text));
    }

    @Test
    void epochDayAgreesWithJavaTimeOverFourCenturies() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(37)) {
            assertEquals(d.toEpochDay(), DateParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "12, 12", "+7, 7", "-3, -3", "12.0, 12", "12.00, 12", "007, 7"})
    void wholeNumbers(String text, long value) {
        assertEquals(value, Numbers.parseWhole(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "1e3", ".5"})
    void notWhole(String text) {
        assertEquals(Numbers.NOT_WHOLE, Numbers.parseWhole(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,200", "£12", "12 ", "NaN", "Infinity", "0x10", "1d", "-", "1.2.3", "１２"})
    void notNumbers(String text) {
        assertEquals(Numbers.BAD, Numbers.parseWhole(text));
        assertTrue(Double.isNaN(Numbers.parseDecimal(text)), text);
    }

    @ParameterizedTest
    @CsvSource({"12.50, 12.5", "0, 0", "1e3, 1000", "1.5E-2, 0.015", ".5, 0.5", "5., 5", "-2.25, -2.25"})
    void decimals(String text, double value) {
        assertEquals(value, Numbers.parseDecimal(text));
    }

    @Test
    void overflowIsNotANumber() {
        assertTrue(Double.isNaN(Numbers.parseDecimal("1e999")));
    }

    @Test
    void csvRecordsQuotesAndLines() throws Exception {
        String text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n\n2,\"line\nbreak\",3\r4, 5 ,\n";
        CsvScanner sc = new CsvScanner(new StringReader(text), "t.csv");
        assertTrue(sc.next());
        assertEquals(1, sc.recordLine());
        assertEquals(3, sc.fieldCount());
        assertTrue(sc.next());
        assertEquals(2, sc.recordLine());
        assertEquals("x,y", sc.field(1));
        assertEquals("say \"hi\"", sc.field(2));
        assertTrue(sc.next());
        assertEquals(4, sc.recordLine()); // line 3 is blank
        assertEquals("line\nbreak", sc.field(1));
        assertTrue(sc.next());
        assertEquals(6, sc.recordLine()); // the quoted newline counts; lone CR ends line 5
        assertEquals("5", sc.field(1));
        assertEquals("", sc.field(2));
        assertEquals(3, sc.fieldCount());
        assertFalse(sc.next());
    }

    @Test
    void csvDefectsAreFlagged() throws Exception {
        CsvScanner sc = new CsvScanner(new StringReader("\uFEFFa,b\nx\"y,1\n\"q\"z,2\nok,\u0000\n"), "t.csv");
        assertTrue(sc.next());
        assertEquals("a", sc.field(0)); // the byte-order mark is dropped
        assertTrue(sc.next());
        assertEquals(CsvScanner.UNBALANCED_QUOTE, sc.defect());
        assertEquals(0, sc.defectField());
        assertTrue(sc.next());
        assertEquals(CsvScanner.UNBALANCED_QUOTE, sc.defect());
        assertTrue(sc.next());
        assertEquals(CsvScanner.NUL, sc.defect());
        assertEquals(1, sc.defectField());
    }

    @Test
    void unterminatedQuoteIsReportedWhereItStarts() throws Exception {
        CsvScanner sc = new CsvScanner(new StringReader("a,b\n1,2\n3,\"open\n\n\nmore"), "t.csv");
        sc.header(new String[] {"a", "b"});
        assertTrue(sc.next());
        assertTrue(sc.next());
        JsnaException e = assertThrows(JsnaException.class, sc::next);
        assertTrue(e.getMessage().startsWith("t.csv:3: column 'b': unterminated quoted field"), e.getMessage());
    }

    @Test
    void idTableGivesDenseIndicesInOrderOfFirstInsertion() {
        IdTable t = new IdTable();
        java.util.Map<String, Integer> expected = new java.util.HashMap<>();
        java.util.Random rnd = new java.util.Random(7);
        for (int n = 0; n < 200_000; n++) {
            String id = "P" + rnd.nextInt(50_000);
            char[] a = ("  " + id + "  ").toCharArray();
            int got = t.add(a, 2, 2 + id.length());
            Integer want = expected.computeIfAbsent(id, k -> expected.size());
            assertEquals(want.intValue(), got, id);
        }
        assertEquals(expected.size(), t.size());
        for (java.util.Map.Entry<String, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue().intValue(), t.get(e.getKey()));
        }
        assertEquals(-1, t.get("Q1"));
        assertEquals(-1, t.get(""));
        assertEquals(t.size(), t.add(new char[0], 0, 0));
        assertEquals(t.size() - 1, t.get(""));
    }

    /** Records written by Commons CSV (RFC 4180) read back field for field, across buffer boundaries. */
    @Test
    void scannerReadsWhatCommonsCsvWrites() throws Exception {
        java.util.Random rnd = new java.util.Random(11);
        String alphabet = "abcXYZ019 ,\"\n\r\t£é-";
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        StringBuilder sb = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(sb,
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator(rnd.nextBoolean() ? "\n" : "\r\n")
                        .get())) {
            for (int r = 0; r < 3000; r++) {
                java.util.List<String> row = new java.util.ArrayList<>();
                for (int f = 0; f < 5; f++) {
                    StringBuilder v = new StringBuilder("v");
                    int len = rnd.nextInt(r % 50 == 0 ? 2000 : 12);
                    for (int k = 0; k < len; k++) {
                        v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    row.add(v.toString());
                }
                rows.add(row);
                out.printRecord(row);
            }
        }
        CsvScanner sc = new CsvScanner(new StringReader(sb.toString()), "t.csv");
        long expectedLine = 1;
        for (java.util.List<String> row : rows) {
            assertTrue(sc.next());
            assertEquals(expectedLine, sc.recordLine());
            assertEquals(CsvScanner.OK, sc.defect());
            assertEquals(row.size(), sc.fieldCount());
            for (int f = 0; f < row.size(); f++) {
                assertEquals(row.get(f), sc.rawField(f));
                String v = row.get(f);
                for (int k = 0; k < v.length(); k++) {
                    char c = v.charAt(k);
                    if (c == '\n' || c == '\r' && (k + 1 == v.length() || v.charAt(k + 1) != '\n')) {
                        expectedLine++;
                    }
                }
            }
            expectedLine++;
        }
        assertFalse(sc.next());
    }
}
