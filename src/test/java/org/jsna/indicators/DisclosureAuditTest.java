package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's propagation itself (the attack tests cover what it finds). */
class DisclosureAuditTest {

    /**
     * Published £0s beside amounts of billions: the sum's rounding put a £0's lower bound at 3.8e-6, which the
     * bound then "moved" back to 0 every pass, so each propagation ran all 500 passes (a helper's council with
     * service costs of £1.2 million: 18 s of trials instead of 0.8 s). A bound moves only when it really does.
     * (The amounts were found by simulating the propagation's arithmetic.)
     */
    @Test
    void publishedZerosBesideLargeAmountsEndThePropagation() {
        double[] amounts = {0, 0, 19_096_325_486.27, 4_365_543_504.73, 940_695_844.01, 0};
        IndicatorRow[] table = new IndicatorRow[amounts.length + 1];
        double sum = 0;
        for (int i = 0; i < amounts.length; i++) {
            table[i] = DisclosureTest.row("cost_per_head", "L" + i, "", "", 0);
            table[i].count = amounts[i];
            sum += amounts[i];
        }
        table[amounts.length] = DisclosureTest.row("cost_per_head", "All", "", "", 0);
        table[amounts.length].count = sum;
        table[2].suppressed = true;
        DisclosureAudit audit = new DisclosureAudit(table, Disclosure.Known.NONE);
        double[][] b = audit.bounds();
        assertTrue(audit.lastPasses <= 5, "passes: " + audit.lastPasses);
        // the hidden amount is the rest of the sum: the audit pins it (and hides another row for it)
        assertEquals(amounts[2], b[0][2], 1e-4);
        assertEquals(amounts[2], b[1][2], 1e-4);
        assertEquals(1, audit.pinnedNow().size());
    }
    private static final String[] SOURCES = {"primary_care", "secondary_care", "self_or_family", "other",
        "community_health"};

    /**
     * A helper's council (default suppression): referral sources of older people in five places. The rules left
     * two loops of hidden cells, {Larkby, Unknown} by {primary, secondary} and {Brambridge, Frodhurst, All} by
     * {self or family, other}, joined by one hidden cell, Brambridge's primary care (2): the published totals
     * give it back (All's self or family + other is 10, Frodhurst's 6, so Brambridge's 4 and its primary care
     * 16 - 10 - 4 = 2), though no single fact narrows it. The equalities taken together must find it.
     */
    private static List<IndicatorRow> bridgedSources() {
        String[] places = {"Brambridge", "Frodhurst", "Larkby", "Unknown", "Millbridge"};
        long[][] cells = {{2, 0, 3, 1, 10}, {0, 0, 4, 2, 10}, {2, 5, 0, 0, 10}, {3, 6, 0, 0, 9}, {20, 20, 0, 0, 10}};
        List<IndicatorRow> rows = new ArrayList<>();
        long[] all = new long[SOURCES.length];
        long allDen = 0;
        for (int p = 0; p < places.length; p++) {
            long den = Arrays.stream(cells[p]).sum();
            allDen += den;
            for (int c = 0; c < SOURCES.length; c++) {
                rows.add(source(places[p], SOURCES[c], cells[p][c], den));
                all[c] += cells[p][c];
            }
        }
        for (int c = 0; c < SOURCES.length; c++) {
            rows.add(source("All", SOURCES[c], all[c], allDen));
        }
        return rows;
    }

    private static IndicatorRow source(String place, String category, long n, long den) {
        IndicatorRow r = DisclosureTest.row("referral_source_pct", place, "referral_source", category, n);
        r.denominator = den;
        r.value = den == 0 ? Double.NaN : 100.0 * n / den;
        return r;
    }

    @Test
    void aHiddenCellJoiningTwoLoopsOfHiddenCellsIsFound() {
        List<IndicatorRow> rows = bridgedSources();
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        DisclosureAudit audit = new DisclosureAudit(table, Disclosure.Known.NONE);
        for (IndicatorRow r : table) {
            boolean loopA = (r.locality.equals("Larkby") || r.locality.equals("Unknown"))
                    && (r.category.equals("primary_care") || r.category.equals("secondary_care"));
            boolean loopB = (r.locality.equals("Brambridge") || r.locality.equals("Frodhurst") || r.isAll())
                    && (r.category.equals("self_or_family") || r.category.equals("other"));
            boolean bridge = r.locality.equals("Brambridge") && r.category.equals("primary_care");
            r.suppressed = loopA || loopB || bridge;
        }
        List<Integer> pinned = audit.pinnedNow();
        assertEquals(1, pinned.size(), pinned.toString());
        double[][] b = audit.bounds();
        assertEquals(2, b[0][pinned.get(0)]);
        assertEquals(2, b[1][pinned.get(0)]);
        // the bridge search finds it alone, from the published amounts (as it must in sets too large to eliminate)
        double[][] known = audit.knownBounds();
        assertEquals(pinned, audit.categoryBridges(known[0], known[1]));
        // and finds nothing once a cell on each side is hidden with it (a loop through the joining cell)
        for (IndicatorRow r : table) {
            if (r.locality.equals("Brambridge") && r.category.equals("secondary_care")) {
                r.suppressed = true;
            }
        }
        known = audit.knownBounds();
        assertEquals(List.of(), audit.categoryBridges(known[0], known[1]));
    }

