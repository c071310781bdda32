package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;

/** The CSV records of every input: fields, quotes, line numbers, defects; and the tables behind identifiers. */
class CsvScannerTest {

    @Test
    void csvRecordsQuotesAndLines() throws Exception {
        String text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n\n2,\"line\nbreak\",3\r4, 5 ,\n";
        try (CsvText sc = new CsvText(text)) {
            assertTrue(sc.next());
            assertEquals(1, sc.line());
            assertEquals(3, sc.count());
            assertTrue(sc.next());
            assertEquals(2, sc.line());
            assertEquals("x,y", sc.field(1));
            assertEquals("say \"hi\"", sc.field(2));
            assertTrue(sc.next());
            assertEquals(4, sc.line()); // line 3 is blank
            assertEquals("line\nbreak", sc.field(1));
            assertTrue(sc.next());
            assertEquals(6, sc.line()); // the quoted newline counts; lone CR ends line 5
            assertEquals("5", sc.field(1));
            assertEquals(" 5 ", sc.raw(1));
            assertEquals("", sc.field(2));
            assertEquals(3, sc.count());
            assertFalse(sc.next());
        }
    }

    @Test
    void csvDefectsAreFlagged() throws Exception {
        try (CsvText sc = new CsvText("\uFEFFa,b\nx\"y,1\n\"q\"z,2\nok,\u0000\n")) {
            assertTrue(sc.next());
            assertEquals("a", sc.field(0)); // the byte-order mark is dropped
            assertTrue(sc.next());
            assertEquals(CsvScanner.UNBALANCED_QUOTE, sc.defect());
            assertEquals(0, sc.defectField());
            assertEquals("x\"y", sc.raw(0));
            assertTrue(sc.next());
            assertEquals(CsvScanner.UNBALANCED_QUOTE, sc.defect());
            assertEquals("qz", sc.raw(0));
            assertTrue(sc.next());
            assertEquals(CsvScanner.NUL, sc.defect());
            assertEquals(1, sc.defectField());
        }
    }

    @Test
    void unterminatedQuoteIsReportedWhereItStarts() throws Exception {
        try (CsvText sc = new CsvText("a,b\n1,2\n3,\"open\n\n\nmore")) {
            sc.header(List.of("a", "b"));
            assertTrue(sc.next());
            assertTrue(sc.next());
            JsnaException e = assertThrows(JsnaException.class, sc::next);
            assertTrue(e.getMessage().startsWith("t.csv:3: column 'b': unterminated quoted field"), e.getMessage());
        }
    }

    /** A stray quote in an unquoted field opens nothing: the line end after it ends the record. */
    @Test
    void aQuoteInsideAnUnquotedFieldDoesNotOpenAQuotedField() throws Exception {
        try (CsvText sc = new CsvText("a,b\nx\"y,1\n2,3\n")) {
            assertTrue(sc.next());
            assertTrue(sc.next());
            assertEquals(2, sc.line());
            assertTrue(sc.next());
            assertEquals(3, sc.line());
            assertEquals("3", sc.field(1));
            assertFalse(sc.next());
        }
    }

    @Test
    void keyTableKeepsTheSmallestPositionAndComparesOrdinally() {
        KeyTable t = new KeyTable();
        java.util.Map<String, Long> first = new java.util.HashMap<>();
        java.util.Map<String, Integer> entry = new java.util.HashMap<>();
        java.util.Random rnd = new java.util.Random(7);
        byte[] flags = new byte[1];
        List<Long> displaced = new ArrayList<>();
        for (int n = 0; n < 200_000; n++) {
            String id = "P" + rnd.nextInt(50_000);
            long pos = rnd.nextInt(1_000_000);
            byte[] a = ("  " + id + "  ").getBytes(StandardCharsets.UTF_8);
            int got = t.insert(a, 2, 2 + id.length(), KeyTable.hash(a, 2, 2 + id.length()), pos, flags, 0,
                    displaced::add);
            Integer before = entry.putIfAbsent(id, got);
            if (before != null) {
                assertEquals(before.intValue(), got, id);
            }
            Long min = first.get(id);
            assertEquals(min == null || pos < min ? KeyTable.FIRST : KeyTable.LATER, flags[0], id);
            if (min == null || pos < min) {
                first.put(id, pos);
            }
        }
        assertEquals(first.size(), t.size());
        for (java.util.Map.Entry<String, Long> e : first.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            int en = t.get(k, 0, k.length, KeyTable.hash(k, 0, k.length));
            assertEquals(entry.get(e.getKey()).intValue(), en);
            assertEquals(e.getValue().longValue(), t.min(en));
        }
        byte[] q = "Q1".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, t.get(q, 0, 2, KeyTable.hash(q, 0, 2)));
    }

    /** Records written by Commons CSV (RFC 4180) read back field for field, across block boundaries. */
    @Test
    void scannerReadsWhatCommonsCsvWrites() throws Exception {
        java.util.Random rnd = new java.util.Random(11);
        String alphabet = "abcXYZ019 ,\"\n\r\t£é-";
        List<List<String>> rows = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(sb,
                org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator(rnd.nextBoolean() ? "\n" : "\r\n")
                        .get())) {
            for (int r = 0; r < 3000; r++) {
                List<String> row = new ArrayList<>();
                for (int f = 0; f < 5; f++) {
                    StringBuilder v = new StringBuilder("v");
                    int len = rnd.nextInt(r % 50 == 0 ? 200_000 : 12);
                    for (int k = 0; k < len; k++) {
                        v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    row.add(v.toString());
                }
                rows.add(row);
                out.printRecord(row);
            }
        }
        try (CsvText sc = new CsvText(Channels.newChannel(new ByteArrayInputStream(
                sb.toString().getBytes(StandardCharsets.UTF_8))))) {
            long expectedLine = 1;
            for (List<String> row : rows) {
                assertTrue(sc.next());
                assertEquals(expectedLine, sc.line());
                assertEquals(CsvScanner.OK, sc.defect());
                assertEquals(row.size(), sc.count());
                for (int f = 0; f < row.size(); f++) {
                    assertEquals(row.get(f), sc.raw(f));
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
}
