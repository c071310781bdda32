package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    private static final String SOURCE = "referral_source";
    private static final String FUNDER = "funder";
    private static final String DECILE = "deprivation_decile";
    private static final List<String> SOURCES = List.of("primary_care", "secondary_care", "self_or_family",
            "social_care", "community_health", "police_or_justice", "education", "other");

    /** A computed row: count n over a population of 1000 with a rate and both intervals filled in. */
    static IndicatorRow row(String indicator, String locality, String type, String category, long n) {
        IndicatorRow r = new IndicatorRow();
        r.indicatorId = indicator;
        r.indicatorName = indicator;
        r.period = "2023/24";
        r.clientGroup = "mental_health";
        r.locality = locality;
        r.categoryType = type;
        r.category = category;
        r.count = n;
        r.denominator = 1000;
        r.value = n;
        r.lower95 = n * 0.8;
        r.upper95 = n * 1.2 + 1;
        r.lower998 = n * 0.7;
        r.upper998 = n * 1.3 + 2;
        r.disclosureCount = n;
        return r;
    }

    static IndicatorRow plain(String locality, long n) {
        return row("referrals_rate", locality, "", "", n);
    }

    static IndicatorRow source(String locality, String category, long n) {
        return row("referral_source_pct", locality, SOURCE, category, n);
    }

    static IndicatorRow decile(int d, long n) {
        return row("referrals_rate", "All", DECILE, Integer.toString(d), n);
    }

    static void assertSuppressed(IndicatorRow r, String note) {
        assertTrue(r.suppressed, () -> r.locality + "/" + r.category + " should be suppressed");
        assertTrue(Double.isNaN(r.count));
        assertTrue(Double.isNaN(r.denominator));
        assertTrue(Double.isNaN(r.value));
        assertTrue(Double.isNaN(r.lower95));
        assertTrue(Double.isNaN(r.upper95));
        assertTrue(Double.isNaN(r.lower998));
        assertTrue(Double.isNaN(r.upper998));
        assertEquals("not compared", r.comparedToArea95);
        assertEquals("not compared", r.comparedToArea998);
        assertEquals(note, r.valueNote);
    }

    static void assertShown(IndicatorRow r, long n) {
        assertFalse(r.suppressed, () -> r.locality + "/" + r.category + " should be shown");
        assertEquals(n, r.count);
        assertEquals(n, r.value);
        assertEquals(1000.0, r.denominator);
        assertFalse(Double.isNaN(r.lower95));
    }

    private static final String P = Disclosure.NOTE;

    /** The rules of disclosure control without the audit: these tables are not made to add up. */
    static void rules(List<IndicatorRow> rows, int min, int max, boolean secondary) {
        Disclosure.apply(rows, min, max, secondary, Disclosure.Known.NONE, false);
    }
    private static final String S = Disclosure.NOTE;

    // ---------------------------------------------------------------- primary

    /**
     * Cost per service user publishes a Student's t interval, so each published place's and All's n, sum and sum
     * of squares of the users' totals: two users hidden in a set gave both their totals back (a sample council:
     * Holmton's one user £2,901.59 and Unknown's £20,315.09, as the roots of x² − Sx + (S² − Q)/2). A third
     * person is hidden with them; the moments then leave a circle of answers.
     */
    @Test
    void twoHiddenUsersOfAMeanAreNeverLeftAlone() {
        String[] places = {"Brentmere", "Chalhurst", "Dunton", "Holmton", "Unknown"};
        long[] users = {17, 14, 19, 1, 1};
        double[][] totals = {{31390.94}, {15750.475}, {21195.27}, {2901.59}, {20315.09}};
        List<IndicatorRow> rows = new ArrayList<>();
        long n = 0;
        double sum = 0;
        for (int p = 0; p < places.length; p++) {
            IndicatorRow r = row("cost_per_user", places[p], "", "", users[p]);
            r.denominator = users[p];
            r.count = totals[p][0] * users[p];
            r.value = totals[p][0];
            n += users[p];
            sum += r.count;
            rows.add(r);
        }
        IndicatorRow all = row("cost_per_user", "All", "", "", n);
        all.denominator = n;
        all.count = sum;
        all.value = sum / n;
        rows.add(all);
        Disclosure.apply(rows, 1, 7, true);
        long hiddenUsers = 0;
        for (int p = 0; p < places.length; p++) {
            if (rows.get(p).suppressed) {
                hiddenUsers += users[p];
            }
        }
        assertTrue(rows.get(3).suppressed && rows.get(4).suppressed, "the two places of one user are hidden");
        assertFalse(all.suppressed, "All is still published");
        assertTrue(hiddenUsers >= 3, "users hidden together: " + hiddenUsers);
        assertTrue(rows.get(1).suppressed, "the place with the fewest users goes with them (Chalhurst, 14)");
    }

    /**
     * Three or more users hidden whose totals are all but equal (one flat charge each): their moments put every
     * total within pennies of the hidden mean, so each hidden place's mean is given back. A published place goes
     * with them (the one of fewest users), so that the hidden totals spread.
     */
    @Test
    void hiddenUsersOfOneFlatChargeAreNotLeftAlone() {
        List<IndicatorRow> rows = costsPerUser(new double[][] {spread(20, 1200), spread(15, 800), {300, 300, 300},
                {300, 300}});
        rules(rows, 1, 7, true);
        assertTrue(rows.get(2).suppressed && rows.get(3).suppressed, "the places of 3 and 2 users are hidden");
        assertTrue(rows.get(1).suppressed, "the place with the fewest users goes with them");
        assertFalse(rows.get(0).suppressed || rows.get(4).suppressed, "the largest place and All stay published");
        assertFalse(Disclosure.closeTogether(rows.get(1).moments.and(rows.get(2).moments).and(rows.get(3).moments)));
    }

    /** Moments taken together: {1, 2, 3} and {10, 20} are 5 values of sum 36 and Σx² 514, so 514 − 36²/5 = 254.8. */
    @Test
    void momentsTakenTogetherAreThoseOfAllTheValues() {
        IndicatorRow.Moments a = new IndicatorRow.Moments(3, 6, 2); // mean 2: 1 + 0 + 1
        IndicatorRow.Moments b = new IndicatorRow.Moments(2, 30, 50); // mean 15: 25 + 25
        IndicatorRow.Moments ab = a.and(b);
        assertEquals(5, ab.n());
        assertEquals(36, ab.sum(), 1e-12);
        assertEquals(254.8, ab.squaredDeviations(), 1e-9);
        assertEquals(ab, b.and(a));
        assertEquals(a, a.and(new IndicatorRow.Moments(0, 0, 0)));
        // from the report's own exact sums: three users of £300 have no spread, and are close together
        List<IndicatorRow> rows = costsPerUser(new double[][] {{300, 300, 300}});
        assertEquals(0, rows.get(0).moments.squaredDeviations(), 0);
        assertTrue(Disclosure.closeTogether(rows.get(0).moments));
        assertFalse(Disclosure.closeTogether(costsPerUser(new double[][] {{300, 300, 340}}).get(0).moments),
                "£300, £300 and £340: each within £26.67 of £313.33, £53.33 wide, more than £15.67 (5%)");
    }

    /** When every user of the area has the same total, no published place hidden beside them helps: All goes. */
    @Test
    void whenEveryUserHasTheSameTotalTheAreaRowGoes() {
        List<IndicatorRow> rows = costsPerUser(new double[][] {flat(20), flat(15), flat(3), flat(2)});
        rules(rows, 1, 7, true);
        assertTrue(rows.get(4).suppressed, "All is hidden");
        assertFalse(rows.get(0).suppressed || rows.get(1).suppressed, "the large places stay published");
    }

    /** Users' totals 1.37 apart around {@code mean}, in no order of size. */
    private static double[] spread(int n, double mean) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + 1.37 * ((i * 7) % n - n / 2.0);
        }
        return x;
    }

    private static double[] flat(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 300);
        return x;
    }

    /** Cost per service user rows of places A, B, ... with these users' totals, then All, made as the report does. */
    private static List<IndicatorRow> costsPerUser(double[][] places) {
        List<IndicatorRow> rows = new ArrayList<>();
        org.jsna.aggregate.UserCosts all = new org.jsna.aggregate.UserCosts();
        for (int p = 0; p <= places.length; p++) {
            org.jsna.aggregate.UserCosts c = new org.jsna.aggregate.UserCosts();
            for (double x : p < places.length ? places[p] : new double[0]) {
                c.add(x);
                all.add(x);
            }
            IndicatorRow r = row("cost_per_user", p < places.length ? String.valueOf((char) ('A' + p)) : "All", "",
                    "", 0);
            rows.add(IndicatorTable.costPerUser(r, p < places.length ? c : all, ""));
        }
        return rows;
    }

    @Test
    void primaryBoundsAreInclusiveOneToSeven() {
        IndicatorRow r0 = plain("A", 0);
        IndicatorRow r1 = plain("B", 1);
        IndicatorRow r7 = plain("C", 7);
        IndicatorRow r8 = plain("D", 8);
        rules(new ArrayList<>(List.of(r0, r1, r7, r8)), 1, 7, false);
        assertShown(r0, 0);
        assertSuppressed(r1, P);
        assertSuppressed(r7, P);
        assertShown(r8, 8);
    }

    @Test
    void primaryKeepsAnEarlierNoteAfterTheSuppressionNote() {
        IndicatorRow r = plain("A", 3);
        r.contextNote("population of 2022 used");
        rules(List.of(r), 1, 7, false);
        assertSuppressed(r, Disclosure.NOTE + "; population of 2022 used");
        assertTrue(r.valueNote.startsWith("suppressed"));
    }

    @Test
    void notesThatDependOnTheCountsGoWithTheValue() {
        // "no confidence interval for a single service user" on a hidden row would say the count is 1
        IndicatorRow r = row("cost_per_user", "A", "", "", 1);
        r.contextNote("population of mid-2022 used (no mid-2023 estimate)");
        r.note("no confidence interval for a single service user");
        rules(List.of(r), 1, 7, false);
        assertSuppressed(r, Disclosure.NOTE + "; population of mid-2022 used (no mid-2023 estimate)");
    }

    @Test
    void primaryFollowsConfiguredBounds() {
        IndicatorRow r2 = plain("A", 2);
        IndicatorRow r3 = plain("B", 3);
        IndicatorRow r10 = plain("C", 10);
        IndicatorRow r11 = plain("D", 11);
        rules(List.of(r2, r3, r10, r11), 3, 10, false);
        assertShown(r2, 2);
        assertSuppressed(r3, P);
        assertSuppressed(r10, P);
        assertShown(r11, 11);
    }

    @Test
    void primaryOnCountBasedDenominator() {
        // conversion: 0 of 5 referrals with a known outcome -> the denominator is disclosive
        IndicatorRow small = row("referral_conversion_pct", "A", "", "", 0);
        small.denominatorDisclosureCount = 5;
        IndicatorRow eight = row("referral_conversion_pct", "B", "", "", 0);
        eight.denominatorDisclosureCount = 8;
        // population denominators (-1) never count, even with bounds that would include -1
        IndicatorRow population = plain("C", 0);
        population.disclosureCount = 10;
        population.denominatorDisclosureCount = -1;
        rules(List.of(small, eight), 1, 7, false);
        assertSuppressed(small, P);
        assertShown(eight, 0);
        rules(List.of(population), -5, 7, false);
        assertShown(population, 0);
    }

    @Test
    void moneyRowsUseTheirPeopleCount() {
        // £12,000 of cost from 3 people: the amount is large but 3 people are behind it
        IndicatorRow cost = row("cost_per_head", "A", "", "", 12000);
        cost.disclosureCount = 3;
        IndicatorRow share = row("funder_share_pct", "A", FUNDER, "nhs", 50000);
        share.disclosureCount = 40;
        share.denominatorDisclosureCount = 6; // people behind the total with a known funder
        IndicatorRow wide = row("cost_per_head", "B", "", "", 2);
        wide.disclosureCount = 9; // £2 spread over 9 people
        rules(List.of(cost, share, wide), 1, 7, false);
        assertSuppressed(cost, P);
        assertSuppressed(share, P);
        assertShown(wide, 2);
    }

    @Test
    void disabledBoundsChangeNothing() {
        List<IndicatorRow> rows = realisticTable(new Random(5));
        List<String> before = rows.stream().map(DisclosureTest::dump).toList();
        rules(rows, 1, 0, true); // min > max: primary off, so nothing for secondary either
        assertEquals(before, rows.stream().map(DisclosureTest::dump).toList());
    }

    @Test
    void secondaryOffLeavesSetsWithOneSuppressedRow() {
        IndicatorRow a = plain("A", 4);
        IndicatorRow b = plain("B", 20);
        IndicatorRow u = plain("Unknown", 9);
        rules(List.of(a, b, u), 1, 7, false);
        assertSuppressed(a, P);
        assertShown(b, 20);
        assertShown(u, 9);
    }

    @Test
    void allRowIsPrimarySuppressedLikeAnyOther() {
        IndicatorRow all = plain("All", 5);
        rules(List.of(all), 1, 7, true);
        assertSuppressed(all, P);
    }

    // ---------------------------------------------------------------- locality sets

    @Test
    void localitySetSuppressesTheSmallestOtherRow() {
        IndicatorRow a = plain("A", 3);
        IndicatorRow b = plain("B", 20);
        IndicatorRow c = plain("C", 10);
        IndicatorRow u = plain("Unknown", 12);
        IndicatorRow all = plain("All", 45);
        rules(List.of(all, u, c, b, a), 1, 7, true);
        assertSuppressed(a, P);
        assertSuppressed(c, S);
        assertShown(b, 20);
        assertShown(u, 12);
        assertShown(all, 45); // the total is not a member of the set
    }

    @Test
    void unknownIsAMemberAndCanBeTheOneSuppressed() {
        IndicatorRow a = plain("A", 3);
        IndicatorRow b = plain("B", 20);
        IndicatorRow u = plain("Unknown", 9);
        rules(List.of(a, b, u), 1, 7, true);
        assertSuppressed(u, S);
        assertShown(b, 20);
    }

    @Test
    void unknownAloneSuppressedTriggersSecondaryAmongLocalities() {
        IndicatorRow a = plain("A", 30);
        IndicatorRow b = plain("B", 20);
        IndicatorRow u = plain("Unknown", 2);
        rules(List.of(a, b, u), 1, 7, true);
        assertSuppressed(u, P);
        assertSuppressed(b, S);
        assertShown(a, 30);
    }

    @Test
    void suppressedAllRowDoesNotCountAsASecondSuppressedMember() {
        // area total 5, all in A: A and All are primary-suppressed; A is the only suppressed member,
        // so a zero row goes too (ties between zeros: localities before Unknown)
        IndicatorRow all = plain("All", 5);
        IndicatorRow a = plain("A", 5);
        IndicatorRow b = plain("B", 0);
        IndicatorRow u = plain("Unknown", 0);
        rules(List.of(u, b, a, all), 1, 7, true);
        assertSuppressed(all, P);
        assertSuppressed(a, P);
        assertSuppressed(b, S);
        assertShown(u, 0);
    }

    @Test
    void zeroCountIsChosenBeforeLargerCounts() {
        IndicatorRow a = plain("A", 6);
        IndicatorRow b = plain("B", 15);
        IndicatorRow c = plain("C", 0);
        IndicatorRow u = plain("Unknown", 11);
        rules(List.of(a, b, c, u), 1, 7, true);
        assertSuppressed(c, S);
        assertShown(b, 15);
        assertShown(u, 11);
    }

    @Test
    void localityTiesGoToOrdinalOrderThenUnknown() {
        // ordinal order: "Beta" < "Zeta" < "alpha" (upper case before lower case) < ... Unknown last
        IndicatorRow beta = plain("Beta", 2);
        IndicatorRow alpha = plain("alpha", 12);
        IndicatorRow zeta = plain("Zeta", 12);
        IndicatorRow u = plain("Unknown", 12);
        rules(List.of(u, alpha, zeta, beta), 1, 7, true);
        assertSuppressed(zeta, S);
        assertShown(alpha, 12);
        assertShown(u, 12);
    }

    @Test
    void unknownLosesTiesEvenAgainstNamesSortingAfterIt() {
        IndicatorRow beta = plain("Beta", 2);
        IndicatorRow woods = plain("Woods", 12); // "Unknown" < "Woods" ordinally, but Unknown goes last
        IndicatorRow u = plain("Unknown", 12);
        rules(List.of(u, woods, beta), 1, 7, true);
        assertSuppressed(woods, S);
        assertShown(u, 12);
    }

    @Test
    void setWithTwoSuppressedRowsIsLeftAlone() {
        IndicatorRow a = plain("A", 2);
        IndicatorRow b = plain("B", 5);
        IndicatorRow c = plain("C", 0);
        IndicatorRow u = plain("Unknown", 30);
        rules(List.of(a, b, c, u), 1, 7, true);
        assertSuppressed(a, P);
        assertSuppressed(b, P);
        assertShown(c, 0);
        assertShown(u, 30);
    }

    @Test
    void setsAreSeparateByIndicatorPeriodAndClientGroup() {
        IndicatorRow a = plain("A", 2);
        IndicatorRow b = plain("B", 40);
        IndicatorRow u = plain("Unknown", 30);
        IndicatorRow otherPeriod = plain("C", 1);
        otherPeriod.period = "2022/23";
        IndicatorRow otherPeriodU = plain("Unknown", 50);
        otherPeriodU.period = "2022/23";
        IndicatorRow otherGroup = plain("A", 60);
        otherGroup.clientGroup = "older_people";
        IndicatorRow otherIndicator = row("service_users_rate", "A", "", "", 0);
        rules(List.of(a, b, u, otherPeriod, otherPeriodU, otherGroup, otherIndicator), 1, 7, true);
        assertSuppressed(u, S); // 30 < 40 within its own set
        assertShown(b, 40);
        assertSuppressed(otherPeriodU, S); // its set has only C and Unknown
        assertShown(otherGroup, 60);
        assertShown(otherIndicator, 0);
    }

    @Test
    void singleMemberSetEndsWithoutAChoice() {
        IndicatorRow u = plain("Unknown", 3);
        IndicatorRow all = plain("All", 3);
        rules(List.of(u, all), 1, 7, true);
        assertSuppressed(u, P);
        assertSuppressed(all, P);
    }

    // ---------------------------------------------------------------- decile sets

    @Test
    void decileSetSuppressesTheSmallestOtherDecileWithNumericTies() {
        List<IndicatorRow> rows = new ArrayList<>();
        long[] counts = {40, 9, 33, 4, 25, 18, 30, 22, 12, 9}; // deciles 1..10; 2 and 10 tie at 9
        IndicatorRow[] d = new IndicatorRow[11];
        for (int i = 10; i >= 1; i--) {
            d[i] = decile(i, counts[i - 1]);
            rows.add(d[i]);
        }
        IndicatorRow all = plain("All", 222);
        rows.add(all);
        rules(rows, 1, 7, true);
        assertSuppressed(d[4], P);
        assertSuppressed(d[2], S); // decile 2 before decile 10 (numeric order, not "10" < "2")
        assertShown(d[10], 9);
        assertShown(all, 222);
        for (int i : new int[] {1, 3, 5, 6, 7, 8, 9}) {
            assertShown(d[i], counts[i - 1]);
        }
    }

    @Test
    void unknownJoinsTheDecileSet() {
        // All = deciles + Unknown, so a hidden decile alone beside a published Unknown and total is
        // known: the decile set takes Unknown (13) before decile 2 (50), and the locality set of A
        // and Unknown then hides A
        IndicatorRow d1 = decile(1, 3);
        IndicatorRow d2 = decile(2, 37);
        IndicatorRow a = plain("A", 40);
        IndicatorRow u = plain("Unknown", 13);
        IndicatorRow all = plain("All", 53);
        rules(List.of(d1, d2, a, u, all), 1, 7, true);
        assertSuppressed(d1, P);
        assertSuppressed(u, S);
        assertSuppressed(a, S);
        assertShown(d2, 37);
        assertShown(all, 53);
    }

    // ---------------------------------------------------------------- category sets

    @Test
    void categoryTiesFollowDataMdOrderAndZerosComeLast() {
        List<IndicatorRow> rows = new ArrayList<>();
        Map<String, IndicatorRow> byCat = new HashMap<>();
        // self_or_family and community_health tie at 9; education and other are 0 and protect nothing
        long[] counts = {50, 3, 9, 12, 9, 14, 0, 0};
        for (int i = SOURCES.size() - 1; i >= 0; i--) {
            IndicatorRow r = source("All", SOURCES.get(i), counts[i]);
            byCat.put(SOURCES.get(i), r);
            rows.add(r);
        }
        rules(rows, 1, 7, true);
        assertSuppressed(byCat.get("secondary_care"), P);
        assertSuppressed(byCat.get("self_or_family"), S); // data.md order; "community_health" would win ordinally
        assertShown(byCat.get("community_health"), 9);
        assertShown(byCat.get("education"), 0);
        assertShown(byCat.get("other"), 0);
        assertShown(byCat.get("primary_care"), 50);
    }

    @Test
    void funderTiesFollowDataMdOrder() {
        IndicatorRow nhs = row("funder_share_pct", "A", FUNDER, "nhs", 9000);
        nhs.disclosureCount = 12;
        IndicatorRow council = row("funder_share_pct", "A", FUNDER, "council", 7000);
        council.disclosureCount = 12;
        IndicatorRow pooled = row("funder_share_pct", "A", FUNDER, "pooled", 2000);
        pooled.disclosureCount = 20;
        IndicatorRow self = row("funder_share_pct", "A", FUNDER, "self", 300);
        self.disclosureCount = 2;
        for (IndicatorRow r : List.of(nhs, council, pooled, self)) {
            r.denominatorDisclosureCount = 40;
        }
        rules(List.of(self, pooled, council, nhs), 1, 7, true);
        assertSuppressed(self, P);
        assertSuppressed(nhs, S); // tie on 12 people: nhs before council ("council" < "nhs" ordinally)
        assertShown(council, 7000);
        assertShown(pooled, 2000);
    }

    @Test
    void categorySetsExistPerLocalityIncludingUnknownAndAll() {
        List<IndicatorRow> rows = List.of(
                source("A", "primary_care", 20), source("A", "self_or_family", 30),
                source("Unknown", "primary_care", 3), source("Unknown", "self_or_family", 40),
                source("All", "primary_care", 23), source("All", "self_or_family", 70));
        List<List<IndicatorRow>> sets = Disclosure.setRows(rows);
        // category sets (A, All, Unknown), then locality sets (primary_care, self_or_family)
        assertEquals(List.of(
                List.of("A/primary_care", "A/self_or_family"),
                List.of("All/primary_care", "All/self_or_family"),
                List.of("Unknown/primary_care", "Unknown/self_or_family"),
                List.of("A/primary_care", "Unknown/primary_care"),
                List.of("A/self_or_family", "Unknown/self_or_family")),
                sets.stream().map(s -> s.stream().map(r -> r.locality + "/" + r.category).toList()).toList());
    }

    // ---------------------------------------------------------------- passes and order

    @Test
    void setsAreVisitedCategoryThenDecileThenLeadThenOtherLocalitySetsEachByKey() {
        List<IndicatorRow> rows = new ArrayList<>();
        rows.add(plain("B", 1));
        rows.add(plain("A", 1));
        rows.add(row("cost_per_head", "A", "", "", 1));
        rows.add(decile(2, 1));
        rows.add(decile(1, 1));
        rows.add(row("funder_share_pct", "All", FUNDER, "self", 1));
        rows.add(row("funder_share_pct", "All", FUNDER, "nhs", 1));
        rows.add(row("funder_share_pct", "A", FUNDER, "nhs", 1));
        rows.add(source("Unknown", "other", 1));
        rows.add(source("A", "other", 1));
        rows.add(source("A", "primary_care", 1));
        List<String> order = Disclosure.setRows(rows).stream()
                .map(s -> s.stream().map(r -> r.indicatorId + ":" + r.locality + ":" + r.category)
                        .collect(Collectors.joining(",")))
                .toList();
        assertEquals(List.of(
                // category sets by (indicator, period, group, locality)
                "funder_share_pct:A:nhs",
                "funder_share_pct:All:nhs,funder_share_pct:All:self",
                "referral_source_pct:A:primary_care,referral_source_pct:A:other",
                "referral_source_pct:Unknown:other",
                // decile sets by (indicator, period, group)
                "referrals_rate:All:1,referrals_rate:All:2",
                // locality sets by (indicator, period, group, category), a base's lead indicator first
                "referrals_rate:A:,referrals_rate:B:",
                "cost_per_head:A:",
                "funder_share_pct:A:nhs",
                "referral_source_pct:A:other,referral_source_pct:Unknown:other",
                "referral_source_pct:A:primary_care"), order);
    }

    @Test
    void cascadeAcrossCategoryAndLocalitySetsRunsToAFixedPoint() {
        // Worked by hand (docs/disclosure.md):
        // pass 1, category sets: A has A/pc (3) suppressed -> A/self (20).
        //   category totals: A's total (23) is now hidden, alone among A, B, Unknown -> the place with
        //   the smallest total, B (70) before Unknown (75), loses every category row.
        //   locality sets pc and self now hold A and B: nothing. pass 2 changes nothing.
        IndicatorRow aPc = source("A", "primary_care", 3);
        IndicatorRow aSelf = source("A", "self_or_family", 20);
        IndicatorRow bPc = source("B", "primary_care", 30);
        IndicatorRow bSelf = source("B", "self_or_family", 40);
        IndicatorRow uPc = source("Unknown", "primary_care", 25);
        IndicatorRow uSelf = source("Unknown", "self_or_family", 50);
        IndicatorRow allPc = source("All", "primary_care", 58);
        IndicatorRow allSelf = source("All", "self_or_family", 110);
        List<IndicatorRow> rows = List.of(allSelf, uSelf, bSelf, aSelf, allPc, uPc, bPc, aPc);
        totals(rows);
        rules(rows, 1, 7, true);
        assertSuppressed(aPc, P);
        for (IndicatorRow r : List.of(aSelf, bPc, bSelf)) {
            assertSuppressed(r, S);
        }
        assertShown(uPc, 25);
        assertShown(uSelf, 50);
        assertShown(allPc, 58);
        assertShown(allSelf, 110);
    }

    @Test
    void secondaryStopsWhenEverySetHoldsTwoOrMoreSuppressedRows() {
        // Localities A, B, Unknown; categories primary_care and other. A/pc = 2 (primary).
        // Pass 1, category sets: A -> A/other (9). Category totals: A (11) alone hidden -> the
        // smallest total of B (41) and Unknown (22): Unknown loses both rows. Locality sets then hold
        // A and Unknown each: nothing changes, and B stays shown.
        IndicatorRow aPc = source("A", "primary_care", 2);
        IndicatorRow aOther = source("A", "other", 9);
        IndicatorRow bPc = source("B", "primary_care", 11);
        IndicatorRow bOther = source("B", "other", 30);
        IndicatorRow uPc = source("Unknown", "primary_care", 10);
        IndicatorRow uOther = source("Unknown", "other", 12);
        totals(List.of(aPc, aOther, bPc, bOther, uPc, uOther));
        rules(List.of(aPc, aOther, bPc, bOther, uPc, uOther), 1, 7, true);
        assertSuppressed(aPc, P);
        assertSuppressed(aOther, S);
        assertSuppressed(uPc, S);
        assertSuppressed(uOther, S);
        assertShown(bPc, 11);
        assertShown(bOther, 30);
    }

    @Test
    void categoryTotalTiesGoToLocalitiesBeforeUnknown() {
        // A/pc = 2 (primary) -> A/other. A's total (11) is hidden; B and Unknown tie at 24, so B
        // (localities before Unknown) loses both rows; Unknown stays shown.
        IndicatorRow aPc = source("A", "primary_care", 2);
        IndicatorRow aOther = source("A", "other", 9);
        IndicatorRow bPc = source("B", "primary_care", 11);
        IndicatorRow bOther = source("B", "other", 13);
        IndicatorRow uPc = source("Unknown", "primary_care", 10);
        IndicatorRow uOther = source("Unknown", "other", 14);
        List<IndicatorRow> rows = List.of(uOther, uPc, bOther, bPc, aOther, aPc);
        totals(rows);
        rules(rows, 1, 7, true);
        assertSuppressed(aPc, P);
        for (IndicatorRow r : List.of(aOther, bPc, bOther)) {
            assertSuppressed(r, S);
        }
        assertShown(uPc, 10);
        assertShown(uOther, 14);
    }

    /** Sets each category row's count-based denominator to its place's total, as the table has it. */
    private static void totals(List<IndicatorRow> rows) {
        Map<String, Long> sum = new HashMap<>();
        for (IndicatorRow r : rows) {
            sum.merge(r.indicatorId + r.locality, r.disclosureCount, Long::sum);
        }
        for (IndicatorRow r : rows) {
            r.denominatorDisclosureCount = sum.get(r.indicatorId + r.locality);
        }
    }

    @Test
    void secondaryReturnsHowManyItSuppressedAndHonoursEarlierFlags() {
        IndicatorRow a = plain("A", 30);
        IndicatorRow b = plain("B", 20);
        IndicatorRow u = plain("Unknown", 40);
        a.suppressed = true; // marked by another stage (e.g. consistency across indicators)
        a.valueNote = "suppressed (consistency)";
        assertEquals(1, Disclosure.secondary(List.of(a, b, u)));
        assertSuppressed(b, S);
        assertShown(u, 40);
    }

    @Test
    void rowMarkedSuppressedBeforeApplyIsEmptiedAndNoted() {
        IndicatorRow a = plain("A", 30);
        a.suppressed = true;
        a.contextNote("population of 2022 used");
        IndicatorRow b = plain("B", 20);
        IndicatorRow u = plain("Unknown", 40);
        rules(List.of(a, b, u), 1, 7, true);
        assertSuppressed(a, Disclosure.NOTE + "; population of 2022 used");
        assertSuppressed(b, S);
        assertShown(u, 40);
    }

    // ---------------------------------------------------------------- comparisons

    @Test
    void suppressedRowsAndRowsComparedWithASuppressedAreaAreNotCompared() {
        IndicatorRow all = plain("All", 100);
        IndicatorRow a = plain("A", 3);
        IndicatorRow b = plain("B", 60);
        IndicatorRow c = plain("C", 37);
        IndicatorRow u = plain("Unknown", 0);
        List<IndicatorRow> rows = List.of(all, a, b, c, u);
        Comparison.apply(rows);
        assertEquals("lower", a.comparedToArea95); // on the true values: [2.4, 4.6] below 100
        rules(rows, 1, 7, true);
        assertSuppressed(a, P);
        assertSuppressed(u, S); // 0 is the smallest
        assertEquals(100.0, a.comparatorValue); // the area value is public
        assertEquals("lower", c.comparedToArea95); // unsuppressed rows keep their comparison

        // the area itself suppressed: nobody may be compared with it
        IndicatorRow allSmall = row("service_users_rate", "All", "", "", 6);
        IndicatorRow x = row("service_users_rate", "A", "", "", 0);
        IndicatorRow d1 = row("service_users_rate", "All", DECILE, "1", 0);
        List<IndicatorRow> rows2 = List.of(allSmall, x, d1);
        Comparison.apply(rows2);
        assertEquals(6.0, x.comparatorValue);
        rules(rows2, 1, 7, false);
        assertSuppressed(allSmall, P);
        for (IndicatorRow r : List.of(x, d1)) {
            assertFalse(r.suppressed);
            assertTrue(Double.isNaN(r.comparatorValue));
            assertEquals("not compared", r.comparedToArea95);
            assertEquals("not compared", r.comparedToArea998);
        }
    }

    // ---------------------------------------------------------------- properties

    @Test
    void resultIsTheSameForAnyRowOrderAndLeavesNoSetWithOneSuppressedRow() {
        int secondary = 0;
        int shown = 0;
        for (int seed = 1; seed <= 20; seed++) {
            List<IndicatorRow> reference = realisticTable(new Random(seed));
            rules(reference, 1, 7, true);
            secondary += (int) reference.stream()
                    .filter(r -> r.suppressed && !Disclosure.isPrimary(unsuppressedCopy(r), 1, 7)).count();
            shown += (int) reference.stream().filter(r -> !r.suppressed).count();
            Map<String, String> expected = reference.stream()
                    .collect(Collectors.toMap(DisclosureTest::key, DisclosureTest::dump));
            for (List<IndicatorRow> set : Disclosure.setRows(reference)) {
                long suppressed = set.stream().filter(r -> r.suppressed).count();
                assertTrue(suppressed != 1 || set.size() == 1, "a set with one suppressed row remains");
            }
            for (IndicatorRow r : reference) {
                if (Disclosure.isPrimary(unsuppressedCopy(r), 1, 7)) {
                    assertTrue(r.suppressed && r.valueNote.startsWith("suppressed"), () -> key(r));
                }
            }
            List<IndicatorRow> shuffled = realisticTable(new Random(seed));
            Collections.shuffle(shuffled, new Random(seed * 31L));
            rules(shuffled, 1, 7, true);
            for (IndicatorRow r : shuffled) {
                assertEquals(expected.get(key(r)), dump(r));
            }
        }
        assertTrue(secondary > 0 && shown > 0, "the random tables exercise both outcomes");
    }

    private static IndicatorRow unsuppressedCopy(IndicatorRow r) {
        IndicatorRow c = new IndicatorRow();
        c.disclosureCount = r.disclosureCount;
        c.denominatorDisclosureCount = r.denominatorDisclosureCount;
        return c;
    }

    /** Localities, Unknown, All, deciles and referral sources for two periods, with small random counts. */
    static List<IndicatorRow> realisticTable(Random random) {
        List<IndicatorRow> rows = new ArrayList<>();
        List<String> localities = List.of("North", "South", "East", "west", "Unknown");
        for (String period : List.of("2022/23", "2023/24")) {
            long total = 0;
            for (String loc : localities) {
                long n = random.nextInt(25);
                total += n;
                rows.add(withPeriod(plain(loc, n), period));
                long sum = 0;
                for (String s : SOURCES) {
                    long k = random.nextInt(12);
                    sum += k;
                    IndicatorRow r = withPeriod(source(loc, s, k), period);
                    rows.add(r);
                }
                for (IndicatorRow r : rows.subList(rows.size() - SOURCES.size(), rows.size())) {
                    r.denominatorDisclosureCount = sum;
                }
            }
            rows.add(withPeriod(plain("All", total), period));
            for (String s : SOURCES) {
                rows.add(withPeriod(source("All", s, random.nextInt(40)), period));
            }
            for (int d = 1; d <= 10; d++) {
                rows.add(withPeriod(decile(d, random.nextInt(15)), period));
            }
        }
        return rows;
    }

    private static IndicatorRow withPeriod(IndicatorRow r, String period) {
        r.period = period;
        return r;
    }

    private static String key(IndicatorRow r) {
        return String.join("|", r.indicatorId, r.period, r.clientGroup, r.locality, r.categoryType, r.category);
    }

    private static String dump(IndicatorRow r) {
        return String.join("|", key(r), Double.toString(r.count), Double.toString(r.denominator),
                Double.toString(r.value), Double.toString(r.lower95), Double.toString(r.upper95),
                Double.toString(r.lower998), Double.toString(r.upper998), Double.toString(r.comparatorValue),
                r.comparedToArea95, r.comparedToArea998, r.valueNote, Boolean.toString(r.suppressed));
    }
}
