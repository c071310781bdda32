package org.jsna.aggregate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jsna.console.JsnaException;
import org.jsna.input.AreaTable;
import org.jsna.input.CodeLists;
import org.jsna.input.PopulationBatch;
import org.jsna.input.RecordBatch;
import org.jsna.input.ReferralBatch;
import org.jsna.input.ServiceBatch;
import org.jsna.stats.Dsr;
import org.jsna.input.ClientGroup;
import org.jsna.input.IdOrder;
import org.jsna.input.RecordSink;

/**
 * The streaming group-by of {@code jsna report}: receives valid records as they are read and keeps
 * only what the indicators need. Areas become a lookup (area -> locality, decile); population rows
 * are folded into cells by (year, locality, decile, sex, age range); referrals and service events
 * are kept as a few primitive values each (date, client group, person, area slot, age, codes, cost),
 * because person-based indicators and waits need them together. {@link #finish()} folds everything
 * into {@link CountCube}.
 *
 * <p>Memory: the records are held in memory up to a budget ({@link #spillAbove}); past it they go to disk
 * by partition of the people ({@link Spill}), and the person-level folds run one partition at a time, so
 * that a national extract needs the memory of one partition rather than of every record. Everything
 * that crosses people is settled while the records arrive (the earliest event carrying a referral's id,
 * the dates' range), and what the partitions give is put back in the order one set of records would give
 * (each user's total cost in order of person), so the cube is the same either way, value for value.
 */
public final class Aggregator implements RecordSink {

    /** Roles of data-quality counters. */
    public static final String POPULATION = "population";
    public static final String REFERRALS = "referrals";
    public static final String SERVICES = "services";

    private static final int ONGOING = CodeLists.OUTCOMES.indexOf(CodeLists.ONGOING);
    private static final int SERVICE_PROVIDED = CodeLists.OUTCOMES.indexOf(CodeLists.SERVICE_PROVIDED);

    private final List<ClientGroup> groups;
    private final List<String> configuredLocalities;
    private final PeriodScheme scheme;
    private final int from;
    private final int to;

    // areas
    private final List<String> areaLocalityName = new ArrayList<>();
    private final GrowableArrays.Bytes areaDecile = new GrowableArrays.Bytes();
    private List<String> localities;
    private int[] areaLocality;

    // population: key -> people (key encodes year, locality, decile, sex, age range)
    private final Map<Long, long[]> population = new HashMap<>();

    // the records the person-level folds need: held here, or on disk by partition of the people once they
    // outgrow the budget (see Spill)
    private Records held = new Records();
    private Spill spill;
    private Path spillParent;
    private long budget = Long.MAX_VALUE;
    private boolean keep = true;
    private long spilled;
    private boolean folded;

    // per referral in arrival order (its slot): date, and the earliest start of an event carrying its id on or
    // after that date, found while the services are read (the referral may belong to another person)
    private final GrowableArrays.Ints slotDate = new GrowableArrays.Ints();
    private final GrowableArrays.Ints firstLinked = new GrowableArrays.Ints();
    /** Slot per referral index. */
    private final GrowableArrays.Ints refPositionByIndex = new GrowableArrays.Ints();
    private int maxPerson = -1;
    // earliest and latest date of every record, and of those from --from to --to
    private int minDate = Integer.MAX_VALUE;
    private int maxDate = Integer.MIN_VALUE;
    private int minReported = Integer.MAX_VALUE;
    private int maxReported = Integer.MIN_VALUE;

    /** Ordinal order of referral and event ids; file order until the reader supplies them. */
    private IdOrder referralIdOrder = Integer::compare;
    private IdOrder eventIdOrder = Integer::compare;

    private final Map<String, Map<String, Long>> quality = new LinkedHashMap<>();

    /**
     * @param groups client groups in configuration order
     * @param localityOrder reporting order of localities from jsna.yaml, or null/empty (ordinal order)
     * @param scheme fiscal or calendar years
     * @param from first date reported, or null
     * @param to last date reported, or null
     */
    public Aggregator(List<ClientGroup> groups, List<String> localityOrder, PeriodScheme scheme, LocalDate from,
            LocalDate to) {
        this.groups = List.copyOf(groups);
        this.configuredLocalities = localityOrder == null ? List.of() : List.copyOf(localityOrder);
        this.scheme = scheme;
        this.from = from == null ? Integer.MIN_VALUE : (int) from.toEpochDay();
        this.to = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
        this.fromDate = from;
        this.toDate = to;
        counter(POPULATION, "population_outside_lookup", 0);
        for (String role : List.of(REFERRALS, SERVICES)) {
            counter(role, "unknown_area", 0);
            counter(role, "empty_area", 0);
            counter(role, "age_outside_group", 0);
            counter(role, "outside_from_to", 0);
        }
        counter(SERVICES, "cost_unknown", 0);
        counter(SERVICES, "referral_id_not_found", 0);
    }

