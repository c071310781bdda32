package org.jsna.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intruder of docs/disclosure.md, run by jsna on its own table before anything is written: it
 * sees exactly what is published and knows how the table is made, and tries to pin down each
 * suppressed amount.
 *
 * <p>Unknowns are the suppressed counts and amounts (non-negative; counts are whole numbers). What the
 * intruder knows, as linear equalities and inequalities:
 * <ul>
 *   <li>every locality set adds up to its {@code All} row (counts, count-based denominators, pounds);</li>
 *   <li>the deciles and {@code Unknown} add up to {@code All};</li>
 *   <li>the categories of a place add up to its denominator, which every category row repeats;</li>
 *   <li>the {@link Indicator#RELATIONS} between indicators of one base at the same place, and for each
 *       inequality among them its slack ({@code right - left}, at least 0), which adds up over the places
 *       to the {@code All} slack as both sides do; at the {@code All} rows, the counts of people and of
 *       their records that are 0 together ({@link Indicator#ZERO_TOGETHER});</li>
 *   <li>the file totals of data-quality.csv and manifest.json ({@link Indicator#FILE_TOTALS});</li>
 *   <li>with a {@link Disclosure.Known}: a locality's count is the sum of its counts in the deciles
 *       where it has areas, and a decile's count the sum over the localities with areas in it.</li>
 * </ul>
 * Bounds are narrowed by interval propagation until nothing changes. An amount is <em>pinned</em> when
 * its true value is above zero and its bounds leave no doubt: a count narrowed to one whole number,
 * an amount of money to less than £1 or 5% of itself. {@link #remedies} names one more row to hide for
 * each pinned amount: the unsuppressed row with the smallest disclosure count among those that share
 * a fact with it (ties in key order).
 */
final class DisclosureAudit {

    private static final int MAX_PASSES = 500;
    static final double MONEY_TOLERANCE = 0.05;
    /** Candidates tried, in order of preference, before settling for the first. */
    private static final int TRIALS = 12;
    /** Trials (whole propagations) an audit makes at most; ordinary tables make tens. */
    static final long TRIAL_BUDGET = 1000;
    /** Trial propagations made so far (all rounds). */
    long trialsMade;
    /** Passes over the facts that the last {@link #bounds()} made. */
    int lastPasses;
    /**
     * This audit's budget of trials: {@link #TRIAL_BUDGET}, or {@code -Djsna.audit.trials=N} (tests show that an
     * audit out of trials still publishes nothing pinned).
     */
    private final long trialBudget = Long.getLong("jsna.audit.trials", TRIAL_BUDGET);
    /** How many hidden amounts away from a pinned one the rows to hide are looked for. */
    private static final int MAX_DEPTH = 6;

    private final IndicatorRow[] table;
    private final int[] countVar;
    private final int[] denVar;

    // Variables and constraints are kept in primitive arrays: a table of a few hundred thousand rows has
    // about a million variables and as many terms, which as lists of boxed numbers took 200 MB of heap.

    // variables: the true value, whether it is money, whether the intruder only infers it
    private int vars;
    private double[] truth = new double[1 << 10];
    private boolean[] money = new boolean[1 << 10];
    private boolean[] internal = new boolean[1 << 10];
    /** Rows that show each variable: while building, (variable, row) pairs; then rowList[rowStart[v]..rowStart[v + 1]). */
    private int pairs;
    private int[] pairVar = new int[1 << 10];
    private int[] pairRow = new int[1 << 10];
    private int[] rowStart;
    private int[] rowList;

    // constraints: the sum of the terms of c (= or <=) rhs[c]; the terms of c are
    // termVar[termStart[c]..termStart[c + 1]), a variable v added as v, subtracted as ~v
    private int constraints;
    private int terms;
    private int[] termStart = new int[1 << 10];
    private int[] termVar = new int[1 << 12];
    private double[] rhs = new double[1 << 10];
    private boolean[] equality = new boolean[1 << 10];
    /** The {@link Indicator#FILE_TOTALS} entry each constraint states, or -1. */
    private int[] totalOf = new int[1 << 10];
    /** The file total the constraints being added state, or -1. */
    private int building = -1;
    /** File totals withheld from data-quality.csv and manifest.json, by index of {@link Indicator#FILE_TOTALS}. */
    private final boolean[] withheld = new boolean[Indicator.FILE_TOTALS.size()];
    /** Trials of withholding file totals; a few per run free what hiding zeros cannot. */
    private int withholdTrials;
    private static final int WITHHOLD_TRIALS = 60;
    /** The constraints each variable is in: consList[consStart[v]..consStart[v + 1]). */
    private int[] consStart;
    private int[] consList;

    /** The rows of the amount whose neighbours {@link #neighbours(int, Marks)} is gathering (made when first needed). */
    private boolean[] own;
    /** {@link Indicator#ZERO_TOGETHER} at each All row: {a count of people, the count of their records}, 0 together. */
    private final List<int[]> zeroPairs = new ArrayList<>();

    DisclosureAudit(IndicatorRow[] table, Disclosure.Known known) {
        this.table = table;
        countVar = new int[table.length];
        denVar = new int[table.length];
        Map<List<String>, Integer> sharedDen = new HashMap<>();
        Map<List<String>, Integer> plainRow = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            Indicator ind = Disclosure.indicator(r.indicatorId);
            boolean category = !empty(r.categoryType) && !Comparison.DECILE.equals(r.categoryType);
            countVar[i] = newVar(r.count, ind != null && ind.countKind == Indicator.Quantity.MONEY, false, i);
            denVar[i] = -1;
            if (ind != null && ind.denominatorKind != Indicator.Quantity.POPULATION) {
                boolean m = ind.denominatorKind == Indicator.Quantity.MONEY;
                if (category) {
                    List<String> key = List.of(r.indicatorId, r.period, r.clientGroup, r.locality);
                    Integer v = sharedDen.get(key);
                    if (v == null) {
                        v = newVar(r.denominator, m, false, -1);
                        sharedDen.put(key, v);
                    }
                    denVar[i] = v;
                    addRow(v, i);
                } else {
                    denVar[i] = newVar(r.denominator, m, false, i);
                }
            }
            if (empty(r.categoryType)) {
                plainRow.put(List.of(r.indicatorId, r.period, r.clientGroup, r.locality), i);
            }
        }
        localityMargins();
        decileMargins(plainRow);
        categoryMargins(sharedDen);
        relations(plainRow, sharedDen, known.eventsOfUnknownCost());
        fileTotals();
        if (!known.decilesByLocality().isEmpty()) {
            incidence(known, plainRow);
        }
        freeze();
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private int newVar(double value, boolean isMoney, boolean isInternal, int row) {
        if (vars == truth.length) {
            int n = 2 * vars;
            truth = Arrays.copyOf(truth, n);
            money = Arrays.copyOf(money, n);
            internal = Arrays.copyOf(internal, n);
        }
        truth[vars] = value;
        money[vars] = isMoney;
        internal[vars] = isInternal;
        if (row >= 0) {
            addRow(vars, row);
        }
        return vars++;
    }

    private void addRow(int v, int row) {
        if (pairs == pairVar.length) {
            pairVar = Arrays.copyOf(pairVar, 2 * pairs);
            pairRow = Arrays.copyOf(pairRow, 2 * pairs);
        }
        pairVar[pairs] = v;
        pairRow[pairs++] = row;
    }

    private void constraint(List<Integer> plus, List<Integer> minus, double right, boolean exact) {
        if (constraints + 1 == termStart.length) {
            int n = 2 * termStart.length;
            termStart = Arrays.copyOf(termStart, n);
            rhs = Arrays.copyOf(rhs, n);
            equality = Arrays.copyOf(equality, n);
            totalOf = Arrays.copyOf(totalOf, n);
        }
        int need = terms + plus.size() + minus.size();
        if (need > termVar.length) {
            termVar = Arrays.copyOf(termVar, Math.max(need, 2 * termVar.length));
        }
        for (int v : plus) {
            termVar[terms++] = v;
        }
        for (int v : minus) {
            termVar[terms++] = ~v;
        }
        rhs[constraints] = right;
        equality[constraints] = exact;
        totalOf[constraints] = building;
        termStart[++constraints] = terms;
    }

    private static int var(int term) {
        return term >= 0 ? term : ~term;
    }

    /** Localities and Unknown add up to All, per indicator, period, client group and category. */
    private void localityMargins() {
        Map<List<String>, List<Integer>> sets = new HashMap<>();
        Map<List<String>, Integer> totals = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            if (Comparison.DECILE.equals(r.categoryType)) {
                continue;
            }
            List<String> key = List.of(r.indicatorId, r.period, r.clientGroup, Disclosure.nz(r.categoryType),
                    Disclosure.nz(r.category));
            if (r.isAll()) {
                totals.put(key, i);
            } else {
                sets.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<List<String>> categoryDenDone = new java.util.HashSet<>();
        for (Map.Entry<List<String>, Integer> e : totals.entrySet()) {
            List<Integer> members = sets.getOrDefault(e.getKey(), List.of());
            int all = e.getValue();
            constraint(vars(members, countVar), List.of(countVar[all]), 0, true);
            if (denVar[all] >= 0) {
                boolean category = !empty(table[all].categoryType);
                List<String> denKey = List.of(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2));
                if (!category || categoryDenDone.add(denKey)) {
                    constraint(vars(members, denVar), List.of(denVar[all]), 0, true);
                }
            }
        }
    }

    private static List<Integer> vars(List<Integer> rows, int[] var) {
        List<Integer> out = new ArrayList<>(rows.size());
        for (int i : rows) {
            if (var[i] >= 0) {
                out.add(var[i]);
            }
        }
        return out;
    }

    /** Deciles 1–10 and Unknown add up to All. */
    private void decileMargins(Map<List<String>, Integer> plainRow) {
        Map<List<String>, List<Integer>> deciles = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            if (Comparison.DECILE.equals(r.categoryType)) {
                deciles.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<List<String>, List<Integer>> e : deciles.entrySet()) {
            List<String> k = e.getKey();
            Integer all = plainRow.get(List.of(k.get(0), k.get(1), k.get(2), "All"));
            if (all == null) {
                continue;
            }
            List<Integer> plus = vars(e.getValue(), countVar);
            Integer unknown = plainRow.get(List.of(k.get(0), k.get(1), k.get(2), "Unknown"));
            if (unknown != null) {
                plus.add(countVar[unknown]);
            }
            constraint(plus, List.of(countVar[all]), 0, true);
        }
    }

    /** The categories of a place add up to its denominator. */
    private void categoryMargins(Map<List<String>, Integer> sharedDen) {
        Map<List<String>, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            if (!empty(r.categoryType) && !Comparison.DECILE.equals(r.categoryType)) {
                groups.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup, r.locality),
                        k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<List<String>, List<Integer>> e : groups.entrySet()) {
            Integer den = sharedDen.get(e.getKey());
            if (den != null) {
                constraint(vars(e.getValue(), countVar), List.of(den), 0, true);
            }
        }
        subsetSums(groups, sharedDen);
        // each table of places by categories as a graph: a node per place (All too) and per category (and one for
        // the denominator), an edge per cell (its count, or the place's denominator)
        Map<List<String>, CategoryGraph> graphs = new java.util.LinkedHashMap<>();
        for (Map.Entry<List<String>, List<Integer>> e : groups.entrySet()) {
            List<String> k = e.getKey();
            Integer den = sharedDen.get(k);
            if (den == null) {
                continue;
            }
            CategoryGraph g = graphs.computeIfAbsent(List.of(k.get(0), k.get(1), k.get(2)), x -> new CategoryGraph());
            int place = g.node("p" + SEP + k.get(3));
            for (int i : e.getValue()) {
                g.edge(countVar[i], place, g.node("c" + SEP + nzCategory(table[i])));
            }
            g.edge(den, place, g.node("d"));
        }
        // the sums over places hold only where the All row is there: a table without it for a column is left out
        for (CategoryGraph g : graphs.values()) {
            Integer all = g.nodes.get("p" + SEP + "All");
            Set<Integer> withAll = new java.util.HashSet<>();
            for (int[] e : g.edges) {
                if (all != null && e[1] == all) {
                    withAll.add(e[2]);
                }
            }
            boolean whole = true;
            for (Map.Entry<String, Integer> node : g.nodes.entrySet()) {
                whole &= node.getKey().startsWith("p") || withAll.contains(node.getValue());
            }
            if (whole) {
                categoryGraphs.add(g);
            }
        }
    }

    /** Most categories of a table of money whose subsets' sums are stated ({@link #subsetSums}). */
    private static final int SUBSET_CATEGORIES = 5;

    /**
     * In a table of places by categories of money (funders' amounts), for each subset S of two or more
     * categories, but not all: per place (All too) the amount of S, an amount of its own tied to the place's cells
     * in S and, with its cells outside S, to its denominator; and the places' amounts of S add up to All's (the
     * sum of S's columns). Narrowing one fact at a time cannot take the columns together: with All's NHS and
     * self-funded amounts hidden but their sum known from All's published cells, and two places' sums of those
     * known, a third place's is at most the rest, and its large hidden council-funded amount its denominator less
     * that little: a helper's exact intruder bounded such amounts to within 5% (e.g. £112,984.12 to
     * £108,291.75–£113,356.87) in 5 of 12 councils whose cost is 90% council-funded, at the default suppression.
     * Tables of more than {@value #SUBSET_CATEGORIES} categories, or with a place short of a category, are left out.
     */
    private void subsetSums(Map<List<String>, List<Integer>> groups, Map<List<String>, Integer> sharedDen) {
        Map<List<String>, Map<String, List<Integer>>> tables = new java.util.TreeMap<>(Disclosure::compareKeys);
        for (Map.Entry<List<String>, List<Integer>> e : groups.entrySet()) {
            List<String> k = e.getKey();
            Indicator ind = Disclosure.indicator(k.get(0));
            if (ind == null || ind.countKind != Indicator.Quantity.MONEY || sharedDen.get(k) == null) {
                continue;
            }
            tables.computeIfAbsent(List.of(k.get(0), k.get(1), k.get(2)), x -> new java.util.TreeMap<>())
                    .put(k.get(3), e.getValue());
        }
        for (Map.Entry<List<String>, Map<String, List<Integer>>> t : tables.entrySet()) {
            Map<String, List<Integer>> places = t.getValue();
            if (!places.containsKey("All")) {
                continue;
            }
            List<String> categories = new ArrayList<>();
            for (int i : places.get("All")) {
                categories.add(nzCategory(table[i]));
            }
            int k = categories.size();
            boolean complete = k >= 3 && k <= SUBSET_CATEGORIES;
            Map<String, int[]> cells = new java.util.TreeMap<>();
            for (Map.Entry<String, List<Integer>> p : places.entrySet()) {
                int[] byCategory = new int[k];
                Arrays.fill(byCategory, -1);
                for (int i : p.getValue()) {
                    int c = categories.indexOf(nzCategory(table[i]));
                    if (c >= 0) {
                        byCategory[c] = countVar[i];
                    }
                }
                for (int v : byCategory) {
                    complete &= v >= 0;
                }
                cells.put(p.getKey(), byCategory);
            }
            if (!complete) {
                continue;
            }
            for (int subset = 1; subset < (1 << k) - 1; subset++) {
                if (Integer.bitCount(subset) < 2) {
                    continue;
                }
                List<Integer> parts = new ArrayList<>();
                int all = -1;
                for (Map.Entry<String, int[]> p : cells.entrySet()) {
                    int sum = newVar(Double.NaN, true, true, -1);
                    List<Integer> in = new ArrayList<>();
                    List<Integer> out = new ArrayList<>(List.of(sum));
                    for (int c = 0; c < k; c++) {
                        ((subset >> c & 1) == 1 ? in : out).add(p.getValue()[c]);
                    }
                    constraint(in, List.of(sum), 0, true);
                    constraint(out, List.of(sharedDen.get(List.of(t.getKey().get(0), t.getKey().get(1),
                            t.getKey().get(2), p.getKey()))), 0, true);
                    if ("All".equals(p.getKey())) {
                        all = sum;
                    } else {
                        parts.add(sum);
                    }
                }
                constraint(parts, List.of(all), 0, true);
            }
        }
    }

    private static final String SEP = "\u001F";

    private static String nzCategory(IndicatorRow r) {
        return Disclosure.nz(r.category);
    }

    /** The tables of places by categories as graphs ({@link #categoryBridges}). */
    private final List<CategoryGraph> categoryGraphs = new ArrayList<>();

    /** Nodes (places, categories, the denominator) and edges (cells, by variable) of one table of categories. */
    private static final class CategoryGraph {
        final Map<String, Integer> nodes = new HashMap<>();
        final List<int[]> edges = new ArrayList<>(); // {variable, node, node}

        int node(String name) {
            return nodes.computeIfAbsent(name, x -> nodes.size());
        }

        void edge(int var, int a, int b) {
            edges.add(new int[] {var, a, b});
        }
    }

    /** The relations between indicators of one base at each place. */
    private void relations(Map<List<String>, Integer> plainRow, Map<List<String>, Integer> sharedDen,
            double eventsOfUnknownCost) {
        Set<List<String>> places = new TreeSet<>(Disclosure::compareKeys);
        for (IndicatorRow r : table) {
            if (!Comparison.DECILE.equals(r.categoryType)) {
                places.add(List.of(r.period, r.clientGroup, r.locality));
            }
        }
        // the slack of an inequality at each place, by relation, period and client group, then place
        Map<List<Object>, Map<String, Integer>> slacks = new java.util.LinkedHashMap<>();
        for (List<String> place : places) {
            for (int ri = 0; ri < Indicator.RELATIONS.size(); ri++) {
                Indicator.Relation rel = Indicator.RELATIONS.get(ri);
                if (rel.areaOnly() && !"All".equals(place.get(2))) {
                    continue;
                }
                List<Integer> left = new ArrayList<>();
                boolean complete = true;
                for (Indicator.Cell c : rel.left()) {
                    int v = cellVar(c, place, plainRow, sharedDen);
                    complete &= v >= 0;
                    left.add(v);
                }
                int right = cellVar(rel.right(), place, plainRow, sharedDen);
                if (!complete || right < 0) {
                    continue;
                }
                if (rel.exact() || rel.areaOnly()) {
                    constraint(left, List.of(right), 0, rel.exact());
                    continue;
                }
                // left + slack = right, slack >= 0: the slacks add up over the places to the All slack,
                // since both sides do (docs/disclosure.md, "The audit")
                int slack = newVar(Double.NaN, money[right], true, -1);
                List<Integer> plus = new ArrayList<>(left);
                plus.add(slack);
                constraint(plus, List.of(right), 0, true);
                slacks.computeIfAbsent(List.of(ri, place.get(0), place.get(1)), k -> new java.util.LinkedHashMap<>())
                        .put(place.get(2), slack);
            }
        }
        for (List<String> place : places) {
            if (!"All".equals(place.get(2))) {
                continue;
            }
            for (Indicator.Relation rel : Indicator.ZERO_TOGETHER) {
                int people = cellVar(rel.left().get(0), place, plainRow, sharedDen);
                int records = cellVar(rel.right(), place, plainRow, sharedDen);
                if (people >= 0 && records >= 0) {
                    zeroPairs.add(new int[] {people, records});
                }
            }
        }
        // a relation between two counts that both add up to a file total at All (in-range referrals at most the
        // referrals): the All slacks of every period and client group add up to the difference of the totals
        // (data-quality.csv's age_outside_group). With it 0 and the published pairs equal, a hidden in-range
        // count was its published referrals (an exact intruder, at the default suppression)
        Map<Integer, List<Integer>> allSlacks = new java.util.TreeMap<>();
        for (Map.Entry<List<Object>, Map<String, Integer>> e : slacks.entrySet()) {
            int ri = (Integer) e.getKey().get(0);
            Indicator.Relation rel = Indicator.RELATIONS.get(ri);
            Integer all = e.getValue().get("All");
            if (all == null || rel.left().size() != 1 || !countInFileTotal(rel.left().get(0))
                    || !countInFileTotal(rel.right())) {
                continue;
            }
            allSlacks.computeIfAbsent(ri, k -> new ArrayList<>()).add(all);
        }
        for (Map.Entry<Integer, List<Integer>> e : allSlacks.entrySet()) {
            Indicator.Relation rel = Indicator.RELATIONS.get(e.getKey());
            double total = fileTotal(rel.right().indicator(), "All") - fileTotal(rel.left().get(0).indicator(), "All");
            if (Double.isNaN(total)) {
                continue;
            }
            // withheld with the left's file total (age_outside_group goes with the referrals' totals)
            building = Indicator.FILE_TOTALS.indexOf(Indicator.fileTotal(rel.left().get(0).indicator(), "All"));
            constraint(e.getValue(), List.of(), total, true);
            building = -1;
        }
        // a user with no known cost in a period and client group has an event of unknown cost there: the All slacks
        // of "users with a known cost at most users" add up to at most data-quality.csv's cost_unknown. With it 0
        // an exact intruder read a hidden All count of users with a known cost from the published users
        if (!Double.isNaN(eventsOfUnknownCost)) {
            int ri = Indicator.RELATIONS.indexOf(Indicator.USERS_WITH_A_KNOWN_COST);
            List<Integer> uncosted = new ArrayList<>();
            for (Map.Entry<List<Object>, Map<String, Integer>> e : slacks.entrySet()) {
                Integer all = e.getValue().get("All");
                if ((Integer) e.getKey().get(0) == ri && all != null) {
                    uncosted.add(all);
                }
            }
            if (!uncosted.isEmpty()) { // (a table without those rows makes no fact)
                constraint(uncosted, List.of(), eventsOfUnknownCost, false);
            }
        }
        for (Map<String, Integer> byPlace : slacks.values()) {
            Integer all = byPlace.get("All");
            if (all == null) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : byPlace.entrySet()) {
                if (!"All".equals(e.getKey())) {
                    parts.add(e.getValue());
                }
            }
            constraint(parts, List.of(all), 0, true);
        }
    }

    private static boolean countInFileTotal(Indicator.Cell c) {
        return c.column() == Indicator.Column.COUNT && c.indicator().categoryType == null
                && Indicator.inFileTotal(c.indicator(), "All");
    }

    /** The sum of an indicator's plain counts at a place over every period and client group (NaN when one is). */
    private double fileTotal(Indicator ind, String place) {
        double total = 0;
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            if (r.indicatorId.equals(ind.id) && empty(r.categoryType) && place.equals(r.locality)) {
                total += truth[countVar[i]];
            }
        }
        return total;
    }

    private int cellVar(Indicator.Cell c, List<String> place, Map<List<String>, Integer> plainRow,
            Map<List<String>, Integer> sharedDen) {
        List<String> key = List.of(c.indicator().id, place.get(0), place.get(1), place.get(2));
        if (c.indicator().categoryType != null) {
            Integer v = c.column() == Indicator.Column.DENOMINATOR ? sharedDen.get(key) : null;
            return v == null ? -1 : v;
        }
        Integer row = plainRow.get(key);
        if (row == null) {
            return -1;
        }
        return c.column() == Indicator.Column.COUNT ? countVar[row] : denVar[row];
    }

    /** The file totals: All and Unknown counts over every period and client group. */
    private void fileTotals() {
        for (int t = 0; t < Indicator.FILE_TOTALS.size(); t++) {
            Indicator.FileTotal total = Indicator.FILE_TOTALS.get(t);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < table.length; i++) {
                IndicatorRow r = table[i];
                if (r.indicatorId.equals(total.indicator().id) && empty(r.categoryType)
                        && total.place().equals(r.locality)) {
                    rows.add(i);
                }
            }
            double sum = fileTotal(total.indicator(), total.place());
            if (!rows.isEmpty() && !Double.isNaN(sum)) {
                building = t;
                constraint(vars(rows, countVar), List.of(), sum, true);
                building = -1;
            }
        }
    }

    /** Locality × decile: the hidden counts of a locality in each decile where it has areas. */
    private void incidence(Disclosure.Known known, Map<List<String>, Integer> plainRow) {
        Map<List<String>, Map<Integer, Integer>> decileRows = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            if (Comparison.DECILE.equals(r.categoryType)) {
                try {
                    decileRows.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup), k -> new HashMap<>())
                            .put(Integer.parseInt(r.category), i);
                } catch (NumberFormatException e) {
                    // not a decile number: no part in the geography
                }
            }
        }
        List<Component> components = components(known);
        for (Map.Entry<List<String>, Map<Integer, Integer>> e : decileRows.entrySet()) {
            List<String> k = e.getKey();
            Map<Integer, List<Integer>> byDecile = new HashMap<>();
            Map<String, Integer> localityCount = new HashMap<>();
            boolean complete = true;
            for (Map.Entry<String, Set<Integer>> loc : known.decilesByLocality().entrySet()) {
                Integer row = plainRow.get(List.of(k.get(0), k.get(1), k.get(2), loc.getKey()));
                if (row == null) {
                    complete = false;
                    continue;
                }
                localityCount.put(loc.getKey(), countVar[row]);
                List<Integer> cells = new ArrayList<>();
                for (int d : loc.getValue()) {
                    int c = newVar(Double.NaN, false, true, -1);
                    cells.add(c);
                    byDecile.computeIfAbsent(d, x -> new ArrayList<>()).add(c);
                }
                constraint(cells, List.of(countVar[row]), 0, true);
            }
            if (!complete) {
                continue; // a locality of the geography has no row: the decile sums would be wrong
            }
            for (Map.Entry<Integer, Integer> d : e.getValue().entrySet()) {
                constraint(byDecile.getOrDefault(d.getKey(), List.of()), List.of(countVar[d.getValue()]), 0, true);
            }
            // and their sums: each group of localities linked by shared deciles (a connected component of the
            // lookup's locality-decile graph) has one sum, that of its localities and of its deciles, and the
            // groups' sums with Unknown make All. It follows from the cells, but bounds narrowed one fact at a
            // time never find it: one locality hidden beside published deciles gave that locality's count (the
            // attack test's councils of every shape), one hidden decile of a group that decile's, and a group's
            // hidden localities, known together from its deciles, Unknown's (an exact intruder; docs/disclosure.md)
            List<Integer> sums = new ArrayList<>();
            for (Component c : components) {
                if (!e.getValue().keySet().containsAll(c.deciles())) {
                    sums = null;
                    continue;
                }
                List<Integer> localities = new ArrayList<>();
                for (String loc : c.localities()) {
                    localities.add(localityCount.get(loc));
                }
                List<Integer> deciles = new ArrayList<>();
                for (int d : c.deciles()) {
                    deciles.add(countVar[e.getValue().get(d)]);
                }
                int sum = newVar(Double.NaN, false, true, -1);
                constraint(localities, List.of(sum), 0, true);
                constraint(deciles, List.of(sum), 0, true);
                if (sums != null) {
                    sums.add(sum);
                }
            }
            Integer all = plainRow.get(List.of(k.get(0), k.get(1), k.get(2), "All"));
            Integer unknown = plainRow.get(List.of(k.get(0), k.get(1), k.get(2), "Unknown"));
            if (sums != null && all != null) {
                if (unknown != null) {
                    sums.add(countVar[unknown]);
                }
                constraint(sums, List.of(countVar[all]), 0, true);
            }
        }
    }

    /** Localities and the deciles where they have areas, linked through shared deciles. */
    private record Component(List<String> localities, Set<Integer> deciles) {
    }

    /** The connected components of the lookup's locality-decile graph, in the lookup's locality order. */
    static List<Component> components(Disclosure.Known known) {
        List<Component> out = new ArrayList<>();
        Set<String> placed = new java.util.HashSet<>();
        Map<String, Set<Integer>> byLocality = known.decilesByLocality();
        for (String start : byLocality.keySet()) {
            if (!placed.add(start)) {
                continue;
            }
            List<String> localities = new ArrayList<>(List.of(start));
            Set<Integer> deciles = new TreeSet<>(byLocality.get(start));
            for (boolean grew = true; grew; ) {
                grew = false;
                for (Map.Entry<String, Set<Integer>> loc : byLocality.entrySet()) {
                    if (!placed.contains(loc.getKey()) && !java.util.Collections.disjoint(deciles, loc.getValue())) {
                        placed.add(loc.getKey());
                        localities.add(loc.getKey());
                        deciles.addAll(loc.getValue());
                        grew = true;
                    }
                }
            }
            out.add(new Component(localities, deciles));
        }
        return out;
    }

    /** Turns the (variable, row) pairs and the constraints' terms into lists by variable, each in the order added. */
    private void freeze() {
        rowStart = new int[vars + 1];
        for (int p = 0; p < pairs; p++) {
            rowStart[pairVar[p] + 1]++;
        }
        for (int v = 0; v < vars; v++) {
            rowStart[v + 1] += rowStart[v];
        }
        rowList = new int[pairs];
        int[] fill = Arrays.copyOf(rowStart, vars);
        for (int p = 0; p < pairs; p++) {
            rowList[fill[pairVar[p]]++] = pairRow[p];
        }
        pairVar = null;
        pairRow = null;
        consStart = new int[vars + 1];
        for (int t = 0; t < terms; t++) {
            consStart[var(termVar[t]) + 1]++;
        }
        for (int v = 0; v < vars; v++) {
            consStart[v + 1] += consStart[v];
        }
        consList = new int[terms];
        fill = Arrays.copyOf(consStart, vars);
        for (int c = 0; c < constraints; c++) {
            for (int t = termStart[c]; t < termStart[c + 1]; t++) {
                consList[fill[var(termVar[t])]++] = c;
            }
        }
    }

    private boolean published(int v) {
        for (int k = rowStart[v]; k < rowStart[v + 1]; k++) {
            if (!table[rowList[k]].suppressed) {
                return true;
            }
        }
        return false;
    }

    /** Bounds of every variable given what is published now: {lo, hi}. */
    double[][] bounds() {
        double[][] b = knownBounds();
        double[] lo = b[0];
        double[] hi = b[1];
        propagate(lo, hi);
        // what the equalities give taken together, which narrowing one fact at a time cannot see (a hidden cell
        // joining two loops of hidden cells in a table of places by categories is their sums' difference), and
        // then what that lets the narrowing find
        for (int round = 0; round < ALGEBRA_ROUNDS; round++) {
            boolean more = false;
            List<Integer> fixed = fixedByEqualities(lo, hi);
            fixed.addAll(categoryBridges(lo, hi));
            for (int v : fixed) {
                if (!internal[v] && !Double.isNaN(truth[v]) && lo[v] < hi[v]) {
                    lo[v] = truth[v];
                    hi[v] = truth[v];
                    more = true;
                }
            }
            if (!more) {
                break;
            }
            propagate(lo, hi);
        }
        return new double[][] {lo, hi};
    }

    /** The bounds before any fact is used: a published amount is its value, any other at least 0. */
    double[][] knownBounds() {
        int n = vars;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int v = 0; v < n; v++) {
            if (!internal[v] && published(v) && !Double.isNaN(truth[v])) {
                lo[v] = truth[v];
                hi[v] = truth[v];
            } else {
                lo[v] = 0;
                hi[v] = Double.POSITIVE_INFINITY;
            }
        }
        return new double[][] {lo, hi};
    }

    /** Interval propagation over every fact in force until nothing moves (at most {@link #MAX_PASSES} passes). */
    private void propagate(double[] lo, double[] hi) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            for (int c = 0; c < constraints; c++) {
                if (inForce(c)) {
                    changed |= narrow(c, lo, hi);
                }
            }
            changed |= zeroTogether(lo, hi);
            lastPasses = pass + 1;
            if (!changed) {
                break;
            }
        }
    }

    /** Whether the intruder has fact c: every fact but the file totals withheld. */
    private boolean inForce(int c) {
        return totalOf[c] < 0 || !withheld[totalOf[c]];
    }

    /** Rounds of the equalities' algebra and the narrowing after it, at most. */
    private static final int ALGEBRA_ROUNDS = 8;
    /**
     * The most amounts not yet known that one connected set of equalities may hold for the algebra, and the most
     * cells (equalities times amounts) of its matrix (24 MB): elimination is dense. Larger sets (many thousands of
     * hidden rows tied by the file totals and the relations' slacks) are left to the narrowing alone, and said
     * so with --verbose. The sample's largest set holds 558, a council of 40 localities 1,818.
     */
    static final int ALGEBRA_MAX = 6000;
    static final long ALGEBRA_CELLS = 6_000_000;
    /** Whether --verbose has been told of a set too large for the algebra. */
    private boolean saidTooLarge;
    /** The prime the elimination works modulo: exact for the 0, 1 and -1 of the facts' coefficients. */
    private static final long PRIME = 2_147_483_647L;

    /**
     * The amounts not yet known (bounds apart) that the equalities in force fix, taken together: an amount is
     * fixed when its unit vector lies in the span of the equalities restricted to the unknown amounts, i.e. when
     * every solution of the equalities with the known amounts held gives it the same value. Found per connected
     * set of unknown amounts by Gaussian elimination modulo a prime (the coefficients are 1 and -1).
     */
    List<Integer> fixedByEqualities(double[] lo, double[] hi) {
        int[] parent = new int[vars];
        for (int v = 0; v < vars; v++) {
            parent[v] = v;
        }
        List<Integer> active = new ArrayList<>();
        for (int c = 0; c < constraints; c++) {
            if (!equality[c] || !inForce(c)) {
                continue;
            }
            int first = -1;
            for (int k = termStart[c]; k < termStart[c + 1]; k++) {
                int v = var(termVar[k]);
                if (lo[v] < hi[v]) {
                    if (first < 0) {
                        first = v;
                    } else {
                        union(parent, first, v);
                    }
                }
            }
            if (first >= 0) {
                active.add(c);
            }
        }
        // the equalities of each set, and its unknown amounts numbered from 0
        Map<Integer, List<Integer>> setConstraints = new java.util.LinkedHashMap<>();
        for (int c : active) {
            int root = -1;
            for (int k = termStart[c]; k < termStart[c + 1] && root < 0; k++) {
                int v = var(termVar[k]);
                if (lo[v] < hi[v]) {
                    root = find(parent, v);
                }
            }
            setConstraints.computeIfAbsent(root, r -> new ArrayList<>()).add(c);
        }
        List<Integer> out = new ArrayList<>();
        int[] local = new int[vars];
        Arrays.fill(local, -1);
        for (List<Integer> cs : setConstraints.values()) {
            List<Integer> members = new ArrayList<>();
            for (int c : cs) {
                for (int k = termStart[c]; k < termStart[c + 1]; k++) {
                    int v = var(termVar[k]);
                    if (lo[v] < hi[v] && local[v] < 0) {
                        local[v] = members.size();
                        members.add(v);
                    }
                }
            }
            if (members.size() <= ALGEBRA_MAX && (long) members.size() * cs.size() <= ALGEBRA_CELLS) {
                fixedIn(cs, members, local, lo, hi, out);
            } else if (!saidTooLarge) {
                saidTooLarge = true;
                org.jsna.console.Log.detail("disclosure audit: " + members.size() + " hidden amounts tied by "
                        + cs.size() + " equalities are left to interval propagation (the algebra takes "
                        + ALGEBRA_MAX + " amounts at most)");
            }
            for (int v : members) {
                local[v] = -1;
            }
        }
        return out;
    }

    /**
     * The unknown cells of the tables of places by categories that the tables' own sums fix, whatever the size of
     * the set they belong to: each cell is in two of those equalities (its place's categories add up to its
     * denominator; its category's places add up to All), so, signed, they are the incidence matrix of a graph
     * whose edges are the unknown cells, and a cell is fixed exactly when its edge lies on no cycle: a bridge.
     * Found by Tarjan's search in time linear in the cells (the elimination covers these too, up to its size).
     */
    List<Integer> categoryBridges(double[] lo, double[] hi) {
        List<Integer> out = new ArrayList<>();
        for (CategoryGraph g : categoryGraphs) {
            int n = g.nodes.size();
            List<int[]> unknown = new ArrayList<>();
            for (int[] e : g.edges) {
                if (lo[e[0]] < hi[e[0]]) {
                    unknown.add(e);
                }
            }
            if (unknown.isEmpty()) {
                continue;
            }
            // adjacency: for each node, the unknown edges at it
            int[] start = new int[n + 1];
            for (int[] e : unknown) {
                start[e[1] + 1]++;
                start[e[2] + 1]++;
            }
            for (int i = 0; i < n; i++) {
                start[i + 1] += start[i];
            }
            int[] adj = new int[2 * unknown.size()];
            int[] fill = Arrays.copyOf(start, n);
            for (int k = 0; k < unknown.size(); k++) {
                adj[fill[unknown.get(k)[1]]++] = k;
                adj[fill[unknown.get(k)[2]]++] = k;
            }
            int[] order = new int[n];
            int[] low = new int[n];
            Arrays.fill(order, -1);
            int[] parentEdge = new int[n];
            int[] next = new int[n];
            int[] stack = new int[n];
            int counter = 0;
            for (int root = 0; root < n; root++) {
                if (order[root] >= 0 || start[root] == start[root + 1]) {
                    continue;
                }
                int top = 0;
                stack[top++] = root;
                order[root] = low[root] = counter++;
                parentEdge[root] = -1;
                next[root] = start[root];
                while (top > 0) {
                    int u = stack[top - 1];
                    if (next[u] < start[u + 1]) {
                        int k = adj[next[u]++];
                        if (k == parentEdge[u]) {
                            continue;
                        }
                        int[] e = unknown.get(k);
                        int w = e[1] == u ? e[2] : e[1];
                        if (order[w] < 0) {
                            order[w] = low[w] = counter++;
                            parentEdge[w] = k;
                            next[w] = start[w];
                            stack[top++] = w;
                        } else {
                            low[u] = Math.min(low[u], order[w]);
                        }
                    } else {
                        top--;
                        if (top > 0) {
                            int p = stack[top - 1];
                            low[p] = Math.min(low[p], low[u]);
                            if (low[u] > order[p]) {
                                out.add(unknown.get(parentEdge[u])[0]); // the edge from p to u is a bridge
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Adds to {@code out} the members fixed by the equalities {@code cs} (reduced row echelon form mod a prime). */
    private void fixedIn(List<Integer> cs, List<Integer> members, int[] local, double[] lo, double[] hi,
            List<Integer> out) {
        int n = members.size();
        int[][] m = new int[cs.size()][];
        for (int i = 0; i < cs.size(); i++) {
            int c = cs.get(i);
            int[] row = new int[n];
            for (int k = termStart[c]; k < termStart[c + 1]; k++) {
                int v = var(termVar[k]);
                if (lo[v] < hi[v]) {
                    int j = local[v];
                    row[j] = (int) ((row[j] + (termVar[k] >= 0 ? 1 : PRIME - 1)) % PRIME);
                }
            }
            m[i] = row;
        }
        int[] pivotRow = new int[n];
        Arrays.fill(pivotRow, -1);
        int rank = 0;
        int[] nonZero = new int[n];
        for (int col = 0; col < n && rank < m.length; col++) {
            int r = rank;
            while (r < m.length && m[r][col] == 0) {
                r++;
            }
            if (r == m.length) {
                continue;
            }
            int[] t = m[r];
            m[r] = m[rank];
            m[rank] = t;
            long inv = modPow(t[col], PRIME - 2);
            int nz = 0;
            for (int j = col; j < n; j++) {
                if (t[j] != 0) {
                    t[j] = (int) (t[j] * inv % PRIME);
                    nonZero[nz++] = j;
                }
            }
            for (int i = 0; i < m.length; i++) {
                long f = m[i][col];
                if (i == rank || f == 0) {
                    continue;
                }
                int[] row = m[i];
                for (int q = 0; q < nz; q++) {
                    int j = nonZero[q];
                    row[j] = (int) Math.floorMod(row[j] - f * t[j], PRIME);
                }
            }
            pivotRow[col] = rank++;
        }
        for (int col = 0; col < n; col++) {
            int r = pivotRow[col];
            if (r < 0) {
                continue; // a free amount: any value fits
            }
            boolean fixed = true;
            for (int j = 0; j < n && fixed; j++) {
                fixed = j == col || pivotRow[j] >= 0 || m[r][j] == 0;
            }
            if (fixed) {
                out.add(members.get(col));
            }
        }
    }

    private static long modPow(long b, long e) {
        long r = 1;
        b %= PRIME;
        while (e > 0) {
            if ((e & 1) == 1) {
                r = r * b % PRIME;
            }
            b = b * b % PRIME;
            e >>= 1;
        }
        return r;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }

    /**
     * The pairs of {@link Indicator#ZERO_TOGETHER}: no people, no records; a record, at least one person (whole
     * counts). True when a bound moved.
     */
    private boolean zeroTogether(double[] lo, double[] hi) {
        boolean changed = false;
        for (int[] pair : zeroPairs) {
            int people = pair[0];
            int records = pair[1];
            if (hi[people] == 0 && hi[records] > lo[records]) {
                hi[records] = lo[records];
                changed = true;
            }
            if (lo[records] > 0 && lo[people] < 1 && hi[people] >= 1) {
                lo[people] = 1;
                changed = true;
            }
        }
        return changed;
    }

    /** Interval propagation over one constraint; true when a bound moved. */
    private boolean narrow(int c, double[] lo, double[] hi) {
        int from = termStart[c];
        int to = termStart[c + 1];
        double b = rhs[c];
        boolean eq = equality[c];
        double minSum = 0;
        double maxSum = 0;
        int minInf = 0;
        int maxInf = 0;
        for (int k = from; k < to; k++) {
            int v = var(termVar[k]);
            if (termVar[k] >= 0) {
                minSum += lo[v];
                if (hi[v] == Double.POSITIVE_INFINITY) {
                    maxInf++;
                } else {
                    maxSum += hi[v];
                }
            } else {
                maxSum -= lo[v];
                if (hi[v] == Double.POSITIVE_INFINITY) {
                    minInf++;
                } else {
                    minSum -= hi[v];
                }
            }
        }
        boolean changed = false;
        for (int k = from; k < to; k++) {
            boolean plus = termVar[k] >= 0;
            int v = var(termVar[k]);
            boolean vInf = hi[v] == Double.POSITIVE_INFINITY;
            double termMin = plus ? lo[v] : (vInf ? Double.NEGATIVE_INFINITY : -hi[v]);
            double termMax = plus ? (vInf ? Double.POSITIVE_INFINITY : hi[v]) : -lo[v];
            // the rest of the sum, without this term
            double restMin = minInf - (termMin == Double.NEGATIVE_INFINITY ? 1 : 0) > 0 ? Double.NEGATIVE_INFINITY
                    : minSum - (termMin == Double.NEGATIVE_INFINITY ? 0 : termMin);
            double restMax = maxInf - (termMax == Double.POSITIVE_INFINITY ? 1 : 0) > 0 ? Double.POSITIVE_INFINITY
                    : maxSum - (termMax == Double.POSITIVE_INFINITY ? 0 : termMax);
            double termHi = b - restMin; // the term is at most b - restMin
            double termLo = eq ? b - restMax : Double.NEGATIVE_INFINITY;
            double newLo;
            double newHi;
            if (plus) {
                newLo = termLo;
                newHi = termHi;
            } else {
                newLo = -termHi;
                newHi = -termLo;
            }
            if (!money[v]) {
                newLo = Math.ceil(newLo - 1e-6);
                newHi = Math.floor(newHi + 1e-6);
            }
            double tol = money[v] ? 1e-7 * Math.max(1, Math.abs(hi[v] == Double.POSITIVE_INFINITY ? lo[v] : hi[v]))
                    : 0;
            // a bound moves only when it really does: a bound held at the other (an amount known to be 0, say)
            // would otherwise be "moved" again every pass by the rounding of sums of large amounts, and the
            // propagation ran all its passes (costs of £1.2 million: 18 s of trials where 0.8 s sufficed)
            if (newLo > lo[v] + tol && Math.min(newLo, hi[v]) > lo[v]) {
                lo[v] = Math.min(newLo, hi[v]);
                changed = true;
            }
            if (newHi < hi[v] - tol && Math.max(newHi, lo[v]) < hi[v]) {
                hi[v] = Math.max(newHi, lo[v]);
                changed = true;
            }
        }
        return changed;
    }

    /** True when the bounds of a hidden amount leave no doubt about its true value. */
    private boolean pinned(int v, double lo, double hi) {
        double t = truth[v];
        if (internal[v] || Double.isNaN(t) || t <= 0 || published(v)) {
            return false;
        }
        double width = hi - lo;
        if (money[v]) {
            return width < Math.max(1.0, MONEY_TOLERANCE * t);
        }
        return width < 0.5;
    }

    /** The hidden amounts the intruder pins down now, as variables (for tests and messages). */
    List<Integer> pinnedNow() {
        double[][] b = bounds();
        List<Integer> out = new ArrayList<>();
        for (int v = 0; v < vars; v++) {
            if (pinned(v, b[0][v], b[1][v])) {
                out.add(v);
            }
        }
        return out;
    }

    /** Rows to hide so that the amounts pinned now are no longer pinned (empty when none is pinned). */
    List<Integer> remedies(IndicatorRow[] current) {
        if (current != table) {
            throw new IllegalArgumentException("the audit belongs to another table");
        }
        Set<Integer> chosen = new TreeSet<>();
        for (int v : pinnedNow()) {
            // rows that share a fact with the amount, then rows that share a fact with another hidden
            // amount of those facts (hiding a row there can make that amount, and so this one, uncertain)
            Marks rows = new Marks(table.length);
            neighbours(v, rows);
            List<Integer> candidates = published(rows);
            Marks inCandidates = new Marks(table.length);
            for (int r : candidates) {
                inCandidates.add(r);
            }
            // then further out, one hidden amount at a time, while none is found (a published zero of people
            // three facts away can give a hidden count of their records away: docs/disclosure.md)
            Marks seen = new Marks(vars);
            seen.add(v);
            Marks frontier = new Marks(vars);
            hiddenNeighbours(v, seen, frontier);
            // (only the first candidates are ever tried, or the first alone past the budget: with that many
            // already, those further out change nothing, and gathering them over facts of thousands of terms took
            // most of the disclosure control of a table of 1,000 localities)
            int tried = trialsMade < trialBudget ? TRIALS : 1;
            for (int depth = 0; frontier.size > 0 && (depth == 0 ? candidates.size() < tried : candidates.isEmpty())
                    && depth < MAX_DEPTH; depth++) {
                Marks around = new Marks(table.length);
                Marks next = new Marks(vars);
                for (int i = 0; i < frontier.size; i++) {
                    int u = frontier.items[i];
                    neighbours(u, around);
                    hiddenNeighbours(u, seen, next);
                }
                Marks fresh = new Marks(table.length);
                for (int i = 0; i < around.size; i++) {
                    if (!inCandidates.has(around.items[i])) {
                        fresh.add(around.items[i]);
                    }
                }
                for (int r : published(fresh)) {
                    candidates.add(r);
                    inCandidates.add(r);
                }
                frontier = next;
            }
            // take the first of the leading candidates whose hiding frees the amount
            // each trial propagates the whole table again: past a budget (a table of very many periods, each round
            // freeing little) the first candidate is hidden untried, which the next round checks like any other
            int pick = candidates.isEmpty() ? -1 : candidates.get(0);
            boolean freed = false;
            int trials = trialsMade < trialBudget ? Math.min(TRIALS, candidates.size()) : 0;
            for (int k = 0; k < trials && !freed; k++) {
                int row = candidates.get(k);
                table[row].suppressed = true;
                trialsMade++;
                double[][] b = bounds();
                table[row].suppressed = false;
                if (!pinned(v, b[0][v], b[1][v])) {
                    pick = row;
                    freed = true;
                }
            }
            // with only zeros left to hide (which the facts around them mostly give back) the file totals of
            // data-quality.csv and manifest.json are what pins the amount: withhold them rather than hide a row
            // per period and client group for ever more rounds (a referral dated 1900 made 1,510 rounds)
            if (!freed && (pick < 0 || table[pick].disclosureCount == 0) && withholdFrees(v)) {
                continue;
            }
            if (pick < 0) {
                org.jsna.console.Log.detail("disclosure audit: no row left to hide beside a pinned amount of "
                        + describe(v));
                continue;
            }
            chosen.add(pick);
        }
        return new ArrayList<>(chosen);
    }

    /**
     * Withholds the file totals of one input file, or of both, when that frees {@code v}; true when it did.
     * The totals of a file go together: its rows used, rows with an unknown or empty area and ages outside
     * the group are each other's differences.
     */
    private boolean withholdFrees(int v) {
        List<String> roles = new ArrayList<>();
        for (int t = 0; t < withheld.length; t++) {
            String role = Indicator.FILE_TOTALS.get(t).role();
            if (!withheld[t] && !roles.contains(role)) {
                roles.add(role);
            }
        }
        List<List<String>> options = new ArrayList<>();
        for (String role : roles) {
            options.add(List.of(role));
        }
        if (roles.size() > 1) {
            options.add(roles);
        }
        for (List<String> option : options) {
            if (withholdTrials >= WITHHOLD_TRIALS) {
                return false;
            }
            withholdTrials++;
            trialsMade++;
            boolean[] before = withheld.clone();
            for (int t = 0; t < withheld.length; t++) {
                withheld[t] |= option.contains(Indicator.FILE_TOTALS.get(t).role());
            }
            double[][] b = bounds();
            if (!pinned(v, b[0][v], b[1][v])) {
                return true;
            }
            System.arraycopy(before, 0, withheld, 0, withheld.length);
        }
        return false;
    }

    /** The file totals the audit withholds (data-quality.csv and manifest.json leave them out). */
    List<Indicator.FileTotal> withheldTotals() {
        List<Indicator.FileTotal> out = new ArrayList<>();
        for (int t = 0; t < withheld.length; t++) {
            if (withheld[t]) {
                out.add(Indicator.FILE_TOTALS.get(t));
            }
        }
        return out;
    }

    /** The unsuppressed rows of {@code rows}: non-zero rows first (a hidden zero beside zeros is known to be
     * zero), then by disclosure count, then in key order. */
    private List<Integer> published(Marks rows) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size; i++) {
            int row = rows.items[i];
            if (!table[row].suppressed) {
                out.add(row);
            }
        }
        out.sort((a, b) -> {
            boolean za = table[a].disclosureCount == 0;
            boolean zb = table[b].disclosureCount == 0;
            if (za != zb) {
                return za ? 1 : -1;
            }
            int c = Long.compare(table[a].disclosureCount, table[b].disclosureCount);
            return c != 0 ? c : Disclosure.KEY_ORDER.compare(table[a], table[b]);
        });
        return out;
    }

    private String describe(int v) {
        if (rowStart[v] == rowStart[v + 1]) {
            return "(none)";
        }
        IndicatorRow r = table[rowList[rowStart[v]]];
        return r.indicatorId + " " + r.period + " " + r.clientGroup + " " + r.locality + " " + Disclosure.nz(r.category);
    }

    /**
     * Adds to {@code out} the hidden amounts (not the intruder's own) that share a fact with v and are not in
     * {@code seen}, and adds them to {@code seen}.
     */
    private void hiddenNeighbours(int v, Marks seen, Marks out) {
        for (int i = consStart[v]; i < consStart[v + 1]; i++) {
            int c = consList[i];
            for (int t = termStart[c]; t < termStart[c + 1]; t++) {
                int u = var(termVar[t]);
                if (!internal[u] && !seen.has(u) && !published(u)) {
                    seen.add(u);
                    out.add(u);
                }
            }
        }
    }

    /**
     * Adds to {@code out} the rows that share a fact with variable v (through the locality-by-decile cells as
     * well), but v's own rows.
     */
    private void neighbours(int v, Marks out) {
        if (own == null) {
            own = new boolean[table.length];
        }
        for (int k = rowStart[v]; k < rowStart[v + 1]; k++) {
            own[rowList[k]] = true;
        }
        for (int i = consStart[v]; i < consStart[v + 1]; i++) {
            int c = consList[i];
            for (int t = termStart[c]; t < termStart[c + 1]; t++) {
                int u = var(termVar[t]);
                if (internal[u]) {
                    for (int i2 = consStart[u]; i2 < consStart[u + 1]; i2++) {
                        int c2 = consList[i2];
                        for (int t2 = termStart[c2]; t2 < termStart[c2 + 1]; t2++) {
                            addRows(var(termVar[t2]), out);
                        }
                    }
                } else {
                    addRows(u, out);
                }
            }
        }
        for (int k = rowStart[v]; k < rowStart[v + 1]; k++) {
            own[rowList[k]] = false;
        }
    }

    /** Adds the rows of u to {@code out}, but those {@link #own} marks. */
    private void addRows(int u, Marks out) {
        for (int k = rowStart[u]; k < rowStart[u + 1]; k++) {
            int row = rowList[k];
            if (!own[row]) {
                out.add(row);
            }
        }
    }

    /**
     * A set of small numbers (rows or amounts) below a bound, in the order they came: a mark per number and the
     * list. The candidates of a remedy are gathered over facts of thousands of terms (a table of 1,000 localities:
     * boxed integers in hash sets took three quarters of its disclosure control).
     */
    static final class Marks {
        final boolean[] marked;
        int[] items = new int[16];
        int size;

        Marks(int bound) {
            marked = new boolean[bound];
        }

        boolean has(int x) {
            return marked[x];
        }

        void add(int x) {
            if (marked[x]) {
                return;
            }
            marked[x] = true;
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = x;
        }
    }
}
