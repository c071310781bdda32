package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jsna.validate.CsvLimits;
import org.junit.jupiter.api.Test;

/**
 * The first pass over an id column reads records with {@link CsvScanner#nextField}: it must find the same
 * records, lines and id field bytes as {@link CsvScanner#next()} with {@code start}/{@code end}, and stop where
 * and how next() stops, whatever the bytes (quotes, line ends of every kind, blank lines, spaces, NULs,
 * missing fields, limits).
 */
class NextFieldTest {

    /** What one way of reading gives: per record its start, line and wanted field (null: none); then the stop. */
    private static List<String> read(byte[] bytes, int column, boolean fast, boolean eof) {
        byte[] b = bytes.clone(); // next() rewrites quoted fields in place
        CsvScanner sc = new CsvScanner();
        sc.reset(b, 0, b.length, eof, false);
        List<String> out = new ArrayList<>();
        try {
            while (fast ? sc.nextField(column) : sc.next()) {
                int s;
                int e;
                if (fast) {
                    s = sc.wantedStart();
                    e = sc.wantedEnd();
                } else if (column < sc.fieldCount()) {
                    s = sc.start(column);
                    e = sc.end(column);
                } else {
                    s = e = -1;
                }
                String field = s < 0 ? "none" : Arrays.toString(Arrays.copyOfRange(b, s, e));
                out.add(sc.recordStart() + "@" + sc.recordLine() + ":" + field);
            }
            out.add("end at line " + sc.lines() + ", position " + sc.position());
        } catch (CsvScanner.Stop stop) {
            out.add("stop " + stop.kind + " line " + stop.line + " field " + stop.field);
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> csvBytes() {
        Arbitrary<String> token = Arbitraries.of("a", "bc", "R0001", " ", "\t", ",", ",", ",", "\"", "\"\"", "\n", "\n",
                "\r", "\r\n", "\0", "é", "\"x,y\"", "\"line\nbreak\"");
        return token.list().ofMaxSize(120).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void findsWhatNextFinds(@ForAll("csvBytes") byte[] bytes, @ForAll @IntRange(min = 0, max = 3) int column,
            @ForAll boolean eof) {
        assertEquals(read(bytes, column, false, eof), read(bytes, column, true, eof));
    }

    @Test
    void plainRecordsAndTheirEdges() {
        String csv = "id,name\r\nR1, x ,\n\n  R2\t,y\r\rR3\n,\n \nR4";
        for (int column = 0; column < 3; column++) {
            byte[] b = csv.getBytes(StandardCharsets.UTF_8);
            assertEquals(read(b, column, false, true), read(b, column, true, true), "column " + column);
        }
        byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        CsvScanner sc = new CsvScanner();
        sc.reset(b, 0, b.length, true, false);
        List<String> ids = new ArrayList<>();
        while (sc.nextField(0)) {
            ids.add(new String(b, Math.max(0, sc.wantedStart()), Math.max(0, sc.wantedEnd() - sc.wantedStart()),
                    StandardCharsets.UTF_8));
        }
        assertEquals(List.of("id", "R1", "R2", "R3", "", "", "R4"), ids); // "\r\r": a line end, then a blank line
    }

    @Test
    void stopsWhereNextStops() {
        // more fields than allowed, without a quote: next() stops on it, so must the first pass
        StringBuilder many = new StringBuilder("R1,a\nR2");
        for (int i = 0; i < CsvLimits.MAX_FIELDS + 1; i++) {
            many.append(',');
        }
        many.append("\nR3,b\n");
        // a field over the longest allowed
        StringBuilder longField = new StringBuilder("R1,a\nR2,");
        longField.append("x".repeat(CsvLimits.MAX_FIELD_CHARS + 1)).append("\nR3,b\n");
        for (String csv : List.of(many.toString(), longField.toString(), "R1,a\nR2,\"open\nR3,b\n")) {
            byte[] b = csv.getBytes(StandardCharsets.UTF_8);
            for (int column = 0; column < 2; column++) {
                List<String> slow = read(b, column, false, true);
                assertEquals(slow, read(b, column, true, true));
                assertEquals("stop", slow.get(slow.size() - 1).substring(0, 4), slow.toString());
            }
        }
    }

    @Test
    void aFieldBetweenQuotesIsReadAsNextReadsIt() {
        byte[] b = "\"R,1\",a\nR2,\"b\"\"c\"\n".getBytes(StandardCharsets.UTF_8);
        CsvScanner sc = new CsvScanner();
        sc.reset(b, 0, b.length, true, false);
        sc.nextField(0);
        assertArrayEquals("R,1".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, sc.wantedStart(), sc.wantedEnd()));
        sc.nextField(1);
        assertArrayEquals("b\"c".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, sc.wantedStart(), sc.wantedEnd()));
    }
}
