package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoissonTest {

    @Test
    void exactAtZeroHasLowerZeroAndUpperHalfChiSquare() {
        Interval ci = Poisson.exact(0, 0.95);
        assertEquals(0, ci.lower());
        // χ²_{0.975}(2)/2 = −ln(0.025) exactly (chi-square with 2 df is exponential with mean 2)
        Golden.near(-Math.log(0.025), ci.upper(), "upper");
        Golden.near(-Math.log(0.001), Poisson.exact(0, 0.998).upper(), "upper 99.8");
    }

    @Test
    void exactAtOneHasClosedForm() {
        // O = 1: lower = χ²_{α/2}(2)/2 = −ln(1 − α/2)
        Golden.near(-Math.log(1 - 0.025), Poisson.exact(1, 0.95).lower(), "lower");
    }

    @Test
    void byarMatchesTheFormulaByHand() {
        double z = 1.959963984540054;
        double o = 25;
        double lower = o * Math.pow(1 - 1 / (9 * o) - z / (3 * 5), 3);
        double upper = 26 * Math.pow(1 - 1 / (9.0 * 26) + z / (3 * Math.sqrt(26)), 3);
        Interval ci = Poisson.byar(o, 0.95);
        Golden.near(lower, ci.lower(), "lower");
        Golden.near(upper, ci.upper(), "upper");
    }

    @Test
    void negativeByarLowerIsMissing() {
        assertTrue(Double.isNaN(Poisson.byar(1, 0.998).lower()));
    }

    @Test
    void thresholdIsTen() {
        assertEquals("Exact", Poisson.methodFor(9));
        assertEquals("Byars", Poisson.methodFor(10));
    }
}
