package org.jsna.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a synthetic council (decisions in docs/sample.md): small areas in six localities (or N
 * localities with generated names) with a deprivation mix, a resident population by sex and single
 * year of age for one mid-year per fiscal year, and three fiscal years (2022/23 to 2024/25; or more or fewer,
 * always ending with 2024/25) of referrals and
 * service events for the six default client groups. Everything is drawn from one seeded generator in
 * a fixed order, so the same settings always give the same data; no clock, no hash order. The dates
 * are fixed, not relative to the day of the run, and all lie in the past.
 *
 * <p>People, referrals and events are held in primitive arrays (about 34 bytes an event, 14 a
 * referral, 10 a person), not objects, so a national-scale set of tens of millions of rows fits in
 * a modest heap; {@link SampleWriter} streams the rows from them.
 */
public final class SampleGenerator {

    /** Last day of the data: the end of fiscal year 2024/25, whatever the number of years. */
    public static final LocalDate END = LocalDate.of(2025, 3, 31);
    /** Oldest single year of age of the population (90 = 90 and over). */
    public static final int MAX_AGE = 90;

    /** Localities in the order the council reports them (north to south), as written to jsna.yaml. */
    public static final List<String> LOCALITIES = List.of(
            "Northgate", "Riverside", "Eastfield", "Westbrook", "Hillcrest", "Southmoor");
    /** Localities from the most to the least deprived, with their shares of the small areas. */
    private static final List<String> BY_DEPRIVATION = List.of(
            "Riverside", "Eastfield", "Northgate", "Southmoor", "Westbrook", "Hillcrest");
    private static final double[] AREA_SHARE = {0.22, 0.19, 0.18, 0.17, 0.15, 0.09};
    /** Relative number of small areas per deprivation decile (the council is more deprived than average). */
    private static final double[] DECILE_WEIGHT = {1.6, 1.4, 1.2, 1.1, 1.0, 0.9, 0.85, 0.8, 0.75, 0.7};
    /** IMD 2019 score boundaries between deciles (approximate national cut points; higher = more deprived). */
    private static final double[] IMD_CUT = {34.2, 27.5, 22.3, 17.9, 14.3, 11.2, 8.5, 6.1, 4.0};

    /** Small areas of neighbouring councils: some residents there are referred here. */
    static final String[] OUTSIDE_AREAS = {"E01090001", "E01090002", "E01090003"};

    // ---- client groups (data.md default set) ----
    static final int CF = 0;
    static final int LD = 1;
    static final int MH = 2;
    static final int PD = 3;
    static final int OP = 4;
    static final int CARERS = 5;
    public static final List<String> GROUPS = List.of("children_families", "learning_disability", "mental_health",
            "physical_disability", "older_people", "carers");
    private static final double[] GROUP_SHARE = {0.20, 0.05, 0.24, 0.10, 0.29, 0.12};
    private static final int[][] IN_RANGE = {{0, 17}, {18, 64}, {18, 64}, {18, 64}, {65, MAX_AGE}, {18, MAX_AGE}};
    /** Ages outside the group's range that are still referred (demand recorded under that group). */
    private static final int[][] OUT_RANGE = {{18, 18}, {65, 70}, {18, 18}, {18, 18}, {55, 64}, {14, 17}};
    private static final double[] OUT_SHARE = {0.005, 0.01, 0, 0, 0.03, 0.012};
    /** Rate ratio of decile 1 (most deprived) to decile 10. */
    private static final double[] DEPRIVATION_RATIO = {3.0, 1.5, 2.5, 1.8, 1.4, 1.2};
    /** Referral rate of women relative to men. */
    private static final double[] FEMALE_RATIO = {1.0, 0.7, 1.2, 1.05, 1.1, 1.7};
    /** Share of people referred more than once. */
    private static final double[] REPEAT = {0.18, 0.15, 0.26, 0.16, 0.20, 0.12};
    /** Median days from referral to first service. */
    private static final double[] WAIT_MEDIAN = {12, 35, 28, 24, 10, 18};

    static final String[] SOURCES = {"primary_care", "secondary_care", "self_or_family", "social_care",
        "community_health", "police_or_justice", "education", "other"};
    private static final double[][] SOURCE_MIX = {
        {0.14, 0.05, 0.10, 0.15, 0.07, 0.16, 0.30, 0.03},
        {0.20, 0.10, 0.25, 0.25, 0.10, 0.02, 0.05, 0.03},
        {0.45, 0.15, 0.15, 0.05, 0.07, 0.08, 0.00, 0.05},
        {0.30, 0.25, 0.20, 0.10, 0.12, 0.00, 0.00, 0.03},
        {0.25, 0.35, 0.20, 0.05, 0.12, 0.00, 0.00, 0.03},
        {0.15, 0.05, 0.45, 0.20, 0.10, 0.00, 0.02, 0.03},
    };
    static final String[] OUTCOMES = {"service_provided", "signposted", "no_further_action", "ongoing",
        "declined", "other"};
    private static final double[][] OUTCOME_MIX = {
        {0.45, 0.20, 0.25, 0.03, 0.04, 0.03},
        {0.70, 0.10, 0.10, 0.03, 0.04, 0.03},
        {0.55, 0.20, 0.15, 0.03, 0.04, 0.03},
        {0.60, 0.15, 0.15, 0.03, 0.04, 0.03},
        {0.62, 0.15, 0.12, 0.03, 0.05, 0.03},
        {0.50, 0.30, 0.12, 0.03, 0.02, 0.03},
    };
    private static final String[] TEAMS = {"Early Help", "Learning Disability Team", "Community Mental Health Team",
        "Adult Social Care", "Adult Social Care", "Carers Hub"};
    static final String[] FUNDERS = {"nhs", "council", "pooled", "self"};

