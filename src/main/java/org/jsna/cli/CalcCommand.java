package org.jsna.cli;

import java.util.List;
import org.jsna.cli.calc.DsrCommand;
import org.jsna.cli.calc.FunnelCommand;
import org.jsna.cli.calc.IsrCommand;
import org.jsna.cli.calc.LifeExpectancyCommand;
import org.jsna.cli.calc.MeanCommand;
import org.jsna.cli.calc.ProportionCommand;
import org.jsna.cli.calc.QuantileCommand;
import org.jsna.cli.calc.RateCommand;
import org.jsna.cli.calc.SiiCommand;
import org.jsna.cli.calc.TrendCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jsna calc}: the public-health statistics on an already aggregated CSV. One subcommand per
 * method (classes in {@code org.jsna.cli.calc}, listed in {@link #METHODS}); the shared options are {@link org.jsna.cli.calc.CalcOptions}.
 */
@Command(name = "calc", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class,
        description = {"Statistics on aggregated data: read a CSV, write a CSV with values, confidence limits, "
            + "statistic, method and value_note (numbers as PHEindicatormethods 2.1.0)."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc rate --input rates.csv --numerator events \\",
            "      --denominator population --out rates-out.csv"})
public final class CalcCommand implements Runnable {

    /**
     * The methods, in the order {@code jsna calc --help} lists them; only the one that runs gets its
     * picocli model ({@link LazyCommands}).
     */
    static final List<Class<?>> METHODS = List.of(
            ProportionCommand.class,
            RateCommand.class,
            MeanCommand.class,
            DsrCommand.class,
            IsrCommand.class,
            LifeExpectancyCommand.class,
            SiiCommand.class,
            QuantileCommand.class,
            FunnelCommand.class,
            TrendCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a method is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
