package org.jsna.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a synthetic council (decisions in docs/sample.md): small areas in six localities with a
 * deprivation mix, a resident population by sex and single year of age for three mid-years, and
 * three fiscal years (2022/23 to 2024/25) of referrals and service events for the six default client
 * groups. Everything is drawn from one seeded generator in a fixed order, so the same settings
 * always give the same data; no clock, no hash order. The dates are fixed, not relative to the day
 * of the run, and all lie in the past.
 */
public final class SampleGenerator {

    /** First and last day of the data: fiscal years 2022/23, 2023/24 and 2024/25. */
    public static final LocalDate START = LocalDate.of(2022, 4, 1);
    public static final LocalDate END = LocalDate.of(2025, 3, 31);
    /** Mid-years of the population estimates. */
    public static final int[] YEARS = {2022, 2023, 2024};
    /** Oldest single year of age of the population (90 = 90 and over). */
    public static final int MAX_AGE = 90;

    /** Localities in the order the council reports them (north to south), as written to jsna.yaml. */
    public static final List<String> LOCALITIES = List.of(
            "Northgate", "Riverside", "Eastfield", "Westbrook", "Hillcrest", "Southmoor");
    /** Localities from the most to the least deprived, with their shares of the small areas. */
    private static final String[] BY_DEPRIVATION = {
        "Riverside", "Eastfield", "Northgate", "Southmoor", "Westbrook", "Hillcrest"};
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