    /** How a service type is counted and costed. */
    enum Kind { CONTACT, HOURS, NIGHTS }

    record ServiceType(String name, Kind kind, double unitCost, double[] funders) {
    }

    private static final ServiceType HOME_CARE = new ServiceType("home_care", Kind.HOURS, 24.5, new double[] {0.05, 0.70, 0.10, 0.15});
    private static final ServiceType REABLEMENT = new ServiceType("reablement", Kind.HOURS, 30, new double[] {0.10, 0.20, 0.70, 0});
    private static final ServiceType RESIDENTIAL = new ServiceType("residential_care", Kind.NIGHTS, 130, new double[] {0.05, 0.60, 0.10, 0.25});
    private static final ServiceType NURSING = new ServiceType("nursing_care", Kind.NIGHTS, 165, new double[] {0.35, 0.35, 0.05, 0.25});
    private static final ServiceType DAY_CARE = new ServiceType("day_care", Kind.HOURS, 11, new double[] {0, 0.80, 0.05, 0.15});
    private static final ServiceType COMMUNITY_NURSING = new ServiceType("community_nursing", Kind.CONTACT, 75, new double[] {0.95, 0, 0.05, 0});
    private static final ServiceType MH_TEAM = new ServiceType("mental_health_team", Kind.CONTACT, 140, new double[] {0.90, 0.05, 0.05, 0});
    private static final ServiceType THERAPY = new ServiceType("psychological_therapy", Kind.CONTACT, 110, new double[] {1, 0, 0, 0});
    private static final ServiceType CRISIS = new ServiceType("crisis_team", Kind.CONTACT, 350, new double[] {1, 0, 0, 0});
    private static final ServiceType DIRECT_PAYMENT = new ServiceType("direct_payment", Kind.HOURS, 21, new double[] {0, 0.85, 0.15, 0});
    private static final ServiceType SUPPORTED_LIVING = new ServiceType("supported_living", Kind.HOURS, 22, new double[] {0.10, 0.80, 0.10, 0});
    private static final ServiceType FAMILY_SUPPORT = new ServiceType("family_support", Kind.CONTACT, 95, new double[] {0, 0.90, 0.10, 0});
    private static final ServiceType EARLY_HELP = new ServiceType("early_help", Kind.CONTACT, 60, new double[] {0, 1, 0, 0});
    private static final ServiceType FOSTER_CARE = new ServiceType("foster_care", Kind.NIGHTS, 70, new double[] {0, 1, 0, 0});
    private static final ServiceType SHORT_BREAKS = new ServiceType("short_breaks", Kind.NIGHTS, 180, new double[] {0, 0.85, 0.15, 0});
    private static final ServiceType CARER_SUPPORT = new ServiceType("carer_support", Kind.CONTACT, 45, new double[] {0, 0.60, 0.40, 0});
    private static final ServiceType CARER_BREAK = new ServiceType("carer_break", Kind.NIGHTS, 120, new double[] {0, 0.70, 0.20, 0.10});
    private static final ServiceType EQUIPMENT = new ServiceType("equipment", Kind.CONTACT, 450, new double[] {0.30, 0.30, 0.40, 0});

    private static final ServiceType[][] SERVICE_TYPES = {
        {FAMILY_SUPPORT, EARLY_HELP, FOSTER_CARE, SHORT_BREAKS, DIRECT_PAYMENT},
        {SUPPORTED_LIVING, DAY_CARE, RESIDENTIAL, DIRECT_PAYMENT, SHORT_BREAKS},
        {MH_TEAM, THERAPY, CRISIS, RESIDENTIAL, DIRECT_PAYMENT, HOME_CARE},
        {HOME_CARE, DIRECT_PAYMENT, EQUIPMENT, COMMUNITY_NURSING, REABLEMENT},
        {HOME_CARE, REABLEMENT, RESIDENTIAL, NURSING, DAY_CARE, COMMUNITY_NURSING, EQUIPMENT},
        {CARER_SUPPORT, CARER_BREAK, DIRECT_PAYMENT},
    };
    private static final double[][] SERVICE_MIX = {
        {0.55, 0.25, 0.08, 0.07, 0.05},
        {0.30, 0.25, 0.10, 0.20, 0.15},
        {0.50, 0.25, 0.08, 0.05, 0.05, 0.07},
        {0.35, 0.20, 0.20, 0.15, 0.10},
        {0.30, 0.20, 0.10, 0.06, 0.08, 0.18, 0.08},
        {0.60, 0.25, 0.15},
    };
    /** Relative number of service events per person served (home care and therapy recur more). */
    private static final double[] EVENTS_WEIGHT = {1.2, 1.3, 1.4, 1.0, 1.1, 0.7};