    /** After disclosure control, no hidden cell of the table is a bridge between loops of hidden cells. */
    @Test
    void disclosureControlLeavesNoHiddenCellThatTheTotalsGiveBack() {
        List<IndicatorRow> rows = bridgedSources();
        Disclosure.apply(rows, 1, 7, true);
        List<String> bridges = bridges(rows);
        assertTrue(bridges.isEmpty(), "hidden cells the totals give back: " + bridges);
        assertTrue(rows.stream().anyMatch(r -> r.suppressed), "the primary cells are hidden");
    }

    /**
     * Random small tables of sources (four localities and Unknown, five sources, cells 0 to 14, as a helper's
     * sweep made them: 2 of its 80 gave a count back before the audit took the equalities together).
     */
    @Test
    void randomSmallSourceTablesKeepNoHiddenCellTheTotalsGiveBack() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(36);
        String[] places = {"A", "B", "C", "D", "Unknown"};
        for (int t = 0; t < 300; t++) {
            List<IndicatorRow> rows = new ArrayList<>();
            long[] all = new long[SOURCES.length];
            long allDen = 0;
            for (String place : places) {
                long[] cells = new long[SOURCES.length];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(15);
                    all[c] += cells[c];
                }
                long den = Arrays.stream(cells).sum();
                allDen += den;
                for (int c = 0; c < cells.length; c++) {
                    rows.add(source(place, SOURCES[c], cells[c], den));
                }
            }
            for (int c = 0; c < SOURCES.length; c++) {
                rows.add(source("All", SOURCES[c], all[c], allDen));
            }
            // the bridge search finds only what the elimination finds (exact for sets this small)
            IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
            DisclosureAudit audit = new DisclosureAudit(table, Disclosure.Known.NONE);
            for (IndicatorRow r : table) {
                r.suppressed = r.disclosureCount >= 1 && r.disclosureCount <= 7 || rnd.nextInt(6) == 0;
            }
            double[][] known = audit.knownBounds();
            java.util.Set<Integer> byAlgebra = new java.util.HashSet<>(audit.fixedByEqualities(known[0], known[1]));
            // a table alone: its sums are all the facts, and the two must agree exactly
            assertEquals(byAlgebra, new java.util.HashSet<>(audit.categoryBridges(known[0], known[1])),
                    "table " + t + ": the bridge search and the elimination");
            for (IndicatorRow r : table) {
                r.suppressed = false;
            }
            Disclosure.apply(rows, 1, 7, true);
            List<String> bridges = bridges(rows);
            assertTrue(bridges.isEmpty(), "table " + t + ": hidden cells the totals give back: " + bridges);
        }
    }

    /**
     * The hidden cells of a places-by-categories table with its All row and each place's denominator that the
     * published rows fix exactly: the bridges of the graph whose nodes are the places (and All) and the
     * categories (and the denominator) and whose edges are the hidden cells (an independent check: a cell is
     * fixed by the row and column sums exactly when no loop of hidden cells runs through it).
     */
    static List<String> bridges(List<IndicatorRow> rows) {
        List<String[]> edges = new ArrayList<>();
        List<Boolean> nonZero = new ArrayList<>();
        java.util.Map<String, Boolean> denHidden = new java.util.LinkedHashMap<>();
        for (IndicatorRow r : rows) {
            if (r.suppressed) {
                edges.add(new String[] {"p:" + r.locality, "c:" + r.category});
                nonZero.add(r.disclosureCount > 0);
            }
            // a place's denominator is published when any of its rows is
            denHidden.merge(r.locality, r.suppressed, Boolean::logicalAnd);
        }
        denHidden.forEach((place, hidden) -> {
            if (hidden) {
                edges.add(new String[] {"p:" + place, "c:denominator"});
                nonZero.add(true);
            }
        });
        List<String> out = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            // is there a path between the ends without this edge?
            java.util.Set<String> seen = new java.util.HashSet<>(List.of(edges.get(e)[0]));
            java.util.Deque<String> todo = new java.util.ArrayDeque<>(seen);
            while (!todo.isEmpty()) {
                String n = todo.pop();
                for (int f = 0; f < edges.size(); f++) {
                    if (f == e) {
                        continue;
                    }
                    String[] x = edges.get(f);
                    String other = x[0].equals(n) ? x[1] : x[1].equals(n) ? x[0] : null;
                    if (other != null && seen.add(other)) {
                        todo.push(other);
                    }
                }
            }
            if (!seen.contains(edges.get(e)[1]) && nonZero.get(e)) {
                out.add(edges.get(e)[0] + " x " + edges.get(e)[1]);
            }
        }
        return out;
    }
}
