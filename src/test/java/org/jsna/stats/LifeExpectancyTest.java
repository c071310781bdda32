package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsna.stats.LifeExpectancy.Suppression;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Life expectancy against the reference package's golden outputs and hand-made edge cases. */
class LifeExpectancyTest {

    private static final double[] L95 = {0.95};

    /** One group's input rows, in file order. */
    private record Group(List<Integer> ages, List<Double> deaths, List<Double> pops) {
        LifeExpectancy.Result compute(double[] levels) {
            return LifeExpectancy.compute(ages.stream().mapToInt(Integer::intValue).toArray(),
                    deaths.stream().mapToDouble(Double::doubleValue).toArray(),
                    pops.stream().mapToDouble(Double::doubleValue).toArray(), levels);
        }
    }

    private static Map<String, Group> groups(String inputPath, boolean grouped) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Map<String, String> row : GoldenTable.read(inputPath).rows()) {
            String key = grouped ? row.get("area") : "";
            Group g = groups.computeIfAbsent(key, k -> new Group(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            g.ages().add(Integer.parseInt(row.get("startage")));
            g.deaths().add(GoldenTable.number(row.get("deaths")));
            g.pops().add(GoldenTable.number(row.get("pop")));
        }
        return groups;
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "life_expectancy/input_le.csv, life_expectancy/out_le_all_conf95.csv, 0.95, true",
        "life_expectancy/input_le.csv, life_expectancy/out_le_all_conf998.csv, 0.998, true",
        "life_expectancy/input_le.csv, life_expectancy/out_le_all_conf95_998.csv, 0.95;0.998, true",
        "life_expectancy/input_le.csv, life_expectancy/out_le_age0_65_standard.csv, 0.95, true",
        "life_expectancy/input_le_edge.csv, life_expectancy/out_le_edge_grouped_conf95.csv, 0.95, true",
        "derived/le_edge_X_negdeaths.csv, life_expectancy/out_le_edge_ungrouped_X_negdeaths.csv, 0.95, false",
        "derived/le_edge_X_zeropop.csv, life_expectancy/out_le_edge_ungrouped_X_zeropop.csv, 0.95, false",
        "derived/le_edge_X_deathsgtpop.csv, life_expectancy/out_le_edge_ungrouped_X_deathsgtpop.csv, 0.95, false",
        "derived/le_edge_X_ok.csv, life_expectancy/out_le_edge_ungrouped_X_ok.csv, 0.95, false",
    })
    void matchesGolden(String input, String expected, String levelList, boolean grouped) {
        String[] parts = levelList.split(";");
        double[] levels = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            levels[i] = Double.parseDouble(parts[i]);
        }
        Map<String, Group> groups = groups(input, grouped);
        Map<String, LifeExpectancy.Result> results = new LinkedHashMap<>();
        groups.forEach((k, g) -> results.put(k, g.compute(levels)));

        GoldenTable table = GoldenTable.read(expected);
        List<String> cols = table.columns();
        int compared = 0;
        for (Map<String, String> row : table.rows()) {
            String key = grouped ? row.get("area") : "";
            Group g = groups.get(key);
            LifeExpectancy.Result r = results.get(key);
            int age = Integer.parseInt(row.get("startage"));
            int idx = g.ages().indexOf(age);
            assertTrue(idx >= 0, "row for " + key + " age " + age);
            String what = expected + " " + key + "/" + age;
            GoldenTable.assertClose(row.get("value"), r.value()[idx], what + " value");
            for (int c = 0; c < levels.length; c++) {
                String lo = levels.length == 1 ? "lowercl" : "lower" + label(levels[c]) + "cl";
                String up = levels.length == 1 ? "uppercl" : "upper" + label(levels[c]) + "cl";
                GoldenTable.assertClose(row.get(lo), r.lower()[c][idx], what + " " + lo);
                GoldenTable.assertClose(row.get(up), r.upper()[c][idx], what + " " + up);
            }
            if (cols.contains("pops_used")) {
                GoldenTable.assertClose(row.get("pops_used"), r.popsUsed()[idx], what + " pops_used");
                GoldenTable.assertClose(row.get("dths_used"), r.dthsUsed()[idx], what + " dths_used");
            }
            compared++;
        }
        assertTrue(compared > 0);
    }

    private static String label(double level) {
        return String.format(java.util.Locale.ROOT, "%.1f", level * 100).replace('.', '_');
    }

    @Test
    void edgeGroupsCarryTheirReason() {
        Map<String, Group> groups = groups("life_expectancy/input_le_edge.csv", true);
        assertEquals(Set.of(Suppression.NEGATIVE_DEATHS), groups.get("X_negdeaths").compute(L95).reasons());
        assertEquals(Set.of(Suppression.ZERO_POPULATION), groups.get("X_zeropop").compute(L95).reasons());
        assertEquals(Set.of(Suppression.NOT_20_BANDS), groups.get("X_missingband").compute(L95).reasons());
        assertEquals(Set.of(Suppression.DEATHS_ABOVE_POPULATION), groups.get("X_deathsgtpop").compute(L95).reasons());
        LifeExpectancy.Result ok = groups.get("X_ok").compute(L95);
        assertTrue(ok.reasons().isEmpty());
        for (Suppression s : ok.notes()) {
            assertNull(s);
        }
    }

    @Test
    void referenceAreasHaveTheDocumentedReasons() {
        Map<String, Group> groups = groups("life_expectancy/input_le.csv", true);
        // L07: total population exactly 5,000 -> suppressed (the test is <=)
        LifeExpectancy.Result l07 = groups.get("L07").compute(L95);
        assertEquals(5000, l07.popsUsed()[groups.get("L07").ages().indexOf(0)]);
        assertEquals(Set.of(Suppression.SMALL_POPULATION), l07.reasons());
        // L09: no deaths at 90+ -> infinite LE, value missing; upper limit +Inf at the oldest ages
        LifeExpectancy.Result l09 = groups.get("L09").compute(L95);
        assertTrue(l09.reasons().contains(Suppression.INFINITE));
        int at90 = groups.get("L09").ages().indexOf(90);
        assertTrue(Double.isNaN(l09.value()[at90]));
        assertEquals(Double.POSITIVE_INFINITY, l09.upper()[0][at90]);
    }

    /** Synthetic table: pop 10,000 per band, deaths rising with age. */
    private static double[][] synthetic(double scale) {
        double[] d = new double[20];
        double[] p = new double[20];
        for (int i = 0; i < 20; i++) {
            p[i] = 10000 * scale;
            d[i] = Math.max(1, Math.round(Math.exp(-9 + 0.085 * LifeExpectancy.START_AGES[i]) * p[i]));
        }
        return new double[][] {d, p};
    }

    @Test
    void wideIntervalSuppressesValueButKeepsLimits() {
        // tiny populations at old ages give a 95% CI wider than 20 years at 85 and 90
        double[][] dp = synthetic(1);
        dp[1][18] = 20;
        dp[0][18] = 1;
        dp[1][19] = 6;
        dp[0][19] = 1;
        LifeExpectancy.Result r = LifeExpectancy.compute(LifeExpectancy.START_AGES, dp[0], dp[1], L95);
        assertTrue(Double.isNaN(r.value()[19]));
        assertEquals(Suppression.CI_OVER_20_YEARS, r.notes()[19]);
        assertTrue(Double.isFinite(r.lower()[0][19]) && Double.isFinite(r.upper()[0][19]));
        assertTrue((r.upper()[0][19] - r.lower()[0][19]) > 20);
        assertTrue(Double.isFinite(r.value()[0]), "LE at birth still published");
    }

    @Test
    void handComputedOpenBand() {
        // the 90+ row alone: e = l/M / l = 1/M = P/D; var = (l/2)^2 * 4/(D M^2) / l^2 = 1/(D M^2)
        double[][] dp = synthetic(1);
        LifeExpectancy.Result r = LifeExpectancy.compute(LifeExpectancy.START_AGES, dp[0], dp[1], L95);
        double d = dp[0][19];
        double m = d / dp[1][19];
        double z = 1.959963984540054;
        assertEquals(1 / m, r.value()[19], 1e-12);
        assertEquals(1 / m - z * Math.sqrt(1 / (d * m * m)), r.lower()[0][19], 1e-9);
        // the 99.8% interval contains the 95% interval, and lower <= value <= upper
        LifeExpectancy.Result both = LifeExpectancy.compute(LifeExpectancy.START_AGES, dp[0], dp[1],
                new double[] {0.95, 0.998});
        for (int i = 0; i < 20; i++) {
            assertTrue(both.lower()[1][i] <= both.lower()[0][i] && both.lower()[0][i] <= both.value()[i]);
            assertTrue(both.value()[i] <= both.upper()[0][i] && both.upper()[0][i] <= both.upper()[1][i]);
        }
    }

    @Test
    void rowOrderDoesNotMatter() {
        double[][] dp = synthetic(1);
        int[] ages = LifeExpectancy.START_AGES.clone();
        double[] d = dp[0].clone();
        double[] p = dp[1].clone();
        LifeExpectancy.Result sorted = LifeExpectancy.compute(ages, d, p, L95);
        int[] perm = {19, 3, 0, 7, 1, 2, 18, 4, 5, 6, 17, 8, 9, 10, 16, 11, 12, 13, 15, 14};
        int[] a2 = new int[20];
        double[] d2 = new double[20];
        double[] p2 = new double[20];
        for (int i = 0; i < 20; i++) {
            a2[i] = ages[perm[i]];
            d2[i] = d[perm[i]];
            p2[i] = p[perm[i]];
        }
        LifeExpectancy.Result shuffled = LifeExpectancy.compute(a2, d2, p2, L95);
        for (int i = 0; i < 20; i++) {
            assertEquals(sorted.value()[perm[i]], shuffled.value()[i]);
            assertEquals(sorted.popsUsed()[perm[i]], shuffled.popsUsed()[i]);
        }
    }

    @Test
    void missingValueSuppressesGroupAndBadArgumentsThrow() {
        double[][] dp = synthetic(1);
        dp[0][5] = Double.NaN;
        LifeExpectancy.Result r = LifeExpectancy.compute(LifeExpectancy.START_AGES, dp[0], dp[1], L95);
        assertEquals(Set.of(Suppression.MISSING_VALUE), r.reasons());
        assertThrows(IllegalArgumentException.class,
                () -> LifeExpectancy.compute(LifeExpectancy.START_AGES, dp[0], dp[1], new double[] {1.0}));
        assertThrows(IllegalArgumentException.class,
                () -> LifeExpectancy.compute(new int[] {0}, dp[0], dp[1], L95));
    }
}