    /** Every service type once, in a fixed order; events hold an index into it. */
    static final ServiceType[] TYPES = {FAMILY_SUPPORT, EARLY_HELP, FOSTER_CARE, SHORT_BREAKS, DIRECT_PAYMENT,
        SUPPORTED_LIVING, DAY_CARE, RESIDENTIAL, MH_TEAM, THERAPY, CRISIS, HOME_CARE, EQUIPMENT, COMMUNITY_NURSING,
        REABLEMENT, NURSING, CARER_SUPPORT, CARER_BREAK};

    /** Referral outcome {@code ongoing} (index into {@link #OUTCOMES}). */
    private static final int ONGOING = 3;
    private static final int SERVICE_PROVIDED = 0;
    static final int URGENT = 0;
    static final int ROUTINE = 1;
    /** Epoch day of {@link #END}. */
    static final int END_DAY = (int) END.toEpochDay();

    // ---- the generated data ----

    /** A small area of the lookup (or, with {@code inLookup} false, of a neighbouring council). */
    public static final class Area {
        public final String code;
        public final String name;
        public final String locality;
        /** Rank of the locality from the most deprived (0); local features follow it. */
        final int rank;
        public final int decile;
        public final double imdScore;
        public final boolean inLookup;
        /** Population by [year index][sex 0=F 1=M][age 0..90]. */
        public final int[][][] population;

        Area(String code, String name, String locality, int rank, int decile, double imdScore, boolean inLookup,
                int years) {
            this.population = new int[years][2][MAX_AGE + 1];
            this.code = code;
            this.name = name;
            this.locality = locality;
            this.rank = rank;
            this.decile = decile;
            this.imdScore = imdScore;
            this.inLookup = inLookup;
        }
    }

    /**
     * People: attributes that stay the same across all their records, by person index. {@code area}
     * is an index into the lookup areas, {@link #NO_AREA} for an empty area_code, or
     * {@code -2 - k} for the k-th neighbouring council's area ({@link #OUTSIDE_AREAS}).
     */
    static final class People {
        int size;
        byte[] group = new byte[1024];
        byte[] sex = new byte[1024];
        int[] area = new int[1024];
        int[] birth = new int[1024];
        /** The number in the person_id, assigned last (a seeded permutation). */
        int[] id;

        int add(int g, int s, int a, int birthDay) {
            if (size == group.length) {
                int n = size + (size >> 1);
                group = Arrays.copyOf(group, n);
                sex = Arrays.copyOf(sex, n);
                area = Arrays.copyOf(area, n);
                birth = Arrays.copyOf(birth, n);
            }
            group[size] = (byte) g;
            sex[size] = (byte) s;
            area[size] = a;
            birth[size] = birthDay;
            return size++;
        }
    }

    static final int NO_AREA = -1;

    /**
     * Referrals in date order (ties in the order they were made), by index: the index is also the
     * referral's position in referrals.csv, so its id is {@code R} + (1,000,001 + index). Codes are
     * indexes into {@link #SOURCES}, {@link #OUTCOMES} and {URGENT, ROUTINE}; -1 is an empty cell.
     */
    static final class Referrals {
        final int size;
        int[] person;
        int[] date;
        byte[] source;
        byte[] outcome;
        byte[] priority;

        Referrals(int n) {
            size = n;
            person = new int[n];
            date = new int[n];
            source = new byte[n];
            outcome = new byte[n];
            priority = new byte[n];
        }
    }

    /**
     * Service events in the order they were made ({@code order} gives the order of services.csv).
     * {@code ref}: a referral index, -1 for an empty cell, or {@code -2 - k} for the k-th id from
     * another system. {@code end} is -1 for an empty end_date; {@code quarters} is units x 4 and
     * {@code cents} the cost in pence, -1 when empty. {@code type} indexes {@link #TYPES}.
     */
    static final class Events {
        final int size;
        final int[] person;
        final int[] ref;
        final int[] start;
        final int[] end;
        final int[] quarters;
        final int[] cents;
        final byte[] type;
        final byte[] funder;
        /** order[i] = index of the i-th row of services.csv (by start date, ties in the order made). */
        int[] order;
        int count;

        Events(int n) {
            size = n;
            person = new int[n];
            ref = new int[n];
            start = new int[n];
            end = new int[n];
            quarters = new int[n];
            cents = new int[n];
            type = new byte[n];
            funder = new byte[n];
        }
    }

    /** The whole synthetic input set, in the order it is written. */
    public static final class SampleData {
        final List<Area> areas;
        final List<String> localities;
        final People people;
        final Referrals referrals;
        final Events events;
        /** The number of the first referral_id from another system. */
        final int foreignIdBase;
        /** Mid-years of the population estimates, one per fiscal year, oldest first. */
        final int[] years;

        SampleData(List<Area> areas, List<String> localities, People people, Referrals referrals, Events events,
                int foreignIdBase, int[] years) {
            this.years = years;
            this.areas = areas;
            this.localities = localities;
            this.people = people;
            this.referrals = referrals;
            this.events = events;
            this.foreignIdBase = foreignIdBase;
        }

