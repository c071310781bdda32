package org.jsna.cli.calc;

import java.util.concurrent.Callable;
import org.jsna.calc.IsrCalc;
import org.jsna.console.JsnaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc isr}: indirectly standardised ratios and rates. */
@Command(name = "isr", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Indirectly standardised rates (default) or ratios (--ratio), one per --by group "
            + "(as PHEindicatormethods calculate_ISRate / calculate_ISRatio).",
            "Exact Poisson limits below 10 observed events, Byar's from 10. One input row per age band."},
        footerHeading = "%nExamples:%n",
        footer = {"  jsna calc isr --input deaths.csv --by area --numerator deaths \\",
            "      --denominator pop --age-band ageband --ref-numerator ref_deaths \\",
            "      --ref-denominator ref_pop --ratio --refvalue 100",
            "  jsna calc isr --input pops.csv --by area --numerator deaths \\",
            "      --denominator pop --age-band ageband --reference england.csv \\",
            "      --ref-numerator ref_deaths --ref-denominator ref_pop \\",
            "      --observed-totals deaths-by-area.csv --ratio --out smr.csv"})
public final class IsrCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--numerator", required = true, paramLabel = "COL",
            description = "Column of observed counts per age band (missing = 0); with --observed-totals, the count column of that file.")
    String numerator;

    @Option(names = "--denominator", required = true, paramLabel = "COL", description = "Column of populations (>= 0).")
    String denominator;

    @Option(names = "--age-band", required = true, paramLabel = "COL",
            description = "Column of age-band labels (joins the --reference file, which has a column of the same name).")
    String ageBand;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "CSV of reference counts and populations, one row per age band; without it they are input columns.")
    String reference;

    @Option(names = "--ref-numerator", required = true, paramLabel = "COL", description = "Column of reference counts.")
    String refNumerator;

    @Option(names = "--ref-denominator", required = true, paramLabel = "COL", description = "Column of reference populations.")
    String refDenominator;

    @Option(names = "--ratio", description = "Write the indirectly standardised ratio O/E x --refvalue instead of the rate.")
    boolean ratio;

    @Option(names = "--refvalue", paramLabel = "N", description = "Scale of the ratio (1, or 100 for an SMR x 100). Default: 1.")
    Double refvalue;

    @Option(names = "--multiplier", paramLabel = "N", description = "Rate per N, e.g. --multiplier 1000. Default: 100000.")
    Double multiplier;

    @Option(names = "--observed-totals", paramLabel = "FILE",
            description = "CSV of observed counts per group (the --by columns and the --numerator column); "
                    + "the input then needs no numerator column.")
    String observedTotals;

    @Override
    public Integer call() {
        if (refvalue != null && !ratio) {
            throw JsnaException.usage("--refvalue applies to --ratio only");
        }
        if (multiplier != null && ratio) {
            throw JsnaException.usage("--multiplier applies to the rate only; use --refvalue with --ratio");
        }
        double rv = CalcOptions.positive("--refvalue", refvalue == null ? 1 : refvalue);
        double mult = CalcOptions.positive("--multiplier", multiplier == null ? 100000 : multiplier);
        common.readsFile("--reference", reference);
        common.readsFile("--observed-totals", observedTotals);
        IsrCalc calc = new IsrCalc(new IsrCalc.Settings(numerator, denominator, ageBand, reference, refNumerator,
                refDenominator, ratio, rv, mult, observedTotals, common.by(), common.confidence()));
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }
}
