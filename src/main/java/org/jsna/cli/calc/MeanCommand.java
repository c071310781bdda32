package org.jsna.cli.calc;

import java.util.List;
import java.util.concurrent.Callable;
import org.jsna.calc.MeanCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc mean}: group means with Student's t limits. */
@Command(name = "mean", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Means with Student's t confidence limits, one per --by group (as PHEindicatormethods phe_mean).",
            "Without --by the whole file is one group. A missing value makes its group's results empty."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc mean --input waits.csv --by locality --value wait_days \\",
            "      --out mean-waits.csv"})
public final class MeanCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--value", required = true, paramLabel = "COL", description = "Column of values.")
    String value;

    @Override
    public Integer call() {
        MeanCalc calc = new MeanCalc(value, common.by(), common.confidence());
        return common.run(List.of(value), List.of(value), calc::apply);
    }
}
