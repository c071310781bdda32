package org.jsna.cli.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jsna.calc.LifeExpectancyCalc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsna calc life-expectancy}: abridged life table (Chiang II, Silcocks variance) per group. */
@Command(name = "life-expectancy", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class, sortOptions = false,
        description = {"Life expectancy at each start age, one abridged life table per --by group (as "
                + "PHEindicatormethods phe_life_expectancy).",
            "Deaths and populations in the 20 bands 0, 1-4, 5-9, ..., 85-89, 90+; Chiang II life "
                + "table with the Silcocks et al. variance for 90+.",
            "Values are left empty (reason in value_note) for groups with negative deaths, a zero "
                + "population, deaths above the population, not exactly the 20 bands, or a total population "
                + "of 5,000 or less, and for ages whose 95%% interval is wider than 20 years (limits still "
                + "written)."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna calc life-expectancy --input deaths.csv --by area --deaths deaths \\",
            "      --population pop --age-band startage --le-age 0,65 --out le.csv"})
public final class LifeExpectancyCommand implements Callable<Integer> {

    @Mixin
    CalcOptions common;

    @Option(names = "--deaths", required = true, paramLabel = "COL", description = "Column of deaths in the band.")
    String deaths;

    @Option(names = "--population", required = true, paramLabel = "COL",
            description = "Column of population (person-years) in the band.")
    String population;

    @Option(names = "--age-band", required = true, paramLabel = "COL",
            description = "Column of start ages 0, 1, 5, 10, ..., 90 (labels such as 1-4 or 90+ also work).")
    String ageBand;

    @Option(names = "--le-age", split = ",", paramLabel = "AGE",
            description = "Write only these start ages (comma-separated; default: all).")
    List<Integer> leAge = new ArrayList<>();

    @Override
    public Integer call() {
        LifeExpectancyCalc calc = new LifeExpectancyCalc(deaths, population, ageBand, common.by(),
                common.confidence(), leAge);
        return common.run(calc.requiredColumns(), calc.numericColumns(), calc::apply);
    }
}
