package org.jsna.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import org.jsna.stats.LifeExpectancy;

/**
 * {@code jsna calc life-expectancy}: an abridged life table per {@code --by} group (the whole table
 * without {@code --by}) with {@link LifeExpectancy}. One output row per input row (start age),
 * ordered by group then start age: the input columns except deaths and population, {@code value}, limits,
 * {@code pops_used, dths_used, confidence, statistic, method}. Suppressed values are empty with
 * the reason in {@code value_note}.
 */
public final class LifeExpectancyCalc {

    /** Method text of the reference package. */
    public static final String METHOD = "Chiang, using Silcocks et al for confidence limits";

    private static final Pattern FIRST_NUMBER = Pattern.compile("^\\D*(\\d+)");

    private final String deaths;
    private final String population;
    private final String ageBand;
    private final List<String> by;
    private final Confidence confidence;
    private final Set<Integer> leAges;

    /**
     * @param leAges start ages to write (empty = all); each must be one of the 20 start ages
     * @throws JsnaException a usage error for an unknown {@code --le-age}
     */
    public LifeExpectancyCalc(String deaths, String population, String ageBand, List<String> by,
            Confidence confidence, List<Integer> leAges) {
        this.deaths = deaths;
        this.population = population;
        this.ageBand = ageBand;
        this.by = List.copyOf(by);
        this.confidence = confidence;
        for (int age : leAges) {
            if (index(age) < 0) {
                throw JsnaException.usage("--le-age: " + age + " is not a start age of the 20 bands "
                        + Arrays.toString(LifeExpectancy.START_AGES));
            }
        }
        this.leAges = Set.copyOf(leAges);
    }

    public List<String> requiredColumns() {
        return List.of(deaths, population, ageBand);
    }

    public List<String> numericColumns() {
        return List.of(deaths, population);
    }

    private static int index(int age) {
        return Arrays.binarySearch(LifeExpectancy.START_AGES, age);
    }

    /** The start age a cell names: a number ({@code 5}, {@code 5.0}) or the first number of a label ({@code 5-9}, {@code 90+}). */
    static int startAge(CalcTable t, int row, String column) {
        String cell = t.text(row, column).strip();
        Matcher m = FIRST_NUMBER.matcher(cell);
        int age = -1;
        if (!CalcTable.isMissing(cell)) {
            try {
                double d = Double.parseDouble(cell);
                if (d == Math.rint(d) && d >= 0 && d <= 200) {
                    age = (int) d;
                }
            } catch (NumberFormatException e) {
                if (m.find()) {
                    try {
                        age = Integer.parseInt(m.group(1));
                    } catch (NumberFormatException tooLong) {
                        age = -1;
                    }
                }
            }
        }
        if (age < 0 || index(age) < 0) {
            throw t.error(row, column, "the start age of one of the 20 bands 0, 1-4, 5-9, ..., 85-89, 90+ "
                    + "(0, 1, 5, 10, ..., 90)");
        }
        return age;
    }

    public CalcOutput apply(CalcTable t) {
        int[] ages = new int[t.rowCount()];
        Set<Integer> present = new TreeSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            ages[r] = startAge(t, r, ageBand);
            present.add(ages[r]);
        }
        if (t.rowCount() > 0 && present.size() != LifeExpectancy.BANDS) {
            List<Integer> missing = new ArrayList<>();
            for (int a : LifeExpectancy.START_AGES) {
                if (!present.contains(a)) {
                    missing.add(a);
                }
            }
            throw JsnaException.input(t.file() + ": column '" + ageBand + "': the start ages do not cover the 20 "
                    + "bands 0, 1-4, 5-9, ..., 85-89, 90+; missing: " + missing);
        }

        // every input column but deaths and population (as the reference package), then the results
        List<String> carried = new ArrayList<>();
        for (String c : t.columnNames()) {
            if (!c.equals(deaths) && !c.equals(population)) {
                carried.add(c);
            }
        }
        List<String> cols = new ArrayList<>(carried);
        cols.add("value");
        // The reference package writes all lower limits, then all upper limits (lower95_0cl,
        // lower99_8cl, upper95_0cl, upper99_8cl), unlike its other functions.
        for (double level : confidence.levels()) {
            cols.add(CalcOutput.lowerColumn(confidence, level));
        }
        for (double level : confidence.levels()) {
            cols.add(CalcOutput.upperColumn(confidence, level));
        }
        cols.addAll(List.of("pops_used", "dths_used", "confidence", "statistic", "method"));
        CalcOutput out = new CalcOutput(cols);
        double[] levels = confidence.levels().stream().mapToDouble(Double::doubleValue).toArray();

        for (Group g : t.groups(by)) {
            int[] rows = g.rows();
            int[] groupAges = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                groupAges[i] = ages[rows[i]];
            }
            LifeExpectancy.Result res = LifeExpectancy.compute(groupAges, t.numbers(deaths, rows),
                    t.numbers(population, rows), levels);
            res.reasons().forEach(s -> Log.warnOnce(s.warning));
            Integer[] order = new Integer[rows.length];
            for (int i = 0; i < rows.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(groupAges[x], groupAges[y]));
            for (int i : order) {
                if (!leAges.isEmpty() && !leAges.contains(groupAges[i])) {
                    continue;
                }
                CalcOutput.Row row = out.addRow();
                for (String c : carried) {
                    row.carry(t, rows[i], c);
                }
                String label = t.text(rows[i], ageBand).strip();
                row.number("value", res.value()[i]);
                for (int c = 0; c < levels.length; c++) {
                    row.number(CalcOutput.lowerColumn(confidence, levels[c]), res.lower()[c][i]);
                    row.number(CalcOutput.upperColumn(confidence, levels[c]), res.upper()[c][i]);
                }
                row.number("pops_used", res.popsUsed()[i]).number("dths_used", res.dthsUsed()[i])
                        .text("confidence", confidence.label())
                        .text("statistic", "life expectancy at " + label)
                        .text("method", METHOD);
                if (res.notes()[i] != null) {
                    row.note(res.notes()[i].note);
                }
            }
        }
        return out;
    }
}
