package org.jsna.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jsna.input.ClientGroup;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the projection (docs/projection.md) on random councils: a projected population equal to the
 * base population (Q = P / N, per base period) projects the base itself (V = base_value) for every count
 * measure, whatever the rates, the sex-U share or the cut bands; {@code All} is the sum of the localities'
 * values and base values; limits bracket the value and the lower one is never negative.
 */
class ProjectorPropertiesTest {

    private static final List<ClientGroup> GROUPS = List.of(new ClientGroup("kids", "Kids", 0, 17),
            new ClientGroup("adults", "Adults", 18, 64), new ClientGroup("older", "Older", 65, ClientGroup.OPEN));

    /** A random base whose every cell with records has population, and its population by age per period. */
    private static Object[] council(long seed, int localities, int periods) {
        Random r = new Random(seed);
        List<String> locs = new ArrayList<>();
        for (int l = 0; l < localities; l++) {
            locs.add("L" + l);
        }
        double[][][] byAge = new double[localities][2][91];
        for (double[][] x : byAge) {
            for (double[] y : x) {
                for (int a = 0; a <= 90; a++) {
                    y[a] = 1 + r.nextInt(400) + (r.nextBoolean() ? r.nextDouble() : 0);
                }
            }
        }
        int ng = GROUPS.size();
        long[][][][][] counts = new long[3][ng][localities][3][Base.BANDS];
        double[][][][] pop = new double[ng][localities][2][Base.BANDS];
        double[][][] popSum = new double[localities][2][91];
        for (int l = 0; l < localities; l++) {
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= 90; a++) {
                    popSum[l][s][a] = byAge[l][s][a] * periods;
                }
            }
        }
        for (int g = 0; g < ng; g++) {
            ClientGroup cg = GROUPS.get(g);
            for (int l = 0; l < localities; l++) {
                for (int s = 0; s < 2; s++) {
                    for (int a = cg.minAge(); a <= Math.min(90, cg.maxAge()); a++) {
                        pop[g][l][s][Base.band(a)] += popSum[l][s][a];
                    }
                }
                for (int m = 0; m < 3; m++) {
                    for (int s = 0; s < 3; s++) {
                        for (int b = 0; b < Base.BANDS; b++) {
                            boolean inRange = s == 2 || pop[g][l][s][b] > 0;
                            counts[m][g][l][s][b] = inRange && r.nextInt(3) == 0 ? r.nextInt(s == 2 ? 3 : 40) : 0;
                        }
                    }
                }
            }
        }
        double[][] cost = new double[ng][localities];
        long[][] users = new long[ng][localities];
        for (int g = 0; g < ng; g++) {
            for (int l = 0; l < localities; l++) {
                users[g][l] = r.nextInt(3);
                cost[g][l] = users[g][l] * 100.0 * r.nextInt(5);
            }
        }
        Base base = new Base(GROUPS, locs, periods, counts, pop, cost, users, new double[] {500, 500, 500},
                new long[] {5, 5, 5}, popSum);
        return new Object[] {base, byAge};
    }

    @Property(tries = 60)
    void projectingTheBasePopulationGivesTheBaseAndAllIsTheSumOfLocalities(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 5) int localities, @ForAll @IntRange(min = 1, max = 3) int periods) {
        Object[] c = council(seed, localities, periods);
        Base base = (Base) c[0];
        Map<Integer, double[][][]> q = new TreeMap<>();
        q.put(2030, (double[][][]) c[1]);
        List<ProjectionRow> rows = Projector.project(base, q, List.of()).rows();
        assertEquals(GROUPS.size() * (localities + 1) * 4, rows.size());
        for (ProjectionRow row : rows) {
            if (!row.measure().equals(Measure.COST)) {
                assertEquals(row.baseValue(), row.value(), 1e-9 * Math.max(1, row.baseValue()), row.toString());
            }
            assertTrue(row.lower() >= 0 && row.lower() <= row.value() && row.value() <= row.upper(), row.toString());
        }
        for (int i = 0; i < rows.size(); i++) {
            ProjectionRow all = rows.get(i);
            if (!all.locality().equals("All")) {
                continue;
            }
            double value = 0;
            double baseValue = 0;
            for (ProjectionRow x : rows) {
                if (!x.locality().equals("All") && x.clientGroup().equals(all.clientGroup())
                        && x.measure().equals(all.measure())) {
                    value += x.value();
                    baseValue += x.baseValue();
                }
            }
            assertEquals(value, all.value(), 1e-9 * Math.max(1, value), all.toString());
            assertEquals(baseValue, all.baseValue(), 1e-9 * Math.max(1, baseValue), all.toString());
        }
    }

    @Property(tries = 40)
    void allIsTheSumOfLocalitiesForAnyProjectedPopulation(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int localities) {
        Object[] c = council(seed, localities, 1);
        Base base = (Base) c[0];
        Random r = new Random(seed ^ 0x5DEECE66DL);
        double[][][] q = new double[localities][2][91];
        for (double[][] x : q) {
            for (double[] y : x) {
                for (int a = 0; a <= 90; a++) {
                    y[a] = r.nextInt(600) * r.nextDouble();
                }
            }
        }
        Map<Integer, double[][][]> byYear = new TreeMap<>();
        byYear.put(2031, q);
        List<ProjectionRow> rows = Projector.project(base, byYear, List.of()).rows();
        for (ProjectionRow all : rows) {
            if (!all.locality().equals("All")) {
                continue;
            }
            double value = rows.stream().filter(x -> !x.locality().equals("All")
                    && x.clientGroup().equals(all.clientGroup()) && x.measure().equals(all.measure()))
                    .mapToDouble(ProjectionRow::value).sum();
            assertEquals(value, all.value(), 1e-9 * Math.max(1, value), all.toString());
            assertTrue(all.lower() >= 0 && all.lower() <= all.value() && all.value() <= all.upper(), all.toString());
        }
    }

    /** Shares by hand: ages with population, a band to fall back on, the sex at all ages, and nothing at all. */
    @Test
    void shareOutByAgeThenBandThenSex() {
        double[][][] b = new double[2][2][91];
        b[0][0][30] = 300; // F 30: North 300, South 100
        b[1][0][30] = 100;
        b[0][0][33] = 10; // F band 30-34 has North 310, South 100 (31 has no one)
        b[0][0][60] = 50; // F at all ages: North 360, South 140
        b[1][0][80] = 40;
        double[][] s = new double[2][91];
        s[0][30] = 40;
        s[0][31] = 41;
        s[0][5] = 50;
        s[1][7] = 10; // no man anywhere: evenly
        double[][][] q = ShareOut.of(s, b);
        assertEquals(30, q[0][0][30], 1e-12);
        assertEquals(10, q[1][0][30], 1e-12);
        assertEquals(41 * 310.0 / 410, q[0][0][31], 1e-12);
        assertEquals(41 * 100.0 / 410, q[1][0][31], 1e-12);
        assertEquals(50 * 360.0 / 500, q[0][0][5], 1e-12);
        assertEquals(50 * 140.0 / 500, q[1][0][5], 1e-12);
        assertEquals(5, q[0][1][7], 1e-12);
        assertEquals(5, q[1][1][7], 1e-12);
    }
}
