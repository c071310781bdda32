package org.jsna.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.jsna.pipeline.ValidatePipeline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jsna validate}: reads the same inputs as {@code jsna report} with every rule of data.md,
 * lists every problem on stderr (at most 100 per file, then a count of the rest) and writes nothing
 * else. Exit 0 when every file is valid, 3 otherwise, 4 for a missing or unreadable file. Options only; the
 * run itself is {@link ValidatePipeline}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class,
        description = {"Check the input files against every rule of the input specification and list each "
                + "problem (file, line, column, value, what was expected) on stderr. Writes no output (its "
                + "temporary files, in the system's temporary folder, go when it ends)."},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every file is valid",
            "  1  internal error (a bug): one line; the stack trace with --verbose",
            "  2  usage error (an unknown option, a bad jsna.yaml key or value, a locality the lookup lacks)",
            "  3  invalid input: each problem is listed (at most 100 per file, then a count)",
            "  4  a file or INPUT_DIR is missing or unreadable",
            "",
            "Examples:",
            "  jsna validate sample-data",
            "  jsna validate --config council/jsna.yaml \\",
            "      --referrals extracts/referrals-2025.csv"
        })
public final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InputOptions inputs;

    @Override
    public Integer call() {
        return ValidatePipeline.run(inputs.load(), LocalDate.now());
    }
}
