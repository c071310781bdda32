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
}
