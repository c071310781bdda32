package org.jsna.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.jsna.input.JsnaConfig;
import org.jsna.pipeline.ProjectPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jsna project}: projects referrals, service users, service events and cost from the council's own
 * rates by sex and five-year age band and a projected population (docs/projection.md). Options only; the run
 * itself is {@link ProjectPipeline}.
 */
@Command(name = "project", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Project demand (referrals, service users, service events, cost; and prevalence) per year, "
                + "client group and locality from the council's own rates in its latest complete periods and a "
                + "projected population, and write projections.csv, data-quality.csv and manifest.json to an "
                + "output folder (replaced only when the run succeeds). Method and columns: docs/projection.md."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error (a bug): one line; the stack trace with --verbose",
            "  2  usage error (e.g. --to-year not after the base year or after the file's",
            "     last year, fewer complete periods than --base-periods, --base-periods",
            "     below 1, --projection-areas with a long file, no --projections)",
            "  3  invalid input (file, line, column, value, what was expected)",
            "  4  I/O error: missing input, output folder not writable, held by",
            "     another run, or not empty and not an earlier jsna output",
            "  130, 143  stopped by Ctrl-C or SIGTERM (previous output untouched)",
            "",
            "Examples:",
            "  jsna project sample-data --projections sample-data/projections.csv",
            "  jsna project data --projections snpp2022.csv --projection-areas E06000001 \\",
            "      --base-periods 2 --to-year 2035 --prevalence poppi-rates.csv --out plan"
        })
public final class ProjectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    InputOptions inputs;

    @Option(names = "--projections", paramLabel = "FILE", required = true,
            description = "Projected population: long layout (year, sex, age, population and locality or area_code) "
                    + "or the ONS SNPP layout (AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP, years).")
    Path projections;

    @Option(names = "--projection-areas", paramLabel = "CODE[,CODE...]", split = ",", hideParamSyntax = true,
            description = "SNPP layout: the local authority codes that make up the council (default: every area "
                    + "code in the file).")
    List<String> projectionAreas;

    @Option(names = "--base-periods", paramLabel = "N", defaultValue = "1",
            description = "Base: the last N complete periods (default: ${DEFAULT-VALUE}).")
    int basePeriods;

    @Option(names = "--to-year", paramLabel = "YEAR",
            description = "Last year projected (default: the projections file's last year).")
    Integer toYear;

    @Option(names = "--prevalence", paramLabel = "FILE",
            description = "Prevalence rates (condition, sex, age_band, rate_per_100): adds prevalence:<condition> rows.")
    Path prevalence;

    @CommandLine.Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", converter = RunOptions.OutFolder.class, defaultValue = "jsna-projection",
            description = "Output folder (default: ${DEFAULT-VALUE}); replaced only when the run succeeds, and only "
                    + "when it is empty or an earlier jsna output.")
    Path out;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (basePeriods < 1) {
            throw new CommandLine.ParameterException(cl, "Invalid value for option '--base-periods': " + basePeriods
                    + " (expected a whole number, 1 or more)");
        }
        run.check(cl);
        List<String> areas = null;
        if (projectionAreas != null) {
            areas = projectionAreas.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
            if (areas.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--projection-areas names no area code");
            }
        }
        JsnaConfig cfg = inputs.load();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ProjectPipeline.Options o = new ProjectPipeline.Options(cfg, out, projections, areas, basePeriods, toYear,
                prevalence, run.skipInvalidRows(), threads, run.from, run.to,
                ReportCommand.commandLine(cl), LocalDate.now());
        ProjectPipeline.run(o, ProgressBar.maybe(run.noProgress));
        return 0;
    }
}
