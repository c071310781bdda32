package org.jsna;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * An intruder who holds everything jsna publishes (indicators.csv, inequalities.csv,
 * data-quality.csv) and the public area lookup, knows how the tables are made (docs/indicators.md,
 * docs/disclosure.md), and tries to recover each suppressed count or amount.
 *
 * <p>Written for the attack test from the documentation alone, apart from jsna's own audit: it reads
 * the files as any reader would. What it uses, as linear facts over the hidden cells (each at least 0,
 * counts whole):
 * <ul>
 *   <li>subtraction: localities and Unknown add up to All, for every count and count-based
 *       denominator; deciles and Unknown add up to All; categories add up to the denominator that
 *       every category row of a place repeats;</li>
 *   <li>indicators sharing a base: in-range, known-source, known-outcome, linked and referred-people
 *       counts are at most the referrals of the place; repeat people at most referred people; users at
 *       most events; users with a cost at most users; cost with a known funder at most the cost; at the
 *       area level the cost of users equals the cost, and people plus repeat people at most referrals; and
 *       in the area no people referred means no referrals, no users no events (and the other way round);</li>
 *   <li>periods: data-quality.csv's rows used (less those outside --from/--to) and records with an
 *       empty or unknown area are the sums over every period and client group of the All and Unknown
 *       referral counts and event counts; the referrals with an age outside their group are the sum of
 *       All referrals less All in-range referrals; the users with no known cost at All, over every period
 *       and client group, are at most the events of unknown cost;</li>
 *   <li>the area lookup: a locality's count is the sum of its counts in the deciles where it has
 *       areas, and a decile's count the sum over the localities with areas in it.</li>
 * </ul>
 * Bounds are narrowed by propagation, then every fact with two or three hidden whole numbers of small
 * range is searched exhaustively for the values consistent with all facts that touch them.
 */
public final class Intruder {

    /** A recovered cell: what the intruder found and its bounds. */
    public record Finding(String cell, double lower, double upper) {
    }

    /**
     * Joins the parts of a cell's name: a character no locality, period or code holds (a locality may be
     * called {@code a/b?c*d|e<f>g}; with '|' its name was cut in two and the intruder's facts were wrong).
     */
    static final String SEP = "\u001F";
    private static final Set<String> COUNT_DENOMINATORS = Set.of("referral_source_pct", "referral_conversion_pct",
            "repeat_referral_pct", "cost_per_user", "funder_share_pct", "wait_days_median", "wait_days_p90");
    private static final Set<String> MONEY_COUNTS = Set.of("cost_per_head", "cost_per_user", "funder_share_pct");
    private static final Set<String> CATEGORY_INDICATORS = Set.of("referral_source_pct", "funder_share_pct");
    private static final Set<String> DECILE_INDICATORS = Set.of("referrals_rate", "service_users_rate");

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<Double> lo = new ArrayList<>();
    private final List<Double> hi = new ArrayList<>();
    private final List<Boolean> money = new ArrayList<>();
    private final List<Boolean> hidden = new ArrayList<>();
    private final List<int[]> terms = new ArrayList<>();
    private final List<int[]> signs = new ArrayList<>();
    private final List<Double> rhs = new ArrayList<>();
    private final List<Boolean> exact = new ArrayList<>();

    private Intruder() {
    }

