package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values: golden/proportion/out_proportion_conf95.csv and _conf998.csv (PHEindicatormethods 2.1.0). */
class ProportionsTest {

    @Test
    void zeroOutOfOne() {
        Interval ci = Proportions.wilson(0, 1, 0.95);
        assertEquals(0, ci.lower());
        Golden.near(0.793450685622763, ci.upper(), "upper");
        Golden.near(0.905209098498679, Proportions.wilson(0, 1, 0.998).upper(), "upper 99.8");
    }

    @Test
    void allOutOfAll() {
        Interval ci = Proportions.wilson(1, 1, 0.95);
        Golden.near(0.206549314377238, ci.lower(), "lower");
        assertEquals(1, ci.upper());
        Golden.near(0.0947909015013205, Proportions.wilson(1, 1, 0.998).lower(), "lower 99.8");
    }

    @Test
    void zeroOutOfTen() {
        Golden.near(0.277532799862889, Proportions.wilson(0, 10, 0.95).upper(), "upper");
        Golden.near(0.488478900453462, Proportions.wilson(0, 10, 0.998).upper(), "upper 99.8");
    }

    @Test
    void largeGroupedProportion() {
        // golden grp even: 154034 / 646661
        Interval ci = Proportions.wilson(154034, 646661, 0.95);
        Golden.near(0.237162305121779, ci.lower(), "lower");
        Golden.near(0.239238794347054, ci.upper(), "upper");
    }

    @Test
    void statisticLabels() {
        assertEquals("percentage", Proportions.statistic(100));
        assertEquals("proportion of 1", Proportions.statistic(1));
        assertEquals("proportion of 1000", Proportions.statistic(1000));
    }
}
