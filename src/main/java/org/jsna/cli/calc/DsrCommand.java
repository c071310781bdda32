package org.jsna.cli.calc;

import java.util.concurrent.Callable;
import org.jsna.calc.DsrCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc dsr}: directly standardised rates with Dobson limits. */
@Command(name = "dsr", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Directly standardised rates with Dobson confidence limits, one per --by group "
            + "(as PHEindicatormethods calculate_dsr).",
            "One input row per age band, matched to the standard by label. Groups with fewer than 10 events "
            + "get empty values and a value_note."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc dsr --input deaths.csv --by area,sex --numerator deaths \\",
            "      --denominator pop --age-band ageband --standard esp2013 \\",
            "      --confidence 0.95,0.998 --out dsr.csv"})
public final class DsrCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--numerator", required = true, paramLabel = "COL",
            description = "Column of event counts per age band (missing = 0); with --event-frequency, of people.")
    String numerator;

    @Option(names = "--denominator", required = true, paramLabel = "COL", description = "Column of populations (> 0).")
    String denominator;

    @Option(names = "--age-band", required = true, paramLabel = "COL",
            description = "Column of age-band labels (0-4, 5-9, ..., 85-89, 90+), matched to the standard by label.")
    String ageBand;

    @Option(names = "--standard", defaultValue = "esp2013", paramLabel = "esp2013|FILE|column:COL",
            description = "Standard population: esp2013 (default), a CSV with columns age_band,weight, "
                    + "or column:COL for weights in an input column.")
    String standard;

    @Option(names = "--multiplier", defaultValue = "100000", paramLabel = "N",
            description = "Rate per N, e.g. --multiplier 1000 for a rate per 1,000. Default: ${DEFAULT-VALUE}.")
    double multiplier;

    @Option(names = "--event-frequency", paramLabel = "COL",
            description = "Non-independent events: column of events per person; --numerator then counts people, "
                    + "e.g. --event-frequency admissions_each.")
    String eventFrequency;

    @Override
    public Integer call() {
        CalcOptions.positive("--multiplier", multiplier);
        if (standard != null && !standard.startsWith("column:") && !standard.strip().equalsIgnoreCase("esp2013")) {
            common.readsFile("--standard", standard);
        }
        DsrCalc calc = new DsrCalc(numerator, denominator, ageBand, DsrCalc.Standard.parse(standard), multiplier,
                eventFrequency, common.by(), common.confidence());
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }
}
