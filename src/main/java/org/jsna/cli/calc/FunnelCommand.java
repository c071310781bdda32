package org.jsna.cli.calc;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.jsna.calc.FunnelCalc;
import org.jsna.calc.FunnelCalc.Output;
import org.jsna.console.JsnaException;
import org.jsna.stats.FunnelPlots.RateType;
import org.jsna.stats.FunnelPlots.RatioType;
import org.jsna.stats.FunnelPlots.Statistic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc funnel}: funnel-plot control limits, significance and rate chart points. */
@Command(name = "funnel", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Funnel plots with 95%% and 99.8%% control limits: limits, significance or rate chart points "
                + "(as PHEindicatormethods calculate_funnel_limits, assign_funnel_significance, calculate_funnel_points).",
            "One input row per area. Proportions use the Wilson score; ratios",
            "(observed/expected) and rates exact Poisson limits. With --by, each group",
            "gets its own funnel.",
            "  --output limits        the 100-point control-limit table",
            "  --output significance  each row plus High/Low (0.001 or 0.025) or",
            "                         Not significant",
            "  --output points        each rate row plus <rate>_chart and",
            "                         denominator_derived (rates only)"},
        footerHeading = "%nExamples:%n",
        footer = {"  jsna calc funnel --input screening.csv --numerator screened \\",
            "      --denominator eligible --statistic proportion --output limits \\",
            "      --multiplier 100 --out screening-funnel.csv",
            "  jsna calc funnel --input deaths.csv --numerator deaths --denominator pop \\",
            "      --rate rate_per_100000 --statistic rate --rate-type dsr \\",
            "      --output significance --out -",
            "  jsna calc funnel --input smr.csv --numerator observed --denominator expected \\",
            "      --statistic ratio --ratio-type isr --output limits --out smr-limits.csv"})
public final class FunnelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CalcOptions common;

    @Option(names = "--numerator", required = true, paramLabel = "COL",
            description = "Column of counts: cases (proportion), observed events (ratio) or events (rate); >= 0, never missing.")
    String numerator;

    @Option(names = "--denominator", required = true, paramLabel = "COL",
            description = "Column of populations (proportion, rate) or expected events (ratio); > 0. "
                    + "For rates it is needed on rows with no events and may be empty elsewhere.")
    String denominator;

    @Option(names = "--statistic", required = true, paramLabel = "proportion|rate|ratio",
            description = "The statistic the funnel is drawn for.")
    String statistic;

    @Option(names = "--output", required = true, paramLabel = "limits|significance|points",
            description = "What to write.")
    String output;

    @Option(names = "--multiplier", paramLabel = "N",
            description = "Proportion: scale of the limits (default 100 = percentage). Rate: the multiplier of the "
                    + "--rate column (default 100000). Ratio: not used (limits are O/E - 1 or O/E x 100).")
    Double multiplier;

    @Option(names = "--ratio-type", paramLabel = "count|isr",
            description = "Ratio limits as O/E - 1 (count) or O/E x 100 (isr); needed for ratio limits.")
    String ratioType;

    @Option(names = "--rate", paramLabel = "COL",
            description = "Rates: the column of rates per --multiplier (needed on rows with events).")
    String rate;

    @Option(names = "--rate-type", paramLabel = "crude|dsr",
            description = "Rates: crude or directly standardised (DSR rows with fewer than 10 events are not assessed).")
    String rateType;

    @Option(names = "--years", paramLabel = "N",
            description = "Rates, limits and points: the number of years the counts cover (populations per "
                    + "year), e.g. --years 3 for counts pooled over three years.")
    Double years;

    @Override
    public Integer call() {
        Statistic stat = choice("--statistic", statistic, Statistic.class);
        Output out = choice("--output", output, Output.class);
        if (spec.commandLine().getParseResult().hasMatchedOption("--confidence")) {
            throw JsnaException.usage("--confidence does not apply to funnel plots: the limits are always 95% and 99.8%");
        }
        RatioType rt = null;
        String rateCol = null;
        RateType rtype = null;
        double yrs = Double.NaN;
        double mult;
        switch (stat) {
            case PROPORTION -> {
                requireAbsent(stat, "--ratio-type", ratioType, "--rate", rate, "--rate-type", rateType);
                requireAbsent(stat, "--years", years);
                mult = CalcOptions.positive("--multiplier", multiplier == null ? 100 : multiplier);
            }
            case RATIO -> {
                requireAbsent(stat, "--rate", rate, "--rate-type", rateType);
                requireAbsent(stat, "--years", years);
                if (ratioType != null) {
                    rt = choice("--ratio-type", ratioType, RatioType.class);
                } else if (out == Output.LIMITS) {
                    throw JsnaException.usage("--ratio-type count|isr is needed for ratio limits");
                }
                mult = CalcOptions.positive("--multiplier", multiplier == null ? 1 : multiplier);
            }
            default -> {
                requireAbsent(stat, "--ratio-type", ratioType);
                if (rate == null || rateType == null) {
                    throw JsnaException.usage("--rate COL and --rate-type crude|dsr are needed for --statistic rate");
                }
                rateCol = rate;
                rtype = choice("--rate-type", rateType, RateType.class);
                mult = CalcOptions.positive("--multiplier", multiplier == null ? 100000 : multiplier);
                if (out != Output.SIGNIFICANCE) {
                    if (years == null) {
                        throw JsnaException.usage("--years N is needed for rate limits and points");
                    }
                    yrs = CalcOptions.positive("--years", years);
                }
            }
        }
        if (out == Output.POINTS && stat != Statistic.RATE) {
            throw JsnaException.usage("--output points is for --statistic rate only");
        }
        FunnelCalc calc = new FunnelCalc(new FunnelCalc.Settings(numerator, denominator, stat, out, mult, rt,
                rateCol, rtype, yrs, common.by()));
        return common.run(calc.numericColumns(), calc.numericColumns(), calc::apply);
    }

    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            if (name.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(name);
        }
        throw JsnaException.usage(option + ": '" + value + "' is not one of " + allowed);
    }

    private static void requireAbsent(Statistic stat, Object... optionValuePairs) {
        for (int i = 0; i < optionValuePairs.length; i += 2) {
            if (optionValuePairs[i + 1] != null) {
                throw JsnaException.usage(optionValuePairs[i] + " does not apply to --statistic "
                        + stat.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
