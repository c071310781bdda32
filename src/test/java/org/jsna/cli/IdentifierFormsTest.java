package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jsna.cli.CorpusFiles.Result;
import org.jsna.input.ReadBlocks;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identifiers are looked up the same whatever their form: the identifier tables take non-ASCII keys as UTF-8
 * (from a Windows-1252 file too) and keys of any length, and the readers add a chunk's keys in batches after
 * reading its rows, reading the tables ahead. A generated council's referral, event and
 * person ids (and the referral_id of each event) are rewritten, keeping their order, as long ids, as short
 * non-ASCII ids in UTF-8 and in Windows-1252, and as long non-ASCII ids with spaces around them, and its area
 * codes as non-ASCII codes (in Windows-1252 in the referrals and services, UTF-8 elsewhere); every form must
 * give the same indicators, inequalities and data-quality counts, byte for byte, read on one thread in whole
 * files and on three threads in chunks of 80 bytes.
 */
class IdentifierFormsTest {

    @TempDir
    static Path tmp;

    static Path original;

    @BeforeAll
    static void council() throws IOException {
        original = tmp.resolve("original");
        SampleWriter.write(original, new SampleSettings(10, 400, 600, 3));
    }

    /** A copy of the council with every id rewritten by {@code id}, its id files written in {@code charset}. */
    static Path rewritten(String name, UnaryOperator<String> id, Charset charset) throws IOException {
        Path d = tmp.resolve(name);
        CorpusFiles.copyTree(original, d);
        rewrite(d.resolve("referrals.csv"), List.of("referral_id", "person_id"), id, charset);
        rewrite(d.resolve("services.csv"), List.of("event_id", "person_id", "referral_id"), id, charset);
        return d;
    }

    static void rewrite(Path f, List<String> columns, UnaryOperator<String> id, Charset charset) throws IOException {
        List<CSVRecord> records;
        List<String> header;
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        try (Writer w = Files.newBufferedWriter(f, charset);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(header);
            for (CSVRecord rec : records) {
                List<String> row = new ArrayList<>();
                for (String h : header) {
                    String v = rec.get(h);
                    row.add(columns.contains(h) && !v.isEmpty() ? id.apply(v) : v);
                }
                p.printRecord(row);
            }
        }
    }

    static Path report(Path council, String name, int threads, int block) throws Exception {
        Path out = tmp.resolve("out-" + name + "-t" + threads);
        List<String> args = List.of("report", council.toString(), "--out", out.toString(), "--formats", "csv",
                "--threads", Integer.toString(threads), "--no-progress");
        Result r = block == 0 ? CorpusFiles.run(args) : ReadBlocks.with(block, () -> CorpusFiles.run(args));
        assertEquals(0, r.code(), name + ": " + r.err());
        return out;
    }

    @Test
    void everyFormOfIdentifierGivesTheSameTables() throws Exception {
        Path expected = report(original, "original", 1, 0);
        // R1000041 -> R1000041-of-this-council-extract
        check(expected, rewritten("long", v -> v + "-of-this-council-extract", StandardCharsets.UTF_8));
        // R1000041 -> Á000041 (eight bytes of UTF-8), in UTF-8 and in Windows-1252: the letter and
        // first digit of a generated id become one accented letter (À for 0 to É for 9), which keeps the ids
        // of a kind distinct and in the same order
        UnaryOperator<String> shortAccented = v -> {
            org.junit.jupiter.api.Assertions.assertTrue(v.matches("[A-Z][0-9]{7}"), v);
            return (char) ('\u00c0' + (v.charAt(1) - '0')) + v.substring(2);
        };
        check(expected, rewritten("short-utf8", shortAccented, StandardCharsets.UTF_8));
        check(expected, rewritten("short-1252", shortAccented, Charset.forName("windows-1252")));
        // long, non-ASCII, with spaces around (trimmed)
        check(expected, rewritten("long-1252", v -> "  \u00c5rhus-" + v + " ", Charset.forName("windows-1252")));
        // area codes too (looked up with the chunk's ids): non-ASCII, in Windows-1252 in the referrals and
        // services and in UTF-8 in the area lookup and population; empty and unknown codes stay as they are
        Path areas = tmp.resolve("areas");
        CorpusFiles.copyTree(original, areas);
        UnaryOperator<String> code = v -> "\u00c5" + v;
        Charset cp1252 = Charset.forName("windows-1252");
        rewrite(areas.resolve("areas.csv"), List.of("area_code"), code, StandardCharsets.UTF_8);
        rewrite(areas.resolve("population.csv"), List.of("area_code"), code, StandardCharsets.UTF_8);
        rewrite(areas.resolve("referrals.csv"), List.of("area_code"), code, cp1252);
        rewrite(areas.resolve("services.csv"), List.of("area_code"), code, cp1252);
        check(expected, areas);
    }

    static void check(Path expected, Path council) throws Exception {
        String name = council.getFileName().toString();
        for (int[] run : new int[][] {{1, 0}, {3, 80}}) {
            Path out = report(council, name, run[0], run[1]);
            for (String f : List.of("indicators.csv", "inequalities.csv", "data-quality.csv")) {
                assertEquals(Files.readString(expected.resolve(f)), Files.readString(out.resolve(f)),
                        name + " on " + run[0] + " thread(s): " + f);
            }
        }
    }
}
