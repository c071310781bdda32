package org.jsna.cli.calc;

import java.util.concurrent.Callable;
import org.jsna.calc.SiiCalc;
import org.jsna.stats.Sii.ValueType;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code jsna calc sii}: slope and relative index of inequality with simulated confidence limits. */
@Command(name = "sii", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Slope and (--rii) relative index of inequality across quantiles, one per --by group (as "
                + "PHEindicatormethods phe_sii).",
            "Quantiles are e.g. deprivation deciles, 1 = most deprived. Population-weighted "
                + "regression on ridit mid-points; confidence limits by simulation (Mersenne Twister seeded "
                + "with --seed; each group uses the same seed).",
            "Give each quantile's 95%% limits (--lower/--upper) or standard error (--se)."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc sii --input deciles.csv --by area --quantile decile \\",
            "      --population population --value rate --lower rate_lcl --upper rate_ucl \\",
            "      --value-type rate --rii --confidence 0.95,0.998 --seed 1 --out sii.csv"})
public final class SiiCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--quantile", required = true, paramLabel = "COL",
            description = "Column of quantile numbers (1 = most deprived); 5 to 100 quantiles.")
    String quantile;

    @Option(names = "--population", required = true, paramLabel = "COL", description = "Column of populations (> 0).")
    String population;

    @Option(names = "--value", required = true, paramLabel = "COL",
            description = "Column of indicator values (proportions as fractions 0-1).")
    String value;

    @Option(names = "--lower", paramLabel = "COL", description = "Column of lower 95%% confidence limits.")
    String lower;

    @Option(names = "--upper", paramLabel = "COL", description = "Column of upper 95%% confidence limits.")
    String upper;

    @Option(names = "--se", paramLabel = "COL", description = "Column of standard errors (instead of --lower/--upper).")
    String se;

    @Option(names = "--value-type", defaultValue = "other", paramLabel = "rate|proportion|other",
            converter = ValueTypeConverter.class,
            description = "Rates and proportions are simulated on the log/logit scale. Default: ${DEFAULT-VALUE}.")
    ValueType valueType;

    @Option(names = "--transform",
            description = "Fit on the log (rate) or logit (proportion) scale; needs --lower/--upper, e.g. "
                    + "--value-type rate --transform.")
    boolean transform;

    @Option(names = "--multiplier", defaultValue = "1", paramLabel = "N",
            description = "Scales the SII (e.g. 100 for percentages); negative inverts the RII. Default: ${DEFAULT-VALUE}.")
    double multiplier;

    @Option(names = "--repetitions", defaultValue = "100000", paramLabel = "N",
            description = "Simulation draws (1000 to 10000000), e.g. --repetitions 10000 for a quick look. "
                    + "Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the simulation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rii", description = "Also write the RII and its limits.")
    boolean rii;

    @Override
    public Integer call() {
        SiiCalc calc = new SiiCalc(new SiiCalc.Settings(quantile, population, value, se, lower, upper, valueType,
                transform, multiplier, repetitions, seed, rii), common.by(), common.confidence());
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }

    /** rate|proportion|other (any case); anything else is a usage error. */
    public static final class ValueTypeConverter implements ITypeConverter<ValueType> {
        @Override
        public ValueType convert(String text) {
            switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "rate":
                    return ValueType.RATE;
                case "proportion":
                    return ValueType.PROPORTION;
                case "other":
                    return ValueType.OTHER;
                default:
                    throw new TypeConversionException("expected rate, proportion or other, got '" + text + "'");
            }
        }
    }
}
