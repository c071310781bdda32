package org.jsna.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.input.InputReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;
import org.jsna.pipeline.ReportPipeline;
import org.jsna.validate.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jsna validate}: reads the same inputs as {@code jsna report} with every rule of data.md,
 * lists every problem on stderr (at most 100 per file, then a count of the rest) and writes nothing
 * else. Exit 0 when every file is valid, 3 otherwise, 4 for a missing or unreadable file.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the input files against every rule of the input specification and list each "
                + "problem (file, line, column, value, what was expected) on stderr. Writes no files."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every file is valid",
            "  3  invalid input: each problem is listed (at most 100 per file, then a count)",
            "  4  a file or INPUT_DIR is missing or unreadable",
            "",
            "Examples:",
            "  jsna validate sample-data",
            "  jsna validate --config council/jsna.yaml \\",
            "      --referrals extracts/referrals-2025.csv"
        })
public final class ValidateCommand implements Callable<Integer> {

    /** Problems listed per file before the rest are only counted. */
    static final int LIST_PER_FILE = 100;

    @CommandLine.Mixin
    InputOptions inputs;

    @Override
    public Integer call() {
        JsnaConfig cfg = inputs.load();
        Map<String, Integer> listed = new HashMap<>();
        InputReader reader = new InputReader(cfg, LocalDate.now(), true, p -> list(p, listed));
        // report also needs a population year for every period of the data: check it here too
        Aggregator periods = new Aggregator(cfg.clientGroups(), cfg.localities(), PeriodScheme.of(cfg.period()),
                null, null).populationSource(ReportPipeline.populationFiles(cfg));
        ReadSummary summary;
        try {
            summary = reader.read(periods);
        } catch (JsnaException e) {
            if (e.kind() == JsnaException.Kind.INPUT) {
                Log.error(e.getMessage());
                Log.error("validation stopped: this defect concerns the whole file");
                return JsnaException.Kind.INPUT.exitCode;
            }
            throw e;
        }
        reader.checkLocalityOrder();
        long rejected = 0;
        int badFiles = 0;
        for (ReadSummary.FileSummary f : summary.files()) {
            if (f.rowsRejected() > LIST_PER_FILE) {
                Log.error(f.path() + ": … and " + (f.rowsRejected() - LIST_PER_FILE) + " more problems not listed");
            }
            Log.info(String.format(java.util.Locale.ROOT, "%s (%s, %s): %d rows read, %d valid, %d invalid",
                    f.path(), f.role(), f.encoding(), f.rowsRead(), f.rowsUsed(), f.rowsRejected()));
            rejected += f.rowsRejected();
            if (f.rowsRejected() > 0) {
                badFiles++;
            }
        }
        if (rejected > 0) {
            Log.error(rejected + " invalid row" + (rejected == 1 ? "" : "s") + " in " + badFiles + " file"
                    + (badFiles == 1 ? "" : "s"));
            return JsnaException.Kind.INPUT.exitCode;
        }
        try {
            periods.checkPopulationYears();
        } catch (JsnaException e) {
            if (e.kind() == JsnaException.Kind.INPUT) {
                Log.error(e.getMessage());
                return JsnaException.Kind.INPUT.exitCode;
            }
            throw e;
        }
        Log.info("all inputs are valid");
        return 0;
    }

    private static void list(Problem p, Map<String, Integer> listed) {
        int n = listed.merge(p.file(), 1, Integer::sum);
        if (n <= LIST_PER_FILE) {
            Log.error(p.message());
        }
    }
}
