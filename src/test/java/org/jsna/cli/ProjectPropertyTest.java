package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jsna.output.CompleteReportPropertyTest;
import org.jsna.output.Council;
import org.jsna.output.CouncilReports;

/**
 * {@code jsna project} on councils of every shape ({@link Council}: one locality to forty, odd names, one area,
 * one decile, unknown areas, no costs, tiny counts, calendar years, age bands, several years, population without
 * a year or older than the periods), each with a valid projections file in one of the three layouts (long by
 * locality, long by area_code with rows outside the lookup, ONS SNPP with other components, persons and All ages
 * rows, sex spelled as ONS does, a region row beside the LAs) and now and then a prevalence file, {@code
 * --base-periods}, {@code --to-year} or {@code --from/--to}.
 *
 * <p>What is expected is worked out here from the generated files and projection.md, not from jsna: which
 * periods are complete (indicators.md's coverage), the base periods and base year, so the years, and so the
 * exact row set and order. Then, for every run: exit 0 (or exit 2 with the documented message when there are
 * fewer complete periods than {@code --base-periods}), never 1; every number finite; 0 &lt;= lower &lt;= value
 * &lt;= upper; {@code All} the sum of the localities' values and base values and its half-width the root of
 * the sum of their squared half-widths (variances add); change_pct empty exactly when base_value is 0; one
 * projected year whose population is the base year's own gives V = base_value (one base period, no record in a
 * cell without population); prevalence values equal the rates x the projected population written in the file,
 * and its base value the rates x the base periods' population.
 *
 * <p>In the suite it runs {@value #TRIES} tries. A campaign: {@code mvn -B test -Dtest=ProjectPropertyTest
 * -Djsna.projection.tries=500}.
 */
class ProjectPropertyTest {

    static final int TRIES = 8;
    static final List<String> MEASURES = List.of("referrals", "service_users", "service_events", "cost");
    static final double Z = 1.959963985;

    enum Layout { LOCALITY, AREA, SNPP }