    private static final String[] SOURCES = {"primary_care", "secondary_care", "self_or_family", "social_care",
        "community_health", "police_or_justice", "education", "other"};
    private static final double[][] SOURCE_MIX = {
        {0.14, 0.05, 0.10, 0.15, 0.07, 0.16, 0.30, 0.03},
        {0.20, 0.10, 0.25, 0.25, 0.10, 0.02, 0.05, 0.03},
        {0.45, 0.15, 0.15, 0.05, 0.07, 0.08, 0.00, 0.05},
        {0.30, 0.25, 0.20, 0.10, 0.12, 0.00, 0.00, 0.03},
        {0.25, 0.35, 0.20, 0.05, 0.12, 0.00, 0.00, 0.03},
        {0.15, 0.05, 0.45, 0.20, 0.10, 0.00, 0.02, 0.03},
    };
    private static final String[] OUTCOMES = {"service_provided", "signposted", "no_further_action", "ongoing",
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
    private enum Kind { CONTACT, HOURS, NIGHTS }

    private record ServiceType(String name, Kind kind, double unitCost, double[] funders) {
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

    // ---- the generated data ----

    /** A small area of the lookup (or, with {@code inLookup} false, of a neighbouring council). */
    public static final class Area {
        public final String code;
        public final String name;
        public final String locality;
        public final int decile;
        public final double imdScore;
        public final boolean inLookup;
        /** Population by [year index][sex 0=F 1=M][age 0..90]. */
        public final int[][][] population = new int[YEARS.length][2][MAX_AGE + 1];

        Area(String code, String name, String locality, int decile, double imdScore, boolean inLookup) {
            this.code = code;
            this.name = name;
            this.locality = locality;
            this.decile = decile;
            this.imdScore = imdScore;
            this.inLookup = inLookup;
        }
    }

    /** A person: attributes that stay the same across all their records. */
    public static final class Person {
        public String id;
        public final int group;
        /** Area code as recorded: empty (unknown), a lookup area or a neighbouring council's area. */
        public final String areaCode;
        /** The lookup area, or null. */
        public final Area area;
        public final String sex;
        public final LocalDate birthDate;
        final int seq;

        Person(int seq, int group, String areaCode, Area area, String sex, LocalDate birthDate) {
            this.seq = seq;
            this.group = group;
            this.areaCode = areaCode;
            this.area = area;
            this.sex = sex;
            this.birthDate = birthDate;
        }

        public int ageOn(LocalDate date) {
            return Period.between(birthDate, date).getYears();
        }
    }

    /** A referral received. */
    public static final class Referral {
        public String id;
        public final Person person;
        public final LocalDate date;
        public final String source;
        public String outcome;
        public final String priority;
        public final String team;
        final int seq;

        Referral(int seq, Person person, LocalDate date, String source, String outcome, String priority, String team) {
            this.seq = seq;
            this.person = person;
            this.date = date;
            this.source = source;
            this.outcome = outcome;
            this.priority = priority;
            this.team = team;
        }
    }

    /** A service event (a contact or an episode). Empty strings and NaN stand for empty cells. */
    public static final class Event {
        public String id;
        public final Person person;
        /** The referral_id cell: a referral's id, empty, or an id that is not in referrals.csv. */
        public String referralId;
        /** The referral it was generated from (its id may have been left off the row), or null. */
        public final Referral referral;
        public final String serviceType;
        public final LocalDate start;
        public final LocalDate end;
        public final double units;
        public final double cost;
        public final String funder;
        final int seq;

        Event(int seq, Person person, Referral referral, String referralId, String serviceType, LocalDate start,
                LocalDate end, double units, double cost, String funder) {
            this.seq = seq;
            this.person = person;
            this.referral = referral;
            this.referralId = referralId;
            this.serviceType = serviceType;
            this.start = start;
            this.end = end;
            this.units = units;
            this.cost = cost;
            this.funder = funder;
        }
    }

    /** The whole synthetic input set, in the order it is written. */
    public record SampleData(List<Area> areas, List<Referral> referrals, List<Event> events) {
        /** Lookup areas only (areas.csv). */
        public List<Area> lookupAreas() {
            return areas.stream().filter(a -> a.inLookup).toList();
        }
    }

    private final SampleSettings settings;
    private final Rng rng;
    private final List<Area> areas = new ArrayList<>();
    private final List<Area> lookup = new ArrayList<>();
    private final List<Person> persons = new ArrayList<>();
    /** Per group: cumulative weight of lookup areas for sampling, in range and out of range. */
    private final double[][] inAreaCum = new double[GROUPS.size()][];
    private final double[][] outAreaCum = new double[GROUPS.size()][];

    private SampleGenerator(SampleSettings settings) {
        this.settings = settings;
        this.rng = new Rng(settings.seed());
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
        List<Referral> referrals = makeReferrals();
        List<Event> events = makeEvents(referrals);
        assignPersonIds();
        return new SampleData(List.copyOf(areas), referrals, events);
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
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> key[i]).thenComparingInt(i -> i));
        int[] perLocality = allocate(n, AREA_SHARE, 1);
        // Cut the areas, from the most to the least deprived key, into localities.
        List<List<Integer>> byLocality = new ArrayList<>();
        int pos = 0;
        for (int l = 0; l < BY_DEPRIVATION.length; l++) {
            byLocality.add(new ArrayList<>(java.util.Arrays.asList(order).subList(pos, pos + perLocality[l])));
            pos += perLocality[l];
        }
        int code = 20001;
        for (String locality : LOCALITIES) {
            int l = indexOf(BY_DEPRIVATION, locality);
            List<Integer> members = byLocality.get(l);
            // within a locality, codes follow a random walk over its areas, as ONS codes do not follow deprivation
            shuffle(members);
            for (int j = 0; j < members.size(); j++) {
                int d = deciles[members.get(j)];
                String name = String.format(java.util.Locale.ROOT, "%s %03d%c", locality, j / 4 + 1, (char) ('A' + j % 4));
                Area a = new Area(String.format(java.util.Locale.ROOT, "E01%06d", code++), name, locality, d, imdScore(d), true);
                areas.add(a);
                lookup.add(a);
            }
        }
        Area outside = new Area(OUTSIDE_AREAS[0], "Neighbouring council 001A", "", 5, imdScore(5), false);
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
                    for (int y = 0; y < YEARS.length; y++) {
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

    /** Local differences in demand: learning-disability referrals are rare in Hillcrest (a small cell). */
    private static double localityFactor(int g, String locality) {
        if (g == LD && locality.equals("Hillcrest")) {
            return 0.12;
        }
        if (g == MH && locality.equals("Northgate")) {
            return 1.15;
        }
        if (g == OP && locality.equals("Eastfield")) {
            return 1.1;
        }
        if (g == CARERS && locality.equals("Riverside")) {
            return 0.8;
        }
        return 1;
    }

    private double cellWeight(int g, Area a, int sex, int age) {
        return a.population[1][sex][age] * ageIntensity(g, age) * (sex == 0 ? FEMALE_RATIO[g] : 1);
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
            total += w * deprivationFactor(g, a.decile) * localityFactor(g, a.locality);
            cum[i] = total;
        }
        return cum;
    }

    /** A new person of group g: area, sex and age drawn in proportion to demand; age given at {@code when}. */
    private Person newPerson(int g, LocalDate when) {
        boolean out = OUT_SHARE[g] > 0 && rng.chance(OUT_SHARE[g]);
        int[] range = out ? OUT_RANGE[g] : IN_RANGE[g];
        Area a = lookup.get(rng.pickCumulative(out ? outAreaCum[g] : inAreaCum[g]));
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
        LocalDate birth = when.minusYears(age).minusDays(rng.nextInt(365));
        String code = a.code;
        Area area = a;
        double u = rng.uniform();
        if (u < 0.02) {
            code = ""; // not recorded / no fixed abode
            area = null;
        } else if (u < 0.026) {
            code = OUTSIDE_AREAS[rng.nextInt(OUTSIDE_AREAS.length)]; // lives in a neighbouring council
            area = null;
        }
        Person p = new Person(persons.size(), g, code, area, sex == 0 ? "F" : "M", birth);
        persons.add(p);
        return p;
    }

    // ---- referrals ----

    private List<Referral> makeReferrals() {
        int[] target = allocate(settings.referrals(), GROUP_SHARE, 0);
        List<Referral> referrals = new ArrayList<>();
        int seq = 0;
        for (int g = 0; g < GROUPS.size(); g++) {
            int made = 0;
            while (made < target[g]) {
                LocalDate first = referralDate(g);
                Person p = newPerson(g, first);
                int k = 1;
                if (rng.chance(REPEAT[g])) {
                    k = 2;
                    while (k < 6 && rng.chance(0.3)) {
                        k++;
                    }
                }
                k = Math.min(k, target[g] - made);
                LocalDate date = first;
                boolean inRange = inRange(g, p.ageOn(first));
                for (int j = 0; j < k; j++) {
                    if (j > 0) {
                        date = date.plusDays(14 + (long) rng.exponential(g == MH ? 60 : 80));
                        // no repeat after the data ends, nor once the person has aged out of the group
                        if (date.isAfter(END) || inRange && !inRange(g, p.ageOn(date))) {
                            break;
                        }
                    }
                    referrals.add(newReferral(seq++, p, date));
                    made++;
                }
            }
        }
        referrals.sort(Comparator.comparing((Referral r) -> r.date).thenComparingInt(r -> r.seq));
        for (int i = 0; i < referrals.size(); i++) {
            referrals.get(i).id = "R" + (1_000_001 + i);
        }
        return referrals;
    }

    /** A day in the three fiscal years: fewer at weekends, fewer children's referrals in August, slow growth. */
    private LocalDate referralDate(int g) {
        long days = ChronoUnit.DAYS.between(START, END) + 1;
        while (true) {
            LocalDate d = START.plusDays(rng.nextInt((int) days));
            double accept = 0.92 + 0.04 * ChronoUnit.YEARS.between(START, d);
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
                accept *= 0.2;
            } else if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                accept *= 0.1;
            }
            if (g == CF && d.getMonth() == Month.AUGUST) {
                accept *= 0.6;
            }
            if (rng.uniform() < accept) {
                return d;
            }
        }
    }

    private Referral newReferral(int seq, Person p, LocalDate date) {
        int g = p.group;
        String source = rng.chance(0.04) ? "" : SOURCES[rng.pick(SOURCE_MIX[g])];
        if (source.equals("education") && p.ageOn(date) < 4) {
            source = "community_health"; // health visitors, not schools, refer babies
        }
        double[] mix = OUTCOME_MIX[g].clone();
        if (g == OP && p.area != null && p.area.decile >= 8) {
            mix[0] -= 0.10; // more self-funders, signposted rather than served
            mix[1] += 0.10;
        }
        if (ChronoUnit.DAYS.between(date, END) < 42) {
            mix[3] += 1.5; // recent referrals are mostly still open
        }
        String outcome = rng.chance(0.03) ? "" : OUTCOMES[rng.pick(mix)];
        double urgent = g == MH ? 0.20 : g == CF ? 0.18 : 0.12;
        String priority = rng.chance(0.03) ? "" : rng.chance(urgent) ? "urgent" : "routine";
        String team;
        if (p.area == null) {
            team = "Central Duty";
        } else if (g == CARERS) {
            team = TEAMS[g];
        } else {
            team = TEAMS[g] + " " + p.area.locality;
        }
        return new Referral(seq, p, date, source, outcome, priority, team);
    }

    // ---- service events ----

    private List<Event> makeEvents(List<Referral> referrals) {
        int total = settings.services();
        // When does each referral that led to a service first get one?
        List<Referral> served = new ArrayList<>();
        List<LocalDate> firstStart = new ArrayList<>();
        for (Referral r : referrals) {
            if (!r.outcome.equals("service_provided")) {
                continue;
            }
            int g = r.person.group;
            double median = WAIT_MEDIAN[g] * (r.priority.equals("urgent") ? 0.3 : 1)
                    * (g == MH && r.person.area != null && r.person.area.locality.equals("Eastfield") ? 1.6 : 1);
            long wait = rng.chance(0.05) ? 0 : Math.max(0, Math.round(rng.logNormal(median, 0.8)));
            LocalDate start = r.date.plusDays(wait);
            if (start.isAfter(END)) {
                r.outcome = "ongoing"; // still waiting at the end of the data
                continue;
            }
            served.add(r);
            firstStart.add(start);
        }
        int linked = served.isEmpty() ? 0 : (int) Math.round(total * 0.88);
        int bogus = total - linked > 0 ? Math.max(total >= 100 ? 1 : 0, (int) Math.round(total * 0.003)) : 0;
        bogus = Math.min(bogus, total - linked);
        int unlinked = total - linked - bogus;

        int[] count = allocateEvents(served, linked);
        List<Event> events = new ArrayList<>();
        int[] seq = {0};
        for (int i = 0; i < served.size(); i++) {
            if (count[i] > 0) {
                Referral r = served.get(i);
                addEpisodeChain(events, seq, r.person, r, firstStart.get(i), count[i]);
            }
        }
        // Some linked events carry no referral_id: they link by person and client group.
        for (Event e : events) {
            if (rng.chance(0.12)) {
                e.referralId = "";
            }
        }
        // Long-standing service users with no referral in these years; a few rows from another
        // system whose referral_id is not in referrals.csv.
        int bogusId = 9_000_001;
        for (int[] left = {unlinked, bogus}; left[0] + left[1] > 0; ) {
            boolean isBogus = left[1] > 0 && (left[0] == 0 || rng.chance((double) left[1] / (left[0] + left[1])));
            int g = rng.pick(GROUP_SHARE);
            LocalDate start = START.plusDays(rng.nextInt((int) ChronoUnit.DAYS.between(START, END) + 1));
            Person p = newPerson(g, start);
            int n = isBogus ? 1 : Math.min(left[0], 1 + rng.nextInt(5));
            int from = events.size();
            addEpisodeChain(events, seq, p, null, start, n);
            if (isBogus) {
                events.get(from).referralId = "R" + bogusId++;
                left[1]--;
            } else {
                left[0] -= n;
            }
        }
        events.sort(Comparator.comparing((Event e) -> e.start).thenComparingInt(e -> e.seq));
        for (int i = 0; i < events.size(); i++) {
            events.get(i).id = "S" + (1_000_001 + i);
        }
        // Referral ids are known only now.
        for (Event e : events) {
            if (e.referral != null && e.referralId == null) {
                e.referralId = e.referral.id;
            }
        }
        return events;
    }

    /** How many events each served referral gets: at least one each while they last, the rest by weight. */
    private int[] allocateEvents(List<Referral> served, int linked) {
        int n = served.size();
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
            total += EVENTS_WEIGHT[served.get(i).person.group] * rng.logNormal(1, 0.9);
            cum[i] = total;
        }
        for (int extra = linked - n; extra > 0; extra--) {
            count[rng.pickCumulative(cum)]++;
        }
        return count;
    }

    /** Adds {@code n} events for one person from {@code first} on, all starting on or before {@link #END}. */
    private void addEpisodeChain(List<Event> events, int[] seq, Person p, Referral r, LocalDate first, int n) {
        int g = p.group;
        ServiceType type = SERVICE_TYPES[g][rng.pick(SERVICE_MIX[g])];
        LocalDate start = first;
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                if (!rng.chance(0.7)) {
                    type = SERVICE_TYPES[g][rng.pick(SERVICE_MIX[g])];
                }
                long gap = type.kind == Kind.CONTACT ? rng.between(7, 35) : rng.between(20, 120);
                LocalDate next = start.plusDays(gap);
                if (next.isAfter(END)) {
                    next = start.plusDays(rng.nextInt((int) ChronoUnit.DAYS.between(start, END) + 1));
                }
                start = next;
            }
            events.add(newEvent(seq[0]++, p, r, type, start));
        }
    }

    private Event newEvent(int seq, Person p, Referral r, ServiceType type, LocalDate start) {
        LocalDate end = null;
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
                end = start.plusDays(days - 1);
                if (end.isAfter(END)) {
                    end = null; // ongoing at the end of the data: units to date
                    days = ChronoUnit.DAYS.between(start, END) + 1;
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
                end = start.plusDays(nights);
                if (end.isAfter(END)) {
                    end = null;
                    nights = Math.max(1, ChronoUnit.DAYS.between(start, END));
                }
                units = nights;
            }
        }
        double unitCost = type.unitCost;
        if (type == RESIDENTIAL && p.group == LD) {
            unitCost = 220;
        }
        double cost = round(units * unitCost * (0.9 + 0.2 * rng.uniform()), 2);
        if (rng.chance(0.02)) {
            cost = Double.NaN; // cost not recorded
        }
        String funder = rng.chance(0.02) ? "" : FUNDERS[rng.pick(type.funders)];
        if (rng.chance(0.005)) {
            units = Double.NaN;
        }
        return new Event(seq, p, r, null, type.name, start, end, units, cost, funder);
    }

    // ---- helpers ----

    private void assignPersonIds() {
        int n = persons.size();
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
            persons.get(i).id = "P" + (1_000_001 + perm[i]);
        }
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

    private static int indexOf(String[] values, String v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException(v);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static double round(double x, int places) {
        return new java.math.BigDecimal(Double.toString(x)).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
