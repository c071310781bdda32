package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every indicator on a small hand-made fixture; expected values computed by hand in the comments
 * (and limits from the textbook formulas, written out here independently of the code).
 */
class IndicatorTableTest {

    static final double Z95 = 1.959963984540054;
    static final double T95_DF3 = 3.182446305284263;
    static final String MH = "mental_health";
    static final String OP = "older_people";
    static final String P1 = "2023/24";
    static final String P2 = "2024/25";

    static Fixture fx;
    static List<IndicatorRow> rows;

    @BeforeAll
    static void build() {
        fx = new Fixture();
        fx.area("A1", "North", 1).area("A2", "North", 2).area("A3", "South", 10);
        // population 2023: MH (18-64) North 1000+1000+200 (2/5 of the 15-19 band) = 2200, South 2100, All 4300
        // OP (65+) North 500+100 = 600, South 400, All 1000
        fx.pop("A1", 'F', 30, 30, 2023, 1000).pop("A1", 'M', 40, 40, 2023, 1000).pop("A1", 'F', 70, 70, 2023, 500)
                .pop("A2", 'M', 15, 19, 2023, 500).pop("A2", 'F', 90, 90, 2023, 100)
                .pop("A3", 'F', 50, 50, 2023, 2000).pop("A3", 'M', 64, 64, 2023, 100).pop("A3", 'M', 65, 65, 2023, 400)
                .pop("Z9", 'F', 30, 30, 2023, 999);
        int r0 = fx.referral(0, "2023-05-01", MH, "A1", 30, "primary_care", "service_provided");
        fx.referral(0, "2023-06-01", MH, "A3", 30, null, "ongoing");
        fx.referral(1, "2023-07-01", MH, "", 17, "other", "signposted");
        fx.referral(2, "2023-08-01", MH, "X1", 40, "primary_care", null);
        int r4 = fx.referral(3, "2024-01-15", MH, "A3", 50, "self_or_family", "service_provided");
        fx.referral(4, "2024-04-02", MH, "A2", 20, null, null);
        fx.event(0, "2023-05-10", MH, "A1", 30, 100, "nhs", r0);
        fx.event(0, "2023-05-05", MH, "A1", 30, 50, "council", -1);
        fx.event(3, "2024-02-01", MH, "A3", 50, Double.NaN, "council", r4);
        fx.event(3, "2024-03-01", MH, "A3", 50, 200, null, -1);
        fx.event(2, "2023-09-01", MH, "X1", 40, 30, "self", -2);
        fx.event(5, "2023-06-01", MH, "A3", 40, 70, "nhs", -1);
        CountCube c = fx.agg.finish();
        rows = IndicatorTable.build(c);
    }

    static IndicatorRow row(String id, String period, String group, String locality, String category) {
        for (IndicatorRow r : rows) {
            if (r.indicatorId.equals(id) && r.period.equals(period) && r.clientGroup.equals(group)
                    && r.locality.equals(locality) && r.category.equals(category)
                    && (category.isEmpty() || !r.categoryType.equals("deprivation_decile") || !locality.equals("All")
                            || true)) {
                return r;
            }
        }
        throw new AssertionError("no row " + id + " " + period + " " + group + " " + locality + " " + category);
    }

    static IndicatorRow row(String id, String period, String group, String locality) {
        return row(id, period, group, locality, "");
    }