    private final LocalDate fromDate;
    private final LocalDate toDate;
    private String populationSource = "population";

    /**
     * Names the population input (its file or files) in messages, so that an error about the
     * population as a whole names the file it concerns.
     */
    public Aggregator populationSource(String source) {
        this.populationSource = source;
        return this;
    }

    /**
     * Stops with the input error of {@link #finish()} when a reported period has no population of
     * its mid-year or an earlier one; for {@code jsna validate}, which does not build the cubes.
     */
    public void checkPopulationYears() {
        int[] periods = periods();
        choosePopulationYears(periods, new int[periods.length], new String[periods.length]);
    }

    private void counter(String role, String item, long add) {
        quality.computeIfAbsent(role, k -> new LinkedHashMap<>()).merge(item, add, Long::sum);
    }

    /** Data-quality counters per role ({@code population}, {@code referrals}, {@code services}), in a fixed order. */
    public Map<String, Map<String, Long>> dataQuality() {
        return quality;
    }

    @Override
    public void areas(AreaTable table) {
        if (localities != null) {
            throw new IllegalStateException("areas must come before other records");
        }
        for (int i = 0; i < table.size(); i++) {
            areaLocalityName.add(table.localities().get(i));
            areaDecile.add(table.deciles()[i]);
        }
        freezeAreas();
    }

    private void freezeAreas() {
        if (localities != null) {
            return;
        }
        TreeSet<String> names = new TreeSet<>(areaLocalityName);
        List<String> order = new ArrayList<>();
        for (String l : configuredLocalities) {
            if (names.remove(l)) {
                order.add(l);
            }
        }
        order.addAll(names); // TreeSet of String: ordinal order
        localities = List.copyOf(order);
        Map<String, Integer> li = new HashMap<>();
        for (int i = 0; i < localities.size(); i++) {
            li.put(localities.get(i), i);
        }
        areaLocality = new int[areaLocalityName.size()];
        for (int i = 0; i < areaLocality.length; i++) {
            areaLocality[i] = li.get(areaLocalityName.get(i));
        }
    }

    /** The deprivation deciles in which each locality has areas (for disclosure control's audit). */
    public Map<String, java.util.Set<Integer>> decilesByLocality() {
        freezeAreas();
        Map<String, java.util.Set<Integer>> out = new LinkedHashMap<>();
        for (String l : localities) {
            out.put(l, new java.util.TreeSet<>());
        }
        for (int a = 0; a < areaLocality.length; a++) {
            int d = areaDecile.get(a);
            if (d >= 1 && d <= 10) {
                out.get(localities.get(areaLocality[a])).add(d);
            }
        }
        return out;
    }

    /** Localities in reporting order (jsna.yaml order first, then the rest in ordinal order). */
    public List<String> localities() {
        freezeAreas();
        return localities;
    }

    /** Population rows outside the lookup per population file (data-quality.csv counts each file). */
    private final Map<String, Long> outsideLookup = new LinkedHashMap<>();

    /** Population rows (not cells) whose area is not in the lookup, per population file as given. */
    public Map<String, Long> populationOutsideLookup() {
        return outsideLookup;
    }

    @Override
    public synchronized void population(PopulationBatch b) {
        freezeAreas();
        if (b.rowsOutsideLookup > 0) {
            counter(POPULATION, "population_outside_lookup", b.rowsOutsideLookup);
        }
        outsideLookup.merge(b.file, b.rowsOutsideLookup, Long::sum);
        for (int i = 0; i < b.size; i++) {
            int a = b.area[i];
            long key = popKey(b.year[i], areaLocality[a], areaDecile.get(a), b.sex[i], b.ageLow[i], b.ageHigh[i]);
            population.computeIfAbsent(key, k -> new long[1])[0] += b.population[i];
        }
    }

    private static long popKey(int year, int loc, int decile, int male, int low, int high) {
        long y = year + 1; // -1 -> 0
        return (y << 40) | ((long) loc << 20) | ((long) decile << 15) | ((long) male << 14)
                | ((long) Math.min(low, 90) << 7) | Math.min(high, 90);
    }

