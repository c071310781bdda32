package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jsna.console.JsnaException;
import org.jsna.fuzz.Fuzz;
import org.jsna.fuzz.FuzzTries;

/**
 * The CSV scanner every input file goes through, on hostile text: only an input error (exit 3) may
 * escape, every try ends, and on well-formed RFC 4180 text every field and line number comes back
 * exactly as written.
 */
@AddLifecycleHook(FuzzTries.class)
class CsvScannerFuzzTest {

    @Provide
    Arbitrary<String> csvish() {
        Arbitrary<String> tokens = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Fuzz.nastyCell()),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(",", "\"", "\n", "\r", "\r\n", "\0", "\uFEFF", " ")));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, tokens.list().ofMaxSize(200).map(l -> String.join("", l))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(2000)));
    }

    @Property(tries = 500)
    void hostileTextEndsInRecordsOrAnInputError(@ForAll("csvish") String text) {
        Fuzz.onlyInputErrors(() -> {
            try (CsvText sc = new CsvText(text)) {
                long last = 0;
                while (sc.next()) {
                    assertTrue(sc.line() > last, "record lines increase");
                    last = sc.line();
                    assertTrue(sc.count() >= 1);
                    for (int i = 0; i < sc.count(); i++) {
                        String f = sc.field(i);
                        assertTrue(f.isEmpty() || f.charAt(0) != ' ' && f.charAt(0) != '\t'
                                && f.charAt(f.length() - 1) != ' ' && f.charAt(f.length() - 1) != '\t', "trimmed");
                        sc.raw(i);
                        sc.blank(i);
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, Set.of(JsnaException.Kind.INPUT), text);
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> field = Arbitraries.strings().withChars("ab ,\"\r\n\t\0é€").ofMaxLength(8);
        return field.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(10);
    }

    /** Fields written with RFC 4180 quoting come back exactly, with the physical line each record starts on. */
    @Property(tries = 300)
    void quotedFieldsRoundTrip(@ForAll("tables") List<List<String>> rows, @ForAll boolean crlf) throws IOException {
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        List<Long> starts = new ArrayList<>();
        long line = 1;
        for (List<String> r : rows) {
            starts.add(line);
            List<String> q = new ArrayList<>();
            for (String f : r) {
                q.add("\"" + f.replace("\"", "\"\"") + "\"");
                line += f.chars().filter(c -> c == '\n').count()
                        + f.replace("\r\n", "").chars().filter(c -> c == '\r').count();
            }
            sb.append(String.join(",", q)).append(eol);
            line++;
        }
        try (CsvText sc = new CsvText(sb.toString())) {
            for (int k = 0; k < rows.size(); k++) {
                assertTrue(sc.next(), "record " + k);
                List<String> got = new ArrayList<>();
                for (int i = 0; i < sc.count(); i++) {
                    got.add(sc.raw(i));
                }
                assertEquals(rows.get(k), got);
                assertEquals(starts.get(k), sc.line(), "line of record " + k);
                assertEquals(rows.get(k).stream().anyMatch(f -> f.indexOf('\0') >= 0),
                        sc.defect() == CsvScanner.NUL, "NUL flagged");
            }
            assertTrue(!sc.next(), "no more records");
        }
    }
}
