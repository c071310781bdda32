package org.jsna.cli.calc;

import java.util.concurrent.Callable;
import org.jsna.calc.QuantileCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc quantile}: quantiles of a score within groups. */
@Command(name = "quantile", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Assigns every row to a quantile of --value within its --by group (as PHEindicatormethods "
                + "phe_quantile).",
            "Ties share the lower rank. By default quantile 1 holds the highest values (e.g. the most "
                + "deprived IMD scores); --no-invert makes quantile 1 the lowest. Groups with fewer values "
                + "than quantiles get no quantiles (reason in value_note)."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc quantile --input lsoa-imd.csv --by la --value imd_score \\",
            "      --quantiles 10 --out deciles.csv"})
public final class QuantileCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--value", required = true, paramLabel = "COL", description = "Column of scores.")
    String value;

    @Option(names = "--quantiles", defaultValue = "10", paramLabel = "N",
            description = "Number of quantiles. Default: ${DEFAULT-VALUE}.")
    int quantiles;

    @Option(names = "--invert", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Quantile 1 = highest values (default); --no-invert: quantile 1 = lowest values, e.g. "
                    + "for IMD ranks, where rank 1 is the most deprived.")
    boolean invert;

    @Override
    public Integer call() {
        QuantileCalc calc = new QuantileCalc(value, quantiles, invert, common.by());
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }
}
