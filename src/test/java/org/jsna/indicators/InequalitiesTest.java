package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.Fixture;
import org.jsna.aggregate.PeriodScheme;
import org.junit.jupiter.api.Test;

class InequalitiesTest {

    static final String MH = "mental_health";

    /** Decile d: population 1000·d aged 30, (11 − d)·2 referrals; decile 3 left without referrals when asked. */
    static CountCube fixture(boolean zeroDecile3) {
        Fixture fx = new Fixture(List.of(Fixture.MH), PeriodScheme.FISCAL_YEAR, null, null);
        for (int d = 1; d <= 10; d++) {
            fx.area("D" + d, d <= 5 ? "East" : "West", d);
        }
        for (int d = 1; d <= 10; d++) {
            fx.pop("D" + d, 'F', 30, 30, 2023, 1000L * d);
        }
        int person = 0;
        for (int d = 1; d <= 10; d++) {
            if (zeroDecile3 && d == 3) {
                continue;
            }
            for (int i = 0; i < (11 - d) * 2; i++) {
                fx.referral(person++, "2023-06-01", MH, "D" + d, 30, null, null);
            }
        }
        return fx.agg.finish();
    }

    /** Population-weighted least squares of rate on ridit, written out independently. */
    static double[] expectedSiiRii(int[] deciles) {
        double total = 0;
        for (int d : deciles) {
            total += 1000.0 * d;
        }
        double cum = 0;
        double bBar = 0;
        double yBar = 0;
        double[] a = new double[deciles.length];
        double[] b = new double[deciles.length];
        double[] y = new double[deciles.length];
        for (int i = 0; i < deciles.length; i++) {
            int d = deciles[i];
            a[i] = 1000.0 * d / total;
            b[i] = cum + a[i] / 2;
            cum += a[i];
            y[i] = (11 - d) * 2 / (1000.0 * d) * 1000;
            bBar += a[i] * b[i];
            yBar += a[i] * y[i];
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < deciles.length; i++) {
            sxy += a[i] * (b[i] - bBar) * (y[i] - yBar);
            sxx += a[i] * (b[i] - bBar) * (b[i] - bBar);
        }
        double slope = sxy / sxx;
        double intercept = yBar - slope * bBar;
        return new double[] {slope, (intercept + slope) / intercept};
    }

    @Test
    void siiRiiAndRatioFromDecileRates() {
        CountCube c = fixture(false);
        List<IndicatorRow> rows = IndicatorTable.build(c);
        List<InequalityRow> ineq = Inequalities.compute(c, rows, 1);
        InequalityRow r = ineq.stream().filter(x -> x.indicatorId.equals("referrals_rate")).findFirst().orElseThrow();
        double[] e = expectedSiiRii(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(e[0], r.sii, 1e-9 * Math.abs(e[0]));
        assertEquals(e[1], r.rii, 1e-9 * Math.abs(e[1]));
        assertTrue(r.sii < 0, "more demand in deprived deciles gives a negative SII");
        assertTrue(r.rii < 1);
        assertTrue(r.siiLower95 < r.sii && r.sii < r.siiUpper95);
        assertTrue(r.riiLower95 < r.rii && r.rii < r.riiUpper95);
        // decile 1: 20 per 1000 = 20; decile 10: 2 per 10000 = 0.2 per 1,000
        assertEquals(20.0 / 0.2, r.ratioMostLeastDeprived, 1e-9);
        // same seed, same limits
        InequalityRow again = Inequalities.compute(c, rows, 1).get(0);
        assertEquals(r.siiLower95, again.siiLower95);
        // service users: none -> not calculated
        InequalityRow users = ineq.stream().filter(x -> x.indicatorId.equals("service_users_rate")).findFirst()
                .orElseThrow();
        assertTrue(Double.isNaN(users.sii));
        assertTrue(users.valueNote.contains("SII not calculated"), users.valueNote);
    }

    @Test
    void zeroCountDecileIsLeftOutAndNoted() {
        CountCube c = fixture(true);
        InequalityRow r = Inequalities.compute(c, IndicatorTable.build(c), 1).get(0);
        double[] e = expectedSiiRii(new int[] {1, 2, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(e[0], r.sii, 1e-9 * Math.abs(e[0]));
        assertTrue(r.valueNote.contains("decile 3 left out (zero count)"), r.valueNote);
    }

    @Test
    void ratioIsEmptyWhenADecileIsSuppressedOrDecile10IsZero() {
        IndicatorRow d1 = new IndicatorRow();
        d1.value = 4;
        IndicatorRow d10 = new IndicatorRow();
        d10.value = 2;
        InequalityRow r = new InequalityRow();
        Inequalities.ratio(r, d1, d10);
        assertEquals(2, r.ratioMostLeastDeprived);
        d10.suppressed = true;
        r = new InequalityRow();
        Inequalities.ratio(r, d1, d10);
        assertTrue(Double.isNaN(r.ratioMostLeastDeprived));
        d10.suppressed = false;
        d10.value = 0;
        r = new InequalityRow();
        Inequalities.ratio(r, d1, d10);
        assertTrue(Double.isNaN(r.ratioMostLeastDeprived));
        assertTrue(r.valueNote.contains("decile 10"), r.valueNote);
    }
}
