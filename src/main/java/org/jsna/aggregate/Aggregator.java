package org.jsna.aggregate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.jsna.console.JsnaException;
import org.jsna.input.AreaTable;
import org.jsna.input.PopulationBatch;
import org.jsna.input.RecordBatch;
import org.jsna.input.ReferralBatch;
import org.jsna.input.ServiceBatch;
import org.jsna.stats.Dsr;
import org.jsna.input.ClientGroup;
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

    // population: key -> people (key encodes year, locality, decile, sex, age range), summed in key order
    private final PopulationCells population = new PopulationCells();

    // the records the person-level folds need: held here, or on disk by partition of the people once they
    // outgrow the budget (see Spill)
    private Records held = new Records();
    private Spill spill;
    private Path spillParent;
    private long budget = Long.MAX_VALUE;
    private boolean keep = true;
    private long spilled;
    private boolean folded;

    // per referral by its dense index (its number among the valid referrals, in file order; the batches come in
    // any order): date, and the earliest start of an event carrying its id on or after that date, found while
    // the services are read (the referral may belong to another person)
    private final GrowableArrays.Days slotDate = new GrowableArrays.Days();
    private final GrowableArrays.Days firstLinked = new GrowableArrays.Days();
    // earliest and latest date of every record, and of those from --from to --to
    private int minDate = Integer.MAX_VALUE;
    private int maxDate = Integer.MIN_VALUE;
    private int minReported = Integer.MAX_VALUE;
    private int maxReported = Integer.MIN_VALUE;

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

    /** 1 for each area of the lookup with a population row (any year, any file). */
    private byte[] areaHasPopulation = new byte[0];

    @Override
    public void areas(AreaTable table) {
        if (localities != null) {
            throw new IllegalStateException("areas must come before other records");
        }
        for (int i = 0; i < table.size(); i++) {
            areaLocalityName.add(table.localities().get(i));
            areaDecile.add(table.deciles()[i]);
        }
        areaCodes = List.copyOf(table.codes());
        areaHasPopulation = new byte[table.size()];
        freezeAreas();
    }

    /**
     * Areas of the lookup that no population row is for (after the reading): their records count in the
     * numerators of their locality and decile but their residents in no denominator (e.g. a lookup of LSOA 2011
     * codes beside a population of 2021 codes).
     */
    public long areasWithoutPopulation() {
        long n = 0;
        for (byte b : areaHasPopulation) {
            if (b == 0) {
                n++;
            }
        }
        return n;
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

    /** The population's batches summed by cell apart from the table, reused from batch to batch. */
    private final java.util.Queue<PopulationCells.Sums> spareSums = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public void population(PopulationBatch b) {
        int[] locality;
        synchronized (this) {
            freezeAreas();
            locality = areaLocality;
        }
        // the batch's rows summed by cell on the reading thread, outside the lock, then added to the table under
        // it: the table's 18 million additions one by one under the lock held the L benchmark's population reading
        // to one thread (3.3 s, now 2.6); a chunk of a file sorted by area falls into about a tenth as many cells
        PopulationCells.Sums sums = spareSums.poll();
        if (sums == null) {
            sums = new PopulationCells.Sums();
        }
        sums.clear(b.size);
        byte[] decile = areaDecile.a;
        byte[] seen = areaHasPopulation; // only ever set to 1: threads may write it without a lock
        for (int i = 0; i < b.size; i++) {
            int a = b.area[i];
            seen[a] = 1;
            sums.add(PopulationCells.key(b.year[i], locality[a], decile[a], b.sex[i], b.ageLow[i], b.ageHigh[i]),
                    b.population[i]);
        }
        synchronized (this) {
            if (b.rowsOutsideLookup > 0) {
                counter(POPULATION, "population_outside_lookup", b.rowsOutsideLookup);
            }
            outsideLookup.merge(b.file, b.rowsOutsideLookup, Long::sum);
            population.addAll(sums);
        }
        spareSums.offer(sums);
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

    private boolean bySexAndBand;
    private List<String> areaCodes = List.of();
    private Map<String, Integer> areaIndex;

    /**
     * Also counts the in-range records by sex and ESP band per cell ({@link CountCube#bySexAndBand}), for
     * {@code jsna project}; the cube's other measures are the same either way.
     */
    public Aggregator bySexAndBand() {
        this.bySexAndBand = true;
        return this;
    }

    /** The locality of an area code of the lookup, or null when the code is not in it. */
    public String localityOfArea(String code) {
        freezeAreas();
        if (areaIndex == null) {
            areaIndex = new HashMap<>();
            for (int i = 0; i < areaCodes.size(); i++) {
                areaIndex.putIfAbsent(areaCodes.get(i), i);
            }
        }
        Integer a = areaIndex.get(code);
        return a == null ? null : localities.get(areaLocality[a]);
    }

    /** The lookup's area codes, in its order (for jsna project's projected population by area). */
    public List<String> areaCodes() {
        return areaCodes;
    }

    /**
     * The population of a mid-year ({@code -1}: the population without a year) by locality (reporting order),
     * sex (0 F, 1 M) and single year of age 0..90 (90: 90 and over); a banded row is split evenly over its
     * single years (data.md). For {@code jsna project}.
     */
    public double[][][] populationByAge(int year) {
        freezeAreas();
        double[][][] out = new double[localities.size()][2][91];
        population.forEach((y, loc, decile, sex, low, high, people) -> {
            if (y != year) {
                return;
            }
            double each = (double) people / (high - low + 1);
            for (int age = low; age <= high; age++) {
                out[loc][sex][age] += each;
            }
        });
        return out;
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

    /** From now on the records go to disk, those held so far first. */
    private void startSpilling() {
        spill = new Spill(spillParent, budget);
        spill.addAll(held);
        held = null;
    }

    /**
     * What a batch's rows count for the data-quality table and the dates covered, found on the reading thread
     * before the batch takes the lock, then added under it ({@link #merge}).
     */
    private final class BatchCounts {
        long emptyArea;
        long unknownArea;
        long ageOutside;
        long outsideFromTo;
        long costUnknown;
        long notFound;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int minReported = Integer.MAX_VALUE;
        int maxReported = Integer.MIN_VALUE;

        void row(int date, int area, int group, int age) {
            min = Math.min(min, date);
            max = Math.max(max, date);
            if (date < from || date > to) {
                outsideFromTo++;
            } else {
                minReported = Math.min(minReported, date);
                maxReported = Math.max(maxReported, date);
            }
            if (area == RecordBatch.AREA_EMPTY) {
                emptyArea++;
            } else if (area == RecordBatch.AREA_UNKNOWN) {
                unknownArea++;
            }
            if (!groups.get(group).contains(age)) {
                ageOutside++;
            }
        }
    }

    /** Adds a batch's counts (under the lock). */
    private void merge(BatchCounts n, String role) {
        minDate = Math.min(minDate, n.min);
        maxDate = Math.max(maxDate, n.max);
        minReported = Math.min(minReported, n.minReported);
        maxReported = Math.max(maxReported, n.maxReported);
        long[] counts = {n.emptyArea, n.unknownArea, n.ageOutside, n.outsideFromTo, n.costUnknown, n.notFound};
        String[] items = {"empty_area", "unknown_area", "age_outside_group", "outside_from_to", "cost_unknown",
            "referral_id_not_found"};
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                counter(role, items[k], counts[k]);
            }
        }
    }

    /** The area index a record keeps: -1 for an empty or unknown area code. */
    private static int keptArea(int area) {
        return Math.max(-1, area);
    }

    /**
     * Under the lock: while the records are held here, adds the batch's (each by {@code add}) and returns null;
     * once spilling, returns the spill, to which the caller adds them after the lock, each partition under its
     * own (so that no part of the reading runs on one thread at a time; on 2 cores this measured no faster).
     */
    private Spill spillOrHold(RecordBatch b, Spill.Add add) {
        if (!keep) {
            return null;
        }
        if (spill != null) {
            return spill;
        }
        for (int i = 0; i < b.size; i++) {
            add.add(held, i);
        }
        if (spillParent != null && held.bytes() > budget) {
            startSpilling();
        }
        return null;
    }

    @Override
    public void referrals(ReferralBatch b) {
        Spill.Add add = (r, i) -> r.addReferral(b.referral[i], b.date[i], b.group[i], keptArea(b.area[i]), b.age[i],
                b.source[i], b.outcome[i], b.sex[i], b.ids.bytes, b.ids.start(i), b.ids.end[i], b.persons.bytes,
                b.persons.start(i), b.persons.end[i]);
        BatchCounts n = new BatchCounts();
        for (int i = 0; i < b.size; i++) {
            n.row(b.date[i], b.area[i], b.group[i], b.age[i]);
        }
        Spill toDisk;
        synchronized (this) {
            freezeAreas();
            merge(n, REFERRALS);
            for (int i = 0; i < b.size; i++) {
                slotDate.set(b.referral[i], b.date[i], GrowableArrays.Days.NONE);
                firstLinked.set(b.referral[i], GrowableArrays.Days.NONE, GrowableArrays.Days.NONE);
            }
            toDisk = spillOrHold(b, add);
        }
        if (toDisk != null) {
            toDisk.add(b, add);
        }
    }

    /** The fewest bytes an id (a record's or its person's) is taken to have when the records' size is estimated. */
    private static final int MIN_ID_BYTES = 4;

    @Override
    public synchronized void expect(String role, long rows) {
        long n = rows + rows / 50 + 1024;
        long each = REFERRALS.equals(role) ? Records.REFERRAL_BYTES : Records.EVENT_BYTES;
        if (REFERRALS.equals(role)) {
            // one slot per referral: sized once rather than grown by half again (a third of it spare, and for a
            // moment the old and the new array, at 10M referrals 60 MB more)
            slotDate.ensure(n);
            firstLinked.ensure(n);
        }
        if (!keep || held == null) {
            return;
        }
        if (spillParent != null && rows * (each + 2 * MIN_ID_BYTES) + held.bytes() > budget) {
            // the file alone will take the records past the budget: to disk from the start, rather than held up
            // to the budget and then copied to the partitions all at once (at L, 256 MiB on one thread)
            startSpilling();
            return;
        }
        if (n * each + held.bytes() > Math.min(budget, Runtime.getRuntime().maxMemory() / 2)) {
            return; // more than the records may take at once: let the arrays grow as rows come
        }
        if (REFERRALS.equals(role)) {
            held.ensure(n, 0);
        } else if (SERVICES.equals(role)) {
            held.ensure(0, n);
        }
    }

    /** An event starting on {@code start} names referral {@code ri}: the referral's first service, if earliest. */
    private void link(int ri, int start) {
        if (ri >= 0 && ri < slotDate.size && start >= slotDate.get(ri) && start < firstLinked.get(ri)) {
            firstLinked.put(ri, start);
        }
    }

    @Override
    public synchronized void links(int[] referral, int[] start, int n) {
        for (int i = 0; i < n; i++) {
            link(referral[i], start[i]);
        }
    }

    @Override
    public synchronized void referralsNotFound(long n) {
        counter(SERVICES, "referral_id_not_found", n);
    }

    @Override
    public void services(ServiceBatch b) {
        Spill.Add add = (r, i) -> r.addEvent(b.start[i], b.group[i], keptArea(b.area[i]), b.cost[i], b.funder[i],
                b.referral[i] == ServiceBatch.NO_REFERRAL, b.age[i], b.sex[i], b.ids.bytes, b.ids.start(i),
                b.ids.end[i], b.persons.bytes, b.persons.start(i), b.persons.end[i]);
        BatchCounts n = new BatchCounts();
        for (int i = 0; i < b.size; i++) {
            n.row(b.start[i], b.area[i], b.group[i], b.age[i]);
            if (Double.isNaN(b.cost[i])) {
                n.costUnknown++;
            }
            if (b.referral[i] == ServiceBatch.REFERRAL_NOT_FOUND) {
                n.notFound++;
            }
        }
        Spill toDisk;
        synchronized (this) {
            freezeAreas();
            merge(n, SERVICES);
            for (int i = 0; i < b.size; i++) {
                if (b.referral[i] >= 0) {
                    link(b.referral[i], b.start[i]);
                }
            }
            toDisk = spillOrHold(b, add);
        }
        if (toDisk != null) {
            toDisk.add(b, add);
        }
    }

    /** Population of one locality (or All), sex and ESP band at a mid-year (-1: no year); for pyramids. */
    public record PopulationBand(int year, String locality, char sex, int band, double population) {
    }

    /**
     * Populations by locality (then {@code All}), sex and ESP band, per year, in a stable order: by year, then
     * locality in lookup order with {@code All} last, then F before M, then band. The cells come in key order
     * (year, then locality), so one locality's bands are summed at a time and listed when the next begins, and
     * the year's {@code All} when the year ends; each band's people are added in the cells' order.
     */
    public List<PopulationBand> populationBands() {
        freezeAreas();
        int nl = localities.size();
        List<PopulationBand> out = new ArrayList<>();
        BandSums locality = new BandSums();
        BandSums all = new BandSums();
        population.forEach((year, loc, decile, sex, low, high, people) -> {
            if (year != all.year) {
                locality.listTo(out, localities, nl);
                all.listTo(out, localities, nl);
                all.start(year, nl);
            }
            if (loc != locality.locality) {
                locality.listTo(out, localities, nl);
                locality.start(year, loc);
            }
            double p = people;
            double perYear = p / (high - low + 1);
            boolean oneBand = low == high || Dsr.esp2013Band(low) == Dsr.esp2013Band(high);
            for (int age = low; age <= high; age++) {
                int band = Dsr.esp2013Band(age);
                double v = oneBand ? p : perYear;
                locality.add(sex, band, v);
                all.add(sex, band, v);
                if (oneBand) {
                    break; // the whole record lies in one band
                }
            }
        });
        locality.listTo(out, localities, nl);
        all.listTo(out, localities, nl);
        return out;
    }

    /** The people of one year and locality ({@code nl}: All) by sex and ESP band, while it is being summed. */
    private static final class BandSums {
        private static final int BANDS = Dsr.esp2013Band(90) + 1;
        int year = Integer.MIN_VALUE;
        int locality = -1;
        private final double[] people = new double[2 * BANDS];
        private final boolean[] seen = new boolean[2 * BANDS];

        void start(int y, int l) {
            year = y;
            locality = l;
            java.util.Arrays.fill(people, 0);
            java.util.Arrays.fill(seen, false);
        }

        void add(int male, int band, double v) {
            people[male * BANDS + band] += v;
            seen[male * BANDS + band] = true;
        }

        /** Lists the bands that have people (none before the first {@link #start}), then forgets them. */
        void listTo(List<PopulationBand> out, List<String> names, int nl) {
            if (locality < 0) {
                return;
            }
            for (int k = 0; k < people.length; k++) {
                if (seen[k]) {
                    out.add(new PopulationBand(year, locality == nl ? "All" : names.get(locality),
                            k >= BANDS ? 'M' : 'F', k % BANDS, people[k]));
                }
            }
            locality = -1;
        }
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
        // the referrals' dates served only to link events while they were read (at L, 40 MB)
        slotDate.clear();
        int[] periods = periods();
        List<String> labels = new ArrayList<>();
        for (int y : periods) {
            labels.add(scheme.label(y));
        }
        int[] popYear = new int[periods.length];
        String[] popNote = new String[periods.length];
        choosePopulationYears(periods, popYear, popNote);
        CountCube c = new CountCube(periods, List.copyOf(labels), groups, localities, popYear, popNote,
                bySexAndBand);
        foldPopulation(c);
        PersonFolds f = new PersonFolds(c, groups, periodIndex(c.periodYears), this::slotOfArea,
                a -> decileSlotOfArea(c, a), firstLinked);
        if (spill == null) {
            f.fold(held, held.numberPersons());
        } else {
            spilled = spill.bytes();
            try (Spill s = spill) {
                s.foldEach(f::fold);
            }
        }
        f.finish();
        if (spill != null) {
            folded = true; // the partitions were read back once and are gone, and so is what the folds needed
            firstLinked.clear();
            spill = null;
        }
        return c;
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

    /** The index among {@code periods} of the period holding an epoch day; -1 outside them or outside from/to. */
    private IntUnaryOperator periodIndex(int[] periods) {
        IntUnaryOperator index = scheme.indexer(periods);
        return date -> date < from || date > to ? -1 : index.applyAsInt(date);
    }

    private void choosePopulationYears(int[] periods, int[] popYear, String[] popNote) {
        if (population.isEmpty()) {
            Long outside = dataQuality().getOrDefault(POPULATION, Map.of()).get("population_outside_lookup");
            throw JsnaException.input(populationSource + ": no population row is for an area of the lookup ("
                    + (outside == null ? 0 : outside) + " rows left out as outside it): expected the population "
                    + "of the areas in the area lookup");
        }
        TreeSet<Integer> years = population.years();
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
        // a banded row's share of a group is people x (its years in the group) / (the band's years): the sums
        // are kept exact as whole numbers of 1/scale of a person (scale: the bands' widths' least common
        // multiple, 5 for data.md's bands) and divided once at the end, so that a denominator of 61,877 fifths
        // is written 12375.4, not 12375.400000000001 from adding 12,375.4's inexact fifths one by one
        long[] scale = {1};
        population.forEach((year, loc, decile, sex, low, high, n) -> {
            if (scale[0] > 0) {
                long w = high - low + 1;
                long l = scale[0] / gcd(scale[0], w) * w;
                scale[0] = l <= 720720 ? l : 0; // 0: widths too many to keep exact (data.md has 1 and 5)
            }
        });
        try {
            foldPopulation(c, scale[0]);
        } catch (ArithmeticException e) {
            // more people than a long holds in 1/scale units: the plain sums
            java.util.Arrays.fill(c.population, 0);
            java.util.Arrays.fill(c.bandPopulation, 0);
            foldPopulation(c, 0);
        }
    }

    /** The population sums of {@code c}: exact in 1/{@code exact} of a person, or (0) plain sums of doubles. */
    private void foldPopulation(CountCube c, long exact) {
        int nl = localities.size();
        long[] people = exact > 0 ? new long[c.population.length] : null;
        long[] bands = exact > 0 ? new long[c.bandPopulation.length] : null;
        population.forEach((year, loc, decile, sex, low, high, count) -> {
            double p = count;
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
                        if (people != null) {
                            people[g] = Math.addExact(people[g], Math.multiplyExact(count, inside * (exact / width)));
                        } else {
                            c.population[g] += share;
                        }
                        // split across ESP bands (a record normally lies in one band)
                        for (int b = Dsr.esp2013Band(Math.max(low, lo)); b <= Dsr.esp2013Band(Math.min(high, hi)); b++) {
                            int bl = Math.max(Math.max(b * 5, low), lo);
                            int bh = Math.min(Math.min(b == 18 ? 90 : b * 5 + 4, high), hi);
                            int in = Math.max(0, bh - bl + 1);
                            if (in > 0) {
                                if (bands != null) {
                                    bands[g * 19 + b] = Math.addExact(bands[g * 19 + b],
                                            Math.multiplyExact(count, in * (exact / width)));
                                } else {
                                    c.bandPopulation[g * 19 + b] += in == width ? p : p * in / width;
                                }
                            }
                        }
                    }
                }
            }
        });
        if (people != null) {
            for (int g = 0; g < people.length; g++) {
                c.population[g] = (double) people[g] / exact;
            }
            for (int g = 0; g < bands.length; g++) {
                c.bandPopulation[g] = (double) bands[g] / exact;
            }
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
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

}