        /** Every area with population rows (the lookup areas and one neighbouring area). */
        public List<Area> areas() {
            return areas;
        }

        /** Lookup areas only (areas.csv). */
        public List<Area> lookupAreas() {
            return areas.stream().filter(a -> a.inLookup).toList();
        }

        /** Locality names in reporting order (jsna.yaml). */
        public List<String> localities() {
            return localities;
        }
    }

    private final SampleSettings settings;
    /** First day of the data: 1 April, {@code settings.years()} fiscal years before {@link #END}. */
    private final LocalDate start;
    private final int startDay;
    /** Days from {@link #start} to {@link #END}, both included. */
    private final int days;
    /** Mid-years of the population estimates: one per fiscal year, its first calendar year. */
    private final int[] years;
    private final Rng rng;
    private final List<String> localities;
    private final List<String> byDeprivation;
    private final double[] areaShare;
    private final List<Area> areas = new ArrayList<>();
    private final List<Area> lookup = new ArrayList<>();
    private final People people = new People();
    /** Per group: cumulative weight of lookup areas for sampling, in range and out of range. */
    private final double[][] inAreaCum = new double[GROUPS.size()][];
    private final double[][] outAreaCum = new double[GROUPS.size()][];
    /** Deprivation rank of the localities with a local feature (see {@link #localityFactor}). */
    private final int lastRank;
    private final boolean rareLearningDisability;

    private SampleGenerator(SampleSettings settings) {
        this.settings = settings;
        this.start = LocalDate.of(END.getYear() - settings.years(), 4, 1);
        this.startDay = (int) start.toEpochDay();
        this.days = END_DAY - startDay + 1;
        this.years = new int[settings.years()];
        for (int y = 0; y < years.length; y++) {
            years[y] = start.getYear() + y;
        }
        this.rng = new Rng(settings.seed());
        if (settings.namedLocalities()) {
            localities = LOCALITIES;
            byDeprivation = BY_DEPRIVATION;
            areaShare = AREA_SHARE;
        } else {
            LocalityNames.Layout layout = LocalityNames.layout(settings.localities(), settings.seed());
            localities = layout.reportingOrder();
            byDeprivation = layout.byDeprivation();
            areaShare = layout.areaShare();
        }
        lastRank = byDeprivation.size() - 1;
        rareLearningDisability = byDeprivation.size() >= 4;
    }

    /** Generates the input set of these settings (deterministic). */
    public static SampleData generate(SampleSettings settings) {
        return new SampleGenerator(settings).run();
    }

    private SampleData run() {
        makeAreas();
        makePopulation();
        for (int g = 0; g < GROUPS.size(); g++) {
            inAreaCum[g] = areaCumulative(g, true);
            outAreaCum[g] = areaCumulative(g, false);
        }
        Referrals referrals = makeReferrals();
        Events events = makeEvents(referrals);
        assignPersonIds();
        return new SampleData(List.copyOf(areas), localities, people, referrals, events, foreignIdBase(), years);
    }

    /**
     * Referral ids from another system start at R9000001, above every id of referrals.csv up to the
     * old limit of 2,000,000 referrals; larger sets start them at R90000001 so they never meet a real id.
     */
    private int foreignIdBase() {
        return settings.referrals() <= 7_000_000 ? 9_000_001 : 90_000_001;
    }

    // ---- areas ----

    private void makeAreas() {
        int n = settings.areas();
        int[] perDecile = allocate(n, DECILE_WEIGHT, 1);
        int[] deciles = new int[n];
        double[] key = new double[n];
        int k = 0;
        for (int d = 0; d < 10; d++) {
            for (int j = 0; j < perDecile[d]; j++) {
                deciles[k] = d + 1;
                key[k] = d + 1 + 1.8 * rng.gauss();
                k++;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> key[i]).thenComparingInt(i -> i));
        int[] perLocality = allocate(n, areaShare, 1);
        // Cut the areas, from the most to the least deprived key, into localities.
        List<List<Integer>> byLocality = new ArrayList<>();
        int pos = 0;
        for (int l = 0; l < byDeprivation.size(); l++) {
            byLocality.add(new ArrayList<>(Arrays.asList(order).subList(pos, pos + perLocality[l])));
            pos += perLocality[l];
        }
        int code = 20001;
        for (String locality : localities) {
            int l = byDeprivation.indexOf(locality);
            List<Integer> members = byLocality.get(l);
            // within a locality, codes follow a random walk over its areas, as ONS codes do not follow deprivation
            shuffle(members);
            for (int j = 0; j < members.size(); j++) {
                int d = deciles[members.get(j)];
                String name = String.format(java.util.Locale.ROOT, "%s %03d%c", locality, j / 4 + 1, (char) ('A' + j % 4));
                Area a = new Area(String.format(java.util.Locale.ROOT, "E01%06d", code++), name, locality, l, d, imdScore(d), true,
                        years.length);
                areas.add(a);
                lookup.add(a);
            }
        }
        Area outside = new Area(OUTSIDE_AREAS[0], "Neighbouring council 001A", "", -1, 5, imdScore(5), false, years.length);
        areas.add(outside);
    }

