package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values: golden/dsr/out_dsr_area_sex_conf95_998.csv, area E00000001 Male (PHEindicatormethods 2.1.0). */
class DsrTest {

    // golden/dsr/input_dsr.csv, E00000001 Male, bands 0-4 … 90+ (15-19 has an NA count)
    static final double[] DEATHS = {21, 1, 1, Double.NaN, 8, 11, 8, 20, 22, 33, 91, 94, 182, 183, 304, 447, 498, 462, 476};
    static final double[] POP = {12320, 13234, 9389, 12053, 15117, 11037, 15381, 12645, 11130, 10362, 15110, 12634, 12665,
        10216, 9255, 8367, 5558, 2704, 1654};

    static double[] esp() {
        return Dsr.ESP2013_WEIGHTS.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void esp2013HasNineteenBandsSummingTo100000() {
        assertEquals(19, Dsr.ESP2013_BANDS.size());
        assertEquals(100000, Dsr.ESP2013_WEIGHTS.stream().mapToDouble(Double::doubleValue).sum());
        assertEquals("90+", Dsr.ESP2013_BANDS.get(18));
    }

    @Test
    void dobsonLimitsMatchGolden() {
        Dsr.Result r = Dsr.independent(DEATHS, POP, esp(), 100000, 0.95);
        assertEquals(2862, r.totalCount());
        assertEquals(200831, r.totalPop());
        Golden.near(1490.53176159406, r.value(), "value");
        Golden.near(1436.08354489264, r.lower(), "lower");
        Golden.near(1546.50623297959, r.upper(), "upper");
        assertNull(r.note());
        Dsr.Result r998 = Dsr.independent(DEATHS, POP, esp(), 100000, 0.998);
        Golden.near(1405.38886077453, r998.lower(), "lower 99.8");
        Golden.near(1579.2004983429, r998.upper(), "upper 99.8");
        Golden.near(14.9053176159406, Dsr.independent(DEATHS, POP, esp(), 1000, 0.95).value(), "per 1000");
    }

    @Test
    void fewerThanTenEventsAreSuppressed() {
        double[] d = new double[19];
        d[0] = 9;
        Dsr.Result r = Dsr.independent(d, POP, esp(), 100000, 0.95);
        assertEquals(9, r.totalCount());
        assertTrue(Double.isNaN(r.value()) && Double.isNaN(r.lower()) && Double.isNaN(r.upper()));
        assertEquals(Dsr.NOTE_SMALL, r.note());
        assertEquals(Dsr.NOTE_SMALL, Dsr.independent(new double[19], POP, esp(), 100000, 0.95).note());
    }

    @Test
    void tenEventsInOneBandByHand() {
        // one band, 10 events in 1000 people, weight 5000: DSR = 10/1000, var = 10/1000², Dobson = rate × Byar(10)/10
        Dsr.Result r = Dsr.independent(new double[] {10}, new double[] {1000}, new double[] {5000}, 1000, 0.95);
        Interval b = Poisson.byar(10, 0.95);
        Golden.near(10, r.value(), "value");
        Golden.near(b.lower(), r.lower(), "lower");
        Golden.near(b.upper(), r.upper(), "upper");
    }

    @Test
    void nonIndependentWithFrequencyOneEqualsIndependent() {
        String[] cat = Dsr.ESP2013_BANDS.toArray(new String[0]);
        double[] f = new double[19];
        java.util.Arrays.fill(f, 1);
        Dsr.Result a = Dsr.nonIndependent(cat, f, DEATHS, POP, esp(), 100000, 0.95);
        Dsr.Result b = Dsr.independent(DEATHS, POP, esp(), 100000, 0.95);
        Golden.near(b.value(), a.value(), "value");
        Golden.near(b.lower(), a.lower(), "lower");
        Golden.near(b.upper(), a.upper(), "upper");
    }
}
