package org.jsna.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jsna.input.JsnaConfig;
import org.jsna.pipeline.ReportPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jsna report}: reads the four inputs, computes every indicator of the catalogue per period,
 * client group, locality and deprivation decile, applies disclosure control and writes the output
 * folder (cli.md). Options only; the run itself is {@link ReportPipeline}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Compute every indicator per period, client group, locality and deprivation decile, "
                + "with confidence intervals, comparison with the area, disclosure control and inequality "
                + "measures, and write them to an output folder (replaced only when the run succeeds)."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error (a bug): one line; the stack trace with --verbose",
            "  2  usage error",
            "  3  invalid input (file, line, column, value, what was expected)",
            "  4  I/O error: missing input, output folder not writable, held by",
            "     another run, or not empty and not an earlier jsna output",
            "  130, 143  stopped by Ctrl-C or SIGTERM (previous output untouched)",
            "",
            "Examples:",
            "  jsna report sample-data --out jsna-out",
            "  jsna report --config council/jsna.yaml --from 2023-04-01 \\",
            "      --to 2025-03-31 --formats csv,html",
            "  jsna report data --on-error skip --seed 7"
        })
public final class ReportCommand implements Callable<Integer> {


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", converter = RunOptions.OutFolder.class, defaultValue = "jsna-out",
            description = "Output folder (default: ${DEFAULT-VALUE}); replaced only when the run succeeds, and only "
                    + "when it is empty or an earlier jsna output (a folder holding anything else is refused).")
    Path out;

    @Option(names = "--period", paramLabel = "fiscal-year|calendar-year", converter = ReportChoices.PeriodConverter.class,
            description = "Reporting periods: fiscal years (1 April to 31 March, default) or calendar years, "
                    + "e.g. --period calendar-year.")
    ReportChoices.Period period;

    @Option(names = "--formats", paramLabel = "LIST", split = ",", defaultValue = "csv,xlsx,png,svg,html",
            description = "Outputs to write, comma-separated from csv, xlsx, png, svg, html (default: all).")
    List<ReportChoices.Format> formats;

    @CommandLine.Mixin
    RunOptions run;


    @Option(names = "--threads", paramLabel = "N", description = "Threads for reading the inputs and drawing charts (default: processors), "
            + "e.g. --threads 2.")
    Integer threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the SII simulation (default: ${DEFAULT-VALUE}); recorded in the manifest, "
                    + "e.g. --seed 2025.")
    long seed;

    @Option(names = "--no-suppression", description = "Turn disclosure control off (internal use only, never "
            + "for publication; recorded in the manifest), e.g. jsna report council --out internal --no-suppression.")
    boolean noSuppression;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Set<String> fmts = new LinkedHashSet<>();
        for (ReportChoices.Format f : formats) {
            fmts.add(f.toString());
        }
        if (fmts.isEmpty()) {
            // "--formats ," splits into no value at all: a run that would write nothing but its manifest
            throw new CommandLine.ParameterException(cl, "Invalid value for option '--formats' (LIST): expected one "
                    + "or more of csv, xlsx, png, svg, html, comma-separated");
        }
        run.check(cl);
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cl, "Invalid value for option '--threads': " + threads
                    + " (expected 1 or more)");
        }
        JsnaConfig cfg = inputs.load();
        if (period != null) {
            cfg = cfg.withPeriod(period.toString());
        }
        if (noSuppression) {
            cfg = cfg.withSuppression(false);
        }
        int nThreads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        ReportPipeline.Options o = new ReportPipeline.Options(cfg, out, fmts, run.skipInvalidRows(), nThreads, run.from, run.to,
                seed, commandLine(cl), LocalDate.now());
        ReportPipeline.run(o, ProgressBar.maybe(run.noProgress));
        return 0;
    }

    static String commandLine(CommandLine cl) {
        StringBuilder sb = new StringBuilder("jsna");
        CommandLine.ParseResult pr = cl.getParseResult();
        List<String> args = pr == null ? List.of() : pr.originalArgs();
        for (String a : args) {
            sb.append(' ');
            sb.append(a.isEmpty() || a.matches(".*[\\s\"'].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }
}
