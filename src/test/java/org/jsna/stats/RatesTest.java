package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values: golden/rate/out_rate_conf95_998.csv (PHEindicatormethods 2.1.0). */
class RatesTest {

    private static void check(double x, double n, double level, double value, double lower, double upper, String method) {
        Rates.Result r = Rates.crude(x, n, 100000, level);
        Golden.near(value, r.value(), "value");
        Golden.near(lower, r.lower(), "lower");
        Golden.near(upper, r.upper(), "upper");
        assertEquals(method, r.method());
    }

    @Test
    void zeroCount() {
        check(0, 146253, 0.95, 0, 0, 2.52225899920954, "Exact");
        check(0, 146253, 0.998, 0, 0, 4.72315458758599, "Exact");
    }

    @Test
    void smallCountsAreExact() {
        check(1, 99014, 0.95, 1.00995818773103, 0.0255699274691356, 5.62712686179621, "Exact");
        check(1, 99014, 0.998, 1.00995818773103, 0.00101046350373032, 9.32536154124829, "Exact");
        check(7, 1, 0.95, 7e5, 281436.305151987, 1442267.53617024, "Exact");
        check(7, 1, 0.998, 7e5, 152033.626039881, 1962617.73953842, "Exact");
    }

    @Test
    void tenAndMoreAreByars() {
        check(10, 83486, 0.95, 11.9780562010397, 5.73443441291661, 22.0293924798846, "Byars");
        check(10, 83486, 0.998, 11.9780562010397, 3.49318253922297, 28.9793796898648, "Byars");
        check(25000, 234278, 0.95, 10671.0830722475, 10539.2100938093, 10804.1941077673, "Byars");
        check(25000, 234278, 0.998, 10671.0830722475, 10463.7390765885, 10881.2909463597, "Byars");
    }

    @Test
    void missingNumeratorGivesMissingResult() {
        Rates.Result r = Rates.crude(Double.NaN, 50000, 100000, 0.95);
        assertTrue(Double.isNaN(r.value()) && Double.isNaN(r.lower()) && Double.isNaN(r.upper()));
        assertNull(r.method());
    }

    @Test
    void statisticLabel() {
        assertEquals("rate per 100000", Rates.statistic(100000));
        assertEquals("rate per 1000", Rates.statistic(1000));
    }
}
