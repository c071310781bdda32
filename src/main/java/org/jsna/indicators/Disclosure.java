package org.jsna.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Disclosure control over the finished indicator table (indicators.md, "Disclosure control").
 *
 * <p><b>Primary.</b> A row whose disclosure count ({@link IndicatorRow#disclosureCount}: the
 * numerator, or the distinct people behind a money amount) or whose count-based denominator
 * ({@link IndicatorRow#denominatorDisclosureCount}, {@code -1} for population denominators) lies in
 * {@code [min, max]} (default 1–7) is suppressed.
 *
 * <p><b>Secondary.</b> The sets are
 * <ul>
 *   <li>category sets: the category rows of one category type ({@code referral_source},
 *       {@code funder}) per indicator, period, client group and locality (every locality,
 *       {@code Unknown} and {@code All}); members in data.md's order of the codes;</li>
 *   <li>decile sets: the ten deprivation-decile rows per indicator, period and client group; members
 *       in decile order 1–10;</li>
 *   <li>locality sets: the rows of every locality and {@code Unknown} per indicator, period, client
 *       group and category; members in ordinal order of the locality name, then {@code Unknown}. The
 *       {@code All} row is not a member: it is the published total from which a single hidden member
 *       could be recovered, which is exactly what the secondary rule prevents. Decile rows (locality
 *       {@code All}) are in no locality set.</li>
 * </ul>
 * Full passes are run until a pass changes nothing. A pass visits every category set, then every
 * decile set, then every locality set, each kind in ordinal order of its key — (indicator id, period,
 * client group, locality), (indicator id, period, client group), (indicator id, period, client group,
 * category). A set holding exactly one suppressed row at the moment it is visited gets its
 * unsuppressed row with the smallest disclosure count (zero included) suppressed too; ties go to the
 * first in set order. A suppression takes effect at once, so sets visited later in the same pass see
 * it.
 *
 * <p><b>A suppressed row</b> has {@code count}, {@code denominator}, {@code value} and all four
 * limits empty, {@code value_note} starting with {@link #PRIMARY_NOTE} or {@link #SECONDARY_NOTE}
 * (any earlier note kept after {@code "; "}), {@code suppressed = true}, and is {@code not compared}
 * with the area. Rows compared with a suppressed {@code All} row lose their comparator value and
 * comparison as well ({@link #maskComparisons(List)}). Rows already marked suppressed before this
 * stage count as suppressed and are emptied in the same way.
 *
 * <p>All of this is deterministic: it depends on the rows' keys and counts only, never on the order
 * of the input list. The sets are indexed once; each pass costs O(rows).
 */
public final class Disclosure {

    /** value_note prefix of a row suppressed for its own small number. */
    public static final String PRIMARY_NOTE = "suppressed (small number)";
    /** value_note prefix of a row suppressed so that another cannot be recovered by subtraction. */
    public static final String SECONDARY_NOTE = "suppressed (secondary)";

    /** Default bounds of the primary rule (data.md, {@code suppression: {min: 1, max: 7}}). */
    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_MAX = 7;

    /** The fixed code lists of the category types, in data.md's order (the order of ties). */
    static final Map<String, List<String>> CATEGORY_ORDER = Map.of(
            "referral_source", List.of("primary_care", "secondary_care", "self_or_family", "social_care",
                    "community_health", "police_or_justice", "education", "other"),
            "funder", List.of("nhs", "council", "pooled", "self"));

    private static final String UNKNOWN = "Unknown";

    private Disclosure() {
    }

    /**
     * Runs disclosure control over the whole table, in place: primary suppression with bounds
     * {@code [min, max]} (nothing is primary-suppressed when {@code min > max}), then, when
     * {@code secondary}, secondary suppression to a fixed point, then withdraws comparisons that
     * would reveal a suppressed value. Run after {@link Comparison#apply(List)}.
     */
    public static void apply(List<IndicatorRow> rows, int min, int max, boolean secondary) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        for (IndicatorRow row : table) {
            if (row.suppressed) {
                // marked by an earlier stage: make sure nothing of it shows and the note says so
                empty(row);
                if (row.valueNote == null || !row.valueNote.startsWith("suppressed")) {
                    row.valueNote = row.valueNote == null || row.valueNote.isEmpty()
                            ? "suppressed" : "suppressed; " + row.valueNote;
                }
            } else if (isPrimary(row, min, max)) {
                suppress(row, PRIMARY_NOTE);
            }
        }
        if (secondary) {
            secondary(rows);
        }
        maskComparisons(rows);
    }

    /** True when the row's disclosure count or its count-based denominator lies in [min, max]. */
    public static boolean isPrimary(IndicatorRow row, int min, int max) {
        return inRange(row.disclosureCount, min, max) || inRange(row.denominatorDisclosureCount, min, max);
    }

    private static boolean inRange(long count, int min, int max) {
        return count >= 0 && count >= min && count <= max;
    }

    /**
     * Secondary suppression alone, over rows whose {@code suppressed} flags are already set (for a
     * later stage that suppresses more rows and must restore the sets' protection).
     *
     * @return the number of rows it suppressed
     */
    public static int secondary(List<IndicatorRow> rows) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        List<int[]> sets = sets(table);
        int total = 0;
        boolean changed;
        do {
            changed = false;
            for (int[] set : sets) {
                int suppressed = 0;
                int best = -1;
                for (int i : set) {
                    IndicatorRow row = table[i];
                    if (row.suppressed) {
                        suppressed++;
                    } else if (best < 0 || row.disclosureCount < table[best].disclosureCount) {
                        best = i; // strict: ties stay with the first in set order
                    }
                }
                if (suppressed == 1 && best >= 0) {
                    suppress(table[best], SECONDARY_NOTE);
                    total++;
                    changed = true;
                }
            }
        } while (changed);
        return total;
    }

    /**
     * Suppresses one row: empties count, denominator, value and limits, withdraws its comparison with
     * the area, marks it suppressed and puts {@code note} at the start of value_note. A row already
     * suppressed is left as it is.
     */
    public static void suppress(IndicatorRow row, String note) {
        if (row.suppressed) {
            return;
        }
        row.suppressed = true;
        empty(row);
        row.valueNote = row.valueNote == null || row.valueNote.isEmpty() ? note : note + "; " + row.valueNote;
    }

    private static void empty(IndicatorRow row) {
        row.count = Double.NaN;
        row.denominator = Double.NaN;
        row.value = Double.NaN;
        row.lower95 = Double.NaN;
        row.upper95 = Double.NaN;
        row.lower998 = Double.NaN;
        row.upper998 = Double.NaN;
        row.comparedToArea95 = Comparison.NOT_COMPARED;
        row.comparedToArea998 = Comparison.NOT_COMPARED;
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

    /** The secondary sets in visiting order: category sets, decile sets, locality sets, each by key. */
    static List<int[]> sets(IndicatorRow[] table) {
        Map<List<String>, List<Integer>> categorySets = new HashMap<>();
        Map<List<String>, List<Integer>> decileSets = new HashMap<>();
        Map<List<String>, List<Integer>> localitySets = new HashMap<>();
        for (int i = 0; i < table.length; i++) {
            IndicatorRow r = table[i];
            String type = r.categoryType == null ? "" : r.categoryType;
            String category = r.category == null ? "" : r.category;
            if (Comparison.DECILE.equals(type)) {
                decileSets.computeIfAbsent(List.of(r.indicatorId, r.period, r.clientGroup), k -> new ArrayList<>())
                        .add(i);
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
        }
        List<int[]> sets = new ArrayList<>();
        addSorted(sets, categorySets, table, Comparator.comparingInt((IndicatorRow r) -> categoryRank(r))
                .thenComparing(r -> r.category));
        addSorted(sets, decileSets, table, Comparator.comparingInt(Disclosure::decileRank)
                .thenComparing(r -> r.category));
        addSorted(sets, localitySets, table, Comparator.comparing((IndicatorRow r) -> UNKNOWN.equals(r.locality))
                .thenComparing(r -> r.locality));
        return sets;
    }

    private static void addSorted(List<int[]> sets, Map<List<String>, List<Integer>> byKey, IndicatorRow[] table,
            Comparator<IndicatorRow> memberOrder) {
        List<List<String>> keys = new ArrayList<>(byKey.keySet());
        keys.sort(Disclosure::compareKeys);
        for (List<String> key : keys) {
            List<Integer> members = byKey.get(key);
            // stable sort: rows with identical keys (a malformed table) keep their input order
            members.sort(Comparator.comparing(i -> table[i], memberOrder));
            sets.add(members.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Tuples of strings compared element by element, each ordinally (UTF-16 code units). */
    private static int compareKeys(List<String> a, List<String> b) {
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

    /** Decile 1..10 as a number; anything else goes last (then ordinal). */
    private static int decileRank(IndicatorRow r) {
        try {
            return Integer.parseInt(r.category);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** For tests and diagnostics: the member rows of each set, in visiting order. */
    static List<List<IndicatorRow>> setRows(List<IndicatorRow> rows) {
        IndicatorRow[] table = rows.toArray(new IndicatorRow[0]);
        List<List<IndicatorRow>> out = new ArrayList<>();
        for (int[] set : sets(table)) {
            out.add(Arrays.stream(set).mapToObj(i -> table[i]).toList());
        }
        return out;
    }
}
