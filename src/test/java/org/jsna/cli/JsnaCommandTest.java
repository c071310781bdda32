package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsna.Main;
import org.junit.jupiter.api.Test;

class JsnaCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsToolAndVersion() {
        Result r = run("--version");
        assertEquals(0, r.code);
        assertTrue(r.err.startsWith("jsna "), r.err);
    }

    /** Every command's --help lists -V, --version: after a command it printed nothing (a helper's script got ""). */
    @Test
    void versionAfterACommandPrintsItToo() {
        for (String[] args : List.of(new String[] {"report", "--version"}, new String[] {"validate", "-V"},
                new String[] {"project", "--version"}, new String[] {"sample", "--version"},
                new String[] {"indicators", "--version"}, new String[] {"calc", "--version"},
                new String[] {"calc", "rate", "--version"}, new String[] {"calc", "trend", "-V"})) {
            Result r = run(args);
            assertEquals(0, r.code, String.join(" ", args));
            assertEquals(run("--version").err, r.err, String.join(" ", args));
            assertEquals("", r.out, String.join(" ", args));
        }
    }

    @Test
    void unknownOptionIsUsageError() {
        Result r = run("--no-such-option");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("jsna: error:"), r.err);
        assertTrue(!r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    /**
     * A script's empty variable ({@code jsna report "$DIR"}) was the current folder (exit 4, or a run over whatever
     * was there), and {@code --out -} made a folder called - where - means standard output everywhere else: both
     * are usage errors now, naming the option; nothing is written.
     */
    @Test
    void emptyPathsAndOutToStandardOutputAreUsageErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String[][] cases = {{"report", ""}, {"validate", "--population", "", dir.toString()},
            {"project", dir.toString(), "--projections", ""}, {"report", dir.toString(), "--out", "-"},
            {"project", dir.toString(), "--projections", "p.csv", "--out", "-"}, {"sample", "--out", "-"},
            {"sample", "--out", ""}};
        for (String[] args : cases) {
            Result r = run(args);
            assertEquals(2, r.code, String.join(" ", args) + ": " + r.err);
            assertTrue(r.err.contains(args[args.length - 1].equals("-") ? "writes a folder, not to standard output"
                    : "an empty name (expected a file or folder)"), r.err);
        }
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("-")), "no folder called -");
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    /**
     * A misspelt option beside a required one was reported as the required one missing, never naming the misspelt
     * word; a misspelt command or method got "Unmatched argument" alone. Now the unknown words, a suggestion when
     * one is close, and the commands there are.
     */
    @Test
    void misspeltOptionsAndCommandsAreNamedWithSuggestions() {
        Result typo = run("calc", "proportion", "--input", "x.csv", "--numerater", "n", "--denominator", "d");
        assertEquals(2, typo.code, typo.err);
        assertTrue(typo.err.contains("Unknown options: '--numerater', 'n'"), typo.err);
        assertTrue(typo.err.contains("Possible solutions: --numerator"), typo.err);
        Result method = run("calc", "prop", "--input", "x.csv");
        assertEquals(2, method.code, method.err);
        assertTrue(method.err.contains("Did you mean: calc proportion?"), method.err);
        assertTrue(method.err.contains("The commands of 'jsna calc' are proportion, rate, mean, dsr, isr, "
                + "life-expectancy, sii, quantile, funnel, trend."), method.err);
        Result command = run("bogus");
        assertEquals(2, command.code, command.err);
        assertTrue(command.err.contains("The commands of 'jsna' are report, project, validate, calc, indicators, "
                + "sample."), command.err);
        Result option = run("report", "--formts", "csv");
        assertEquals(2, option.code, option.err);
        assertTrue(option.err.contains("Possible solutions: --formats"), option.err);
        assertFalse(option.err.contains("The commands of"), option.err);
        // a method's option before the method's name: said where it goes (the lazy tree took its value, 95, for a
        // method's name and called every option of proportion unknown)
        Result before = run("calc", "--confidence", "95", "proportion", "--input", "x.csv", "--numerator", "n",
                "--denominator", "d");
        assertEquals(2, before.code, before.err);
        assertTrue(before.err.contains("Unknown options: '--confidence', '95'"), before.err);
        assertTrue(before.err.contains("A command's options go after its name, e.g. jsna calc proportion "
                + "--confidence ..."), before.err);
    }

    /** picocli's help command read its first word only: {@code jsna help calc rate} printed calc's help. */
    @Test
    void helpReachesACalcMethodAndHasAnExample() {
        Result rate = run("help", "calc", "rate");
        assertEquals(0, rate.code, rate.err);
        assertTrue(rate.err.startsWith("Usage: jsna calc rate "), rate.err);
        assertEquals(run("calc", "rate", "--help").err, rate.err, "the same text as calc rate --help");
        Result help = run("help", "help");
        assertEquals(0, help.code, help.err);
        assertTrue(help.err.contains("Example:") && help.err.contains("jsna help calc rate"), help.err);
        Result bad = run("help", "calc", "rat");
        assertEquals(2, bad.code, bad.err);
        assertTrue(bad.err.contains("Unknown command 'rat' of 'jsna calc': expected one of proportion, rate,"), bad.err);
    }

    @Test
    void noCommandIsUsageError() {
        assertEquals(2, run().code);
    }

    @Test
    void helpListsExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code);
        assertTrue(r.err.contains("Exit codes"), r.err);
    }

    /** Every command's --help ends with examples a user can paste: whole lines, continued with a backslash. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"report", "project", "validate", "indicators", "sample", "calc",
        "calc proportion", "calc rate", "calc mean", "calc dsr", "calc isr", "calc life-expectancy", "calc sii",
        "calc quantile", "calc funnel", "calc trend"})
    void helpShowsPasteableExample(String command) {
        String[] words = (command + " --help").split(" ");
        Result r = run(words);
        assertEquals(0, r.code, r.err);
        String[] lines = r.err.split("\\R");
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Example")) {
                start = i + 1;
            }
        }
        assertTrue(start > 0, command + ": no example in\n" + r.err);
        boolean continued = false;
        int examples = 0;
        for (int i = start; i < lines.length && !lines[i].isBlank(); i++) {
            String line = lines[i];
            assertTrue(line.length() <= 80, command + ": example line wider than 80 columns: " + line);
            if (continued) {
                assertTrue(line.startsWith("      "), command + ": continuation not indented: " + line);
            } else {
                assertTrue(line.startsWith("  jsna "), command + ": example does not start with jsna: " + line);
                examples++;
            }
            continued = line.endsWith("\\");
        }
        assertTrue(examples > 0, command);
        assertTrue(!continued, command + ": last example line ends with a backslash");
    }

    /** A '%' in a description is a format string to picocli: an unescaped one prints "picocli WARN" on System.err. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "report", "project", "validate", "indicators", "sample",
        "calc", "calc proportion", "calc rate", "calc mean", "calc dsr", "calc isr", "calc life-expectancy", "calc sii",
        "calc quantile", "calc funnel", "calc trend"})
    void helpPrintsNoPicocliWarning(String command) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
        Result r;
        try {
            System.setErr(new java.io.PrintStream(traced, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run((command + " --help").strip().split(" "));
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, r.code, r.err);
        String all = traced.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err + r.out;
        assertTrue(!all.contains("picocli WARN"), command + ": " + all);
    }
}