    private double imdScore(int decile) {
        double lo;
        double hi;
        if (decile == 1) {
            lo = IMD_CUT[0];
            hi = IMD_CUT[0] + 30 * StrictMath.pow(rng.uniform(), 2);
            return round(lo + (hi - lo) * rng.uniform(), 3);
        }
        if (decile == 10) {
            lo = 0.6;
            hi = IMD_CUT[8];
        } else {
            lo = IMD_CUT[decile - 1];
            hi = IMD_CUT[decile - 2];
        }
        return round(lo + (hi - lo) * rng.uniform(), 3);
    }

    // ---- population ----

    private void makePopulation() {
        for (Area a : areas) {
            double total = 1450 + 450 * rng.uniform();
            double young = 0.15 * (5.5 - a.decile) / 4.5 + 0.08 * rng.gauss();
            double old = clamp(-0.8 * young + 0.1 * rng.gauss(), -0.5, 0.6);
            double growth = 0.003 + 0.012 * rng.uniform();
            double[] weight = new double[MAX_AGE + 1];
            double sum = 0;
            for (int age = 0; age <= MAX_AGE; age++) {
                double w = baseAgeWeight(age);
                if (age < 18) {
                    w *= 1 + young;
                } else if (age < 35) {
                    w *= 1 + 0.5 * young;
                } else if (age >= 65) {
                    w *= 1 + old;
                }
                weight[age] = w;
                sum += w;
            }
            for (int age = 0; age <= MAX_AGE; age++) {
                double female = femaleShare(age);
                for (int s = 0; s < 2; s++) {
                    double expected = total * weight[age] / sum * (s == 0 ? female : 1 - female);
                    double cellNoise = 1 + 0.08 * rng.gauss();
                    for (int y = 0; y < years.length; y++) {
                        double x = expected * cellNoise * (1 + growth * y) * (1 + 0.02 * rng.gauss());
                        a.population[y][s][age] = Math.max(0, (int) StrictMath.floor(x + rng.uniform()));
                    }
                }
            }
        }
    }

    /** Relative size of a single year of age in England (roughly mid-2022: 19% aged 65+, 0.9% 90+). */
    private static double baseAgeWeight(int age) {
        if (age < 5) {
            return 1.05;
        } else if (age < 18) {
            return 1.15;
        } else if (age < 25) {
            return 1.05;
        } else if (age < 65) {
            return 1.3;
        } else if (age < 75) {
            return 1.1;
        } else if (age < MAX_AGE) {
            return 1.1 * StrictMath.exp(-0.09 * (age - 74));
        }
        return 0.9;
    }

    private static double femaleShare(int age) {
        if (age < 20) {
            return 0.488;
        } else if (age < 65) {
            return 0.5;
        } else if (age < 80) {
            return 0.53;
        } else if (age < MAX_AGE) {
            return 0.6;
        }
        return 0.7;
    }

    // ---- sampling people ----

    /** Relative referral rate of one person of this age in this group. */
    private static double ageIntensity(int g, int age) {
        switch (g) {
            case CF:
                return age < 1 ? 1.4 : age <= 4 ? 1.1 : age <= 11 ? 0.9 : 1.2;
            case LD:
                return StrictMath.exp(-0.025 * (age - 18));
            case MH:
                return age < 25 ? 1.3 : age < 45 ? 1.2 : age < 65 ? 0.8 : 0.5;
            case PD:
                return 0.3 + 0.02 * Math.max(0, age - 18);
            case OP:
                return StrictMath.exp(0.09 * (age - 65));
            default:
                return age < 18 ? 0.3 : age < 30 ? 0.4 : age < 45 ? 0.8 : age < 75 ? 1.2 : 0.8;
        }
    }

    private static boolean inRange(int g, int age) {
        return age >= IN_RANGE[g][0] && (IN_RANGE[g][1] == MAX_AGE || age <= IN_RANGE[g][1]);
    }

    private static double deprivationFactor(int g, int decile) {
        return StrictMath.pow(DEPRIVATION_RATIO[g], (10 - decile) / 9.0);
    }

    /**
     * Local differences in demand, by the locality's deprivation rank (with the six named localities:
     * Riverside 0, Eastfield 1, Northgate 2, Hillcrest last). Learning-disability referrals are rare in
     * the least deprived locality (a small cell) when there are at least four localities.
     */
    private double localityFactor(int g, Area a) {
        if (g == LD && a.rank == lastRank && rareLearningDisability) {
            return 0.12;
        }
        if (g == MH && a.rank == 2) {
            return 1.15;
        }
        if (g == OP && a.rank == 1) {
            return 1.1;
        }
        if (g == CARERS && a.rank == 0) {
            return 0.8;
        }
        return 1;
    }

    /**
     * Demand by area, sex and age, weighted by the second year's population (the middle of the default three),
     * or the only year's with {@code --years 1}.
     */
    private double cellWeight(int g, Area a, int sex, int age) {
        int year = Math.min(1, a.population.length - 1);
        return a.population[year][sex][age] * ageIntensity(g, age) * (sex == 0 ? FEMALE_RATIO[g] : 1);
    }

