package org.jsna.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Disclosure control over the finished indicator table (indicators.md, "Disclosure control", and
 * docs/disclosure.md, which gives every rule and why).
 *
 * <p><b>Primary.</b> A row whose disclosure count ({@link IndicatorRow#disclosureCount}: the
 * numerator, or the distinct people behind a money amount) or whose count-based denominator
 * ({@link IndicatorRow#denominatorDisclosureCount}, {@code -1} for population denominators) lies in
 * {@code [min, max]} (default 1–7) is suppressed.
 *
 * <p><b>Protection.</b> Then full passes run until a pass changes nothing. A pass visits, each kind in
 * ordinal order of its key, every
 * <ul>
 *   <li>category set: the category rows of one category type per indicator, period, client group
 *       and locality (every locality, {@code Unknown} and {@code All}), in data.md's code order;</li>
 *   <li>decile set: deciles 1–10 of a decile indicator per period and client group, <em>and the
 *       plain {@code Unknown} row</em> (the {@code All} total is the deciles plus {@code Unknown}, so
 *       without it a hidden {@code Unknown} count is the total minus the published deciles);</li>
 *   <li>locality set: the rows of every locality and {@code Unknown} per indicator, period, client
 *       group and category, localities in ordinal order then {@code Unknown};</li>
 *   <li>file-total set: the plain {@code All} rows, and the plain {@code Unknown} rows, of an indicator
 *       in {@link Indicator#FILE_TOTALS} across every period and client group (data-quality.csv and
 *       manifest.json publish the file's rows used and its records with an unknown area, which are
 *       their totals), in period then client-group order;</li>
 * </ul>
 * and a set holding exactly one suppressed row gets its unsuppressed row with the smallest
 * disclosure count (zero included; ties to the first in set order) suppressed too. The pass ends
 * with the <b>shared base</b> rule: indicators of one {@link Indicator#base} count the same records, so
 * a place (locality, {@code Unknown} or {@code All}) hidden in one of them — a plain row suppressed, or
 * every category row of a category indicator suppressed — is hidden in all of them (plain and
 * category rows) for that period and client group.
 *
 * <p><b>Audit.</b> When a pass changes nothing, {@link DisclosureAudit} attacks the table as an
 * intruder would (every published total, the identities between indicators, the deciles of each
 * locality's areas); each suppressed non-zero amount it pins down gets one more row hidden, and the
 * passes run again, until the audit recovers nothing.
 *
 * <p><b>A suppressed row</b> has {@code count}, {@code denominator}, {@code value} and all four
 * limits empty, {@code value_note} {@link #NOTE} followed only by the notes that do not depend on the
 * counts ({@link IndicatorRow#contextNotes}), {@code suppressed = true}, and is {@code not compared}.
 * Rows compared with a suppressed {@code All} row lose their comparator value and comparison
 * ({@link #maskComparisons(List)}). Rows already marked suppressed before this stage count as
 * suppressed and are emptied in the same way.
 *
 * <p>All of this is deterministic: it depends on the rows' keys and counts only, never on the order
 * of the input list.
 */
public final class Disclosure {

    /**
     * value_note of every suppressed row. Primary and secondary suppressions are not told apart: a
     * note saying which hidden row is the small one would tell an intruder that it is 1–7 and the
     * other, often, 0.
     */
    public static final String NOTE = "suppressed (disclosure control)";
    /** Former names of {@link #NOTE}, for callers that suppress rows themselves. */
    public static final String PRIMARY_NOTE = NOTE;
    public static final String SECONDARY_NOTE = NOTE;

    /** Default bounds of the primary rule (data.md, {@code suppression: {min: 1, max: 7}}). */
    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_MAX = 7;

    /** The fixed code lists of the category types, in data.md's order (the order of ties). */
    static final Map<String, List<String>> CATEGORY_ORDER = Map.of(
            "referral_source", org.jsna.input.CodeLists.SOURCES,
            "funder", org.jsna.input.CodeLists.FUNDERS);

    private static final String UNKNOWN = "Unknown";
    private static final String ALL = "All";

    /**
     * What an intruder knows besides the indicator table. {@code decilesByLocality}: the deprivation deciles in
     * which each locality has small areas (the area lookup and the national deprivation deciles are public; a
     * decile found in one locality only, for instance, makes that decile's count part of the locality's).
     * {@code eventsOfUnknownCost}: data-quality.csv's {@code cost_unknown}, which bounds the users with no known
     * cost (each has such an event in its period and client group), or NaN when not published.
     */
    public record Known(Map<String, Set<Integer>> decilesByLocality, double eventsOfUnknownCost) {
        /** Nothing besides the table: the audit then uses the published tables alone. */
        public static final Known NONE = new Known(Map.of(), Double.NaN);
    }

    private Disclosure() {
    }

    /** {@link #apply(List, int, int, boolean, Known)} knowing nothing besides the table. */
    public static void apply(List<IndicatorRow> rows, int min, int max, boolean secondary) {
        apply(rows, min, max, secondary, Known.NONE);
    }

    /**
     * Runs disclosure control over the whole table, in place: primary suppression with bounds
     * {@code [min, max]} (nothing is primary-suppressed when {@code min > max}), then, when
     * {@code secondary}, the protection passes and the audit to a fixed point, then withdraws
     * comparisons that would reveal a suppressed value. Run after {@link Comparison#apply(List)}.
     *
     * @return the file totals data-quality.csv and manifest.json must withhold: those the audit withholds and
     *         the {@link #exposedFileTotals(List)} of the finished table
     */
    public static List<Indicator.FileTotal> apply(List<IndicatorRow> rows, int min, int max, boolean secondary,
            Known known) {
        return apply(rows, min, max, secondary, known, true);
    }

    /** As {@link #apply(List, int, int, boolean, Known)}; without {@code audit} the rules alone (for tests). */
    static List<Indicator.FileTotal> apply(List<IndicatorRow> rows, int min, int max, boolean secondary,
            Known known, boolean audit) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        // the audit must see the true counts, so it takes them before any row is emptied
        DisclosureAudit auditor = secondary && audit ? new DisclosureAudit(table, known) : null;
        for (IndicatorRow row : table) {
            if (row.suppressed) {
                // marked by an earlier stage: make sure nothing of it shows and the note says so
                row.suppressed = false;
                suppress(row, NOTE);
            } else if (isPrimary(row, min, max)) {
                suppress(row, NOTE);
            }
        }
        if (secondary) {
            Index index = new Index(table);
            int primary = count(table);
            int audited = 0;
            int rounds = 0;
            while (true) {
                while (pass(table, index) > 0) {
                    // until a pass changes nothing
                }
                List<Integer> more = auditor == null ? List.of() : auditor.remedies(table);
                if (more.isEmpty()) {
                    more = hiddenPeopleOfAMean(table);
                }
                if (more.isEmpty()) {
                    break;
                }
                rounds++;
                audited += more.size();
                for (int i : more) {
                    suppress(table[i], NOTE);
                }
            }
            org.jsna.console.Log.detail("disclosure control: " + primary + " rows suppressed for small numbers, "
                    + (count(table) - primary) + " more to protect them (" + audited + " of them after " + rounds
                    + " audit round" + (rounds == 1 ? "" : "s") + ", " + (auditor == null ? 0 : auditor.trialsMade)
                    + " trials), of " + table.length + withheldFiles(auditor));
        }
        maskComparisons(rows);
        List<Indicator.FileTotal> withheld = new ArrayList<>(auditor == null ? List.of() : auditor.withheldTotals());
        for (Indicator.FileTotal t : exposedFileTotals(rows)) {
            if (!withheld.contains(t)) {
                withheld.add(t);
            }
        }
        return withheld;
    }

    /**
     * A mean's interval (Student's t: cost per service user) publishes with the mean and n the sum of squares of
     * what it averages: each published place gives its n, sum and sum of squares of its users' totals, and so
     * does All, so the hidden places of a set have theirs by difference: k people, sum S, sum of squares Q. With
     * k = 2 their two totals are the roots of x² − Sx + (S² − Q)/2: both given back (a helper's sample council:
     * two localities of one user each, £2,901.59 and £20,315.09). With k ≥ 3 the totals lie on a circle around
     * S/k, each within √((Q − S²/k)(k − 1)/k) of it: when that leaves less than the audit's doubt about money
     * (£1, or 5% of S/k), every hidden person's total, and so every hidden place's mean, is given back (people
     * of one flat charge each: every hidden mean is that charge). One person hidden is the audit's (the sum is
     * the amount). For each set of places of such an indicator whose All row is published and whose hidden rows
     * give back their people's totals, this hides the published place with the fewest people (at least one, ties
     * in key order), else the All row; the All row at once when All's own people are that close together, since
     * then no place hidden beside them helps. Returns the rows to hide.
     */
    static List<Integer> hiddenPeopleOfAMean(IndicatorRow[] table) {
        Map<List<String>, List<Integer>> sets = new java.util.LinkedHashMap<>();
        Map<List<String>, Integer> alls = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            Indicator ind = indicator(r.indicatorId);
            if (ind == null || ind.statistic != Statistic.MEAN) {
                continue;
            }
            List<String> key = List.of(r.indicatorId, r.period, r.clientGroup, nz(r.categoryType), nz(r.category));
            if (r.isAll()) {
                alls.put(key, i);
            } else {
                sets.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<Integer>> e : sets.entrySet()) {
            Integer all = alls.get(e.getKey());
            if (all == null || table[all].suppressed) {
                continue;
            }
            IndicatorRow.Moments hidden = new IndicatorRow.Moments(0, 0, 0);
            long people = 0;
            int pick = -1;
            for (int i : e.getValue()) {
                IndicatorRow r = table[i];
                if (r.suppressed) {
                    people += Math.max(0, r.disclosureCount);
                    hidden = r.moments == null ? null : hidden == null ? null : hidden.and(r.moments);
                } else if (r.disclosureCount >= 1 && (pick < 0 || r.disclosureCount < table[pick].disclosureCount)) {
                    pick = i;
                }
            }
            if (people == 2) {
                out.add(pick >= 0 ? pick : all);
            } else if (people >= 3 && closeTogether(hidden)) {
                out.add(pick >= 0 && !closeTogether(table[all].moments) ? pick : all);
            }
        }
        return out;
    }

    /**
     * True when each of the people behind {@code m} has a total known to within the audit's doubt about money
     * from their moments: √(M2 (k − 1)/k) either side of the mean (M2 the squared deviations), less than £1 or 5%
     * of the mean wide in all. False for fewer than two people, unknown moments or a mean of 0.
     */
    static boolean closeTogether(IndicatorRow.Moments m) {
        if (m == null || m.n() < 2 || !(m.sum() > 0)) {
            return false;
        }
        double mean = m.sum() / m.n();
        double half = Math.sqrt(Math.max(0, m.squaredDeviations()) * (m.n() - 1) / m.n());
        return 2 * half < Math.max(1.0, DisclosureAudit.MONEY_TOLERANCE * mean);
    }

    /** The text, "" for null (a row's category type and category). */
    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** "; the referrals file totals withheld" when the audit withheld file totals, else "". */
    private static String withheldFiles(DisclosureAudit auditor) {
        Set<String> roles = new java.util.TreeSet<>();
        if (auditor != null) {
            for (Indicator.FileTotal t : auditor.withheldTotals()) {
                roles.add(t.role());
            }
        }
        return roles.isEmpty() ? "" : "; the " + String.join(" and ", roles) + " file totals withheld";
    }

    private static int count(IndicatorRow[] table) {
        int n = 0;
        for (IndicatorRow r : table) {
            if (r.suppressed) {
                n++;
            }
        }
        return n;
    }

    /**
     * The file totals whose published sum would give a suppressed count back: those whose rows (one per
     * period and client group) hold exactly one suppressed row. That happens when a report has one
     * period and one client group, so the set has one member; the file's counts in data-quality.csv
     * and manifest.json must then be withheld (docs/disclosure.md).
     */
    public static List<Indicator.FileTotal> exposedFileTotals(List<IndicatorRow> rows) {
        Map<Indicator.FileTotal, int[]> hidden = new java.util.LinkedHashMap<>();
        for (IndicatorRow r : rows) {
            Indicator ind = indicator(r.indicatorId);
            if (ind == null || (r.categoryType != null && !r.categoryType.isEmpty())) {
                continue;
            }
            Indicator.FileTotal t = Indicator.fileTotal(ind, r.locality);
            if (t != null) {
                int[] n = hidden.computeIfAbsent(t, k -> new int[1]);
                if (r.suppressed) {
                    n[0]++;
                }
            }
        }
        List<Indicator.FileTotal> out = new ArrayList<>();
        hidden.forEach((t, n) -> {
            if (n[0] == 1) {
                out.add(t);
            }
        });
        return out;
    }

    /** True when the row's disclosure count or its count-based denominator lies in [min, max]. */
    public static boolean isPrimary(IndicatorRow row, int min, int max) {
        return inRange(row.disclosureCount, min, max) || inRange(row.denominatorDisclosureCount, min, max);
    }

    private static boolean inRange(long count, int min, int max) {
        return count >= 0 && count >= min && count <= max;
    }

    /**
     * The protection passes alone (sets and shared bases, no audit), over rows whose {@code suppressed}
     * flags are already set.
     *
     * @return the number of rows it suppressed
     */
    public static int secondary(List<IndicatorRow> rows) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        Index index = new Index(table);
        int total = 0;
        int n;
        while ((n = pass(table, index)) > 0) {
            total += n;
        }
        return total;
    }

    /**
     * One full pass (rows suppressed are counted): category sets, category-total sets, decile sets,
     * the shared-base rule, the locality sets of the lead indicators, the shared-base rule again (so
     * that every indicator of a base takes the lead's choice), the other locality sets, the
     * file-total sets, and the shared-base rule once more.
     */
    private static int pass(IndicatorRow[] table, Index index) {
        int added = sets(table, index.categorySets, true);
        added += categoryTotals(table, index.categoryTotalSets);
        added += sets(table, index.decileSets);
        added += places(table, index.places);
        added += sets(table, index.leadLocalitySets);
        added += places(table, index.places);
        added += sets(table, index.otherLocalitySets);
        added += sets(table, index.fileTotalSets);
        added += places(table, index.places);
        return added;
    }

    /** Each set holding exactly one suppressed row gets its smallest unsuppressed row suppressed. */
    private static int sets(IndicatorRow[] table, List<int[]> sets) {
        return sets(table, sets, false);
    }

    /**
     * As {@link #sets(IndicatorRow[], List)}; with {@code nonZeroFirst} the smallest non-zero row is
     * chosen when there is one. In a table of two dimensions (places by categories) a hidden zero
     * protects nothing once its other dimension's hidden rows are zeros too: they then add up to 0, so
     * each is known to be 0, and the small count beside them is known as well.
     */
    private static int sets(IndicatorRow[] table, List<int[]> sets, boolean nonZeroFirst) {
        int added = 0;
        for (int[] set : sets) {
            int suppressed = 0;
            int best = -1;
            for (int i : set) {
                IndicatorRow row = table[i];
                if (row.suppressed) {
                    suppressed++;
                } else if (best < 0 || smaller(row.disclosureCount, table[best].disclosureCount, nonZeroFirst)) {
                    best = i; // strict: ties stay with the first in set order
                }
            }
            if (suppressed == 1 && best >= 0) {
                suppress(table[best], NOTE);
                added++;
            }
        }
        return added;
    }

    private static boolean smaller(long a, long b, boolean nonZeroFirst) {
        if (nonZeroFirst && (a == 0) != (b == 0)) {
            return b == 0;
        }
        return a < b;
    }

    /**
     * Category totals: every category row repeats the place's denominator, so a place's total is
     * hidden only when all its category rows are. A set (the places of one category indicator,
     * period and client group) with exactly one hidden total gets every category row of the place
     * with the smallest count-based denominator hidden too.
     */
    private static int categoryTotals(IndicatorRow[] table, List<int[][]> sets) {
        int added = 0;
        for (int[][] set : sets) {
            int hidden = 0;
            int[] best = null;
            for (int[] place : set) {
                if (allSuppressed(table, place)) {
                    hidden++;
                } else if (best == null
                        || table[place[0]].denominatorDisclosureCount < table[best[0]].denominatorDisclosureCount) {
                    best = place;
                }
            }
            if (hidden == 1 && best != null) {
                for (int i : best) {
                    if (!table[i].suppressed) {
                        suppress(table[i], NOTE);
                        added++;
                    }
                }
            }
        }
        return added;
    }

    private static boolean allSuppressed(IndicatorRow[] table, int[] rows) {
        for (int i : rows) {
            if (!table[i].suppressed) {
                return false;
            }
        }
        return rows.length > 0;
    }

    /** The shared-base rule over every place. */
    private static int places(IndicatorRow[] table, List<Place> places) {
        int added = 0;
        for (Place place : places) {
            if (place.hidden(table)) {
                for (int i : place.rows) {
                    if (!table[i].suppressed) {
                        suppress(table[i], NOTE);
                        added++;
                    }
                }
            }
        }
        return added;
    }

    /**
     * Suppresses one row: empties count, denominator, value and limits, withdraws its comparison with
     * the area, puts back the catalogue's method (the method used can depend on the count), marks it
     * suppressed and sets value_note to {@code note} followed by the row's context notes. A row
     * already suppressed is left as it is.
     */
    public static void suppress(IndicatorRow row, String note) {
        if (row.suppressed) {
            return;
        }
        row.suppressed = true;
        row.count = Double.NaN;
        row.denominator = Double.NaN;
        row.value = Double.NaN;
        row.lower95 = Double.NaN;
        row.upper95 = Double.NaN;
        row.lower998 = Double.NaN;
        row.upper998 = Double.NaN;
        row.comparedToArea95 = Comparison.NOT_COMPARED;
        row.comparedToArea998 = Comparison.NOT_COMPARED;
        Indicator ind = indicator(row.indicatorId);
        if (ind != null) {
            row.method = ind.method; // "Exact" or "Byars" would say whether the count is under 10
        }
        StringBuilder b = new StringBuilder(note);
        for (String c : row.contextNotes) {
            b.append("; ").append(c);
        }
        row.valueNote = b.toString();
    }

    /**
     * Withdraws every comparison that would reveal a suppressed value: a suppressed row is
     * {@code not compared} (it keeps the area's comparator value, which is public), and a row whose
     * {@code All} comparator row is suppressed loses the comparator value and is {@code not compared}.
     */
    public static void maskComparisons(List<IndicatorRow> rows) {
        Map<Comparison.Key, IndicatorRow> areaRows = Comparison.areaRows(rows);
        for (IndicatorRow row : rows) {
            if (row.suppressed) {
                row.comparedToArea95 = Comparison.NOT_COMPARED;
                row.comparedToArea998 = Comparison.NOT_COMPARED;
            }
            if (!Comparison.isAreaRow(row)) {
                IndicatorRow area = areaRows.get(Comparison.comparatorKey(row));
                if (area != null && area.suppressed) {
                    row.comparatorValue = Double.NaN;
                    row.comparedToArea95 = Comparison.NOT_COMPARED;
                    row.comparedToArea998 = Comparison.NOT_COMPARED;
                }
            }
        }
    }

    // ------------------------------------------------------------------ sets and places

    /** Every row of one base at one period, client group and place, and what makes the place hidden. */
    private record Place(int[] rows, int[] lead, List<int[]> categoryGroups) {
        boolean hidden(IndicatorRow[] table) {
            boolean any = false;
            boolean all = true;
            for (int i : rows) {
                any |= table[i].suppressed;
                all &= table[i].suppressed;
            }
            if (!any || all) {
                return false; // nothing to do: no row hidden, or every row already hidden
            }
            for (int i : lead) {
                if (table[i].suppressed) {
                    return true;
                }
            }
            for (int[] group : categoryGroups) {
                boolean every = group.length > 0;
                for (int i : group) {
                    every &= table[i].suppressed;
                }
                if (every) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The sets in visiting order and the shared-base places, indexed once. */
    static final class Index {
        final List<int[]> categorySets = new ArrayList<>();
        final List<int[][]> categoryTotalSets = new ArrayList<>();
        final List<int[]> decileSets = new ArrayList<>();
        final List<int[]> leadLocalitySets = new ArrayList<>();
        final List<int[]> otherLocalitySets = new ArrayList<>();
        final List<int[]> fileTotalSets = new ArrayList<>();
        final List<Place> places = new ArrayList<>();

        /** Every set of rows in visiting order. */
        List<int[]> sets() {
            List<int[]> all = new ArrayList<>(categorySets);
            all.addAll(decileSets);
            all.addAll(leadLocalitySets);
            all.addAll(otherLocalitySets);
            all.addAll(fileTotalSets);
            return all;
        }

        Index(IndicatorRow[] table) {
            Map<List<String>, List<Integer>> categorySets = new HashMap<>();
            Map<List<String>, List<Integer>> decileSets = new HashMap<>();
            Map<List<String>, List<Integer>> localitySets = new HashMap<>();
            Map<List<String>, List<Integer>> fileTotals = new HashMap<>();
            Map<List<String>, List<Integer>> placeRows = new TreeMap<>(Disclosure::compareKeys);
            Map<List<String>, List<Integer>> placeLead = new HashMap<>();
            Map<List<String>, Map<String, List<Integer>>> placeCategories = new HashMap<>();
            List<Integer> unknownRows = new ArrayList<>();
            for (int i = 0; i < table.length; i++) {
                IndicatorRow r = table[i];
                String type = r.categoryType == null ? "" : r.categoryType;
                String category = r.category == null ? "" : r.category;
                Indicator ind = indicator(r.indicatorId);
                if (Comparison.DECILE.equals(type)) {
                    decileSets.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup),
                            k -> new ArrayList<>()).add(i);
                    continue;
                }
                if (!type.isEmpty()) {
                    categorySets.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup, r.locality, type),
                            k -> new ArrayList<>()).add(i);
                }
                if (!r.isAll()) {
                    localitySets.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup, category, type),
                            k -> new ArrayList<>()).add(i);
                }
                if (type.isEmpty() && r.isUnknown()) {
                    unknownRows.add(i);
                }
                if (type.isEmpty() && ind != null && Indicator.inFileTotal(ind, r.locality)) {
                    fileTotals.computeIfAbsent(List.of(r.indicatorId, r.locality), k -> new ArrayList<>()).add(i);
                }
                if (ind != null) {
                    List<String> place = List.of(ind.base.name(), r.period, r.clientGroup, r.locality);
                    placeRows.computeIfAbsent(place, k -> new ArrayList<>()).add(i);
                    if (type.isEmpty()) {
                        if (ind == Indicator.lead(ind.base)) {
                            placeLead.computeIfAbsent(place, k -> new ArrayList<>()).add(i);
                        }
                    } else {
                        placeCategories.computeIfAbsent(place, k -> new TreeMap<>())
                                .computeIfAbsent(r.indicatorId + '\u0000' + type, k -> new ArrayList<>()).add(i);
                    }
                }
            }
            // the plain Unknown row joins the decile set of its indicator, period and client group
            for (int i : unknownRows) {
                IndicatorRow r = table[i];
                List<Integer> set = decileSets.get(List.of(r.indicatorId, r.period, r.clientGroup));
                if (set != null) {
                    set.add(i);
                }
            }
            addSorted(this.categorySets, categorySets, table,
                    Comparator.comparingInt((IndicatorRow r) -> categoryRank(r)).thenComparing(r -> r.category));
            addSorted(this.decileSets, decileSets, table, Comparator.comparingInt(Disclosure::decileRank)
                    .thenComparing(r -> r.category));
            Map<List<String>, List<Integer>> leadSets = new HashMap<>();
            Map<List<String>, List<Integer>> otherSets = new HashMap<>();
            Map<List<String>, Map<String, List<Integer>>> totals = new HashMap<>();
            for (Map.Entry<List<String>, List<Integer>> e : localitySets.entrySet()) {
                Indicator ind = indicator(e.getKey().get(0));
                boolean lead = ind != null && e.getKey().get(4).isEmpty() && ind == Indicator.lead(ind.base);
                (lead ? leadSets : otherSets).put(e.getKey(), e.getValue());
            }
            for (Map.Entry<List<String>, List<Integer>> e : categorySets.entrySet()) {
                List<String> k = e.getKey();
                if (ALL.equals(k.get(3))) {
                    continue; // All is the total of the places, not one of them
                }
                totals.computeIfAbsent(List.of(k.get(0), k.get(1), k.get(2), k.get(4)), x -> new TreeMap<>(
                        Comparator.comparing((String l) -> UNKNOWN.equals(l)).thenComparing(l -> l)))
                        .put(k.get(3), e.getValue());
            }
            Comparator<IndicatorRow> localityOrder = Comparator.comparing((IndicatorRow r) -> UNKNOWN.equals(r.locality))
                    .thenComparing(r -> r.locality);
            addSorted(leadLocalitySets, leadSets, table, localityOrder);
            addSorted(otherLocalitySets, otherSets, table, localityOrder);
            addSorted(fileTotalSets, fileTotals, table, Comparator.comparing((IndicatorRow r) -> r.period)
                    .thenComparing(r -> r.clientGroup));
            List<List<String>> totalKeys = new ArrayList<>(totals.keySet());
            totalKeys.sort(Disclosure::compareKeys);
            for (List<String> k : totalKeys) {
                List<int[]> places = new ArrayList<>();
                for (List<Integer> rows : totals.get(k).values()) {
                    places.add(toArray(rows));
                }
                categoryTotalSets.add(places.toArray(new int[0][]));
            }
            for (Map.Entry<List<String>, List<Integer>> e : placeRows.entrySet()) {
                List<int[]> groups = new ArrayList<>();
                Map<String, List<Integer>> cats = placeCategories.get(e.getKey());
                if (cats != null) {
                    for (List<Integer> g : cats.values()) {
                        groups.add(toArray(g));
                    }
                }
                List<Integer> lead = placeLead.getOrDefault(e.getKey(), List.of());
                places.add(new Place(toArray(e.getValue()), toArray(lead), groups));
            }
        }
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static Indicator indicator(String id) {
        for (Indicator i : Indicator.values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        return null;
    }

    private static void addSorted(List<int[]> into, Map<List<String>, List<Integer>> byKey, IndicatorRow[] table,
            Comparator<IndicatorRow> memberOrder) {
        List<List<String>> keys = new ArrayList<>(byKey.keySet());
        keys.sort(Disclosure::compareKeys);
        for (List<String> key : keys) {
            List<Integer> members = byKey.get(key);
            // stable sort: rows with identical keys (a malformed table) keep their input order
            members.sort(Comparator.comparing(i -> table[i], memberOrder));
            into.add(toArray(members));
        }
    }

    /** Tuples of strings compared element by element, each ordinally (UTF-16 code units). */
    static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Position of a category in data.md's code list; codes outside it go last (then ordinal). */
    private static int categoryRank(IndicatorRow r) {
        List<String> order = CATEGORY_ORDER.get(r.categoryType);
        int rank = order == null ? -1 : order.indexOf(r.category);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    /** Decile 1..10 as a number; anything else (the Unknown row of a decile set) goes last. */
    private static int decileRank(IndicatorRow r) {
        if (!Comparison.DECILE.equals(r.categoryType)) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(r.category);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE - 1;
        }
    }

    /** A total order of rows by key, for choices that must not depend on the order of the list. */
    static final Comparator<IndicatorRow> KEY_ORDER = Comparator.comparing((IndicatorRow r) -> r.indicatorId)
            .thenComparing(r -> r.period).thenComparing(r -> r.clientGroup).thenComparing(r -> r.locality)
            .thenComparing(r -> r.categoryType == null ? "" : r.categoryType)
            .thenComparing(r -> r.category == null ? "" : r.category);

    /** For tests and diagnostics: the member rows of each set, in visiting order. */
    static List<List<IndicatorRow>> setRows(List<IndicatorRow> rows) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        List<List<IndicatorRow>> out = new ArrayList<>();
        for (int[] set : new Index(table).sets()) {
            out.add(Arrays.stream(set).mapToObj(i -> table[i]).toList());
        }
        return out;
    }
}
