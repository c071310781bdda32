package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The population's sums do not depend on the order of its rows (indicators.md: summed by cell in key order):
 * bands cut by the client groups' ranges give fractions whose double sums would otherwise change in their last
 * digits with the order.
 */
class PopulationOrderTest {

    private record Row(String area, char sex, int low, int high, int year, long people) {
    }

    @Test
    void bandedPopulationInAnyOrderGivesTheSameDenominatorsToTheBit() {
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        int[][] bands = {{0, 4}, {5, 14}, {15, 19}, {20, 44}, {45, 62}, {63, 67}, {68, 84}, {85, 90}};
        for (int a = 0; a < 9; a++) {
            for (int year = 2022; year <= 2024; year++) {
                for (char sex : new char[] {'F', 'M'}) {
                    for (int[] b : bands) {
                        rows.add(new Row("A" + a, sex, b[0], b[1], year, 1 + random.nextInt(5000)));
                    }
                }
            }
        }
        CountCube first = null;
        List<Aggregator.PopulationBand> firstBands = null;
        double[][][] firstAges = null;
        for (int order = 0; order < 4; order++) {
            Collections.shuffle(rows, random);
            Fixture f = new Fixture();
            for (int a = 0; a < 9; a++) {
                f.area("A" + a, "L" + a % 3, a + 1);
            }
            for (Row r : rows) {
                f.pop(r.area(), r.sex(), r.low(), r.high(), r.year(), r.people());
            }
            f.referral(1, "2023-06-01", "mental_health", "A1", 30, null, null);
            CountCube c = f.agg.finish();
            List<Aggregator.PopulationBand> bandsOut = f.agg.populationBands();
            double[][][] ages = f.agg.populationByAge(2023);
            if (first == null) {
                first = c;
                firstBands = bandsOut;
                firstAges = ages;
                assertTrue(c.population[c.group(0, 0, c.allSlot())] > 0, "the denominators are not empty");
                continue;
            }
            assertArrayEquals(first.population, c.population, "population, order " + order);
            assertArrayEquals(first.bandPopulation, c.bandPopulation, "population by band, order " + order);
            assertEquals(firstBands, bandsOut, "pyramid bands, order " + order);
            for (int l = 0; l < ages.length; l++) {
                for (int s = 0; s < 2; s++) {
                    assertArrayEquals(firstAges[l][s], ages[l][s], "single ages, order " + order);
                }
            }
        }
    }

    /**
     * A band cut by a group's range gives it a fraction of the band's people; the denominators are the exact sums
     * rounded once, so that 61,877 fifths is written 12375.4 and not 12375.400000000001 (adding 12,375.4's inexact
     * fifths, as jsna did, was off in the last digits: an analyst's spreadsheet shows the noise).
     */
    @Test
    void aGroupsShareOfBandsIsTheExactSumRoundedOnce() {
        Fixture f = new Fixture();
        for (int a = 0; a < 7; a++) {
            f.area("A" + a, "L", a + 1);
        }
        // numbers for which adding the fifths one cell at a time gave 21882.399999999998
        long[] cuts = {1920, 1571, 3853, 4432, 4503, 3903, 3254};
        long[] wholes = {1234, 1900, 1243, 4286, 3195, 125, 525};
        long fifths = 0;
        for (int a = 0; a < 7; a++) {
            // mental_health is 18-64: 2 of 15-19's five years, all of 60-64
            f.pop("A" + a, 'F', 15, 19, 2023, cuts[a]);
            f.pop("A" + a, 'M', 60, 64, 2023, wholes[a]);
            fifths += 2 * cuts[a] + 5 * wholes[a];
        }
        f.referral(1, "2023-06-01", "mental_health", "A1", 30, null, null);
        CountCube c = f.agg.finish();
        double all = c.population[c.group(0, 0, c.allSlot())];
        assertEquals((double) fifths / 5, all, 0.0, "the exact sum, rounded once");
        assertEquals(java.math.BigDecimal.valueOf(fifths).divide(java.math.BigDecimal.valueOf(5)).toPlainString(),
                org.jsna.output.table.CellFormat.number(all));
    }

    /** Beyond what a long holds in fifths of a person, the sums are the plain sums of doubles, not an error. */
    @Test
    void populationsTooLargeToKeepExactStillSum() {
        Fixture f = new Fixture();
        f.area("A0", "L", 1);
        f.area("A1", "L", 2);
        long huge = Long.MAX_VALUE / 4;
        f.pop("A0", 'F', 15, 19, 2023, huge);
        f.pop("A1", 'F', 15, 19, 2023, huge);
        f.referral(1, "2023-06-01", "mental_health", "A1", 30, null, null);
        CountCube c = f.agg.finish();
        assertEquals(2 * (huge * 2.0 / 5), c.population[c.group(0, 0, c.allSlot())], 1e-9 * huge);
    }
}