    private double[] areaCumulative(int g, boolean inRange) {
        int[] range = inRange ? IN_RANGE[g] : OUT_RANGE[g];
        double[] cum = new double[lookup.size()];
        double total = 0;
        for (int i = 0; i < lookup.size(); i++) {
            Area a = lookup.get(i);
            double w = 0;
            for (int age = range[0]; age <= range[1]; age++) {
                w += cellWeight(g, a, 0, age) + cellWeight(g, a, 1, age);
            }
            total += w * deprivationFactor(g, a.decile) * localityFactor(g, a);
            cum[i] = total;
        }
        return cum;
    }

    /** A new person of group g: area, sex and age drawn in proportion to demand; age given at {@code when}. */
    private int newPerson(int g, int when) {
        boolean out = OUT_SHARE[g] > 0 && rng.chance(OUT_SHARE[g]);
        int[] range = out ? OUT_RANGE[g] : IN_RANGE[g];
        int areaIndex = rng.pickCumulative(out ? outAreaCum[g] : inAreaCum[g]);
        Area a = lookup.get(areaIndex);
        int cells = 2 * (range[1] - range[0] + 1);
        double[] w = new double[cells];
        for (int i = 0; i < cells; i++) {
            w[i] = cellWeight(g, a, i % 2, range[0] + i / 2);
        }
        int cell = rng.pick(w);
        int sex = cell % 2;
        int age = range[0] + cell / 2;
        if (age == MAX_AGE) {
            age += Math.min(14, (int) rng.exponential(3));
        }
        LocalDate birth = LocalDate.ofEpochDay(when).minusYears(age).minusDays(rng.nextInt(365));
        int area = areaIndex;
        double u = rng.uniform();
        if (u < 0.02) {
            area = NO_AREA; // not recorded / no fixed abode
        } else if (u < 0.026) {
            area = -2 - rng.nextInt(OUTSIDE_AREAS.length); // lives in a neighbouring council
        }
        return people.add(g, sex, area, (int) birth.toEpochDay());
    }

    /** The person's lookup area, or null. */
    private Area areaOf(int person) {
        int a = people.area[person];
        return a >= 0 ? lookup.get(a) : null;
    }

    /** Age in whole years on {@code day} of someone born on {@code birth} (both epoch days). */
    static int age(int birth, int day) {
        LocalDate b = LocalDate.ofEpochDay(birth);
        LocalDate d = LocalDate.ofEpochDay(day);
        int years = d.getYear() - b.getYear();
        if (d.getMonthValue() < b.getMonthValue()
                || d.getMonthValue() == b.getMonthValue() && d.getDayOfMonth() < b.getDayOfMonth()) {
            years--;
        }
        return years;
    }

    // ---- referrals ----

    private Referrals makeReferrals() {
        int[] target = allocate(settings.referrals(), GROUP_SHARE, 0);
        Referrals made = new Referrals(settings.referrals());
        int seq = 0;
        for (int g = 0; g < GROUPS.size(); g++) {
            int madeInGroup = 0;
            while (madeInGroup < target[g]) {
                int first = referralDate(g);
                int p = newPerson(g, first);
                int k = 1;
                if (rng.chance(REPEAT[g])) {
                    k = 2;
                    while (k < 6 && rng.chance(0.3)) {
                        k++;
                    }
                }
                k = Math.min(k, target[g] - madeInGroup);
                int date = first;
                boolean inRange = inRange(g, age(people.birth[p], first));
                for (int j = 0; j < k; j++) {
                    if (j > 0) {
                        date += 14 + (int) (long) rng.exponential(g == MH ? 60 : 80);
                        // no repeat after the data ends, nor once the person has aged out of the group
                        if (date > END_DAY || inRange && !inRange(g, age(people.birth[p], date))) {
                            break;
                        }
                    }
                    newReferral(made, seq++, p, date);
                    madeInGroup++;
                }
            }
        }
        // Date order, ties in the order made (a stable counting sort by day).
        int[] order = countingOrder(made.date, made.size);
        Referrals sorted = new Referrals(made.size);
        for (int i = 0; i < made.size; i++) {
            int j = order[i];
            sorted.person[i] = made.person[j];
            sorted.date[i] = made.date[j];
            sorted.source[i] = made.source[j];
            sorted.outcome[i] = made.outcome[j];
            sorted.priority[i] = made.priority[j];
        }
        return sorted;
    }

