package org.jsna.cli.calc;

import java.util.concurrent.Callable;
import org.jsna.calc.TrendCalc;
import org.jsna.stats.TrendMarker;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code jsna calc trend}: the recent-trend marker of each group's series of annual periods. */
@Command(name = "trend", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Recent-trend marker of each --by group's annual series (the national profiles' method, "
                + "docs/calc.md): increasing, decreasing, no significant change or cannot be calculated, "
                + "with the reason, the chi-square statistic and the slope, from the 5 most recent periods.",
            "--kind proportion: Armitage's chi-square test for trend on count/denominator; --kind rate: "
                + "weighted least squares on value with its 95%% limits. Significant when the statistic "
                + "exceeds 9.5495 (99.8%%) and no single period reverses the slope. --confidence does not apply."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc trend --input indicators.csv \\",
            "      --by indicator_id,client_group,locality,category_type,category \\",
            "      --period period --kind rate --out trends.csv"})
public final class TrendCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--period", required = true, paramLabel = "COL",
            description = "Column of periods: numbers (e.g. 2019) or fiscal years (e.g. 2019/20), one form per file.")
    String period;

    @Option(names = "--kind", required = true, paramLabel = "proportion|rate", converter = KindConverter.class,
            description = "proportion: reads the count and denominator columns; rate: the value and its 95%% limits.")
    TrendMarker.Kind kind;

    @Option(names = "--count", defaultValue = TrendCalc.COUNT, paramLabel = "COL",
            description = "Column of counts (proportion), e.g. --count referrals. Default: ${DEFAULT-VALUE}.")
    String count;

    @Option(names = "--denominator", defaultValue = TrendCalc.DENOMINATOR, paramLabel = "COL",
            description = "Column of denominators (proportion), e.g. --denominator eligible. Default: "
                    + "${DEFAULT-VALUE}.")
    String denominator;

    @Option(names = "--value", defaultValue = TrendCalc.VALUE, paramLabel = "COL",
            description = "Column of values (rate), e.g. --value rate. Default: ${DEFAULT-VALUE}.")
    String value;

    @Option(names = "--lower", defaultValue = TrendCalc.LOWER, paramLabel = "COL",
            description = "Column of lower 95%% limits (rate), e.g. --lower lcl95. Default: ${DEFAULT-VALUE}.")
    String lower;

    @Option(names = "--upper", defaultValue = TrendCalc.UPPER, paramLabel = "COL",
            description = "Column of upper 95%% limits (rate), e.g. --upper ucl95. Default: ${DEFAULT-VALUE}.")
    String upper;

    @Override
    public Integer call() {
        TrendCalc calc = new TrendCalc(kind, period, common.by(), count, denominator, value, lower, upper);
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }

    /** {@code proportion} or {@code rate}; anything else is a usage error (exit 2). */
    public static final class KindConverter implements ITypeConverter<TrendMarker.Kind> {
        @Override
        public TrendMarker.Kind convert(String text) {
            for (TrendMarker.Kind k : TrendMarker.Kind.values()) {
                if (k.label().equalsIgnoreCase(text)) {
                    return k;
                }
            }
            throw new TypeConversionException("expected proportion or rate, got '" + text + "'");
        }
    }
}