    /** Attacks the outputs in {@code out} with the public lookup {@code areas}; returns the cells it pins down. */
    public static Map<String, Finding> attack(Path out, Path areas) throws IOException {
        Intruder x = new Intruder();
        x.read(out, areas);
        return x.solve();
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** The name of a cell: indicator|period|group|locality|category_type|category|column. */
    public static String cell(CSVRecord r, String column) {
        return String.join(SEP, r.get("indicator_id"), r.get("period"), r.get("client_group"), r.get("locality"),
                r.get("category_type"), r.get("category"), column);
    }

    private int var(String name, boolean isMoney) {
        Integer v = index.get(name);
        if (v == null) {
            v = lo.size();
            index.put(name, v);
            lo.add(0.0);
            hi.add(Double.POSITIVE_INFINITY);
            money.add(isMoney);
            hidden.add(true);
        }
        return v;
    }

    private void publish(int v, double value) {
        lo.set(v, value);
        hi.set(v, value);
        hidden.set(v, false);
    }

    private void fact(List<Integer> plus, List<Integer> minus, double right, boolean isExact) {
        int[] t = new int[plus.size() + minus.size()];
        int[] s = new int[t.length];
        int k = 0;
        for (int v : plus) {
            t[k] = v;
            s[k++] = 1;
        }
        for (int v : minus) {
            t[k] = v;
            s[k++] = -1;
        }
        terms.add(t);
        signs.add(s);
        rhs.add(right);
        exact.add(isExact);
    }

    private void read(Path out, Path areas) throws IOException {
        List<CSVRecord> rows = csv(out.resolve("indicators.csv"));
        // cells: count of every row; count-based denominators (one per place for category indicators)
        Map<String, CSVRecord> byKey = new HashMap<>();
        for (CSVRecord r : rows) {
            String id = r.get("indicator_id");
            boolean isMoney = MONEY_COUNTS.contains(id);
            int c = var(cell(r, "count"), isMoney);
            if (!r.get("count").isEmpty()) {
                publish(c, Double.parseDouble(r.get("count")));
            }
            if (COUNT_DENOMINATORS.contains(id)) {
                String name = CATEGORY_INDICATORS.contains(id)
                        ? String.join(SEP, id, r.get("period"), r.get("client_group"), r.get("locality"), "den")
                        : cell(r, "denominator");
                int d = var(name, id.equals("funder_share_pct"));
                if (!r.get("denominator").isEmpty()) {
                    publish(d, Double.parseDouble(r.get("denominator")));
                }
            }
            byKey.put(String.join(SEP, id, r.get("period"), r.get("client_group"), r.get("locality"),
                    r.get("category_type"), r.get("category")), r);
        }
        // subtraction: localities and Unknown add up to All
        Map<String, List<CSVRecord>> localitySets = new TreeMap<>();
        Map<String, List<CSVRecord>> categories = new TreeMap<>();
        Map<String, List<CSVRecord>> deciles = new TreeMap<>();
        for (CSVRecord r : rows) {
            String type = r.get("category_type");
            String base = String.join(SEP, r.get("indicator_id"), r.get("period"), r.get("client_group"));
            if (type.equals("deprivation_decile")) {
                deciles.computeIfAbsent(base, k -> new ArrayList<>()).add(r);
                continue;
            }
            localitySets.computeIfAbsent(base + SEP + type + SEP + r.get("category"), k -> new ArrayList<>()).add(r);
            if (!type.isEmpty()) {
                categories.computeIfAbsent(base + SEP + r.get("locality"), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<CSVRecord> set : localitySets.values()) {
            CSVRecord all = null;
            List<CSVRecord> members = new ArrayList<>();
            for (CSVRecord r : set) {
                if (r.get("locality").equals("All")) {
                    all = r;
                } else {
                    members.add(r);
                }
            }
            if (all == null) {
                continue;
            }
            String id = all.get("indicator_id");
            fact(cells(members, "count"), List.of(index.get(cell(all, "count"))), 0, true);
            if (COUNT_DENOMINATORS.contains(id) && !CATEGORY_INDICATORS.contains(id)) {
                fact(cells(members, "denominator"), List.of(index.get(cell(all, "denominator"))), 0, true);
            } else if (CATEGORY_INDICATORS.contains(id) && isFirstCategory(all)) {
                List<Integer> dens = new ArrayList<>();
                for (CSVRecord r : members) {
                    dens.add(index.get(String.join(SEP, id, r.get("period"), r.get("client_group"), r.get("locality"),
                            "den")));
                }
                fact(dens, List.of(index.get(String.join(SEP, id, all.get("period"), all.get("client_group"), "All",
                        "den"))), 0, true);
            }
        }
        // categories add up to the place's denominator
        for (List<CSVRecord> set : categories.values()) {
            CSVRecord any = set.get(0);
            String den = String.join(SEP, any.get("indicator_id"), any.get("period"), any.get("client_group"),
                    any.get("locality"), "den");
            fact(cells(set, "count"), List.of(index.get(den)), 0, true);
        }
        // deciles and Unknown add up to All
        for (Map.Entry<String, List<CSVRecord>> e : deciles.entrySet()) {
            CSVRecord all = byKey.get(e.getKey() + (SEP + "All" + SEP + SEP));
            CSVRecord unknown = byKey.get(e.getKey() + (SEP + "Unknown" + SEP + SEP));
            if (all == null) {
                continue;
            }
            List<Integer> plus = cells(e.getValue(), "count");
            if (unknown != null) {
                plus.add(index.get(cell(unknown, "count")));
            }
            fact(plus, List.of(index.get(cell(all, "count"))), 0, true);
        }
        sharedBases(rows, byKey);
        periods(out, rows);
        geography(areas, deciles, byKey);
    }

    private static boolean isFirstCategory(CSVRecord r) {
        return r.get("category").equals(r.get("indicator_id").equals("funder_share_pct") ? "nhs" : "primary_care");
    }

    private List<Integer> cells(List<CSVRecord> rows, String column) {
        List<Integer> out = new ArrayList<>();
        for (CSVRecord r : rows) {
            Integer v = index.get(cell(r, column));
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** Indicators sharing a base, at each place. */
    private void sharedBases(List<CSVRecord> rows, Map<String, CSVRecord> byKey) {
        Set<String> places = new TreeSet<>();
        for (CSVRecord r : rows) {
            if (!r.get("category_type").equals("deprivation_decile")) {
                places.add(String.join(SEP, r.get("period"), r.get("client_group"), r.get("locality")));
            }
        }
        // the slack of each "at most" fact at each place: the slacks add up over the places as both sides do
        Map<String, Map<String, Integer>> slacks = new TreeMap<>();
        for (String place : places) {
            boolean area = place.endsWith((SEP + "All"));
            Integer rr = plain("referrals_rate", place, "count");
            atMost(slacks, "dsr", place, plain("referrals_dsr", place, "count"), rr, false);
            atMost(slacks, "source", place, category("referral_source_pct", place), rr, false);
            atMost(slacks, "outcome", place, plain("referral_conversion_pct", place, "denominator"), rr, false);
            atMost(slacks, "converted", place, plain("referral_conversion_pct", place, "count"),
                    plain("referral_conversion_pct", place, "denominator"), false);
            atMost(slacks, "people", place, plain("repeat_referral_pct", place, "denominator"), rr, false);
            atMost(slacks, "repeat", place, plain("repeat_referral_pct", place, "count"),
                    plain("repeat_referral_pct", place, "denominator"), false);
            atMost(slacks, "linked", place, plain("wait_days_median", place, "count"), rr, false);
            same(plain("wait_days_median", place, "count"), plain("wait_days_p90", place, "count"));
            same(plain("wait_days_median", place, "count"), plain("wait_days_median", place, "denominator"));
            same(plain("wait_days_p90", place, "count"), plain("wait_days_p90", place, "denominator"));
            Integer users = plain("service_users_rate", place, "count");
            atMost(slacks, "users", place, users, plain("service_events_rate", place, "count"), false);
            atMost(slacks, "costed", place, plain("cost_per_user", place, "denominator"), users, false);
            atMost(slacks, "funded", place, category("funder_share_pct", place), plain("cost_per_head", place, "count"),
                    true);
            if (area) {
                // in the area, no people means no records of theirs, and records mean people
                zeroTogether(plain("repeat_referral_pct", place, "denominator"), rr);
                zeroTogether(users, plain("service_events_rate", place, "count"));
                same(plain("cost_per_user", place, "count"), plain("cost_per_head", place, "count"));
                Integer people = plain("repeat_referral_pct", place, "denominator");
                Integer repeat = plain("repeat_referral_pct", place, "count");
                if (people != null && repeat != null && rr != null) {
                    fact(List.of(people, repeat), List.of(rr), 0, false);
                }
            }
        }
        slackMargins(slacks);
    }

    private Integer plain(String id, String place, String column) {
        String[] p = place.split(SEP, -1);
        return index.get(String.join(SEP, id, p[0], p[1], p[2], "", "", column));
    }

    private Integer category(String id, String place) {
        return index.get(id + SEP + place + (SEP + "den"));
    }

    /**
     * {@code a <= b} at a place, written {@code a + slack = b}: the slacks of one fact, period and client
     * group add up over the localities and Unknown to the All slack (both sides do), so an All slack of
     * 0 makes every place's slack 0 and its hidden side equal to the published one.
     */
    private void atMost(Map<String, Map<String, Integer>> slacks, String fact, String place, Integer a, Integer b,
            boolean isMoney) {
        if (a == null || b == null) {
            return;
        }
        int s = var(("slack" + SEP) + fact + SEP + place, isMoney);
        fact(List.of(a, s), List.of(b), 0, true);
        int cut = place.lastIndexOf(SEP);
        slacks.computeIfAbsent(fact + SEP + place.substring(0, cut), k -> new TreeMap<>())
                .put(place.substring(cut + 1), s);
    }

    /** The slack facts of {@link #atMost}: places add up to All. */
    private void slackMargins(Map<String, Map<String, Integer>> slacks) {
        for (Map<String, Integer> byPlace : slacks.values()) {
            Integer all = byPlace.get("All");
            if (all == null) {
                continue;
            }
            List<Integer> parts = new ArrayList<>();
            byPlace.forEach((place, s) -> {
                if (!place.equals("All")) {
                    parts.add(s);
                }
            });
            fact(parts, List.of(all), 0, true);
        }
    }

    /** Pairs of a count of people and the count of their records: 0 together. */
    private final List<int[]> zeroPairs = new ArrayList<>();

    private void zeroTogether(Integer people, Integer records) {
        if (people != null && records != null) {
            zeroPairs.add(new int[] {people, records});
        }
    }

    /** No people, no records; a record, a person. True when a bound moved. */
    private boolean zeroPairs(double[] l, double[] h) {
        boolean changed = false;
        for (int[] p : zeroPairs) {
            int people = p[0];
            int records = p[1];
            if (h[people] == 0 && h[records] > l[records]) {
                h[records] = l[records];
                changed = true;
            }
            if (l[records] >= 1 && l[people] < 1 && h[people] >= 1) {
                l[people] = 1;
                changed = true;
            }
        }
        return changed;
    }

    private void same(Integer a, Integer b) {
        if (a != null && b != null) {
            fact(List.of(a), List.of(b), 0, true);
        }
    }

    /** data-quality.csv: totals over every period and client group. */
    private void periods(Path out, List<CSVRecord> rows) throws IOException {
        Path dq = out.resolve("data-quality.csv");
        if (!Files.exists(dq)) {
            return;
        }
        Map<String, Map<String, Double>> items = new HashMap<>();
        for (CSVRecord r : csv(dq)) {
            if (!r.get("count").isEmpty()) { // a withheld count tells nothing
                items.computeIfAbsent(r.get("file"), k -> new HashMap<>()).merge(r.get("item"),
                        Double.parseDouble(r.get("count")), Double::sum);
            }
        }
        total(rows, items, "referrals", "referrals_rate");
        total(rows, items, "services", "service_events_rate");
        // referrals with an age outside their group: All referrals less All in-range referrals
        Map<String, Double> ref = fileItems(items, "referrals");
        if (ref != null && ref.getOrDefault("outside_from_to", 0.0) == 0 && ref.containsKey("age_outside_group")) {
            List<Integer> plus = new ArrayList<>();
            List<Integer> minus = new ArrayList<>();
            for (CSVRecord r : rows) {
                if (r.get("locality").equals("All") && r.get("category_type").isEmpty()) {
                    if (r.get("indicator_id").equals("referrals_rate")) {
                        plus.add(index.get(cell(r, "count")));
                    } else if (r.get("indicator_id").equals("referrals_dsr")) {
                        minus.add(index.get(cell(r, "count")));
                    }
                }
            }
            fact(plus, minus, ref.get("age_outside_group"), true);
            // and stated over the places' own slacks: a referral outside its group's ages is one place's, so the
            // All slacks of in-range referrals add up to the count too (with it 0, each hidden in-range count is
            // its published referrals)
            fact(slacksAtAll("dsr"), List.of(), ref.get("age_outside_group"), true);
        }
        // a user with no known cost in a period and client group has an event of unknown cost there, so the
        // All slacks of "users with a known cost at most users" add up to at most the events of unknown cost
        // (with none, every place's users with a known cost are its users)
        Map<String, Double> svc = fileItems(items, "services");
        if (svc != null && svc.containsKey("cost_unknown")) {
            fact(slacksAtAll("costed"), List.of(), svc.get("cost_unknown"), false);
        }
    }

    /** The All slacks of one "at most" fact, over every period and client group. */
    private List<Integer> slacksAtAll(String fact) {
        List<Integer> all = new ArrayList<>();
        String prefix = "slack" + SEP + fact + SEP;
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getKey().endsWith(SEP + "All")) {
                all.add(e.getValue());
            }
        }
        return all;
    }

    private static Map<String, Double> fileItems(Map<String, Map<String, Double>> items, String role) {
        for (Map.Entry<String, Map<String, Double>> e : items.entrySet()) {
            if (e.getKey().startsWith(role)) {
                return e.getValue();
            }
        }
        return null;
    }

    private void total(List<CSVRecord> rows, Map<String, Map<String, Double>> items, String role, String id) {
        Map<String, Double> f = fileItems(items, role);
        if (f == null) {
            return;
        }
        List<Integer> all = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (CSVRecord r : rows) {
            if (r.get("indicator_id").equals(id) && r.get("category_type").isEmpty()) {
                if (r.get("locality").equals("All")) {
                    all.add(index.get(cell(r, "count")));
                } else if (r.get("locality").equals("Unknown")) {
                    unknown.add(index.get(cell(r, "count")));
                }
            }
        }
        if (f.containsKey("rows_used")) {
            fact(all, List.of(), f.get("rows_used") - f.getOrDefault("outside_from_to", 0.0), true);
        } else if (f.containsKey("rows_read") && f.containsKey("rows_rejected")) {
            fact(all, List.of(), f.get("rows_read") - f.get("rows_rejected") - f.getOrDefault("outside_from_to", 0.0),
                    true);
        }
        if (f.getOrDefault("outside_from_to", 0.0) == 0 && f.containsKey("unknown_area") && f.containsKey("empty_area")) {
            fact(unknown, List.of(), f.get("unknown_area") + f.get("empty_area"), true);
        }
    }

    /** The public lookup: which deciles each locality's areas fall in. */
    private void geography(Path areas, Map<String, List<CSVRecord>> deciles, Map<String, CSVRecord> byKey)
            throws IOException {
        if (areas == null || !Files.exists(areas)) {
            return;
        }
        Map<String, Set<Integer>> decilesOf = new TreeMap<>();
        for (CSVRecord r : csv(areas)) {
            decilesOf.computeIfAbsent(r.get("locality"), k -> new TreeSet<>()).add(Integer.parseInt(r.get("imd_decile")));
        }
        for (String base : deciles.keySet()) {
            String id = base.split(SEP)[0];
            if (!DECILE_INDICATORS.contains(id)) {
                continue;
            }
            Map<Integer, List<Integer>> byDecile = new HashMap<>();
            for (Map.Entry<String, Set<Integer>> loc : decilesOf.entrySet()) {
                CSVRecord row = byKey.get(base + SEP + loc.getKey() + (SEP + SEP));
                if (row == null) {
                    return;
                }
                List<Integer> parts = new ArrayList<>();
                for (int d : loc.getValue()) {
                    int v = var(base + SEP + loc.getKey() + (SEP + "decile ") + d, false);
                    parts.add(v);
                    byDecile.computeIfAbsent(d, k -> new ArrayList<>()).add(v);
                }
                fact(parts, List.of(index.get(cell(row, "count"))), 0, true);
            }
            for (int d = 1; d <= 10; d++) {
                CSVRecord row = byKey.get(base + (SEP + "All" + SEP + "deprivation_decile" + SEP) + d);
                if (row != null) {
                    fact(byDecile.getOrDefault(d, List.of()), List.of(index.get(cell(row, "count"))), 0, true);
                }
            }
            // localities that share deciles, and those deciles, count the same records: their sums agree, and
            // the groups' sums with Unknown make All
            List<Integer> groupSums = new ArrayList<>();
            for (Set<String> group : sharingDeciles(decilesOf)) {
                List<Integer> localities = new ArrayList<>();
                List<Integer> decileCounts = new ArrayList<>();
                Set<Integer> ds = new TreeSet<>();
                for (String loc : group) {
                    localities.add(index.get(cell(byKey.get(base + SEP + loc + (SEP + SEP)), "count")));
                    ds.addAll(decilesOf.get(loc));
                }
                boolean all = true;
                for (int d : ds) {
                    CSVRecord row = byKey.get(base + (SEP + "All" + SEP + "deprivation_decile" + SEP) + d);
                    all &= row != null;
                    if (row != null) {
                        decileCounts.add(index.get(cell(row, "count")));
                    }
                }
                if (all) {
                    int sum = var(base + SEP + "group of " + String.join("+", group), false);
                    fact(localities, List.of(sum), 0, true);
                    fact(decileCounts, List.of(sum), 0, true);
                    if (groupSums != null) {
                        groupSums.add(sum);
                    }
                } else {
                    groupSums = null;
                }
            }
            CSVRecord areaRow = byKey.get(base + SEP + "All" + (SEP + SEP));
            CSVRecord unknownRow = byKey.get(base + SEP + "Unknown" + (SEP + SEP));
            if (groupSums != null && areaRow != null) {
                if (unknownRow != null) {
                    groupSums.add(index.get(cell(unknownRow, "count")));
                }
                fact(groupSums, List.of(index.get(cell(areaRow, "count"))), 0, true);
            }
        }
    }

    /** Groups of localities joined by a decile where both have areas (each group closed under that). */
    private static List<Set<String>> sharingDeciles(Map<String, Set<Integer>> decilesOf) {
        Map<String, String> parent = new HashMap<>();
        for (String loc : decilesOf.keySet()) {
            parent.put(loc, loc);
        }
        Map<Integer, String> firstIn = new HashMap<>();
        for (Map.Entry<String, Set<Integer>> e : decilesOf.entrySet()) {
            for (int d : e.getValue()) {
                String other = firstIn.putIfAbsent(d, e.getKey());
                if (other != null) {
                    parent.put(root(parent, e.getKey()), root(parent, other));
                }
            }
        }
        Map<String, Set<String>> groups = new TreeMap<>();
        for (String loc : decilesOf.keySet()) {
            groups.computeIfAbsent(root(parent, loc), k -> new TreeSet<>()).add(loc);
        }
        return new ArrayList<>(groups.values());
    }

    private static String root(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    // ------------------------------------------------------------------ solving

    private Map<String, Finding> solve() {
        int n = lo.size();
        double[] l = new double[n];
        double[] h = new double[n];
        for (int v = 0; v < n; v++) {
            l[v] = lo.get(v);
            h[v] = hi.get(v);
        }
        List<List<Integer>> factsOf = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            factsOf.add(new ArrayList<>());
        }
        for (int f = 0; f < terms.size(); f++) {
            for (int v : terms.get(f)) {
                factsOf.get(v).add(f);
            }
        }
        for (int round = 0; round < 4; round++) {
            propagate(l, h);
            boolean changed = false;
            for (int f = 0; f < terms.size(); f++) {
                changed |= search(f, l, h, factsOf);
            }
            if (!changed) {
                break;
            }
        }
        Map<String, Finding> found = new TreeMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            int v = e.getValue();
            if (!hidden.get(v) || e.getKey().contains((SEP + "decile "))) {
                continue;
            }
            double width = h[v] - l[v];
            boolean pinned = money.get(v) ? width < Math.max(1.0, 0.05 * l[v]) : width < 0.5;
            if (pinned) {
                found.put(e.getKey(), new Finding(e.getKey(), l[v], h[v]));
            }
        }
        return found;
    }

    private void propagate(double[] l, double[] h) {
        for (int pass = 0; pass < 1000; pass++) {
            boolean changed = false;
            for (int f = 0; f < terms.size(); f++) {
                int[] t = terms.get(f);
                int[] s = signs.get(f);
                for (int k = 0; k < t.length; k++) {
                    // bounds of the rest of the sum without term k
                    double restLo = 0;
                    double restHi = 0;
                    for (int j = 0; j < t.length; j++) {
                        if (j == k) {
                            continue;
                        }
                        int u = t[j];
                        restLo += s[j] > 0 ? l[u] : -h[u];
                        restHi += s[j] > 0 ? h[u] : -l[u];
                    }
                    int v = t[k];
                    double b = rhs.get(f);
                    double termHi = b - restLo;
                    double termLo = exact.get(f) ? b - restHi : Double.NEGATIVE_INFINITY;
                    double newLo = s[k] > 0 ? termLo : -termHi;
                    double newHi = s[k] > 0 ? termHi : -termLo;
                    if (!money.get(v)) {
                        newLo = Math.ceil(newLo - 1e-6);
                        newHi = Math.floor(newHi + 1e-6);
                    }
                    double tol = money.get(v) ? 1e-6 * Math.max(1, Math.abs(l[v])) : 0.5;
                    if (!Double.isNaN(newLo) && newLo > l[v] + tol) {
                        l[v] = Math.min(newLo, h[v]);
                        changed = true;
                    }
                    if (!Double.isNaN(newHi) && newHi < h[v] - tol) {
                        h[v] = Math.max(newHi, l[v]);
                        changed = true;
                    }
                }
            }
            changed |= zeroPairs(l, h);
            if (!changed) {
                return;
            }
        }
    }

    /**
     * Exhaustive search over a fact with two or three hidden whole numbers of range at most 40: keeps
     * only values consistent with every fact touching them (others at their bounds). True when a bound
     * moved.
     */
    private boolean search(int f, double[] l, double[] h, List<List<Integer>> factsOf) {
        int[] t = terms.get(f);
        List<Integer> open = new ArrayList<>();
        for (int v : t) {
            if (h[v] > l[v]) {
                if (money.get(v) || h[v] - l[v] > 40) {
                    return false;
                }
                open.add(v);
            }
        }
        if (open.size() < 2 || open.size() > 3) {
            return false;
        }
        int m = open.size();
        double[] newLo = new double[m];
        double[] newHi = new double[m];
        java.util.Arrays.fill(newLo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(newHi, Double.NEGATIVE_INFINITY);
        Set<Integer> touching = new TreeSet<>();
        for (int v : open) {
            touching.addAll(factsOf.get(v));
        }
        double[] value = new double[l.length];
        int[] x = new int[m];
        for (int k = 0; k < m; k++) {
            x[k] = (int) l[open.get(k)];
        }
        while (true) {
            if (consistent(open, x, touching, l, h)) {
                for (int k = 0; k < m; k++) {
                    newLo[k] = Math.min(newLo[k], x[k]);
                    newHi[k] = Math.max(newHi[k], x[k]);
                }
            }
            int k = 0;
            while (k < m && x[k] >= h[open.get(k)]) {
                x[k] = (int) l[open.get(k)];
                k++;
            }
            if (k == m) {
                break;
            }
            x[k]++;
        }
        boolean changed = false;
        for (int k = 0; k < m; k++) {
            int v = open.get(k);
            if (newLo[k] > newHi[k]) {
                continue; // nothing consistent: the facts are looser than the search assumed
            }
            if (newLo[k] > l[v] || newHi[k] < h[v]) {
                l[v] = newLo[k];
                h[v] = newHi[k];
                changed = true;
            }
        }
        return changed;
    }

    private boolean consistent(List<Integer> open, int[] x, Set<Integer> facts, double[] l, double[] h) {
        for (int f : facts) {
            int[] t = terms.get(f);
            int[] s = signs.get(f);
            double sumLo = 0;
            double sumHi = 0;
            for (int j = 0; j < t.length; j++) {
                int u = t[j];
                int k = open.indexOf(u);
                double a = k >= 0 ? x[k] : l[u];
                double b = k >= 0 ? x[k] : h[u];
                sumLo += s[j] > 0 ? a : -b;
                sumHi += s[j] > 0 ? b : -a;
            }
            double r = rhs.get(f);
            if (sumLo > r + 1e-6) {
                return false;
            }
            if (exact.get(f) && sumHi < r - 1e-6) {
                return false;
            }
        }
        return true;
    }
}
