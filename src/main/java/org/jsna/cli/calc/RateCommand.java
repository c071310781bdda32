package org.jsna.cli.calc;

import java.util.List;
import java.util.concurrent.Callable;
import org.jsna.calc.CrudeCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc rate}: crude rates with exact or Byar's Poisson limits. */
@Command(name = "rate", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Crude rates x/n x multiplier with Poisson limits: exact below 10 events, Byar's from 10 "
            + "(as PHEindicatormethods phe_rate).",
            "Row by row (keeping the input's columns), or summed within --by groups."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc rate --input admissions.csv --by locality \\",
            "      --numerator admissions --denominator population \\",
            "      --multiplier 100000 --confidence 95 --out admission-rates.csv"})
public final class RateCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--numerator", required = true, paramLabel = "COL", description = "Column of event counts (x >= 0).")
    String numerator;

    @Option(names = "--denominator", required = true, paramLabel = "COL", description = "Column of populations (n > 0).")
    String denominator;

    @Option(names = "--multiplier", defaultValue = "100000", paramLabel = "N",
            description = "Scale of value and limits (100000 = per 100,000). Default: ${DEFAULT-VALUE}.")
    double multiplier;

    @Override
    public Integer call() {
        CalcOptions.positive("--multiplier", multiplier);
        CrudeCalc calc = new CrudeCalc(CrudeCalc.Kind.RATE, numerator, denominator, multiplier, common.by(),
                common.confidence());
        return common.run(List.of(), calc.numericColumns(), calc::apply);
    }
}