    /** Indexes 0..n-1 ordered by day (every day in [start, END]), ties in index order. */
    private int[] countingOrder(int[] day, int n) {
        int[] first = new int[days + 1];
        for (int i = 0; i < n; i++) {
            first[day[i] - startDay + 1]++;
        }
        for (int d = 1; d <= days; d++) {
            first[d] += first[d - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[first[day[i] - startDay]++] = i;
        }
        return order;
    }

    /**
     * A day in the fiscal years: fewer at weekends, fewer children's referrals in August, slow growth (4% of the
     * busiest year a year, the last three years as in the bundled set).
     */
    private int referralDate(int g) {
        while (true) {
            LocalDate d = start.plusDays(rng.nextInt(days));
            double accept = 0.92 + 0.04 * (ChronoUnit.YEARS.between(start, d) - (settings.years() - 3));
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
                accept *= 0.2;
            } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                accept *= 0.1;
            }
            if (g == CF && d.getMonth() == Month.AUGUST) {
                accept *= 0.6;
            }
            if (rng.uniform() < accept) {
                return (int) d.toEpochDay();
            }
        }
    }

    private void newReferral(Referrals r, int i, int p, int date) {
        int g = people.group[p];
        Area area = areaOf(p);
        int source = rng.chance(0.04) ? -1 : rng.pick(SOURCE_MIX[g]);
        if (source == EDUCATION && age(people.birth[p], date) < 4) {
            source = COMMUNITY_HEALTH; // health visitors, not schools, refer babies
        }
        double[] mix = OUTCOME_MIX[g].clone();
        if (g == OP && area != null && area.decile >= 8) {
            mix[0] -= 0.10; // more self-funders, signposted rather than served
            mix[1] += 0.10;
        }
        if (END_DAY - date < 42) {
            mix[3] += 1.5; // recent referrals are mostly still open
        }
        int outcome = rng.chance(0.03) ? -1 : rng.pick(mix);
        double urgent = g == MH ? 0.20 : g == CF ? 0.18 : 0.12;
        int priority = rng.chance(0.03) ? -1 : rng.chance(urgent) ? URGENT : ROUTINE;
        r.person[i] = p;
        r.date[i] = date;
        r.source[i] = (byte) source;
        r.outcome[i] = (byte) outcome;
        r.priority[i] = (byte) priority;
    }

    private static final int EDUCATION = 6;
    private static final int COMMUNITY_HEALTH = 4;

    /** The team cell of a referral of this person. */
    static String team(int group, Area area) {
        if (area == null) {
            return "Central Duty";
        } else if (group == CARERS) {
            return TEAMS[group];
        }
        return TEAMS[group] + " " + area.locality;
    }

    // ---- service events ----

    private Events makeEvents(Referrals referrals) {
        int total = settings.services();
        // When does each referral that led to a service first get one?
        int[] served = new int[16];
        int[] firstStart = new int[16];
        int nServed = 0;
        for (int r = 0; r < referrals.size; r++) {
            if (referrals.outcome[r] != SERVICE_PROVIDED) {
                continue;
            }
            int p = referrals.person[r];
            int g = people.group[p];
            Area area = areaOf(p);
            double median = WAIT_MEDIAN[g] * (referrals.priority[r] == URGENT ? 0.3 : 1)
                    * (g == MH && area != null && area.rank == 1 ? 1.6 : 1);
            long wait = rng.chance(0.05) ? 0 : Math.max(0, Math.round(rng.logNormal(median, 0.8)));
            long start = referrals.date[r] + wait;
            if (start > END_DAY) {
                referrals.outcome[r] = ONGOING; // still waiting at the end of the data
                continue;
            }
            if (nServed == served.length) {
                served = Arrays.copyOf(served, nServed * 2);
                firstStart = Arrays.copyOf(firstStart, nServed * 2);
            }
            served[nServed] = r;
            firstStart[nServed] = (int) start;
            nServed++;
        }
        int linked = nServed == 0 ? 0 : (int) Math.round(total * 0.88);
        int bogus = total - linked > 0 ? Math.max(total >= 100 ? 1 : 0, (int) Math.round(total * 0.003)) : 0;
        bogus = Math.min(bogus, total - linked);
        int unlinked = total - linked - bogus;

        int[] count = allocateEvents(referrals, served, nServed, linked);
        Events events = new Events(total);
        for (int i = 0; i < nServed; i++) {
            if (count[i] > 0) {
                int r = served[i];
                addEpisodeChain(events, referrals.person[r], r, firstStart[i], count[i]);
            }
        }
        served = null;
        firstStart = null;
        count = null;
        // Some linked events carry no referral_id: they link by person and client group.
        for (int e = 0; e < events.count; e++) {
            if (rng.chance(0.12)) {
                events.ref[e] = -1;
            }
        }
        // Long-standing service users with no referral in these years; a few rows from another
        // system whose referral_id is not in referrals.csv.
        int foreign = 0;
        for (int[] left = {unlinked, bogus}; left[0] + left[1] > 0; ) {
            boolean isBogus = left[1] > 0 && (left[0] == 0 || rng.chance((double) left[1] / (left[0] + left[1])));
            int g = rng.pick(GROUP_SHARE);
            int start = startDay + rng.nextInt(days);
            int p = newPerson(g, start);
            int n = isBogus ? 1 : Math.min(left[0], 1 + rng.nextInt(5));
            int from = events.count;
            addEpisodeChain(events, p, -1, start, n);
            if (isBogus) {
                events.ref[from] = -2 - foreign++;
                left[1]--;
            } else {
                left[0] -= n;
            }
        }
        events.order = countingOrder(events.start, events.count);
        return events;
    }

    /** How many events each served referral gets: at least one each while they last, the rest by weight. */
    private int[] allocateEvents(Referrals referrals, int[] served, int n, int linked) {
        int[] count = new int[n];
        if (n == 0 || linked == 0) {
            return count;
        }
        if (linked < n) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < linked; i++) {
                int j = i + rng.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                count[idx[i]] = 1;
            }
            return count;
        }
        double[] cum = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            count[i] = 1;
            total += EVENTS_WEIGHT[people.group[referrals.person[served[i]]]] * rng.logNormal(1, 0.9);
            cum[i] = total;
        }
        for (int extra = linked - n; extra > 0; extra--) {
            count[rng.pickCumulative(cum)]++;
        }
        return count;
    }

    /** Adds {@code n} events for one person from {@code first} on, all starting on or before {@link #END}. */
    private void addEpisodeChain(Events events, int p, int r, int first, int n) {
        int g = people.group[p];
        ServiceType type = SERVICE_TYPES[g][rng.pick(SERVICE_MIX[g])];
        int start = first;
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                if (!rng.chance(0.7)) {
                    type = SERVICE_TYPES[g][rng.pick(SERVICE_MIX[g])];
                }
                int gap = type.kind == Kind.CONTACT ? rng.between(7, 35) : rng.between(20, 120);
                int next = start + gap;
                if (next > END_DAY) {
                    next = start + rng.nextInt(END_DAY - start + 1);
                }
                start = next;
            }
            newEvent(events, p, r, type, start);
        }
    }

    private void newEvent(Events events, int p, int r, ServiceType type, int start) {
        int end = -1;
        double units;
        switch (type.kind) {
            case CONTACT -> {
                units = type == EQUIPMENT ? 1 : rng.chance(0.2) ? 2 : 1;
                if (type != EQUIPMENT && rng.chance(0.1)) {
                    end = start;
                }
            }
            case HOURS -> {
                double perWeek;
                long days;
                if (type == REABLEMENT) {
                    perWeek = rng.between(6, 15);
                    days = rng.between(7, 42);
                } else if (type == DAY_CARE) {
                    perWeek = 6 * rng.between(1, 3); // 6-hour sessions
                    days = rng.between(28, 365);
                } else if (type == SUPPORTED_LIVING) {
                    perWeek = rng.between(10, 40);
                    days = rng.between(28, 365);
                } else {
                    perWeek = rng.between(3, 25);
                    days = Math.max(7, Math.min(365, Math.round(rng.logNormal(90, 0.8))));
                }
                long last = start + days - 1;
                if (last > END_DAY) {
                    end = -1; // ongoing at the end of the data: units to date
                    days = END_DAY - start + 1;
                } else {
                    end = (int) last;
                }
                units = StrictMath.rint(perWeek * days / 7.0 * 4) / 4; // quarter hours
            }
            default -> {
                long nights;
                if (type == SHORT_BREAKS) {
                    nights = rng.between(1, 7);
                } else if (type == CARER_BREAK) {
                    nights = rng.between(2, 14);
                } else if (type == FOSTER_CARE) {
                    nights = rng.between(14, 365);
                } else {
                    nights = Math.max(3, Math.min(700, Math.round(rng.logNormal(120, 1.0))));
                }
                long last = start + nights;
                if (last > END_DAY) {
                    end = -1;
                    nights = Math.max(1, END_DAY - start);
                } else {
                    end = (int) last;
                }
                units = nights;
            }
        }
        double unitCost = type.unitCost;
        if (type == RESIDENTIAL && people.group[p] == LD) {
            unitCost = 220;
        }
        double cost = round(units * unitCost * (0.9 + 0.2 * rng.uniform()), 2);
        if (rng.chance(0.02)) {
            cost = Double.NaN; // cost not recorded
        }
        int funder = rng.chance(0.02) ? -1 : rng.pick(type.funders);
        if (rng.chance(0.005)) {
            units = Double.NaN;
        }
        int e = events.count++;
        events.person[e] = p;
        events.ref[e] = r;
        events.start[e] = start;
        events.end[e] = end;
        events.quarters[e] = Double.isNaN(units) ? -1 : (int) Math.round(units * 4);
        events.cents[e] = Double.isNaN(cost) ? -1 : (int) Math.round(cost * 100);
        events.type[e] = (byte) typeIndex(type);
        events.funder[e] = (byte) funder;
    }

    private static int typeIndex(ServiceType type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == type) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.name);
    }

    // ---- helpers ----

    private void assignPersonIds() {
        int n = people.size;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < n; i++) {
            perm[i] += 1_000_001;
        }
        people.id = perm;
    }

    private void shuffle(List<Integer> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Splits {@code n} in proportion to weights by largest remainder, each part at least {@code min}. */
    static int[] allocate(int n, double[] weights, int min) {
        int k = weights.length;
        int[] out = new int[k];
        int rest = n - min * k;
        if (rest < 0) {
            throw new IllegalArgumentException("cannot split " + n + " into " + k + " parts of at least " + min);
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] frac = new double[k];
        int used = 0;
        for (int i = 0; i < k; i++) {
            double exact = rest * weights[i] / total;
            out[i] = min + (int) StrictMath.floor(exact);
            frac[i] = exact - StrictMath.floor(exact);
            used += out[i] - min;
        }
        for (int left = rest - used; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < k; i++) {
                if (frac[i] > frac[best]) {
                    best = i;
                }
            }
            out[best]++;
            frac[best] = -1;
        }
        return out;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double round(double x, int places) {
        return new java.math.BigDecimal(Double.toString(x)).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
