package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.Fixture;
import org.junit.jupiter.api.Test;

/** Invariants on random data: localities + Unknown add up to All, deciles to All minus Unknown, limits nest. */
class TotalsPropertyTest {

    @Test
    void localitiesAndDecilesAddUpAndIntervalsNest() {
        Random rnd = new Random(42);
        Fixture fx = new Fixture();
        for (int a = 0; a < 20; a++) {
            fx.area("A" + a, "L" + (a % 4), a % 10 + 1);
        }
        for (int a = 0; a < 20; a++) {
            for (int age = 0; age <= 90; age += 3) {
                fx.pop("A" + a, 'F', age, age, 2023, 50 + rnd.nextInt(50));
            }
        }
        String[] groups = {"mental_health", "older_people"};
        LocalDate start = LocalDate.parse("2023-04-01");
        for (int i = 0; i < 3000; i++) {
            String area = rnd.nextInt(30) == 0 ? "" : "A" + rnd.nextInt(21); // A20 is not in the lookup
            fx.referral(rnd.nextInt(800), start.plusDays(rnd.nextInt(700)).toString(), groups[rnd.nextInt(2)],
                    area, 18 + rnd.nextInt(80), rnd.nextInt(3) == 0 ? null : "primary_care",
                    rnd.nextBoolean() ? "service_provided" : "signposted");
        }
        for (int i = 0; i < 3000; i++) {
            fx.event(rnd.nextInt(800), start.plusDays(rnd.nextInt(700)).toString(), groups[rnd.nextInt(2)],
                    "A" + rnd.nextInt(21), 18 + rnd.nextInt(80), rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(500),
                    rnd.nextBoolean() ? "nhs" : "council", -1);
        }
        List<IndicatorRow> rows = IndicatorTable.build(fx.agg.finish());
        Map<String, double[]> sums = new HashMap<>();
        for (IndicatorRow r : rows) {
            String key = r.indicatorId + "|" + r.period + "|" + r.clientGroup + "|" + r.category;
            boolean decile = "deprivation_decile".equals(r.categoryType);
            if (decile) {
                key = r.indicatorId + "|" + r.period + "|" + r.clientGroup + "|";
            }
            double[] s = sums.computeIfAbsent(key, k -> new double[4]);
            if (decile) {
                s[2] += r.count;
            } else if (r.isAll()) {
                s[0] = r.count;
            } else {
                s[1] += r.count;
                if (r.isUnknown()) {
                    s[3] = r.count;
                }
            }
            if (!Double.isNaN(r.lower998)) {
                assertTrue(r.lower998 <= r.lower95 && r.lower95 <= r.value && r.value <= r.upper95
                        && r.upper95 <= r.upper998, r.indicatorId + " " + r.locality);
            }
        }
        for (String id : List.of("referrals_rate", "service_users_rate", "service_events_rate",
                "repeat_referral_pct", "referral_source_pct", "cost_per_head", "funder_share_pct", "wait_days_median")) {
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                if (e.getKey().startsWith(id + "|")) {
                    assertEquals(e.getValue()[0], e.getValue()[1], 1e-6, e.getKey());
                }
            }
        }
        for (String id : List.of("referrals_rate", "service_users_rate")) {
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                if (e.getKey().startsWith(id + "|")) {
                    assertEquals(e.getValue()[0] - e.getValue()[3], e.getValue()[2], 1e-9, e.getKey());
                }
            }
        }
    }

    @Test
    void populationBandsForPyramids() {
        Fixture fx = new Fixture();
        fx.area("A1", "North", 1).area("A2", "South", 2);
        fx.pop("A1", 'F', 0, 4, 2023, 50).pop("A1", 'F', 7, 7, 2023, 10).pop("A2", 'M', 90, 90, 2023, 5);
        List<Aggregator.PopulationBand> bands = fx.agg.populationBands();
        assertEquals(List.of(
                new Aggregator.PopulationBand(2023, "North", 'F', 0, 50),
                new Aggregator.PopulationBand(2023, "North", 'F', 1, 10),
                new Aggregator.PopulationBand(2023, "South", 'M', 18, 5),
                new Aggregator.PopulationBand(2023, "All", 'F', 0, 50),
                new Aggregator.PopulationBand(2023, "All", 'F', 1, 10),
                new Aggregator.PopulationBand(2023, "All", 'M', 18, 5)), bands);
    }
}