    /** Counts an empty or unknown area code; the area index to keep (-1 for both). */
    private int area(int a, String role) {
        if (a == RecordBatch.AREA_EMPTY) {
            counter(role, "empty_area", 1);
            return -1;
        }
        if (a == RecordBatch.AREA_UNKNOWN) {
            counter(role, "unknown_area", 1);
            return -1;
        }
        return a;
    }

    @Override
    public void idOrders(IdOrder referrals, IdOrder events) {
        referralIdOrder = referrals;
        eventIdOrder = events;
    }

    /**
     * Keeps the records on disk, in a folder made inside {@code parent}, once they take more than {@code bytes}
     * (by default they are all held in memory).
     */
    public Aggregator spillAbove(long bytes, Path parent) {
        this.budget = Math.max(0, bytes);
        this.spillParent = parent;
        return this;
    }

    /** Keeps no records: only the counters and dates (for {@code jsna validate}, which builds no cubes). */
    public Aggregator countOnly() {
        this.keep = false;
        this.held = null;
        return this;
    }

    /** Bytes of the records kept by partition of the people, on disk (0 when they were all held in memory). */
    public long spilled() {
        return spilled;
    }

    private void dates(int date) {
        minDate = Math.min(minDate, date);
        maxDate = Math.max(maxDate, date);
        if (date >= from && date <= to) {
            minReported = Math.min(minReported, date);
            maxReported = Math.max(maxReported, date);
        }
    }

    /** The records of the person's partition once spilling, else the held ones. */
    private Records records(int person) {
        maxPerson = Math.max(maxPerson, person);
        return spill != null ? spill.buffer(person) : held;
    }

    private void added(int person) {
        if (spill != null) {
            spill.added(person);
        } else if (spillParent != null && held.bytes() > budget) {
            spill = new Spill(spillParent, budget);
            spill.addAll(held);
            held = null;
        }
    }

    @Override
    public synchronized void referrals(ReferralBatch b) {
        freezeAreas();
        for (int i = 0; i < b.size; i++) {
            int g = b.group[i];
            int slot = slotDate.size;
            int date = b.date[i];
            dates(date);
            slotDate.add(date);
            firstLinked.add(Integer.MAX_VALUE);
            refPositionByIndex.set(b.referral[i], slot, -1);
            int area = area(b.area[i], REFERRALS);
            if (keep) {
                int p = b.person[i];
                records(p).addReferral(slot, date, g, p, area, b.age[i], b.source[i], b.outcome[i], b.referral[i]);
                added(p);
            }
            if (!groups.get(g).contains(b.age[i])) {
                counter(REFERRALS, "age_outside_group", 1);
            }
            if (date < from || date > to) {
                counter(REFERRALS, "outside_from_to", 1);
            }
        }
    }

    @Override
    public synchronized void expect(String role, long rows) {
        long n = rows + rows / 50 + 1024;
        if (!keep || held == null || n * Records.EVENT_BYTES + held.bytes() > Math.min(budget,
                Runtime.getRuntime().maxMemory() / 2)) {
            return; // more than the records may take at once: let the arrays grow as rows come
        }
        if (REFERRALS.equals(role)) {
            held.ensure(n, 0);
        } else if (SERVICES.equals(role)) {
            held.ensure(0, n);
        }
    }

    @Override
    public synchronized void services(ServiceBatch b) {
        freezeAreas();
        for (int i = 0; i < b.size; i++) {
            int g = b.group[i];
            int start = b.start[i];
            dates(start);
            int ri = b.referral[i];
            if (ri >= 0) {
                int slot = refPositionByIndex.getOr(ri, -1);
                if (slot >= 0 && start >= slotDate.get(slot) && start < firstLinked.get(slot)) {
                    firstLinked.a[slot] = start;
                }
            }
            int area = area(b.area[i], SERVICES);
            if (keep) {
                int p = b.person[i];
                records(p).addEvent(start, g, p, area, b.cost[i], b.funder[i], ri == ServiceBatch.NO_REFERRAL,
                        b.event[i]);
                added(p);
            }
            if (Double.isNaN(b.cost[i])) {
                counter(SERVICES, "cost_unknown", 1);
            }
            if (ri == ServiceBatch.REFERRAL_NOT_FOUND) {
                counter(SERVICES, "referral_id_not_found", 1);
            }
            if (!groups.get(g).contains(b.age[i])) {
                counter(SERVICES, "age_outside_group", 1);
            }
            if (start < from || start > to) {
                counter(SERVICES, "outside_from_to", 1);
            }
        }
    }

