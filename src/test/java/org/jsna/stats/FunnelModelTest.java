package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The population-parametrised model against the reference's event-parametrised table: at the
 * populations of the golden crude-rate table the model's limits are the golden limits (to the
 * reference's own bisection precision, ~1e-7 relative).
 */
class FunnelModelTest {

    private static final FunnelGoldenFile RATE = FunnelGoldenFile.read("input_funnel_rate.csv");
    private static final FunnelGoldenFile LIMITS = FunnelGoldenFile.read("out_funnel_limits_rate_crude.csv");

    @Test
    void crudeRateLimitsPassThroughTheReferenceTable() {
        FunnelModel m = FunnelModel.crudeRate(RATE.numbers("count"), RATE.numbers("pop"), 100000);
        // pop = 100000 × count / rate in the input, so the average is the golden baseline
        assertEquals(LIMITS.numbers("baseline")[0], m.average(), 1e-7);
        String[][] pairs = {
            {"lower_2s_population_1_year", "lower_2s_limit"},
            {"upper_2s_population_1_year", "upper_2s_limit"},
            {"lower_3s_population_1_year", "lower_3s_limit"},
            {"upper_3s_population_1_year", "upper_3s_limit"}};
        for (int p = 0; p < pairs.length; p++) {
            double[] pop = LIMITS.numbers(pairs[p][0]);
            double[] lim = LIMITS.numbers(pairs[p][1]);
            for (int i = 0; i < pop.length; i += 3) {
                // the golden call used 3 years of data: the person-years are 3 × population per year
                FunnelModel.Band b = m.limitsAt(pop[i] * 3);
                double got = switch (p) {
                    case 0 -> b.lower95();
                    case 1 -> b.upper95();
                    case 2 -> b.lower998();
                    default -> b.upper998();
                };
                // the reference bisects v = E/(1 + O + E) to a step of 1e-7, relatively coarse when
                // the expected count E is far below 1 (first rows of the 99.8% upper limit)
                double expectedCount = pop[i] * 3 * m.average() / 100000;
                double tol = expectedCount >= 1 ? 2e-6 : 1e-3;
                assertEquals(lim[i], got, tol * lim[i], pairs[p][1] + " row " + i);
            }
        }
    }

    @Test
    void bandsNestAndNarrowWithPopulation() {
        FunnelModel m = FunnelModel.crudeRate(new double[] {30, 80, 120}, new double[] {20000, 60000, 100000}, 100000);
        double av = m.average();
        double prevWidth = Double.POSITIVE_INFINITY;
        for (double n : new double[] {100, 1000, 10000, 100000, 1e6}) {
            FunnelModel.Band b = m.limitsAt(n);
            assertTrue(b.lower998() <= b.lower95() && b.lower95() <= av && av <= b.upper95()
                    && b.upper95() <= b.upper998(), "n=" + n);
            assertTrue(b.upper998() - b.lower998() < prevWidth);
            prevWidth = b.upper998() - b.lower998();
        }
        // small populations: expected count below −ln(0.025) = 3.69, so no count is low enough
        assertEquals(0, m.limitsAt(100).lower95());
    }

    @Test
    void proportionModelMatchesTheReferenceTable() {
        FunnelGoldenFile in = FunnelGoldenFile.read("input_funnel_proportion.csv");
        FunnelGoldenFile out = FunnelGoldenFile.read("out_funnel_limits_proportion_mult100.csv");
        FunnelModel m = FunnelModel.proportion(in.numbers("numerator"), in.numbers("denominator"), 100);
        double[] pop = out.numbers("Population");
        double[] lo = out.numbers("lower_3s_limit");
        double[] hi = out.numbers("upper_2s_limit");
        for (int i = 0; i < pop.length; i++) {
            FunnelModel.Band b = m.limitsAt(pop[i]);
            FunnelGoldenFile.near(lo[i], b.lower998(), "lower_3s row " + i);
            FunnelGoldenFile.near(hi[i], b.upper95(), "upper_2s row " + i);
        }
        assertEquals(out.numbers("baseline")[0], m.average(), 1e-9);
    }

    @Test
    void chartPopulationsAreGeometric() {
        double[] x = FunnelModel.chartPopulations(100, 10000, 3);
        assertEquals(100, x[0], 1e-9);
        assertEquals(1000, x[1], 1e-9);
        assertEquals(10000, x[2]);
        assertThrows(IllegalArgumentException.class, () -> FunnelModel.chartPopulations(0, 10, 5));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(FunnelDataException.class,
                () -> FunnelModel.crudeRate(new double[] {1, -1}, new double[] {10, 10}, 1000));
        assertThrows(FunnelDataException.class,
                () -> FunnelModel.proportion(new double[] {11}, new double[] {10}, 100));
        assertThrows(IllegalArgumentException.class,
                () -> FunnelModel.crudeRate(new double[] {1}, new double[] {10}, 1000).limitsAt(0));
    }

    /**
     * The guided bisection (distribution functions far from the root, quantiles near it) ends on the
     * very double the bisection on quantiles alone ends on, over expected counts from 0.001 to 10
     * million, both tails and both limits: charts and {@code jsna calc funnel} are unchanged by it.
     */
    @Test
    void guidedBisectionEndsWhereTheQuantileBisectionEnds() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261205);
        int guided = 0;
        for (int i = 0; i < 1200; i++) {
            double e = Math.pow(10, -3 + 10 * random.nextDouble());
            if (i < 20) {
                e = i + 1; // whole expected counts too
            }
            for (double tail : new double[] {0.025, 0.001}) {
                double plain = FunnelModel.upperCount(e, tail, FunnelModel::bisectByQuantiles);
                assertEquals(plain, FunnelModel.upperCount(e, tail), "upper, E=" + e + ", tail " + tail);
                double lower = FunnelModel.lowerCount(e, tail, FunnelModel::bisectByQuantiles);
                assertEquals(lower, FunnelModel.lowerCount(e, tail), "lower, E=" + e + ", tail " + tail);
                guided += lower > 0 ? 2 : 1;
            }
        }
        assertTrue(guided > 3000, "bisections compared: " + guided);
    }
}