    static void close(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12 + 1e-12);
    }

    /** Exact Poisson upper limit for x = 1 at 95%: solves e^-u (1 + u) = 0.025 by bisection. */
    static double exactUpper1() {
        double lo = 0;
        double hi = 20;
        for (int i = 0; i < 200; i++) {
            double m = (lo + hi) / 2;
            if (Math.exp(-m) * (1 + m) > 0.025) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    static double[] wilson(double x, double n, double z) {
        double root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
        double d = 2 * (n + z * z);
        return new double[] {(2 * x + z * z - root) / d * 100, (2 * x + z * z + root) / d * 100};
    }

    @Test
    void rowsExistForEveryPeriodGroupLocalityCategoryAndDecile() {
        // per period and group: 10 plain indicators x 4 localities + 2 decile indicators x 10
        // + (8 sources + 4 funders) x 4 localities = 40 + 20 + 48 = 108; 2 periods x 2 groups
        assertEquals(4 * 108, rows.size());
        IndicatorRow zero = row("referral_source_pct", P1, MH, "North", "education");
        assertEquals(0, zero.count);
        assertEquals(1, zero.denominator);
        assertEquals("referral_source", zero.categoryType);
        IndicatorRow d = row("referrals_rate", P1, MH, "All", "2");
        assertEquals("deprivation_decile", d.categoryType);
        assertEquals(0, d.count);
        assertEquals(200, d.denominator, 1e-9);
    }

    @Test
    void referralRatesByLocalityUnknownAllAndDecile() {
        IndicatorRow north = row("referrals_rate", P1, MH, "North");
        assertEquals(1, north.count);
        close(2200, north.denominator);
        close(1.0 / 2200 * 1000, north.value);
        assertEquals("Exact", north.method);
        close(-Math.log(0.975) / 2200 * 1000, north.lower95);
        assertEquals(exactUpper1() / 2200 * 1000, north.upper95, 1e-9);
        assertEquals(1, north.disclosureCount);
        assertEquals(-1, north.denominatorDisclosureCount);

        IndicatorRow unknown = row("referrals_rate", P1, MH, "Unknown");
        assertEquals(2, unknown.count);
        assertTrue(Double.isNaN(unknown.denominator));
        assertTrue(Double.isNaN(unknown.value));
        assertTrue(unknown.valueNote.contains("population not known"), unknown.valueNote);

        IndicatorRow all = row("referrals_rate", P1, MH, "All");
        assertEquals(5, all.count);
        close(4300, all.denominator);
        IndicatorRow d10 = row("referrals_rate", P1, MH, "All", "10");
        assertEquals(2, d10.count);
        close(2100, d10.denominator);

        IndicatorRow op = row("referrals_rate", P1, OP, "North");
        assertEquals(0, op.count);
        close(600, op.denominator);
        assertEquals(0, op.value);
        assertEquals(0, op.lower95);
        close(-Math.log(0.025) / 600 * 1000, op.upper95);
    }

    @Test
    void laterPeriodUsesLatestEarlierPopulationWithNote() {
        IndicatorRow north = row("referrals_rate", P2, MH, "North");
        assertEquals(1, north.count);
        close(2200, north.denominator);
        assertTrue(north.valueNote.contains("mid-2023"), north.valueNote);
        assertEquals("", row("referrals_rate", P1, MH, "North").valueNote);
    }

    @Test
    void sourceConversionAndRepeat() {
        // known sources All: primary_care x2, other, self_or_family -> n = 4
        IndicatorRow pc = row("referral_source_pct", P1, MH, "All", "primary_care");
        assertEquals(2, pc.count);
        assertEquals(4, pc.denominator);
        close(50, pc.value);
        double[] w = wilson(2, 4, Z95);
        close(w[0], pc.lower95);
        close(w[1], pc.upper95);
        assertEquals("Wilson", pc.method);
        // conversion All: service_provided 2 of {service_provided x2, signposted}; ongoing and unknown out
        IndicatorRow conv = row("referral_conversion_pct", P1, MH, "All");
        assertEquals(2, conv.count);
        assertEquals(3, conv.denominator);
        close(200.0 / 3, conv.value);
        // repeat: person 0 twice (placed North by the first referral); people 0,1,2,3
        IndicatorRow rep = row("repeat_referral_pct", P1, MH, "All");
        assertEquals(1, rep.count);
        assertEquals(4, rep.denominator);
        assertEquals(1, row("repeat_referral_pct", P1, MH, "North").count);
        assertEquals(1, row("repeat_referral_pct", P1, MH, "North").denominator);
        assertEquals(0, row("repeat_referral_pct", P1, MH, "South").count);
        assertEquals(1, row("repeat_referral_pct", P1, MH, "South").denominator);
        assertEquals(2, row("repeat_referral_pct", P1, MH, "Unknown").denominator);
        assertEquals(4, rep.denominatorDisclosureCount);
    }

    @Test
    void serviceUsersEventsAndMoney() {
        assertEquals(1, row("service_users_rate", P1, MH, "North").count);
        assertEquals(2, row("service_users_rate", P1, MH, "South").count);
        assertEquals(1, row("service_users_rate", P1, MH, "Unknown").count);
        assertEquals(4, row("service_users_rate", P1, MH, "All").count);
        assertEquals(1, row("service_users_rate", P1, MH, "All", "1").count);
        assertEquals(2, row("service_users_rate", P1, MH, "All", "10").count);
        assertEquals(2, row("service_events_rate", P1, MH, "North").count);
        assertEquals(3, row("service_events_rate", P1, MH, "South").count);
        assertEquals(6, row("service_events_rate", P1, MH, "All").count);

        IndicatorRow head = row("cost_per_head", P1, MH, "North");
        close(150, head.count);
        close(150.0 / 2200, head.value);
        assertEquals(1, head.disclosureCount);
        IndicatorRow headAll = row("cost_per_head", P1, MH, "All");
        close(450, headAll.count);
        close(450.0 / 4300, headAll.value);
        assertEquals(4, headAll.disclosureCount);
        assertTrue(Double.isNaN(headAll.lower95));
        IndicatorRow headUnknown = row("cost_per_head", P1, MH, "Unknown");
        close(30, headUnknown.count);
        assertTrue(Double.isNaN(headUnknown.value));

        // people's totals 150, 200, 30, 70: mean 112.5, sd sqrt(17675/3)
        IndicatorRow user = row("cost_per_user", P1, MH, "All");
        close(450, user.count);
        assertEquals(4, user.denominator);
        close(112.5, user.value);
        double half = T95_DF3 * Math.sqrt(17675.0 / 3) / 2;
        assertEquals(112.5 - half, user.lower95, 1e-9);
        assertEquals(112.5 + half, user.upper95, 1e-9);
        assertEquals(4, user.disclosureCount);
        IndicatorRow single = row("cost_per_user", P1, MH, "North");
        close(150, single.value);
        assertTrue(Double.isNaN(single.lower95));

        // funders with a known cost: nhs 100 + 70, council 50, self 30 -> 250
        IndicatorRow nhs = row("funder_share_pct", P1, MH, "All", "nhs");
        close(170, nhs.count);
        close(250, nhs.denominator);
        close(68, nhs.value);
        assertEquals(2, nhs.disclosureCount);
        assertEquals(3, nhs.denominatorDisclosureCount);
        IndicatorRow pooled = row("funder_share_pct", P1, MH, "All", "pooled");
        assertEquals(0, pooled.count);
        assertEquals(0, pooled.value);
        assertEquals(0, pooled.disclosureCount);
    }

    @Test
    void waitsLinkByIdThenPersonEarliestWins() {
        // r0: free event 4 days later beats its id-linked event 9 days later; r4: id-linked 17 days;
        // r1: only an event carrying another referral's id -> none; r3: event with an id not found -> none
        IndicatorRow all = row("wait_days_median", P1, MH, "All");
        assertEquals(2, all.count);
        assertEquals(2, all.denominator);
        close(10.5, all.value);
        close(17, row("wait_days_p90", P1, MH, "All").value);
        close(4, row("wait_days_median", P1, MH, "North").value);
        assertEquals(0, row("wait_days_median", P1, MH, "Unknown").count);
        assertTrue(Double.isNaN(row("wait_days_median", P1, MH, "Unknown").value));
    }

    @Test
    void moneyRowsAreSuppressedByThePeopleBehindThem() {
        // a fresh table from the same records, through comparison and disclosure control
        List<IndicatorRow> table = IndicatorTable.build(fx.agg.finish());
        Comparison.apply(table);
        Disclosure.apply(table, 1, 7, true);
        IndicatorRow head = null;
        IndicatorRow pooled = null;
        for (IndicatorRow r : table) {
            if (r.period.equals(P1) && r.clientGroup.equals(MH) && r.locality.equals("North")) {
                if (r.indicatorId.equals("cost_per_head")) {
                    head = r;
                } else if (r.indicatorId.equals("funder_share_pct") && r.category.equals("pooled")) {
                    pooled = r;
                }
            }
        }
        // North's £150 comes from one person: suppressed although the amount is large
        assertTrue(head.suppressed);
        assertTrue(Double.isNaN(head.count) && Double.isNaN(head.value));
        assertTrue(head.valueNote.startsWith("suppressed"), head.valueNote);
        // a share whose total rests on one person is suppressed even at zero pounds
        assertTrue(pooled.suppressed);
    }

    @Test
    void dataQualityCounters() {
        var q = fx.agg.dataQuality();
        assertEquals(1L, q.get(Aggregator.POPULATION).get("population_outside_lookup"));
        assertEquals(1L, q.get(Aggregator.REFERRALS).get("empty_area"));
        assertEquals(1L, q.get(Aggregator.REFERRALS).get("unknown_area"));
        assertEquals(1L, q.get(Aggregator.REFERRALS).get("age_outside_group"));
        assertEquals(1L, q.get(Aggregator.SERVICES).get("unknown_area"));
        assertEquals(1L, q.get(Aggregator.SERVICES).get("cost_unknown"));
        assertEquals(1L, q.get(Aggregator.SERVICES).get("referral_id_not_found"));
    }
}
