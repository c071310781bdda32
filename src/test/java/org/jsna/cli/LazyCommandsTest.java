package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The lazily built command tree ({@link LazyCommands}) behaves as the tree picocli builds from
 * {@code @Command(subcommands = ...)}: same exit code, stdout and stderr for help, versions, typos,
 * usage errors and real runs; and a script's command line builds the model of its own command only.
 */
class LazyCommandsTest {

    @TempDir
    static Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(boolean eager, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JsnaCommand.run(args, new ByteArrayInputStream("n,d\n3,100\n".getBytes(StandardCharsets.UTF_8)),
                out, new PrintStream(err, true, StandardCharsets.UTF_8), eager);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<String> commandLines() {
        List<String> lines = new ArrayList<>(List.of(
                "", "--help", "-h", "--version", "-V", "-Vh", "--quiet", "help", "help calc", "help calc rate",
                "help report validate", "--help calc", "calc", "calc --help", "calc --help rate", "calc -V",
                "calc rat", "reprt", "-- report", "report help", "report --bogus", "calc rate --bogus",
                "calc rate --inptu x.csv", "--quiet calc", "--verbose calc rat",
                "calc rate --input - --numerator n --denominator d",
                "--quiet calc rate --input - --numerator n --denominator d",
                "calc --verbose rate --input - --numerator n --denominator d --quiet",
                "calc rate --input - --numerator n --denominator d extra",
                "calc rate --input - --numerator n",
                "calc proportion --input - --numerator n --denominator d",
                "calc --confidence 95 proportion --input - --numerator n --denominator d", "calc 95 rate",
                "indicators --format csv", "indicators --format bogus",
                "validate " + dir.resolve("missing")));
        for (String c : List.of("report", "project", "validate", "calc", "indicators", "sample")) {
            lines.add(c + " --help");
            lines.add("help " + c);
        }
        for (String m : List.of("proportion", "rate", "mean", "dsr", "isr", "life-expectancy", "sii", "quantile",
                "funnel", "trend")) {
            lines.add("calc " + m + " --help");
            lines.add("calc " + m);
        }
        return lines.stream();
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void lazyTreeAnswersAsTheFullTree(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Result eager = run(true, args);
        Result lazy = run(false, args);
        assertEquals(eager.code, lazy.code, line + "\n" + lazy.err);
        assertEquals(eager.out, lazy.out, line);
        assertEquals(eager.err, lazy.err, line);
        assertTrue(!lazy.err.contains("was not built"), line + "\n" + lazy.err);
    }

    @Test
    void aScriptsCommandLineBuildsItsOwnCommandOnly() {
        CommandLine cl = JsnaCommand.commandLine(
                new String[] {"--quiet", "calc", "rate", "--input", "report", "--numerator", "n"}, false);
        assertEquals(Set.of("calc", "help"), cl.getSubcommands().keySet());
        CommandLine calc = cl.getSubcommands().get("calc");
        assertEquals(Set.of("rate"), calc.getSubcommands().keySet());
        assertTrue(calc.getSubcommands().get("rate").getCommandSpec().userObject()
                instanceof org.jsna.cli.calc.RateCommand);
        assertEquals(CalcCommand.class, calc.getCommandSpec().userObject().getClass());
    }

    @Test
    void helpListsEveryCommandFromStubs() {
        CommandLine cl = JsnaCommand.commandLine(new String[] {"--help"}, false);
        assertEquals(List.of("report", "project", "validate", "calc", "indicators", "sample", "help"),
                List.copyOf(cl.getSubcommands().keySet()));
        // a stub holds a name and a description, not the command's options
        CommandLine report = cl.getSubcommands().get("report");
        assertTrue(report.getCommandSpec().findOption("--out") == null);
        assertTrue(report.getCommandSpec().usageMessage().description()[0].startsWith("Compute every indicator"));
        CommandLine calc = JsnaCommand.commandLine(new String[] {"calc", "--help"}, false).getSubcommands().get("calc");
        assertEquals(List.of("proportion", "rate", "mean", "dsr", "isr", "life-expectancy", "sii", "quantile",
                "funnel", "trend"), List.copyOf(calc.getSubcommands().keySet()));
    }

    @Test
    void aCalcRunReadsItsFileThroughTheLazyTree() throws Exception {
        Path csv = dir.resolve("small.csv");
        Files.writeString(csv, "area,n,d\nA,12,1000\nB,3,500\n");
        Result r = run(false, "calc", "rate", "--input", csv.toString(), "--numerator", "n", "--denominator", "d");
        assertEquals(0, r.code, r.err);
        // 12/1000 x 100000 = 1200 (Byar's limits), 3/500 x 100000 = 600 (exact limits)
        assertTrue(r.out.startsWith("area,n,d,value,lowercl,uppercl,confidence,statistic,method,value_note\n"
                + "A,12,1000,1200,"), r.out);
        assertTrue(r.out.contains("\nB,3,500,600,"), r.out);
    }
}