    /** One try: the council and how its projection is asked for; the files' details come from {@link #seed}. */
    record Setup(Council council, Layout layout, int basePeriods, boolean wholePeriods, boolean prevalence,
            boolean toYear, long seed) {
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Tries.class)
    void everyValidCouncilGetsAProjectionThatAddsUp(@ForAll("setups") Setup s) throws Exception {
        Path work = Files.createTempDirectory("jsna-project-");
        try {
            check(s, work);
        } finally {
            CouncilReports.delete(work);
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(CompleteReportPropertyTest.arbitraryCouncils(), Arbitraries.of(Layout.class),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 1), net.jqwik.api.Tuple.of(2, 2),
                        net.jqwik.api.Tuple.of(1, 3)),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(1, false), net.jqwik.api.Tuple.of(3, true)),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(3, false),
                        net.jqwik.api.Tuple.of(1, true)), Arbitraries.of(false, true), Arbitraries.longs())
                .as(Setup::new);
    }

    // ------------------------------------------------------------------ the council as read here

    /** The council's lookup, population and dates, read from its files. */
    static final class Model {
        final List<String> lookup = new ArrayList<>(); // localities, lookup order
        final Map<String, String> localityOfArea = new LinkedHashMap<>();
        /** population year (-1 without a year column) -> area -> [sex][age 0..90]. */
        final Map<Integer, Map<String, double[][]>> population = new TreeMap<>();
        final List<LocalDate> dates = new ArrayList<>();
        boolean calendar;

        double[][][] byLocality(int year, List<String> locs) {
            double[][][] out = new double[locs.size()][2][91];
            for (Map.Entry<String, double[][]> e : population.getOrDefault(year, Map.of()).entrySet()) {
                int l = locs.indexOf(localityOfArea.get(e.getKey()));
                for (int s = 0; s < 2; s++) {
                    for (int a = 0; a <= 90; a++) {
                        out[l][s][a] += e.getValue()[s][a];
                    }
                }
            }
            return out;
        }

        int yearOf(LocalDate d) {
            return calendar || d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        }

        LocalDate start(int y) {
            return calendar ? LocalDate.of(y, 1, 1) : LocalDate.of(y, 4, 1);
        }

        LocalDate end(int y) {
            return start(y + 1).minusDays(1);
        }

        String label(int y) {
            return calendar ? Integer.toString(y) : y + "/" + String.format(Locale.ROOT, "%02d", (y + 1) % 100);
        }

        /** The population year used for period y: its own, else the latest earlier; -1 without a year column. */
        int populationYear(int y) {
            if (population.containsKey(-1)) {
                return -1;
            }
            Integer best = null;
            for (int py : population.keySet()) {
                if (py <= y) {
                    best = py;
                }
            }
            return best;
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            return p.getRecords();
        }
    }

    static Model model(Council c, Path in) throws IOException {
        Model m = new Model();
        m.calendar = c.calendar;
        for (CSVRecord r : csv(in.resolve("areas.csv"))) {
            m.localityOfArea.put(r.get("area_code"), r.get("locality"));
            if (!m.lookup.contains(r.get("locality"))) {
                m.lookup.add(r.get("locality"));
            }
        }
        for (CSVRecord r : csv(in.resolve("population.csv"))) {
            int year = r.isMapped("year") ? Integer.parseInt(r.get("year")) : -1;
            int sex = r.get("sex").equals("F") ? 0 : 1;
            int lo;
            int hi;
            if (r.isMapped("age")) {
                lo = Math.min(90, Integer.parseInt(r.get("age")));
                hi = lo;
            } else {
                String b = r.get("age_band");
                lo = b.equals("90+") ? 90 : Integer.parseInt(b.substring(0, b.indexOf('-')));
                hi = b.equals("90+") ? 90 : Integer.parseInt(b.substring(b.indexOf('-') + 1));
            }
            double each = Double.parseDouble(r.get("population")) / (hi - lo + 1);
            double[][] cell = m.population.computeIfAbsent(year, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get("area_code"), k -> new double[2][91]);
            for (int a = lo; a <= hi; a++) {
                cell[sex][a] += each;
            }
        }
        for (CSVRecord r : csv(in.resolve("referrals.csv"))) {
            m.dates.add(LocalDate.parse(r.get("referral_date")));
        }
        for (CSVRecord r : csv(in.resolve("services.csv"))) {
            m.dates.add(LocalDate.parse(r.get("start_date")));
        }
        return m;
    }

    /** The localities in reporting order: jsna.yaml's (Council writes the lookup reversed), else ordinal order. */
    static List<String> reportingOrder(Model m, Path in) throws IOException {
        Path yaml = in.resolve("jsna.yaml");
        List<String> out = new ArrayList<>(m.lookup);
        if (Files.exists(yaml) && Files.readString(yaml).contains("\nlocalities:\n")) {
            java.util.Collections.reverse(out);
        } else {
            out.sort(String::compareTo);
        }
        return out;
    }

    // ------------------------------------------------------------------ the try

    static void check(Setup s, Path work) throws Exception {
        Council c = s.council().copy();
        c.sexUnknownPct = new int[] {0, 0, 10, 50, 100}[(int) Math.floorMod(s.seed(), 5L)];
        Path in = work.resolve("in");
        c.write(in);
        Model m = model(c, in);
        Random rnd = new Random(s.seed());
        List<String> args = new ArrayList<>(List.of("project", in.toString()));

        // periods, coverage and the complete ones (indicators.md "Part periods")
        List<Integer> complete = new ArrayList<>();
        if (s.wholePeriods() || m.dates.isEmpty()) {
            int first = m.dates.isEmpty() ? 2021 : m.dates.stream().mapToInt(m::yearOf).min().orElseThrow();
            int last = m.dates.isEmpty() ? 2021 : m.dates.stream().mapToInt(m::yearOf).max().orElseThrow();
            if (s.wholePeriods()) {
                args.addAll(List.of("--from", m.start(first).toString(), "--to", m.end(last).toString()));
                for (int y = first; y <= last; y++) {
                    complete.add(y);
                }
            }
        } else {
            LocalDate min = m.dates.stream().min(LocalDate::compareTo).orElseThrow();
            LocalDate max = m.dates.stream().max(LocalDate::compareTo).orElseThrow();
            LocalDate from = min.withDayOfMonth(1);
            LocalDate to = max.withDayOfMonth(max.lengthOfMonth());
            for (int y = m.yearOf(min); y <= m.yearOf(max); y++) {
                if (!m.start(y).isBefore(from) && !m.end(y).isAfter(to)) {
                    complete.add(y);
                }
            }
        }
        // mostly as many base periods as there are complete ones at most; now and then more (exit 2)
        int n = rnd.nextInt(5) == 0 ? s.basePeriods() : Math.min(s.basePeriods(), Math.max(1, complete.size()));
        args.addAll(List.of("--base-periods", Integer.toString(n)));
        boolean enough = complete.size() >= n;
        List<Integer> base = enough ? complete.subList(complete.size() - n, complete.size()) : List.of();
        int lastBase = enough ? base.get(n - 1) : 2021;
        int baseYear = !enough || m.populationYear(lastBase) == -1 ? lastBase : m.populationYear(lastBase);

        // the projections file: years from two before the base year to 1..4 after it; the first after holds
        // the base year's own population (so that V = base_value), the others other numbers
        List<String> locs = reportingOrder(m, in);
        int horizon = 1 + rnd.nextInt(4);
        List<Integer> fileYears = new ArrayList<>();
        for (int y = baseYear - 2; y <= baseYear + horizon; y++) {
            fileYears.add(y);
        }
        int mirror = baseYear + 1;
        Map<Integer, Map<String, double[][]>> qByArea = new TreeMap<>();
        Map<String, double[][]> baseByArea = m.population.getOrDefault(enough ? m.populationYear(lastBase)
                : m.population.keySet().iterator().next(), Map.of());
        for (int y : fileYears) {
            Map<String, double[][]> q = new LinkedHashMap<>();
            double factor = 0.5 + rnd.nextInt(16) / 10.0;
            for (String area : m.localityOfArea.keySet()) {
                double[][] b = baseByArea.getOrDefault(area, new double[2][91]);
                double[][] v = new double[2][91];
                for (int sex = 0; sex < 2; sex++) {
                    for (int a = 0; a <= 90; a++) {
                        v[sex][a] = y == mirror ? b[sex][a] : Math.round(b[sex][a] * factor * 10) / 10.0
                                + (rnd.nextInt(5) == 0 ? rnd.nextInt(30) / 4.0 : 0);
                    }
                }
                q.put(area, v);
            }
            qByArea.put(y, q);
        }
        Path projections = work.resolve("projections.csv");
        List<String> snppAreas = new ArrayList<>();
        long outsideRows = writeProjections(s.layout(), projections, m, qByArea, rnd, snppAreas, args);
        args.addAll(List.of("--projections", projections.toString()));
        int toYear = baseYear + horizon;
        if (s.toYear()) {
            toYear = baseYear + 1 + rnd.nextInt(horizon);
            args.addAll(List.of("--to-year", Integer.toString(toYear)));
        }
        List<Integer> years = new ArrayList<>();
        for (int y = baseYear + 1; y <= toYear; y++) {
            years.add(y);
        }
        List<Prevalence> conditions = List.of();
        if (s.prevalence()) {
            conditions = prevalence(rnd);
            Path p = work.resolve("prevalence.csv");
            writePrevalence(p, conditions, rnd);
            args.addAll(List.of("--prevalence", p.toString()));
        }
        Path out = work.resolve("out");
        args.addAll(List.of("--out", out.toString()));

        String what = s + "\n" + String.join(" ", args);
        CouncilReports.Result r = CouncilReports.run(args.toArray(new String[0]));
        assertNotEquals(1, r.code(), () -> "internal error for " + what + ":\n" + r.err());
        assertFalse(r.err().contains("\tat "), () -> "a stack trace for " + what + ":\n" + r.err());
        net.jqwik.api.statistics.Statistics.label("layout").collect(s.layout());
        net.jqwik.api.statistics.Statistics.label("exit").collect(r.code());
        net.jqwik.api.statistics.Statistics.label("localities").collect(locs.size() == 1 ? "1" : locs.size() <= 4 ? "2-4" : "5+");
        net.jqwik.api.statistics.Statistics.label("years").collect(years.size());
        if (!enough) {
            assertEquals(2, r.code(), () -> "fewer complete periods than --base-periods for " + what + ":\n" + r.err());
            assertTrue(r.err().contains("--base-periods " + n + ": the data cover " + complete.size() + " complete"),
                    () -> what + "\n" + r.err());
            assertFalse(Files.exists(out), "nothing written");
            return;
        }
        assertEquals(0, r.code(), () -> "jsna project on " + what + ":\n" + r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("data-quality.csv", "manifest.json", "projections.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), what);
        }
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of("in", "out", "prevalence.csv", "projections.csv").stream()
                            .filter(f -> s.prevalence() || !f.equals("prevalence.csv")).toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing beside the output");
        }
        String manifest = Files.readString(out.resolve("manifest.json")).replaceAll("\\s", "");
        assertTrue(manifest.contains("\"base_year\":" + baseYear + ","), () -> "base year " + baseYear + " for "
                + what + ":\n" + manifest);
        assertTrue(manifest.contains("\"base_periods\":[" + String.join(",", base.stream()
                .map(y -> "\"" + m.label(y) + "\"").toList()) + "]"), () -> what + "\n" + manifest);
        Map<String, Long> quality = new HashMap<>();
        for (CSVRecord q : csv(out.resolve("data-quality.csv"))) {
            quality.put(q.get("file") + "|" + q.get("item"), q.get("count").isEmpty() ? -1 : Long.parseLong(q.get("count")));
        }
        if (s.layout() == Layout.AREA) {
            assertEquals(outsideRows, quality.get("projections.csv|population_outside_lookup"), what);
        }
        if (s.layout() == Layout.SNPP) {
            assertTrue(manifest.contains("\"projection_areas\":[" + String.join(",", snppAreas.stream()
                    .map(a -> "\"" + a + "\"").toList()) + "]"), () -> what + "\n" + manifest);
        }

        // the row set and order
        List<CSVRecord> rows = csv(out.resolve("projections.csv"));
        List<String> expected = new ArrayList<>();
        List<String> groups = c.effectiveGroups().stream().map(Council.Group::id).toList();
        for (int y : years) {
            for (String g : groups) {
                for (String l : plusAll(locs)) {
                    for (String measure : MEASURES) {
                        expected.add(y + "|" + text(g) + "|" + text(l) + "|" + measure);
                    }
                }
            }
            for (Prevalence p : conditions) {
                for (String l : plusAll(locs)) {
                    expected.add(y + "||" + text(l) + "|prevalence:" + p.name.strip());
                }
            }
        }
        List<String> actual = rows.stream().map(x -> x.get("year") + "|" + x.get("client_group") + "|"
                + x.get("locality") + "|" + x.get("measure")).toList();
        if (!expected.equals(actual)) {
            fail("rows of projections.csv for " + what + "\nexpected " + expected.size() + ": "
                    + expected.subList(0, Math.min(8, expected.size())) + "\nactual " + actual.size() + ": "
                    + actual.subList(0, Math.min(8, actual.size())));
        }

        // the numbers
        Map<String, CSVRecord> byKey = new HashMap<>();
        for (CSVRecord x : rows) {
            byKey.put(x.get("year") + "|" + x.get("client_group") + "|" + x.get("locality") + "|" + x.get("measure"),
                    x);
            checkRow(x, what);
        }
        // base_value and the low-base note of referrals and service events, counted here from the files:
        // records of a base period, of a lookup locality, inside the group's ages; k = all / known sex
        Map<String, Map<String, long[]>> counted = new HashMap<>();
        for (String measure : List.of("referrals", "service_events")) {
            Map<String, long[]> counts = baseCounts(c, in, m, base, measure);
            counted.put(measure, counts);
            for (int y : years) {
                for (String g : groups) {
                    long[] all = new long[2];
                    double allBase = 0;
                    for (String l : plusAll(locs)) {
                        long[] k = l.equals("All") ? all : counts.getOrDefault(g + "|" + l, new long[2]);
                        double expectedBase = l.equals("All") ? allBase : k[0] == 0 ? 0 : (double) (k[0] + k[1]) / n;
                        if (!l.equals("All")) {
                            all[0] += k[0];
                            all[1] += k[1];
                            allBase += expectedBase;
                        }
                        CSVRecord x = byKey.get(y + "|" + text(g) + "|" + text(l) + "|" + measure);
                        assertClose(expectedBase, num(x, "base_value"), "base_value = k x known / N = (known + U) / N "
                                + "with known " + k[0] + ", U " + k[1] + ": " + x.toMap(), what);
                        assertEquals(k[0] >= 1 && k[0] <= 7, x.get("method").endsWith("interpret with care"),
                                () -> "low-base note with " + k[0] + " records of known sex: " + x.toMap() + "\n" + what);
                    }
                }
            }
        }
        // cost = projected users x one cost per user of (group, locality), the same in every year and in the base
        for (String g : groups) {
            for (String l : locs) {
                Double perUser = null;
                for (int y : years) {
                    CSVRecord users = byKey.get(y + "|" + text(g) + "|" + text(l) + "|service_users");
                    CSVRecord cost = byKey.get(y + "|" + text(g) + "|" + text(l) + "|cost");
                    if (cost.get("value").isEmpty()) {
                        continue;
                    }
                    double u = num(users, "base_value");
                    if (u == 0) {
                        assertEquals(0.0, num(cost, "base_value"), () -> "cost base without users: " + cost.toMap());
                        assertClose(0, num(cost, "value"), "no users in the base, no cost: " + cost.toMap(), what);
                        continue;
                    }
                    double cpu = num(cost, "base_value") / u;
                    if (perUser == null) {
                        perUser = cpu;
                    }
                    assertClose(perUser, cpu, "one cost per user in every year: " + cost.toMap(), what);
                    assertClose(num(users, "value") * cpu, num(cost, "value"), "cost = users x cost per user: "
                            + cost.toMap(), what);
                    assertClose((num(users, "upper_ci_95") - num(users, "value")) * cpu,
                            num(cost, "upper_ci_95") - num(cost, "value"), "cost limits = users' x cost per user: "
                            + cost.toMap(), what);
                }
            }
        }
        boolean sameBase = base.stream().map(m::populationYear).distinct().count() == 1;
        for (int y : years) {
            for (String g : groups) {
                for (String measure : MEASURES) {
                    List<CSVRecord> parts = new ArrayList<>();
                    for (String l : locs) {
                        parts.add(byKey.get(y + "|" + text(g) + "|" + text(l) + "|" + measure));
                    }
                    CSVRecord all = byKey.get(y + "|" + text(g) + "|All|" + measure);
                    checkAll(all, parts, true, what);
                    if (y == mirror && sameBase && !measure.equals("cost")) {
                        String file = measure.equals("referrals") ? "referrals.csv" : "services.csv";
                        long noPopulation = quality.get(file + "|projection_no_population:" + measure);
                        for (int i = 0; i <= locs.size(); i++) {
                            CSVRecord x = i < locs.size() ? parts.get(i) : all;
                            List<String> places = i < locs.size() ? List.of(locs.get(i)) : locs;
                            double v = num(x, "value");
                            double b = num(x, "base_value");
                            if (noPopulation == 0) {
                                assertClose(b, v, "V = base_value with Q the base population: " + x.toMap(), what);
                                if (!measure.equals("service_users")) {
                                    // Q/P = 1/N in every cell: Var = k^2 x known / N^2, All's the sum of them
                                    double var = 0;
                                    for (String l : places) {
                                        long[] k = counted.get(measure).getOrDefault(g + "|" + l, new long[2]);
                                        double kk = k[0] == 0 ? 1 : (double) (k[0] + k[1]) / k[0];
                                        var += kk * kk * k[0] / ((double) n * n);
                                    }
                                    double h = Z * Math.sqrt(var);
                                    assertClose(v + h, num(x, "upper_ci_95"), "upper = V + z k sqrt(known) / N: "
                                            + x.toMap(), what);
                                    assertClose(Math.max(0, v - h), num(x, "lower_ci_95"), "lower = V - z k sqrt(known)"
                                            + " / N: " + x.toMap(), what);
                                }
                            } else {
                                assertTrue(v <= b * (1 + 1e-9) + 1e-9, () -> "V <= base_value: " + x.toMap() + what);
                            }
                        }
                    }
                }
            }
            for (Prevalence p : conditions) {
                List<CSVRecord> parts = new ArrayList<>();
                double[][][] q = qByLocality(qByArea.get(y), m, locs);
                double[][][] b = new double[locs.size()][2][91];
                for (int period : base) {
                    double[][][] bp = m.byLocality(m.populationYear(period), locs);
                    for (int l = 0; l < locs.size(); l++) {
                        for (int sex = 0; sex < 2; sex++) {
                            for (int a = 0; a <= 90; a++) {
                                b[l][sex][a] += bp[l][sex][a] / n;
                            }
                        }
                    }
                }
                double total = 0;
                for (int l = 0; l < locs.size(); l++) {
                    CSVRecord x = byKey.get(y + "||" + text(locs.get(l)) + "|prevalence:" + p.name.strip());
                    parts.add(x);
                    if (s.layout() != Layout.SNPP || y == mirror) {
                        assertClose(p.cases(q[l]), num(x, "value"), "prevalence = rates x Q: " + x.toMap(), what);
                    }
                    assertClose(p.cases(b[l]), num(x, "base_value"), "prevalence base: " + x.toMap(), what);
                    total += p.cases(q[l]);
                }
                CSVRecord all = byKey.get(y + "||All|prevalence:" + p.name.strip());
                checkAll(all, parts, false, what);
                assertClose(total, num(all, "value"), "All's prevalence = rates x the file's total: "
                        + all.toMap(), what);
            }
        }
    }

    /** Per "group|locality": {records of known sex, records of sex U} of a measure in the base periods. */
    static Map<String, long[]> baseCounts(Council c, Path in, Model m, List<Integer> base, String measure)
            throws IOException {
        Map<String, int[]> ages = new HashMap<>();
        for (Council.Group g : c.effectiveGroups()) {
            String a = g.ages();
            ages.put(g.id(), a.endsWith("+") ? new int[] {Integer.parseInt(a.substring(0, a.length() - 1)), 999}
                    : new int[] {Integer.parseInt(a.substring(0, a.indexOf('-'))),
                        Integer.parseInt(a.substring(a.indexOf('-') + 1))});
        }
        boolean referrals = measure.equals("referrals");
        Map<String, long[]> out = new HashMap<>();
        for (CSVRecord r : csv(in.resolve(referrals ? "referrals.csv" : "services.csv"))) {
            LocalDate d = LocalDate.parse(r.get(referrals ? "referral_date" : "start_date"));
            String locality = m.localityOfArea.get(r.get("area_code"));
            int[] range = ages.get(r.get("client_group"));
            int age = Integer.parseInt(r.get("age"));
            // in the group's ages, or above 90 in a range that takes in 90 (docs/data.md: the population's 90 is 90
            // and over, so such a range counts the records of 91 and over)
            boolean inAges = age >= range[0] && age <= range[1] || age > 90 && range[0] <= 90 && range[1] >= 90;
            if (!base.contains(m.yearOf(d)) || locality == null || !inAges) {
                continue;
            }
            out.computeIfAbsent(r.get("client_group") + "|" + locality, k -> new long[2])[r.get("sex").equals("U")
                    ? 1 : 0]++;
        }
        return out;
    }

    static List<String> plusAll(List<String> locs) {
        List<String> out = new ArrayList<>(locs);
        out.add("All");
        return out;
    }

    static List<CSVRecord> plusOne(List<CSVRecord> parts, CSVRecord all) {
        List<CSVRecord> out = new ArrayList<>(parts);
        out.add(all);
        return out;
    }

    /** As cli.md: text a spreadsheet would run gets a leading quote. */
    static String text(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    static double num(CSVRecord x, String column) {
        String v = x.get(column);
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    static void assertClose(double expected, double actual, String message, String what) {
        double tol = 1e-9 * Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol, () -> message + ": expected " + expected + ", got " + actual
                + "\n" + what);
    }

    /** Numbers finite and plain; limits around the value; change_pct empty exactly when base_value is 0. */
    static void checkRow(CSVRecord x, String what) {
        String measure = x.get("measure");
        boolean prevalence = measure.startsWith("prevalence:");
        boolean noCost = measure.equals("cost") && x.get("method").contains("no known cost");
        for (String col : List.of("value", "lower_ci_95", "upper_ci_95", "base_value", "change_pct")) {
            String v = x.get(col);
            boolean mayBeEmpty = noCost || col.equals("change_pct") || prevalence && col.contains("ci_95");
            if (v.isEmpty()) {
                assertTrue(mayBeEmpty, () -> col + " empty in " + x.toMap() + "\n" + what);
                continue;
            }
            assertTrue(v.matches("-?\\d+(\\.\\d+)?"), () -> col + " not a plain decimal in " + x.toMap() + "\n" + what);
            double d = Double.parseDouble(v);
            assertTrue(Double.isFinite(d), () -> col + " not finite in " + x.toMap() + "\n" + what);
            if (!col.equals("change_pct")) {
                assertTrue(d >= 0, () -> col + " negative in " + x.toMap() + "\n" + what);
            }
        }
        if (noCost) {
            for (String col : List.of("value", "lower_ci_95", "upper_ci_95", "base_value", "change_pct")) {
                assertEquals("", x.get(col), () -> "no known cost, yet " + col + " in " + x.toMap() + "\n" + what);
            }
            return;
        }
        double base = num(x, "base_value");
        assertEquals(base == 0, x.get("change_pct").isEmpty(), () -> "change_pct empty iff base 0: " + x.toMap());
        if (base != 0) {
            assertClose(100 * (num(x, "value") / base - 1), num(x, "change_pct"), "change_pct", what);
        }
        if (!prevalence) {
            double v = num(x, "value");
            double lo = num(x, "lower_ci_95");
            double hi = num(x, "upper_ci_95");
            assertTrue(0 <= lo && lo <= v && v <= hi, () -> "0 <= lower <= value <= upper: " + x.toMap() + "\n" + what);
            String method = x.get("method");
            String expectedMethod = measure.equals("cost")
                    ? "projected service users x base cost per service user (base-year prices)"
                    : "council rates by sex and five-year age band x projected population";
            assertTrue(method.equals(expectedMethod) || method.equals(expectedMethod
                    + "; low base count: interpret with care"), () -> "method of " + x.toMap());
        } else {
            assertEquals("prevalence rates x projected population", x.get("method"));
        }
    }

    /** All's value and base value are the localities' sums; with limits, its variance is theirs. */
    static void checkAll(CSVRecord all, List<CSVRecord> parts, boolean limits, String what) {
        if (all.get("value").isEmpty()) {
            for (CSVRecord p : parts) {
                assertEquals("", p.get("value"), () -> "All empty, a locality not: " + p.toMap() + "\n" + what);
            }
            return;
        }
        for (String col : List.of("value", "base_value")) {
            double sum = 0;
            double abs = 0;
            for (CSVRecord p : parts) {
                sum += num(p, col);
                abs += Math.abs(num(p, col));
            }
            double a = num(all, col);
            double tol = 1e-9 * Math.max(1, abs);
            double s = sum;
            assertTrue(Math.abs(a - s) <= tol, () -> "All's " + col + " " + a + " is not the sum " + s + " of "
                    + parts.size() + " localities: " + all.toMap() + "\n" + what);
        }
        if (limits) {
            double var = 0;
            for (CSVRecord p : parts) {
                double h = (num(p, "upper_ci_95") - num(p, "value")) / Z;
                var += h * h;
            }
            double h = (num(all, "upper_ci_95") - num(all, "value")) / Z;
            double v = var;
            assertTrue(Math.abs(h * h - var) <= 1e-6 * Math.max(1, var), () -> "All's variance " + h * h
                    + " is not the sum " + v + " of its localities': " + all.toMap() + "\n" + what);
        }
    }

    static double[][][] qByLocality(Map<String, double[][]> byArea, Model m, List<String> locs) {
        double[][][] out = new double[locs.size()][2][91];
        for (Map.Entry<String, double[][]> e : byArea.entrySet()) {
            int l = locs.indexOf(m.localityOfArea.get(e.getKey()));
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= 90; a++) {
                    out[l][s][a] += e.getValue()[s][a];
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ files

    /** The number as a decimal reads it back: plainly, or with a sign, a point, leading zeros or an exponent. */
    static String spell(double v, Random rnd) {
        if (v != Math.rint(v) || v > 1e9) {
            return rnd.nextInt(4) == 0 ? " " + dec(v) + " " : dec(v);
        }
        long n = (long) v;
        return switch (rnd.nextInt(8)) {
            case 0 -> "+" + n;
            case 1 -> n + ".0";
            case 2 -> n + ".";
            case 3 -> "00" + n;
            case 4 -> n + "e0";
            case 5 -> n == 0 ? "0.000" : (n / 10.0 == Math.rint(n / 10.0) ? (n / 10) + "E1" : Long.toString(n));
            default -> Long.toString(n);
        };
    }

    static String dec(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Writes the projections file in the layout; returns the rows outside the lookup (long by area). */
    static long writeProjections(Layout layout, Path file, Model m, Map<Integer, Map<String, double[][]>> q,
            Random rnd, List<String> snppAreas, List<String> args) throws IOException {
        StringWriter w = new StringWriter();
        long outside = 0;
        String lineEnd = rnd.nextBoolean() ? "\n" : "\r\n";
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator(lineEnd).get())) {
            switch (layout) {
                case LOCALITY, AREA -> {
                    boolean byArea = layout == Layout.AREA;
                    List<String> header = new ArrayList<>(List.of("year", "sex", "age", "population"));
                    header.add(rnd.nextInt(header.size() + 1), byArea ? "area_code" : "locality");
                    if (byArea && rnd.nextBoolean()) {
                        header.add("locality"); // ignored when area_code is there
                    }
                    p.printRecord(header);
                    for (Map.Entry<Integer, Map<String, double[][]>> y : q.entrySet()) {
                        Map<String, double[][]> places = new LinkedHashMap<>();
                        if (byArea) {
                            places.putAll(y.getValue());
                        } else {
                            List<String> locs = m.lookup;
                            double[][][] v = qByLocality(y.getValue(), m, locs);
                            for (int l = 0; l < locs.size(); l++) {
                                places.put(locs.get(l), v[l]);
                            }
                        }
                        for (Map.Entry<String, double[][]> e : places.entrySet()) {
                            for (int s = 0; s < 2; s++) {
                                for (int a = 0; a <= 90; a++) {
                                    double v = e.getValue()[s][a];
                                    if (v == 0 && rnd.nextInt(3) == 0) {
                                        continue; // a missing row counts as 0
                                    }
                                    // 90 and over: now and then split over 90, 90+ and an age above 90
                                    List<String[]> parts = new ArrayList<>();
                                    if (a == 90 && v == Math.rint(v) && v >= 3 && rnd.nextBoolean()) {
                                        double first = Math.floor(v / 3);
                                        parts.add(new String[] {"90", spell(first, rnd)});
                                        parts.add(new String[] {"90+", spell(first, rnd)});
                                        parts.add(new String[] {Integer.toString(91 + rnd.nextInt(30)),
                                            spell(v - 2 * first, rnd)});
                                    } else {
                                        parts.add(new String[] {a == 90 && rnd.nextBoolean() ? "90+"
                                                : Integer.toString(a), spell(v, rnd)});
                                    }
                                    String place = rnd.nextInt(10) == 0 ? " " + e.getKey() + " " : e.getKey();
                                    for (String[] part : parts) {
                                        Map<String, String> row = Map.of("year", Integer.toString(y.getKey()),
                                                "sex", s == 0 ? "F" : "M", "age", part[0], "population", part[1],
                                                "area_code", place, "locality", byArea ? "ignored" : place);
                                        p.printRecord(header.stream().map(row::get).toList());
                                    }
                                }
                            }
                        }
                        if (byArea) {
                            for (int i = rnd.nextInt(3); i > 0; i--) {
                                Map<String, String> row = Map.of("year", Integer.toString(y.getKey()), "sex", "F",
                                        "age", Integer.toString(i), "population", "12.5", "area_code", "W0000000" + i,
                                        "locality", "elsewhere");
                                p.printRecord(header.stream().map(row::get).toList());
                                outside++;
                            }
                        }
                    }
                }
                case SNPP -> {
                    // the council's total, split between one or two local authorities; now and then a region
                    // row holding the total too, so --projection-areas must name the LAs
                    int las = 1 + rnd.nextInt(2);
                    boolean region = rnd.nextInt(3) == 0;
                    boolean name = region || rnd.nextBoolean();
                    String[][] sexes = {{"female", "male"}, {"F", "M"}, {"2", "1"}, {"Female", "MALE"}};
                    String[] sx = sexes[rnd.nextInt(sexes.length)];
                    List<String> header = new ArrayList<>(List.of("AREA_CODE", "AREA_NAME", "COMPONENT", "SEX",
                            "AGE_GROUP"));
                    for (int y : q.keySet()) {
                        header.add(Integer.toString(y));
                    }
                    p.printRecord(header);
                    List<String> codes = new ArrayList<>();
                    for (int i = 1; i <= las; i++) {
                        codes.add("E0600000" + i);
                    }
                    if (region) {
                        codes.add("E12000001");
                    }
                    for (String code : codes) {
                        double share = code.startsWith("E12") ? 1 : las == 1 ? 1 : code.endsWith("1") ? 0.25 : 0.75;
                        List<Object> all = new ArrayList<>(List.of(code, "Somewhere, " + code, "Population", "persons",
                                "All ages"));
                        q.keySet().forEach(y -> all.add("1"));
                        p.printRecord(all);
                        List<Object> births = new ArrayList<>(List.of(code, "x", "Births", sx[0], "0"));
                        q.keySet().forEach(y -> births.add("7"));
                        p.printRecord(births);
                        for (int s = 0; s < 2; s++) {
                            for (int a = 0; a <= 90; a++) {
                                List<Object> row = new ArrayList<>(List.of(code, "Somewhere, " + code, "Population",
                                        sx[s], a == 90 ? "90 and over" : Integer.toString(a)));
                                for (Map<String, double[][]> byArea : q.values()) {
                                    double total = 0;
                                    for (double[][] v : byArea.values()) {
                                        total += v[s][a];
                                    }
                                    row.add(dec(total * share));
                                }
                                p.printRecord(row);
                            }
                        }
                    }
                    List<String> named = new ArrayList<>(codes.subList(0, las));
                    if (name) {
                        java.util.Collections.shuffle(named, rnd);
                        args.addAll(List.of("--projection-areas", String.join(",", named)));
                    }
                    snppAreas.addAll(name ? named : codes.subList(0, las));
                }
            }
        }
        // CRLF or LF; UTF-8, UTF-8 with a BOM, or Windows-1252 when every character has a byte there
        String text = w.toString();
        java.nio.charset.CharsetEncoder cp1252 = java.nio.charset.Charset.forName("windows-1252").newEncoder();
        int enc = rnd.nextInt(3);
        if (enc == 2 && cp1252.canEncode(text) && !text.contains("\u0081") && !text.contains("\u008d")
                && !text.contains("\u008f") && !text.contains("\u0090") && !text.contains("\u009d")) {
            Files.write(file, text.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        } else if (enc == 1) {
            Files.writeString(file, "\uFEFF" + text, StandardCharsets.UTF_8);
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        return outside;
    }

    /** A condition's rates per 100 by [sex][age] and the bands as written. */
    record Prevalence(String name, double[][] rate, List<String[]> rows) {
        double cases(double[][] byAge) {
            double v = 0;
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= 90; a++) {
                    v += rate[s][a] / 100 * byAge[s][a];
                }
            }
            return v;
        }
    }

    static final List<String> CONDITIONS = List.of("Dementia", "Learning disability (moderate or severe)",
            "  padded  ", "=HYPERLINK(\"x\")", "Comma, \"quoted\"", "Démence 東");

    static List<Prevalence> prevalence(Random rnd) {
        List<Prevalence> out = new ArrayList<>();
        List<String> names = new ArrayList<>(CONDITIONS);
        java.util.Collections.shuffle(names, rnd);
        for (String name : names.subList(0, 1 + rnd.nextInt(2))) {
            double[][] rate = new double[2][91];
            List<String[]> rows = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int a = rnd.nextInt(30);
                while (a <= 90) {
                    int hi = rnd.nextInt(4) == 0 ? 90 : Math.min(90, a + rnd.nextInt(30));
                    double r = rnd.nextInt(10) == 0 ? 100 : rnd.nextInt(4000) / 100.0;
                    String band = hi == 90 && rnd.nextBoolean() ? (a == 90 ? "90+" : a + "+")
                            : a == hi ? Integer.toString(a) : a + "-" + hi;
                    rows.add(new String[] {s == 0 ? "F" : "M", band, dec(r)});
                    for (int x = a; x <= hi; x++) {
                        rate[s][x] = r;
                    }
                    a = hi + 1 + (rnd.nextBoolean() ? 0 : rnd.nextInt(5));
                }
            }
            out.add(new Prevalence(name, rate, rows));
        }
        return out;
    }

    static void writePrevalence(Path file, List<Prevalence> conditions, Random rnd) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (Prevalence p : conditions) {
            for (String[] r : p.rows()) {
                rows.add(new String[] {p.name(), r[0], r[1], r[2]});
            }
        }
        // a condition's order is that of its first row: keep the first row of each in place, shuffle the rest
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("condition", "sex", "age_band", "rate_per_100");
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
        }
        Files.writeString(file, w.toString(), StandardCharsets.UTF_8);
    }

    /** {@code -Djsna.projection.tries=N} runs N tries instead of the suite's few. */
    public static final class Tries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty("jsna.projection.tries");
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.trim()));
            }
            return property.execute();
        }
    }
}
