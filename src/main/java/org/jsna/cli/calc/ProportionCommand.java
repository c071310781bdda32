package org.jsna.cli.calc;

import java.util.List;
import java.util.concurrent.Callable;
import org.jsna.calc.CrudeCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc proportion}: proportions with Wilson score limits. */
@Command(name = "proportion", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Proportions x/n with Wilson score confidence limits (as PHEindicatormethods phe_proportion).",
            "Row by row (keeping the input's columns), or summed within --by groups."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc proportion --input screening.csv --numerator screened \\",
            "      --denominator eligible --multiplier 100 --confidence 0.95,0.998 \\",
            "      --out screening-pct.csv"})
public final class ProportionCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--numerator", required = true, paramLabel = "COL", description = "Column of numerators (x, 0 <= x <= n).")
    String numerator;

    @Option(names = "--denominator", required = true, paramLabel = "COL", description = "Column of denominators (n > 0).")
    String denominator;

    @Option(names = "--multiplier", defaultValue = "1", paramLabel = "N",
            description = "Scale of value and limits (100 = percentage). Default: ${DEFAULT-VALUE}.")
    double multiplier;

    @Override
    public Integer call() {
        CalcOptions.positive("--multiplier", multiplier);
        CrudeCalc calc = new CrudeCalc(CrudeCalc.Kind.PROPORTION, numerator, denominator, multiplier, common.by(),
                common.confidence());
        return common.run(List.of(), calc.numericColumns(), calc::apply);
    }
}
