package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three representative broken inputs through {@code java -jar jsna.jar report}, as a cron job runs
 * it: a row defect, a whole-file defect that {@code --on-error skip} does not skip, and a missing
 * file. Exit code, one line on stderr, nothing on stdout, no stack trace, previous output kept.
 */
class BrokenInputsIT {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result jsna(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jsna.jar", "target/jsna.jar")));
        cmd.addAll(args);
        File out = File.createTempFile("jsna-out", ".txt");
        File err = File.createTempFile("jsna-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jsna did not finish");
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private Result reportOver(Path in, int code, List<String> extra, List<String> fragments) throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("out-" + in.getFileName() + extra.size()));
        Path out = parent.resolve("out");
        BrokenInputsTest.previousOutput(out);
        List<String> args = new ArrayList<>(List.of("report", in.toString(), "--out", out.toString(), "--formats",
                "csv"));
        args.addAll(extra);
        Result r = jsna(args);
        assertEquals(code, r.code, r.err);
        assertEquals("", r.out);
        assertEquals(1, r.err.lines().count(), r.err);
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), "stack trace: " + r.err);
        for (String f : fragments) {
            assertTrue(r.err.contains(f), "message does not name " + f + ": " + r.err);
        }
        assertEquals(List.of("out"), CorpusFiles.list(parent), "left beside the output");
        assertEquals(List.of("manifest.json", "previous.txt"), CorpusFiles.list(out), "previous output changed");
        return r;
    }

    @Test
    void brokenInputsThroughTheJar() throws Exception {
        Path base = tmp.resolve("base");
        SampleWriter.write(base, new SampleSettings(10, 200, 300, 1));

        Path row = tmp.resolve("row");
        CorpusFiles.copyTree(base, row);
        CorpusFiles.set(row.resolve("services.csv"), 12, "cost", "\u00a312.50");
        reportOver(row, 3, List.of(), List.of("services.csv:12:", "column 'cost'", "'\u00a312.50'"));

        Path quote = tmp.resolve("quote");
        CorpusFiles.copyTree(base, quote);
        CorpusFiles.set(quote.resolve("referrals.csv"), 9, "team", "\"Carers Hub");
        reportOver(quote, 3, List.of("--on-error", "skip"), List.of("referrals.csv:9:"));

        Path missing = tmp.resolve("missing");
        CorpusFiles.copyTree(base, missing);
        Files.delete(missing.resolve("areas.csv"));
        reportOver(missing, 4, List.of(), List.of("areas.csv"));

        // and the row defect skipped: exit 0, a count on stderr, the reject listed
        Path out = tmp.resolve("skipped");
        Result r = jsna(List.of("report", row.toString(), "--out", out.toString(), "--formats", "csv", "--on-error",
                "skip"));
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("1 invalid row rejected"), r.err);
        String rejects = Files.readString(out.resolve("rejects.csv"));
        assertTrue(rejects.contains("services.csv,12,cost,bad_number,"), rejects);
    }
}