    /** Population of one locality (or All), sex and ESP band at a mid-year (-1: no year); for pyramids. */
    public record PopulationBand(int year, String locality, char sex, int band, double population) {
    }

    /** Populations by locality (then {@code All}), sex and ESP band, per year, in a stable order. */
    public List<PopulationBand> populationBands() {
        freezeAreas();
        TreeMap<String, double[]> cells = new TreeMap<>();
        int nl = localities.size();
        for (Map.Entry<Long, long[]> e : population.entrySet()) {
            long k = e.getKey();
            int year = (int) (k >>> 40) - 1;
            int loc = (int) ((k >>> 20) & 0xFFFFF);
            int sex = (int) ((k >>> 14) & 1);
            int low = (int) ((k >>> 7) & 0x7F);
            int high = (int) (k & 0x7F);
            double p = e.getValue()[0];
            double perYear = p / (high - low + 1);
            for (int age = low; age <= high; age++) {
                int band = Dsr.esp2013Band(age);
                double v = low == high || (Dsr.esp2013Band(low) == Dsr.esp2013Band(high)) ? p : perYear;
                for (int l : new int[] {loc, nl}) {
                    String key = String.format("%06d|%06d|%d|%02d", year + 1, l, sex, band);
                    cells.computeIfAbsent(key, x -> new double[1])[0] += v;
                }
                if (v == p) {
                    break; // the whole record lies in one band
                }
            }
        }
        List<PopulationBand> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : cells.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            int year = Integer.parseInt(parts[0]) - 1;
            int l = Integer.parseInt(parts[1]);
            out.add(new PopulationBand(year, l == nl ? "All" : localities.get(l),
                    parts[2].equals("1") ? 'M' : 'F', Integer.parseInt(parts[3]), e.getValue()[0]));
        }
        return out;
    }

    /**
     * The extract's coverage when neither --from/--to nor jsna.yaml gives it (indicators.md, "Part
     * periods"): from the first day of the month of the earliest referral date or service start date to
     * the last day of the month of the latest; null when there are no records.
     */
    public LocalDate[] dataCoverage() {
        if (minDate > maxDate) {
            return null;
        }
        LocalDate first = LocalDate.ofEpochDay(minDate).withDayOfMonth(1);
        LocalDate last = LocalDate.ofEpochDay(maxDate);
        return new LocalDate[] {first, last.withDayOfMonth(last.lengthOfMonth())};
    }

    /** Folds everything into the cubes of the reported periods. */
    public CountCube finish() {
        freezeAreas();
        if (!keep || folded) {
            throw new IllegalStateException(folded ? "the records kept on disk were folded once and are gone"
                    : "an aggregation that keeps no records has no cubes");
        }
        int[] periods = periods();
        List<String> labels = new ArrayList<>();
        for (int y : periods) {
            labels.add(scheme.label(y));
        }
        int[] popYear = new int[periods.length];
        String[] popNote = new String[periods.length];
        choosePopulationYears(periods, popYear, popNote);
        CountCube c = new CountCube(periods, List.copyOf(labels), groups, localities, popYear, popNote);
        foldPopulation(c);
        Folds f = new Folds(c);
        if (spill == null) {
            fold(c, f, held, maxPerson + 1);
        } else {
            spilled = spill.bytes();
            try (Spill s = spill) {
                for (int k = 0; k < Spill.PARTS; k++) {
                    Records r = s.load(k);
                    // a partition's people, numbered from 0 within it (in the same order)
                    for (int i = 0; i < r.referrals(); i++) {
                        r.refPerson.a[i] = Spill.local(r.refPerson.a[i]);
                    }
                    for (int i = 0; i < r.events(); i++) {
                        r.evPerson.a[i] = Spill.local(r.evPerson.a[i]);
                    }
                    f.partitioned = true;
                    f.partition = k;
                    fold(c, f, r, Spill.local(maxPerson) + 1);
                }
            }
        }
        f.finish();
        if (spill != null) {
            folded = true; // the partitions were read back once and are gone
        }
        return c;
    }

    /** What the folds add up over the partitions of the people. */
    private final class Folds {
        final int nf = CodeLists.FUNDERS.size();
        final ExactMoney[] cost;
        final ExactMoney[] funderCost;
        final ExactMoney[] funderTotal;
        /** Per cube cell: each service user's total cost, and the user (global person index). */
        final GrowableArrays.Doubles[] totals;
        final GrowableArrays.Ints[] users;
        /** (cell, days) of each wait. */
        final GrowableArrays.Longs waits = new GrowableArrays.Longs();
        final CountCube c;
        /** Whether the records come partition by partition, and the one being folded. */
        boolean partitioned;
        int partition;

        Folds(CountCube c) {
            this.c = c;
            cost = money(c.groups());
            funderCost = money(c.groups() * nf);
            funderTotal = money(c.groups());
            totals = new GrowableArrays.Doubles[c.groups()];
            users = new GrowableArrays.Ints[c.groups()];
        }

        void total(int g, int person, double value) {
            if (totals[g] == null) {
                totals[g] = new GrowableArrays.Doubles();
                users[g] = new GrowableArrays.Ints();
            }
            totals[g].add(value);
            users[g].add(person);
        }

        /** Into the cube: the sums, each cell's user totals in order of person, and each cell's waits sorted. */
        void finish() {
            for (int g = 0; g < c.groups(); g++) {
                c.cost[g] = cost[g].value();
                c.funderTotal[g] = funderTotal[g].value();
                for (int f = 0; f < nf; f++) {
                    c.funderCost[g * nf + f] = funderCost[g * nf + f].value();
                }
                GrowableArrays.Doubles d = totals[g];
                if (d == null) {
                    c.userTotals[g] = new double[0];
                } else if (!partitioned) {
                    c.userTotals[g] = Arrays.copyOf(d.a, d.size); // already in order of person
                } else {
                    // one total per person in a cell: in order of person, as one partition would give them
                    long[] keyed = new long[d.size];
                    for (int i = 0; i < d.size; i++) {
                        keyed[i] = (long) users[g].get(i) << 32 | i;
                    }
                    Arrays.sort(keyed);
                    double[] out = new double[d.size];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = d.get((int) keyed[i]);
                    }
                    c.userTotals[g] = out;
                }
            }
            long[] sorted = waits.sorted();
            int i = 0;
            int[] empty = new int[0];
            Arrays.fill(c.waits, empty);
            while (i < sorted.length) {
                int g = (int) (sorted[i] >>> 32);
                int j = i;
                while (j < sorted.length && (int) (sorted[j] >>> 32) == g) {
                    j++;
                }
                int[] w = new int[j - i];
                for (int q = i; q < j; q++) {
                    w[q - i] = (int) (sorted[q] & 0xFFFFFFFFL);
                }
                c.waits[g] = w;
                i = j;
            }
        }
    }

    /**
     * Folds one set of records (all of them, or one partition of the people, {@code persons} of them
     * numbered from 0) into the cube and {@code f}.
     */
    private void fold(CountCube c, Folds f, Records r, int persons) {
        // the referral folds, the event folds and the waits write different parts of the cube and only read the
        // records, so they run side by side; the referral folds and the waits share the referrals' order
        java.util.concurrent.CompletableFuture<int[]> order = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> byPersonGroupDate(r.referrals(), persons, r.refPerson, r.refGroup, r.refDate, r.refId,
                        referralIdOrder));
        java.util.concurrent.CompletableFuture<Void> referrals = order.thenAcceptAsync(
                idx -> foldReferrals(c, r, idx));
        java.util.concurrent.CompletableFuture<Void> waits = order.thenAcceptAsync(
                idx -> foldWaits(c, f, r, idx, persons));
        foldEvents(c, f, r, persons);
        try {
            referrals.join();
            waits.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException x) {
                throw x;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Period starting years from the earliest to the latest date reported (restricted by from/to). */
    /** The first date reported, set by {@link #periods()}, for messages. */
    private int firstDate;

    private int[] periods() {
        int min = minReported;
        int max = maxReported;
        if (fromDate != null) {
            min = from;
            if (max == Integer.MIN_VALUE) {
                max = toDate != null ? to : from;
            }
        }
        if (toDate != null) {
            max = to;
            if (min == Integer.MAX_VALUE) {
                min = to;
            }
        }
        if (min > max) {
            return new int[0];
        }
        firstDate = min;
        int first = scheme.yearOf(min);
        int last = scheme.yearOf(max);
        int[] out = new int[last - first + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i;
        }
        return out;
    }

    private int periodIndex(int date, int[] periods) {
        if (date < from || date > to || periods.length == 0) {
            return -1;
        }
        int p = scheme.yearOf(date) - periods[0];
        return p >= 0 && p < periods.length ? p : -1;
    }

    private void choosePopulationYears(int[] periods, int[] popYear, String[] popNote) {
        if (population.isEmpty()) {
            Long outside = dataQuality().getOrDefault(POPULATION, Map.of()).get("population_outside_lookup");
            throw JsnaException.input(populationSource + ": no population row is for an area of the lookup ("
                    + (outside == null ? 0 : outside) + " rows left out as outside it): expected the population "
                    + "of the areas in the area lookup");
        }
        TreeSet<Integer> years = new TreeSet<>();
        for (Long k : population.keySet()) {
            years.add((int) (k >>> 40) - 1);
        }
        for (int i = 0; i < periods.length; i++) {
            int want = periods[i];
            if (years.contains(-1)) {
                popYear[i] = -1;
            } else if (years.contains(want)) {
                popYear[i] = want;
            } else {
                Integer earlier = years.lower(want);
                if (earlier == null) {
                    throw JsnaException.input(populationSource + ": no mid-" + want + " population for period "
                            + scheme.label(want) + " and no earlier year (years given: "
                            + (years.isEmpty() ? "none" : String.join(", ", years.stream().map(String::valueOf)
                                    .toList())) + "); the reported dates start on "
                            + LocalDate.ofEpochDay(firstDate) + " (a wrong date, or use --from to start later)");
                }
                popYear[i] = earlier;
                popNote[i] = "population of mid-" + earlier + " used (no mid-" + want + " estimate)";
            }
        }
    }

    private void foldPopulation(CountCube c) {
        int nl = localities.size();
        for (int ci = 0; ci < groups.size(); ci++) {
            ClientGroup cg = groups.get(ci);
            int lo = cg.minAge();
            int hi = Math.min(cg.maxAge(), 90);
            for (int b = 0; b < 19; b++) {
                int bl = b * 5;
                int bh = b == 18 ? 90 : b * 5 + 4;
                int inside = Math.max(0, Math.min(bh, hi) - Math.max(bl, lo) + 1);
                c.bandWeights[ci * 19 + b] = inside == 0 ? 0 : Dsr.ESP2013_WEIGHTS.get(b) * inside / (bh - bl + 1);
            }
        }
        for (Map.Entry<Long, long[]> e : population.entrySet()) {
            long k = e.getKey();
            int year = (int) (k >>> 40) - 1;
            int loc = (int) ((k >>> 20) & 0xFFFFF);
            int decile = (int) ((k >>> 15) & 0x1F);
            int low = (int) ((k >>> 7) & 0x7F);
            int high = (int) (k & 0x7F);
            double p = e.getValue()[0];
            int width = high - low + 1;
            for (int pi = 0; pi < c.periodYears.length; pi++) {
                if (c.populationYear[pi] != year) {
                    continue;
                }
                for (int ci = 0; ci < groups.size(); ci++) {
                    ClientGroup cg = groups.get(ci);
                    int lo = cg.minAge();
                    int hi = Math.min(cg.maxAge(), 90);
                    int inside = Math.max(0, Math.min(high, hi) - Math.max(low, lo) + 1);
                    if (inside == 0) {
                        continue;
                    }
                    double share = inside == width ? p : p * inside / width;
                    int[] slots = {loc, nl + 1, decile >= 1 && decile <= 10 ? c.decileSlot(decile) : -1};
                    for (int s : slots) {
                        if (s < 0) {
                            continue;
                        }
                        int g = c.group(pi, ci, s);
                        c.population[g] += share;
                        // split across ESP bands (a record normally lies in one band)
                        for (int b = Dsr.esp2013Band(Math.max(low, lo)); b <= Dsr.esp2013Band(Math.min(high, hi)); b++) {
                            int bl = Math.max(Math.max(b * 5, low), lo);
                            int bh = Math.min(Math.min(b == 18 ? 90 : b * 5 + 4, high), hi);
                            int in = Math.max(0, bh - bl + 1);
                            if (in > 0) {
                                c.bandPopulation[g * 19 + b] += in == width ? p : p * in / width;
                            }
                        }
                    }
                }
            }
        }
    }

    private int slotOfArea(int area) {
        return area < 0 ? localities.size() : areaLocality[area];
    }

    private int decileSlotOfArea(CountCube c, int area) {
        if (area < 0) {
            return -1;
        }
        int d = areaDecile.get(area);
        return d >= 1 && d <= 10 ? c.decileSlot(d) : -1;
    }

    /** The referral folds; {@code idx}: the referrals by person, client group, date, then smallest id. */
    private void foldReferrals(CountCube c, Records r, int[] idx) {
        int n = r.referrals();
        int all = c.allSlot();
        int ns = CodeLists.SOURCES.size();
        int[] period = new int[n];
        for (int i = 0; i < n; i++) {
            period[i] = periodIndex(r.refDate.get(i), c.periodYears);
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = r.refGroup.get(i);
            int area = r.refArea.get(i);
            int age = r.refAge.get(i);
            boolean inRange = groups.get(ci).contains(age);
            int src = r.refSource.get(i);
            int out = r.refOutcome.get(i);
            int ds = decileSlotOfArea(c, area);
            for (int s : new int[] {slotOfArea(area), all, ds}) {
                if (s < 0) {
                    continue;
                }
                int g = c.group(p, ci, s);
                c.referrals[g]++;
                if (inRange) {
                    c.dsrCount[g * 19 + Dsr.esp2013Band(age)]++;
                }
                if (src >= 0) {
                    c.sourceCount[g * ns + src]++;
                    c.sourceKnown[g]++;
                }
                if (out >= 0 && out != ONGOING) {
                    c.conversionDenominator[g]++;
                    if (out == SERVICE_PROVIDED) {
                        c.converted[g]++;
                    }
                }
            }
        }
        // people: sorted by person, client group, date, then smallest referral id (ordinal)
        int i = 0;
        while (i < n) {
            int first = idx[i];
            int j = i;
            int count = 0;
            while (j < n && r.refPerson.get(idx[j]) == r.refPerson.get(first)
                    && r.refGroup.get(idx[j]) == r.refGroup.get(first) && period[idx[j]] == period[first]) {
                count++;
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = r.refGroup.get(first);
                for (int s : new int[] {slotOfArea(r.refArea.get(first)), all}) {
                    int g = c.group(p, ci, s);
                    c.referredPeople[g]++;
                    if (count >= 2) {
                        c.repeatPeople[g]++;
                    }
                }
            }
            i = j;
        }
    }

    private void foldEvents(CountCube c, Folds f, Records r, int persons) {
        int n = r.events();
        int all = c.allSlot();
        int nf = f.nf;
        int[] period = new int[n];
        // money is summed exactly in decimal, so sums do not depend on row order and show no binary noise
        for (int i = 0; i < n; i++) {
            period[i] = periodIndex(r.evStart.get(i), c.periodYears);
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = r.evGroup.get(i);
            int area = r.evArea.get(i);
            double amount = r.evCost.get(i);
            int fu = r.evFunder.get(i);
            boolean known = !Double.isNaN(amount);
            for (int twice = 0; twice < 2; twice++) {
                int g = c.group(p, ci, twice == 0 ? slotOfArea(area) : all);
                c.events[g]++;
                if (known) {
                    f.cost[g].add(amount);
                    if (fu >= 0) {
                        f.funderCost[g * nf + fu].add(amount);
                        f.funderTotal[g].add(amount);
                    }
                }
            }
        }
        int[] idx = byPersonGroupDate(n, persons, r.evPerson, r.evGroup, r.evStart, r.evId, eventIdOrder);
        int slots = c.slots();
        // stamps mark (slot, funder or 'any cost' or 'known funder total') already counted for this run
        int[] stamp = new int[slots * (nf + 2)];
        Arrays.fill(stamp, -1);
        int run = 0;
        int i = 0;
        ExactMoney total = new ExactMoney();
        while (i < n) {
            int first = idx[i];
            int j = i;
            while (j < n && r.evPerson.get(idx[j]) == r.evPerson.get(first)
                    && r.evGroup.get(idx[j]) == r.evGroup.get(first) && period[idx[j]] == period[first]) {
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = r.evGroup.get(first);
                int home = slotOfArea(r.evArea.get(first));
                int ds = decileSlotOfArea(c, r.evArea.get(first));
                for (int s : new int[] {home, all, ds}) {
                    if (s >= 0) {
                        c.serviceUsers[c.group(p, ci, s)]++;
                    }
                }
                total.reset();
                boolean anyCost = false;
                for (int k = i; k < j; k++) {
                    int e = idx[k];
                    double amount = r.evCost.get(e);
                    if (Double.isNaN(amount)) {
                        continue;
                    }
                    anyCost = true;
                    total.add(amount);
                    int fu = r.evFunder.get(e);
                    for (int twice = 0; twice < 2; twice++) {
                        int s = twice == 0 ? slotOfArea(r.evArea.get(e)) : all;
                        int g = c.group(p, ci, s);
                        if (stamp[s * (nf + 2) + nf] != run) {
                            stamp[s * (nf + 2) + nf] = run;
                            c.costPeople[g]++;
                        }
                        if (fu >= 0) {
                            if (stamp[s * (nf + 2) + fu] != run) {
                                stamp[s * (nf + 2) + fu] = run;
                                c.funderPeople[g * nf + fu]++;
                            }
                            if (stamp[s * (nf + 2) + nf + 1] != run) {
                                stamp[s * (nf + 2) + nf + 1] = run;
                                c.funderTotalPeople[g]++;
                            }
                        }
                    }
                }
                if (anyCost) {
                    int person = r.evPerson.get(first);
                    if (f.partitioned) {
                        person = person << Spill.BITS | f.partition; // its index among all people
                    }
                    for (int s : new int[] {home, all}) {
                        f.total(c.group(p, ci, s), person, total.value());
                    }
                }
            }
            run++;
            i = j;
        }
    }

    private static ExactMoney[] money(int n) {
        ExactMoney[] m = new ExactMoney[n];
        for (int i = 0; i < n; i++) {
            m[i] = new ExactMoney();
        }
        return m;
    }

    /** The waits; {@code order}: the referrals by person, client group, date, then smallest id. */
    private void foldWaits(CountCube c, Folds f, Records r, int[] order, int persons) {
        int nr = r.referrals();
        int ne = r.events();
        // events without a referral id, sorted by person, client group, start
        int unlinked = 0;
        for (int e = 0; e < ne; e++) {
            unlinked += r.evFree.get(e);
        }
        int[] free = new int[unlinked];
        int k = 0;
        for (int e = 0; e < ne; e++) {
            if (r.evFree.get(e) != 0) {
                free[k++] = e;
            }
        }
        IndexSort.byPerson(free, r.evPerson, persons, (a, b) -> {
            int x = Integer.compare(r.evGroup.get(a), r.evGroup.get(b));
            return x != 0 ? x : Integer.compare(r.evStart.get(a), r.evStart.get(b));
        });
        int all = c.allSlot();
        // the referrals and the free events in one order (person, client group, date): the first free event
        // with a key >= the referral's only moves forward, so one walk through both finds every referral's
        int lo = 0;
        for (int q = 0; q < nr; q++) {
            int ref = order[q];
            int d = r.refDate.get(ref);
            int person = r.refPerson.get(ref);
            int group = r.refGroup.get(ref);
            while (lo < free.length && compareEvent(r, person, group, d, free[lo]) > 0) {
                lo++;
            }
            int p = periodIndex(d, c.periodYears);
            if (p < 0) {
                continue;
            }
            // the earliest event carrying the referral's id, on or after its date (found while reading)
            int best = firstLinked.get(r.refSlot.get(ref));
            if (lo < free.length) {
                int e = free[lo];
                if (r.evPerson.get(e) == person && r.evGroup.get(e) == group && r.evStart.get(e) - d <= 365) {
                    best = Math.min(best, r.evStart.get(e));
                }
            }
            if (best == Integer.MAX_VALUE) {
                continue;
            }
            int days = best - d;
            for (int s : new int[] {slotOfArea(r.refArea.get(ref)), all}) {
                f.waits.add(((long) c.group(p, group, s) << 32) | days);
            }
        }
    }

    /** Compares (person, group, start) with event e's. */
    private static int compareEvent(Records r, int person, int group, int start, int e) {
        int x = Integer.compare(person, r.evPerson.get(e));
        if (x == 0) {
            x = Integer.compare(group, r.evGroup.get(e));
        }
        if (x == 0) {
            x = Integer.compare(start, r.evStart.get(e));
        }
        return x;
    }

    /** Record indices 0..n-1 sorted by person, client group, date, then identifier order. */
    private static int[] byPersonGroupDate(int n, int persons, GrowableArrays.Ints person, GrowableArrays.Bytes group,
            GrowableArrays.Ints date, GrowableArrays.Ints id, IdOrder idOrder) {
        int[] idx = IndexSort.identity(n);
        IndexSort.byPerson(idx, person, persons, (a, b) -> {
            int x = Integer.compare(group.get(a), group.get(b));
            if (x == 0) {
                x = Integer.compare(date.get(a), date.get(b));
            }
            if (x == 0) {
                x = idOrder.compare(id.get(a), id.get(b));
            }
            return x;
        });
        return idx;
    }
}
