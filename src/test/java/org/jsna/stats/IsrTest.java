package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values: golden/isr/out_is*_area_sex_*.csv, area E00000001 Male (PHEindicatormethods 2.1.0). */
class IsrTest {

    // golden/isr/input_isr.csv, E00000001 Male
    static final double[] DEATHS = {21, 1, 1, Double.NaN, 8, 11, 8, 20, 22, 33, 91, 94, 182, 183, 304, 447, 498, 462, 476};
    static final double[] POP = {12320, 13234, 9389, 12053, 15117, 11037, 15381, 12645, 11130, 10362, 15110, 12634, 12665,
        10216, 9255, 8367, 5558, 2704, 1654};
    static final double[] REF_DEATHS = {119, 10, 9, 30, 57, 66, 91, 120, 176, 309, 486, 796, 1060, 1476, 2161, 2658, 3358,
        3873, 4177};
    static final double[] REF_POP = {88895, 83492, 79580, 81633, 98838, 95002, 100313, 97344, 91081, 92106, 102470, 98076,
        87380, 80402, 74148, 54003, 39779, 25372, 14795};

    @Test
    void ratioAndRateMatchGolden() {
        double o = Isr.observed(DEATHS);
        double e = Isr.expected(POP, REF_DEATHS, REF_POP);
        assertEquals(2862, o);
        Golden.near(2671.61487549409, e, "expected");
        Isr.Result ratio = Isr.ratio(o, e, 100, 0.95);
        Golden.near(107.126218911725, ratio.value(), "ratio");
        Golden.near(103.237056228725, ratio.lower(), "lower");
        Golden.near(111.124399908304, ratio.upper(), "upper");
        assertEquals("Byars", ratio.method());
        Isr.Result ratio998 = Isr.ratio(o, e, 100, 0.998);
        Golden.near(101.044576341031, ratio998.lower(), "lower 99.8");
        Golden.near(113.459707187445, ratio998.upper(), "upper 99.8");
        double refRate = Isr.referenceRate(REF_DEATHS, REF_POP, 100000);
        Golden.near(1416.57388754295, refRate, "ref rate");
        Isr.Result rate = Isr.rate(o, e, refRate, 0.998);
        Golden.near(1517.52204381559, rate.value(), "rate");
        Golden.near(1431.37108322545, rate.lower(), "rate lower 99.8");
        Golden.near(1607.24058490004, rate.upper(), "rate upper 99.8");
    }

    @Test
    void smallAndZeroCountsAreExact() {
        // golden/isr/out_isratio_area_sex_conf95.csv: E00000018 Male and E00000020 Male
        Isr.Result r = Isr.ratio(2, 6.10932306158292, 1, 0.95);
        Golden.near(0.327368512000379, r.value(), "value");
        Golden.near(0.0396458455548116, r.lower(), "lower");
        Golden.near(1.18256762572514, r.upper(), "upper");
        assertEquals("Exact", r.method());
        Isr.Result z = Isr.ratio(0, 4.25469506888896, 1, 0.95);
        assertEquals(0, z.value());
        assertEquals(0, z.lower());
        Golden.near(0.867013826933835, z.upper(), "upper");
    }
}
