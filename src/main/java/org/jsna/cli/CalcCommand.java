package org.jsna.cli;

import org.jsna.cli.calc.DsrCommand;
import org.jsna.cli.calc.FunnelCommand;
import org.jsna.cli.calc.IsrCommand;
import org.jsna.cli.calc.MeanCommand;
import org.jsna.cli.calc.ProportionCommand;
import org.jsna.cli.calc.RateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jsna calc}: the public-health statistics on an already aggregated CSV. One subcommand per
 * method (classes in {@code org.jsna.cli.calc}); the shared options are {@link org.jsna.cli.calc.CalcOptions}.
 */
@Command(name = "calc", mixinStandardHelpOptions = true,
        description = {"Statistics on aggregated data: read a CSV, write a CSV with values, confidence limits, "
            + "statistic, method and value_note (numbers as PHEindicatormethods 2.1.0)."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc rate --input rates.csv --numerator events \\",
            "      --denominator population --out rates-out.csv"},
        subcommands = {
            ProportionCommand.class,
            RateCommand.class,
            MeanCommand.class,
            DsrCommand.class,
            IsrCommand.class,
            FunnelCommand.class,
        })
public final class CalcCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a method is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
