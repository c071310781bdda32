package org.jsna.aggregate;

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

    // referrals, one slot each
    private final GrowableArrays.Ints refDate = new GrowableArrays.Ints();
    private final GrowableArrays.Bytes refGroup = new GrowableArrays.Bytes();
    private final GrowableArrays.Ints refPerson = new GrowableArrays.Ints();
    private final GrowableArrays.Ints refArea = new GrowableArrays.Ints();
    private final GrowableArrays.Bytes refAge = new GrowableArrays.Bytes();
    private final GrowableArrays.Bytes refSource = new GrowableArrays.Bytes();
    private final GrowableArrays.Bytes refOutcome = new GrowableArrays.Bytes();
    private final GrowableArrays.Ints refPositionByIndex = new GrowableArrays.Ints();
    /** Referral index per slot, for the "smallest id" tie-break. */
    private final GrowableArrays.Ints refId = new GrowableArrays.Ints();

    // service events, one slot each
    private final GrowableArrays.Ints evStart = new GrowableArrays.Ints();
    private final GrowableArrays.Bytes evGroup = new GrowableArrays.Bytes();
    private final GrowableArrays.Ints evPerson = new GrowableArrays.Ints();
    private final GrowableArrays.Ints evArea = new GrowableArrays.Ints();
    private final GrowableArrays.Doubles evCost = new GrowableArrays.Doubles();
    private final GrowableArrays.Bytes evFunder = new GrowableArrays.Bytes();
    /** Referral index the event carries; -1 none; -2 an id not found in referrals.csv. */
    private final GrowableArrays.Ints evReferral = new GrowableArrays.Ints();
    /** Event index per slot, for the "smallest id" tie-break. */
    private final GrowableArrays.Ints evId = new GrowableArrays.Ints();

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

    @Override
    public synchronized void referrals(ReferralBatch b) {
        freezeAreas();
        for (int i = 0; i < b.size; i++) {
            int g = b.group[i];
            int pos = refDate.size;
            int date = b.date[i];
            refDate.add(date);
            refGroup.add(g);
            refPerson.add(b.person[i]);
            refArea.add(area(b.area[i], REFERRALS));
            refAge.add(b.age[i]);
            refSource.add(b.source[i]);
            refOutcome.add(b.outcome[i]);
            refPositionByIndex.set(b.referral[i], pos, -1);
            refId.add(b.referral[i]);
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
        if (n * 40 > Runtime.getRuntime().maxMemory() / 2) {
            return; // an estimate that would take half the heap at once: let the arrays grow as rows come
        }
        if (REFERRALS.equals(role)) {
            for (GrowableArrays.Ints a : List.of(refDate, refPerson, refArea, refPositionByIndex, refId)) {
                a.ensure(n);
            }
            for (GrowableArrays.Bytes a : List.of(refGroup, refAge, refSource, refOutcome)) {
                a.ensure(n);
            }
        } else if (SERVICES.equals(role)) {
            for (GrowableArrays.Ints a : List.of(evStart, evPerson, evArea, evReferral, evId)) {
                a.ensure(n);
            }
            evGroup.ensure(n);
            evFunder.ensure(n);
            evCost.ensure(n);
        }
    }

    @Override
    public synchronized void services(ServiceBatch b) {
        freezeAreas();
        for (int i = 0; i < b.size; i++) {
            int g = b.group[i];
            int start = b.start[i];
            evStart.add(start);
            evGroup.add(g);
            evPerson.add(b.person[i]);
            evArea.add(area(b.area[i], SERVICES));
            evCost.add(b.cost[i]);
            evFunder.add(b.funder[i]);
            evReferral.add(b.referral[i]);
            evId.add(b.event[i]);
            if (Double.isNaN(b.cost[i])) {
                counter(SERVICES, "cost_unknown", 1);
            }
            if (b.referral[i] == ServiceBatch.REFERRAL_NOT_FOUND) {
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
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < refDate.size; i++) {
            min = Math.min(min, refDate.get(i));
            max = Math.max(max, refDate.get(i));
        }
        for (int i = 0; i < evStart.size; i++) {
            min = Math.min(min, evStart.get(i));
            max = Math.max(max, evStart.get(i));
        }
        if (min > max) {
            return null;
        }
        LocalDate first = LocalDate.ofEpochDay(min).withDayOfMonth(1);
        LocalDate last = LocalDate.ofEpochDay(max);
        return new LocalDate[] {first, last.withDayOfMonth(last.lengthOfMonth())};
    }

    /** Folds everything into the cubes of the reported periods. */
    public CountCube finish() {
        freezeAreas();
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
        persons(refPerson); // computed once before the folds share it
        // the referral folds, the event folds and the waits write different parts of the cube and only read the
        // records, so they run side by side; the referral folds and the waits share the referrals' order
        java.util.concurrent.CompletableFuture<int[]> order = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> byPersonGroupDate(refDate.size, refPerson, refGroup, refDate, refId, referralIdOrder));
        java.util.concurrent.CompletableFuture<Void> referrals = order.thenAcceptAsync(idx -> foldReferrals(c, idx));
        java.util.concurrent.CompletableFuture<Void> waits = order.thenAcceptAsync(idx -> foldWaits(c, idx));
        foldEvents(c);
        try {
            referrals.join();
            waits.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        return c;
    }

    /** Period starting years from the earliest to the latest date reported (restricted by from/to). */
    /** The first date reported, set by {@link #periods()}, for messages. */
    private int firstDate;

    private int[] periods() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < refDate.size; i++) {
            int d = refDate.get(i);
            if (d >= from && d <= to) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        for (int i = 0; i < evStart.size; i++) {
            int d = evStart.get(i);
            if (d >= from && d <= to) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
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
    private void foldReferrals(CountCube c, int[] idx) {
        int n = refDate.size;
        int all = c.allSlot();
        int ns = CodeLists.SOURCES.size();
        int[] period = new int[n];
        for (int i = 0; i < n; i++) {
            period[i] = periodIndex(refDate.get(i), c.periodYears);
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = refGroup.get(i);
            int area = refArea.get(i);
            int age = refAge.get(i);
            boolean inRange = groups.get(ci).contains(age);
            int src = refSource.get(i);
            int out = refOutcome.get(i);
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
            while (j < n && refPerson.get(idx[j]) == refPerson.get(first) && refGroup.get(idx[j]) == refGroup.get(first)
                    && period[idx[j]] == period[first]) {
                count++;
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = refGroup.get(first);
                for (int s : new int[] {slotOfArea(refArea.get(first)), all}) {
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

    private void foldEvents(CountCube c) {
        int n = evStart.size;
        int all = c.allSlot();
        int nf = CodeLists.FUNDERS.size();
        int[] period = new int[n];
        // money is summed exactly in decimal, so sums do not depend on row order and show no binary noise
        ExactMoney[] cost = money(c.groups());
        ExactMoney[] funderCost = money(c.groups() * nf);
        ExactMoney[] funderTotal = money(c.groups());
        for (int i = 0; i < n; i++) {
            period[i] = periodIndex(evStart.get(i), c.periodYears);
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = evGroup.get(i);
            int area = evArea.get(i);
            double amount = evCost.get(i);
            int f = evFunder.get(i);
            boolean known = !Double.isNaN(amount);
            for (int twice = 0; twice < 2; twice++) {
                int g = c.group(p, ci, twice == 0 ? slotOfArea(area) : all);
                c.events[g]++;
                if (known) {
                    cost[g].add(amount);
                    if (f >= 0) {
                        funderCost[g * nf + f].add(amount);
                        funderTotal[g].add(amount);
                    }
                }
            }
        }
        for (int g = 0; g < c.groups(); g++) {
            c.cost[g] = cost[g].value();
            c.funderTotal[g] = funderTotal[g].value();
            for (int f = 0; f < nf; f++) {
                c.funderCost[g * nf + f] = funderCost[g * nf + f].value();
            }
        }
        int[] idx = byPersonGroupDate(n, evPerson, evGroup, evStart, evId, eventIdOrder);
        int slots = c.slots();
        // stamps mark (slot, funder or 'any cost' or 'known funder total') already counted for this run
        int[] stamp = new int[slots * (nf + 2)];
        Arrays.fill(stamp, -1);
        List<GrowableArrays.Doubles> totals = new ArrayList<>();
        for (int g = 0; g < c.groups(); g++) {
            totals.add(null);
        }
        int run = 0;
        int i = 0;
        ExactMoney total = new ExactMoney();
        while (i < n) {
            int first = idx[i];
            int j = i;
            while (j < n && evPerson.get(idx[j]) == evPerson.get(first) && evGroup.get(idx[j]) == evGroup.get(first)
                    && period[idx[j]] == period[first]) {
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = evGroup.get(first);
                int home = slotOfArea(evArea.get(first));
                int ds = decileSlotOfArea(c, evArea.get(first));
                for (int s : new int[] {home, all, ds}) {
                    if (s >= 0) {
                        c.serviceUsers[c.group(p, ci, s)]++;
                    }
                }
                total.reset();
                boolean anyCost = false;
                for (int k = i; k < j; k++) {
                    int e = idx[k];
                    double amount = evCost.get(e);
                    if (Double.isNaN(amount)) {
                        continue;
                    }
                    anyCost = true;
                    total.add(amount);
                    int f = evFunder.get(e);
                    for (int twice = 0; twice < 2; twice++) {
                        int s = twice == 0 ? slotOfArea(evArea.get(e)) : all;
                        int g = c.group(p, ci, s);
                        if (stamp[s * (nf + 2) + nf] != run) {
                            stamp[s * (nf + 2) + nf] = run;
                            c.costPeople[g]++;
                        }
                        if (f >= 0) {
                            if (stamp[s * (nf + 2) + f] != run) {
                                stamp[s * (nf + 2) + f] = run;
                                c.funderPeople[g * nf + f]++;
                            }
                            if (stamp[s * (nf + 2) + nf + 1] != run) {
                                stamp[s * (nf + 2) + nf + 1] = run;
                                c.funderTotalPeople[g]++;
                            }
                        }
                    }
                }
                if (anyCost) {
                    for (int s : new int[] {home, all}) {
                        int g = c.group(p, ci, s);
                        if (totals.get(g) == null) {
                            totals.set(g, new GrowableArrays.Doubles());
                        }
                        totals.get(g).add(total.value());
                    }
                }
            }
            run++;
            i = j;
        }
        for (int g = 0; g < c.groups(); g++) {
            GrowableArrays.Doubles d = totals.get(g);
            c.userTotals[g] = d == null ? new double[0] : Arrays.copyOf(d.a, d.size);
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
    private void foldWaits(CountCube c, int[] order) {
        int nr = refDate.size;
        int ne = evStart.size;
        // earliest event carrying the referral's id, on or after the referral date
        int[] byId = new int[nr];
        Arrays.fill(byId, Integer.MAX_VALUE);
        int unlinked = 0;
        for (int e = 0; e < ne; e++) {
            int ri = evReferral.get(e);
            if (ri >= 0) {
                int pos = refPositionByIndex.getOr(ri, -1);
                if (pos >= 0 && evStart.get(e) >= refDate.get(pos)) {
                    byId[pos] = Math.min(byId[pos], evStart.get(e));
                }
            } else if (ri == -1) {
                unlinked++;
            }
        }
        // events without a referral id, sorted by person, client group, start
        int[] free = new int[unlinked];
        int k = 0;
        for (int e = 0; e < ne; e++) {
            if (evReferral.get(e) == -1) {
                free[k++] = e;
            }
        }
        IndexSort.byPerson(free, evPerson, persons(evPerson), (a, b) -> {
            int r = Integer.compare(evGroup.get(a), evGroup.get(b));
            return r != 0 ? r : Integer.compare(evStart.get(a), evStart.get(b));
        });
        GrowableArrays.Longs waits = new GrowableArrays.Longs();
        int all = c.allSlot();
        // the referrals and the free events in one order (person, client group, date): the first free event
        // with a key >= the referral's only moves forward, so one walk through both finds every referral's
        int lo = 0;
        for (int q = 0; q < nr; q++) {
            int r = order[q];
            int d = refDate.get(r);
            while (lo < free.length && compareEvent(refPerson.get(r), refGroup.get(r), d, free[lo]) > 0) {
                lo++;
            }
            int p = periodIndex(d, c.periodYears);
            if (p < 0) {
                continue;
            }
            int best = byId[r];
            if (lo < free.length) {
                int e = free[lo];
                if (evPerson.get(e) == refPerson.get(r) && evGroup.get(e) == refGroup.get(r)
                        && evStart.get(e) - d <= 365) {
                    best = Math.min(best, evStart.get(e));
                }
            }
            if (best == Integer.MAX_VALUE) {
                continue;
            }
            int days = best - d;
            int ci = refGroup.get(r);
            for (int s : new int[] {slotOfArea(refArea.get(r)), all}) {
                waits.add(((long) c.group(p, ci, s) << 32) | days);
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

    /** Compares (person, group, start) with event e's. */
    private int compareEvent(int person, int group, int start, int e) {
        int r = Integer.compare(person, evPerson.get(e));
        if (r == 0) {
            r = Integer.compare(group, evGroup.get(e));
        }
        if (r == 0) {
            r = Integer.compare(start, evStart.get(e));
        }
        return r;
    }

    /** Record indices 0..n-1 sorted by person, client group, date, then identifier order. */
    private int[] byPersonGroupDate(int n, GrowableArrays.Ints person, GrowableArrays.Bytes group,
            GrowableArrays.Ints date, GrowableArrays.Ints id, IdOrder idOrder) {
        int[] idx = IndexSort.identity(n);
        IndexSort.byPerson(idx, person, persons(person), (a, b) -> {
            int r = Integer.compare(group.get(a), group.get(b));
            if (r == 0) {
                r = Integer.compare(date.get(a), date.get(b));
            }
            if (r == 0) {
                r = idOrder.compare(id.get(a), id.get(b));
            }
            return r;
        });
        return idx;
    }

    /** One more than the largest person index in use (persons are shared by referrals and services). */
    private int persons = -1;

    private int persons(GrowableArrays.Ints unused) {
        if (persons < 0) {
            int max = -1;
            for (int i = 0; i < refPerson.size; i++) {
                max = Math.max(max, refPerson.get(i));
            }
            for (int i = 0; i < evPerson.size; i++) {
                max = Math.max(max, evPerson.get(i));
            }
            persons = max + 1;
        }
        return persons;
    }
}
