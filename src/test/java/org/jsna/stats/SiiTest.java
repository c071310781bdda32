package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsna.stats.Sii.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SII/RII against the reference package's golden outputs: sii, rii and intercept to relative
 * 1e-9; the simulated limits within 5% of the expected interval's width (golden/CASES.md,
 * tolerance {@code sii_ci}: R's random stream cannot be reproduced).
 */
class SiiTest {

    private static final String INPUT = "sii/input_sii_with_cis.csv";

    private static Map<String, List<Map<String, String>>> areas(String path) {
        Map<String, List<Map<String, String>>> areas = new LinkedHashMap<>();
        for (Map<String, String> row : GoldenTable.read(path).rows()) {
            areas.computeIfAbsent(row.get("area"), k -> new ArrayList<>()).add(row);
        }
        areas.values().forEach(l -> l.sort(Comparator.comparingDouble(r -> Double.parseDouble(r.get("decile")))));
        return areas;
    }

    private static double[] column(List<Map<String, String>> rows, String col) {
        if (col == null || col.equals("-")) {
            return null;
        }
        return rows.stream().mapToDouble(r -> GoldenTable.number(r.get(col))).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sii/out_sii_normal_se_conf95_998.csv, score, score_se, -, -, OTHER, false, 1, 0.95;0.998, 1",
        "sii/out_sii_rate_cls_conf95_998.csv, rate, -, rate_lcl, rate_ucl, RATE, false, 1, 0.95;0.998, 2",
        "sii/out_sii_rate_transform_conf95_998.csv, rate, -, rate_lcl, rate_ucl, RATE, true, 1, 0.95;0.998, 3",
        "sii/out_sii_prop_x_cls_mult100_conf95.csv, prop, -, prop_lcl, prop_ucl, PROPORTION, false, 100, 0.95, 4",
        "sii/out_sii_prop_transform_negmult_conf95.csv, prop, -, prop_lcl, prop_ucl, PROPORTION, true, -100, 0.95, 5",
    })
    void matchesGolden(String expected, String value, String se, String lower, String upper, ValueType type,
            boolean transform, double multiplier, String levelList, long seed) {
        String[] parts = levelList.split(";");
        double[] levels = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            levels[i] = Double.parseDouble(parts[i]);
        }
        Map<String, List<Map<String, String>>> areas = areas(INPUT);
        GoldenTable table = GoldenTable.read(expected);
        List<String> cols = table.columns();
        String suffix = transform ? "" : "cl";
        for (Map<String, String> row : table.rows()) {
            String area = row.get("area");
            List<Map<String, String>> rows = areas.get(area);
            Sii.Result r = Sii.compute(column(rows, "population"), column(rows, value), column(rows, se),
                    column(rows, lower), column(rows, upper), type, transform, multiplier, 100_000, levels, seed);
            String what = expected + " " + area;
            GoldenTable.assertClose(row.get("sii"), r.sii(), what + " sii");
            GoldenTable.assertClose(row.get("rii"), r.rii(), what + " rii");
            if (cols.contains("intercept")) {
                GoldenTable.assertClose(row.get("intercept"), r.intercept(), what + " intercept");
            }
            for (int c = 0; c < levels.length; c++) {
                String lab = String.format(Locale.ROOT, "%.1f", levels[c] * 100).replace('.', '_') + suffix;
                assertSimulated(row, "sii_lower" + lab, "sii_upper" + lab, r.siiLower()[c], r.siiUpper()[c], what);
                assertSimulated(row, "rii_lower" + lab, "rii_upper" + lab, r.riiLower()[c], r.riiUpper()[c], what);
            }
        }
    }

    private static void assertSimulated(Map<String, String> row, String loCol, String upCol, double lo, double up,
            String what) {
        assertTrue(row.containsKey(loCol) && row.containsKey(upCol), what + ": golden has " + loCol);
        double eLo = Double.parseDouble(row.get(loCol));
        double eUp = Double.parseDouble(row.get(upCol));
        double tol = 0.05 * (eUp - eLo);
        assertTrue(Math.abs(lo - eLo) <= tol, what + " " + loCol + ": expected " + eLo + " got " + lo + " tol " + tol);
        assertTrue(Math.abs(up - eUp) <= tol, what + " " + upCol + ": expected " + eUp + " got " + up + " tol " + tol);
    }

    private static final double[] POP = {50827, 44918, 41211, 37571, 35000, 33000, 31000, 30000, 29000, 28000};
    private static final double[] SCORE = {112.7, 108.3, 103.2, 99.5, 95.0, 91.2, 88.0, 85.1, 83.0, 80.2};
    private static final double[] SE = {0.73, 0.48, 0.83, 0.94, 0.7, 0.6, 0.8, 0.9, 0.7, 0.5};

    @Test
    void handComputedLinearData() {
        // values exactly linear in the ridit b: y = 10 + 5 b -> SII 5, RII 15/10, intercept 10
        double total = 0;
        for (double p : POP) {
            total += p;
        }
        double[] y = new double[10];
        double cum = 0;
        for (int i = 0; i < 10; i++) {
            double a = POP[i] / total;
            y[i] = 10 + 5 * (cum + a / 2);
            cum += a;
        }
        double[] zero = new double[10];
        Sii.Result r = Sii.compute(POP, y, zero, null, null, ValueType.OTHER, false, 1, 1000, new double[] {0.95}, 1);
        assertEquals(5, r.sii(), 1e-12);
        assertEquals(1.5, r.rii(), 1e-12);
        assertEquals(10, r.intercept(), 1e-12);
        // zero SEs: every draw is the data itself
        assertEquals(5, r.siiLower()[0], 1e-12);
        assertEquals(5, r.siiUpper()[0], 1e-12);
        // negative multiplier scales the SII and inverts the RII
        Sii.Result neg = Sii.compute(POP, y, zero, null, null, ValueType.OTHER, false, -2, 1000,
                new double[] {0.95}, 1);
        assertEquals(-10, neg.sii(), 1e-12);
        assertEquals(1 / 1.5, neg.rii(), 1e-12);
        assertEquals(1 / 1.5, neg.riiLower()[0], 1e-12);
    }

    @Test
    void seedGivesReproducibleLimitsAndLevelsNest() {
        double[] levels = {0.95, 0.998};
        Sii.Result a = Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000, levels, 42);
        Sii.Result b = Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000, levels, 42);
        Sii.Result c = Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000, levels, 43);
        assertArrayEquals(a.siiLower(), b.siiLower());
        assertArrayEquals(a.riiUpper(), b.riiUpper());
        assertTrue(a.siiLower()[0] != c.siiLower()[0]);
        assertEquals(a.sii(), c.sii());
        assertTrue(a.siiLower()[1] <= a.siiLower()[0] && a.siiLower()[0] <= a.sii());
        assertTrue(a.sii() <= a.siiUpper()[0] && a.siiUpper()[0] <= a.siiUpper()[1]);
    }

    @Test
    void positionsFollowRoundHalfEven() {
        // round(R * alpha/2), 1-based: R = 100000 at 95% -> 2500th and 97500th draws
        assertEquals(2499, Sii.position(100_000 * (1 - 0.975), 100_000));
        assertEquals(97_499, Sii.position(100_000 * 0.975, 100_000));
        assertEquals(99, Sii.position(100_000 * (1 - (0.998 + (1 - 0.998) / 2)), 100_000));
        // 2.5 rounds to 2 (half to even), as R's round()
        assertEquals(1, Sii.position(2.5, 1000));
    }

    @Test
    void sharedDrawsGiveTheLimitsOfAGeneratorPerGroup() {
        // groups of 10 and 5 quantiles reading one seed's deviates (the store grows from 5 x 20,000 to 10 x
        // 20,000 and is read again from its start), against a generator per group drawn in blocks
        double[] levels = {0.95, 0.998};
        double[] pop5 = java.util.Arrays.copyOf(POP, 5);
        double[] score5 = java.util.Arrays.copyOf(SCORE, 5);
        double[] se5 = java.util.Arrays.copyOf(SE, 5);
        Sii.Draws shared = new Sii.Draws(42);
        Sii.Result five = Sii.compute(pop5, score5, se5, null, null, ValueType.OTHER, false, 1, 20_000, levels, shared);
        Sii.Result ten = Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000, levels, shared);
        Sii.Result fiveAgain = Sii.compute(pop5, score5, se5, null, null, ValueType.OTHER, false, 1, 20_000, levels,
                shared);
        // a store of 1,000 deviates: both groups draw their own, 65,536 at a time
        Sii.Result fiveOwn = Sii.compute(pop5, score5, se5, null, null, ValueType.OTHER, false, 1, 20_000, levels,
                new Sii.Draws(42, 1000));
        Sii.Result tenOwn = Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000, levels,
                new Sii.Draws(42, 1000));
        for (Sii.Result[] same : new Sii.Result[][] {{five, fiveAgain}, {five, fiveOwn}, {ten, tenOwn}}) {
            assertArrayEquals(same[0].siiLower(), same[1].siiLower());
            assertArrayEquals(same[0].siiUpper(), same[1].siiUpper());
            assertArrayEquals(same[0].riiLower(), same[1].riiLower());
            assertArrayEquals(same[0].riiUpper(), same[1].riiUpper());
        }
        // the two groups' limits differ (different data), and a seed-only call is the shared store's result
        assertTrue(five.siiLower()[0] != ten.siiLower()[0]);
        assertArrayEquals(ten.siiUpper(), Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 20_000,
                levels, 42).siiUpper());
    }

    @Test
    void errorsOfTheReference() {
        double[] l = {0.95};
        Map<String, List<Map<String, String>>> four = areas("derived/sii_four_quantiles.csv");
        List<Map<String, String>> s001 = four.get("S001");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sii.compute(
                column(s001, "population"), column(s001, "score"), column(s001, "score_se"), null, null,
                ValueType.OTHER, false, 1, 100_000, l, 6));
        assertTrue(e.getMessage().contains("between 5 and 100"));
        double[] zeroPop = POP.clone();
        zeroPop[3] = 0;
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(zeroPop, SCORE, SE, null, null, ValueType.OTHER, false, 1, 1000, l, 1));
        double[] negSe = SE.clone();
        negSe[0] = -1;
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, negSe, null, null, ValueType.OTHER, false, 1, 1000, l, 1));
        double[] lo = SCORE.clone();
        lo[2] = Double.NaN;
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, null, lo, SCORE, ValueType.OTHER, false, 1, 1000, l, 1));
        double[] prop = {0.1, 0.2, 0.3, 0.4, 1.5, 0.2, 0.2, 0.2, 0.2, 0.2};
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, prop, SE, null, null, ValueType.PROPORTION, false, 1, 1000, l, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, null, SCORE, SCORE, ValueType.OTHER, true, 1, 1000, l, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, SE, null, null, ValueType.RATE, true, 1, 1000, l, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, SE, null, null, ValueType.OTHER, false, 1, 999, l, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Sii.compute(POP, SCORE, null, null, null, ValueType.OTHER, false, 1, 1000, l, 1));
    }

    @org.junit.jupiter.api.Test
    void selectionGivesTheOrderStatisticsOfTheSortedDraws() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values half the time: ties and all-equal arrays must not matter
                a[i] = trial % 2 == 0 ? random.nextGaussian() : random.nextInt(3);
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(n);
            org.junit.jupiter.api.Assertions.assertEquals(sorted[k], OrderStatistics.quickselect(a.clone(), k));
        }
        double[] constant = new double[100_000];
        java.util.Arrays.fill(constant, 4.5);
        org.junit.jupiter.api.Assertions.assertEquals(4.5, OrderStatistics.quickselect(constant, 2500)); // no quadratic time
    }
}
