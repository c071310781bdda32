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

    /**
     * A funders' table where the council pays most (a helper's council, 2023/24, mental health, as the default
     * suppression left it before the audit took the columns together): All's NHS and self-funded amounts are
     * hidden, but together they are All's cost with a known funder less its published council and pooled amounts
     * (21,517.17); Kingston's and Linstow's are their own remainders (1,812.25 and 19,169.43), so the other places'
     * NHS and self-funded amounts add up to 535.49, and Chalcliffe's hidden council amount (£23,612.39) lies
     * between its remainder less that and its remainder: £23,460.00 to £23,995.49, 2.3% wide. The council column
     * cannot say so (three places are hidden whole); only the NHS and self-funded columns taken together can.
     */
    @Test
    void aLargeHiddenAmountBesideSmallOnesIsSeenThroughTheirColumnsTogether() {
        IndicatorRow[] table = councilFunded().toArray(new IndicatorRow[0]);
        DisclosureAudit audit = new DisclosureAudit(table, Disclosure.Known.NONE);
        double[][] b = audit.bounds();
        int chalcliffeCouncil = -1;
        for (int v : audit.pinnedNow()) {
            if (Math.abs(b[0][v] - 23460.00) < 1e-6 && Math.abs(b[1][v] - 23995.49) < 1e-6) {
                chalcliffeCouncil = v;
            }
        }
        assertTrue(chalcliffeCouncil >= 0, "Chalcliffe's council amount is pinned: " + audit.pinnedNow());
        // disclosure control then leaves no amount pinned: the controlled table's hiding, put on a fresh copy of
        // the true amounts, pins nothing
        List<IndicatorRow> controlled = councilFunded();
        long before = controlled.stream().filter(r -> r.suppressed).count();
        Disclosure.apply(controlled, 1, 7, true);
        IndicatorRow[] fresh = councilFunded().toArray(new IndicatorRow[0]);
        DisclosureAudit after = new DisclosureAudit(fresh, Disclosure.Known.NONE);
        for (int i = 0; i < fresh.length; i++) {
            fresh[i].suppressed = controlled.get(i).suppressed;
        }
        assertEquals(List.of(), after.pinnedNow());
        assertTrue(controlled.stream().filter(r -> r.suppressed).count() > before, "more is hidden");
    }

    /** The table of the case above: places by NHS, council, pooled and self-funded amounts, then All; H hidden. */
    private static List<IndicatorRow> councilFunded() {
        String[] funders = {"nhs", "council", "pooled", "self"};
        String[][] cells = {
            {"Brentford", "0 H", "91100.78 H", "0 H", "0 H"},
            {"Chalcliffe", "383.10 H", "23612.39 H", "0", "0"},
            {"Goldbury", "0 H", "9844.80 H", "0 H", "0 H"},
            {"Kingston", "357.08 H", "9863.08", "0", "1455.17 H"},
            {"Linstow", "354.22 H", "62666.98", "0", "18815.21 H"},
            {"Unknown", "152.39 H", "28147.40 H", "0 H", "0 H"},
            {"All", "1246.79 H", "225235.43", "0", "20270.38 H"}};
        List<IndicatorRow> rows = new ArrayList<>();
        for (String[] place : cells) {
            double den = 0;
            for (int f = 0; f < funders.length; f++) {
                den += Double.parseDouble(place[f + 1].split(" ")[0]);
            }
            for (int f = 0; f < funders.length; f++) {
                String[] cell = place[f + 1].split(" ");
                IndicatorRow r = DisclosureTest.row("funder_share_pct", place[0], "funder", funders[f], 10);
                r.count = Double.parseDouble(cell[0]);
                r.denominator = den;
                r.value = 100 * r.count / den;
                r.suppressed = cell.length > 1;
                rows.add(r);
            }
        }
        return rows;
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
