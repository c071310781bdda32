package org.jsna.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A small valid council in the shapes the report must survive (issue 7, item 1): one or many
 * localities with plain, long, non-ASCII or markup-laden names, one area or one deprivation decile,
 * no referrals or no services, no costs, every value suppressed, one client group, a period with
 * nothing in it, unknown areas, population of one sex or in 5-year bands. {@link #write(Path)} writes
 * the four canonical CSVs of data.md and, when {@link #yaml} is set, a {@code jsna.yaml}.
 *
 * <p>The dimensions are fields (so jqwik shrinks them); the records themselves come from
 * {@link #seed} through a {@link Random}, so a council is reproducible from its {@code toString}.
 * Every council it writes is valid by data.md: ids unique, dates in the past and ISO, codes
 * canonical, ages 0..120, an end date never before its start, a population year for every period.
 */
public final class Council {

    /** Localities' names: what a real lookup holds, and what stresses HTML, SVG, CSV and file names. */
    public static final List<String> PLAIN_NAMES = List.of("Northgate", "Riverside", "Eastfield", "Old Town",
            "Hillcrest", "Southmoor", "Westbrook", "Central", "Harbour", "Moorland");
    public static final List<String> ODD_NAMES = List.of(
            "Ynys Môn", "Öster Ås–Süd", "Łódź Północ", "東区", "Δήμος Αθηναίων", "Café 🏥 Quarter",
            "<script>alert(\"x\")</script> & 'Co'", "Comma, Town \"quoted\"", "../../etc/passwd", "C:\\temp\\x.csv",
            "=SUM(A1:A9)", "+44 Ward", "@home", "-minus", "CON", "a/b?c*d|e<f>g", "name.with.dots.",
            "#hash %20 &amp;", "Multi\nline", "Tab\there", "ctl\u0001char", "x\uFFFEy", "All areas", "unknown", "Whole area",
            "The Exceptionally Long-Named Locality of Upper and Lower Wallop-on-the-Marsh with Nether Stowey "
                    + "and the Surrounding Parishes of the Vale (North-West Cluster)",
            "north", "NORTHGATE", "   ", "1", "0");

    public enum Costs { NONE, SOME, ALL }

    /** A client group of jsna.yaml, or one of the default set when {@link #yaml} names none. */
    public record Group(String id, String label, String ages) {
    }

    public static final List<Group> DEFAULT_GROUPS = List.of(
            new Group("children_families", "Children and families", "0-17"),
            new Group("learning_disability", "Learning disability", "18-64"),
            new Group("mental_health", "Mental health", "18-64"),
            new Group("physical_disability", "Physical and sensory disability", "18-64"),
            new Group("older_people", "Older people", "65+"),
            new Group("carers", "Carers", "18+"));

    public static final List<Group> ODD_GROUPS = List.of(
            new Group("mental_health", "Mental health", "18-64"),
            new Group("older_people", "Older people", "65+"),
            new Group("g<1>", "Group <b>&amp;</b> \"one\"", "0-120"),
            new Group("très-âgés", "Très âgés: 90+ (no population split)", "90+"),
            new Group("centenarians", "Centenarians (a range with no population)", "100+"),
            new Group("young", "Young adults, 18–25", "18-25"),
            new Group("a/b", "Slash/and\\backslash", "30-30"));

    public static final LocalDate FIRST_DAY = LocalDate.of(2019, 4, 1);

    // ------------------------------------------------------------------ dimensions
    /** Locality names, distinct after trimming, never {@code All} or {@code Unknown}. */
    public List<String> localities = List.of("Northgate");
    public int areasPerLocality = 1;
    /** How many distinct IMD deciles the areas use (1: every area in one decile). */
    public int deciles = 10;
    /** null: the default six client groups (then no client_groups key). */
    public List<Group> groups = null;
    public boolean yaml = false;
    public boolean calendar = false;
    public boolean suppression = true;
    /** Years from the first period to the last referral or event (1..3). */
    public int years = 1;
    /** The first period's year; 0: 2020 or 2021 (from the seed). Set it for many years, so no date is in the future. */
    public int firstYear = 0;
    /** Leave the middle period(s) empty (needs years >= 3). */
    public boolean emptyMiddle = false;
    public int referrals = 10;
    public int services = 10;
    public Costs costs = Costs.SOME;
    /** Per cent of referrals and events with an empty or unknown area code. */
    public int unknownAreaPct = 10;
    /** Per cent of referrals with a source. */
    public int sourcePct = 80;
    public boolean populationYearColumn = true;
    /** Population from an earlier year than the first period only (an older estimate). */
    public boolean olderPopulationOnly = false;
    public boolean bothSexes = true;
    /** Per cent of referrals and unlinked events of sex U (not known); 0 draws no extra random number. */
    public int sexUnknownPct = 0;
    public boolean ageBands = false;
    /** Per cent of areas without any population row (their localities may have no denominator at all). */
    public int areasWithoutPopulationPct = 0;
    /** Largest population of one area, sex and age (0..N, at least one cell positive). */
    public int maxPopulation = 30;
    public long seed = 1;

    public Council copy() {
        Council c = new Council();
        c.localities = List.copyOf(localities);
        c.areasPerLocality = areasPerLocality;
        c.deciles = deciles;
        c.groups = groups == null ? null : List.copyOf(groups);
        c.yaml = yaml;
        c.calendar = calendar;
        c.suppression = suppression;
        c.years = years;
        c.firstYear = firstYear;
        c.emptyMiddle = emptyMiddle;
        c.referrals = referrals;
        c.services = services;
        c.costs = costs;
        c.unknownAreaPct = unknownAreaPct;
        c.sourcePct = sourcePct;
        c.populationYearColumn = populationYearColumn;
        c.olderPopulationOnly = olderPopulationOnly;
        c.bothSexes = bothSexes;
        c.sexUnknownPct = sexUnknownPct;
        c.ageBands = ageBands;
        c.maxPopulation = maxPopulation;
        c.areasWithoutPopulationPct = areasWithoutPopulationPct;
        c.seed = seed;
        return c;
    }

    /** The groups the files use: the yaml's, or the default six. */
    public List<Group> effectiveGroups() {
        return groups == null || !yaml ? DEFAULT_GROUPS : groups;
    }

    /** Java-ish description for a failing try: every dimension, names escaped. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Council{localities=[");
        for (int i = 0; i < localities.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(escape(localities.get(i))).append('"');
        }
        b.append("], areasPerLocality=").append(areasPerLocality).append(", deciles=").append(deciles)
                .append(", groups=").append(groups == null || !yaml ? "default" : groups).append(", yaml=").append(yaml)
                .append(", calendar=").append(calendar).append(", suppression=").append(suppression)
                .append(", years=").append(years).append(firstYear == 0 ? "" : ", firstYear=" + firstYear).append(", emptyMiddle=").append(emptyMiddle)
                .append(", referrals=").append(referrals).append(", services=").append(services)
                .append(", costs=").append(costs).append(", unknownAreaPct=").append(unknownAreaPct)
                .append(", sourcePct=").append(sourcePct).append(", populationYearColumn=").append(populationYearColumn)
                .append(", olderPopulationOnly=").append(olderPopulationOnly).append(", bothSexes=").append(bothSexes)
                .append(sexUnknownPct == 0 ? "" : ", sexUnknownPct=" + sexUnknownPct)
                .append(", ageBands=").append(ageBands).append(", maxPopulation=").append(maxPopulation)
                .append(", areasWithoutPopulationPct=").append(areasWithoutPopulationPct)
                .append(", seed=").append(seed).append('}');
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ writing

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final String[] SOURCES = {"primary_care", "secondary_care", "self_or_family", "social_care",
        "community_health", "police_or_justice", "education", "other"};
    private static final String[] OUTCOMES = {"service_provided", "signposted", "no_further_action", "ongoing",
        "declined", "other"};
    private static final String[] FUNDERS = {"nhs", "council", "pooled", "self"};
    private static final String[] SERVICE_TYPES = {"home_care", "reablement", "day_care", "direct_payment"};
    private static final String[] BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
        "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

    /** Writes population.csv, areas.csv, referrals.csv, services.csv (and jsna.yaml) into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        List<String> locs = distinctLocalities();
        // areas
        List<String> codes = new ArrayList<>();
        try (CSVPrinter p = printer(dir.resolve("areas.csv"))) {
            p.printRecord("area_code", "area_name", "locality", "imd_decile");
            int n = 0;
            int firstDecile = 1 + rnd.nextInt(10);
            for (String loc : locs) {
                for (int a = 0; a < areasPerLocality; a++) {
                    String code = String.format(Locale.ROOT, "E0%07d", ++n);
                    codes.add(code);
                    int decile = 1 + Math.floorMod(firstDecile - 1 + rnd.nextInt(Math.max(1, deciles)), 10);
                    p.printRecord(code, loc + " " + (a + 1), loc, decile);
                }
            }
        }
        // periods: the first period starts at the start of firstYear's period
        int firstYear = 2020 + rnd.nextInt(2);
        if (this.firstYear != 0) {
            firstYear = this.firstYear;
        }
        int lastYear = firstYear + Math.max(1, years) - 1;
        // population: a year no later than the first period's mid-year (or no year column)
        try (CSVPrinter p = printer(dir.resolve("population.csv"))) {
            List<String> header = new ArrayList<>(List.of("area_code", "sex", ageBands ? "age_band" : "age"));
            if (populationYearColumn) {
                header.add("year");
            }
            header.add("population");
            p.printRecord(header);
            List<Integer> popYears = new ArrayList<>();
            if (olderPopulationOnly) {
                popYears.add(firstYear - 1 - rnd.nextInt(2));
            } else {
                for (int y = firstYear; y <= lastYear; y++) {
                    popYears.add(y);
                }
            }
            boolean positive = false;
            // areas left out of the population file; the last area always has rows
            boolean[] without = new boolean[codes.size()];
            for (int ci = 0; ci < codes.size() - 1; ci++) {
                without[ci] = rnd.nextInt(100) < areasWithoutPopulationPct;
            }
            for (int yi = 0; yi < (populationYearColumn ? popYears.size() : 1); yi++) {
                for (int ci = 0; ci < codes.size(); ci++) {
                    if (without[ci]) {
                        continue;
                    }
                    for (char sex : bothSexes ? new char[] {'F', 'M'} : new char[] {'F'}) {
                        int ages = ageBands ? BANDS.length : 91;
                        for (int a = 0; a < ages; a++) {
                            long people = maxPopulation <= 0 ? 0 : rnd.nextInt(maxPopulation + 1);
                            boolean last = yi == 0 && ci == codes.size() - 1 && a == ages - 1;
                            if (last && !positive && people == 0) {
                                people = 1; // an all-zero population file is invalid
                            }
                            positive |= people > 0;
                            List<Object> row = new ArrayList<>();
                            row.add(codes.get(ci));
                            row.add(String.valueOf(sex));
                            row.add(ageBands ? BANDS[a] : Integer.toString(a));
                            if (populationYearColumn) {
                                row.add(popYears.get(yi));
                            }
                            row.add(people);
                            p.printRecord(row);
                        }
                    }
                }
            }
        }
        // dates: spread over the years used, skipping the middle ones when asked
        List<Integer> usedYears = new ArrayList<>();
        for (int y = firstYear; y <= lastYear; y++) {
            if (!emptyMiddle || y == firstYear || y == lastYear) {
                usedYears.add(y);
            }
        }
        List<Group> gs = effectiveGroups();
        List<String> referralIds = new ArrayList<>();
        List<LocalDate> referralDates = new ArrayList<>();
        List<String[]> referralPeople = new ArrayList<>();
        int people = Math.max(1, (referrals + services) / 2);
        try (CSVPrinter p = printer(dir.resolve("referrals.csv"))) {
            p.printRecord("referral_id", "person_id", "referral_date", "client_group", "area_code", "sex", "age",
                    "source", "outcome");
            for (int i = 0; i < referrals; i++) {
                String id = "R" + (i + 1);
                String person = "P" + (1 + rnd.nextInt(people));
                LocalDate date = date(rnd, usedYears);
                Group g = gs.get(rnd.nextInt(gs.size()));
                String area = area(rnd, codes);
                String sex = rnd.nextBoolean() ? "F" : "M";
                if (sexUnknownPct > 0 && rnd.nextInt(100) < sexUnknownPct) {
                    sex = "U";
                }
                int age = age(rnd, g);
                String source = rnd.nextInt(100) < sourcePct ? SOURCES[rnd.nextInt(SOURCES.length)] : "";
                String outcome = rnd.nextInt(10) < 8 ? OUTCOMES[rnd.nextInt(OUTCOMES.length)] : "";
                p.printRecord(id, person, date, g.id(), area, sex, age, source, outcome);
                referralIds.add(id);
                referralDates.add(date);
                referralPeople.add(new String[] {person, g.id(), area, sex, Integer.toString(age)});
            }
        }
        try (CSVPrinter p = printer(dir.resolve("services.csv"))) {
            p.printRecord("event_id", "person_id", "client_group", "service_type", "start_date", "end_date", "units",
                    "cost", "funder", "referral_id", "area_code", "sex", "age");
            for (int i = 0; i < services; i++) {
                String id = "E" + (i + 1);
                boolean linked = !referralIds.isEmpty() && rnd.nextInt(10) < 6;
                String person;
                String group;
                String area;
                String sex;
                String age;
                LocalDate start;
                String refId = "";
                if (linked) {
                    int r = rnd.nextInt(referralIds.size());
                    String[] who = referralPeople.get(r);
                    person = who[0];
                    group = who[1];
                    area = who[2];
                    sex = who[3];
                    age = who[4];
                    refId = referralIds.get(r);
                    start = referralDates.get(r).plusDays(rnd.nextInt(60));
                    LocalDate latest = LocalDate.of(lastYear + (calendar ? 0 : 1), calendar ? 12 : 3, calendar ? 31 : 31);
                    if (start.isAfter(latest)) {
                        start = latest;
                    }
                } else {
                    Group g = gs.get(rnd.nextInt(gs.size()));
                    person = "P" + (1 + rnd.nextInt(people));
                    group = g.id();
                    area = area(rnd, codes);
                    sex = rnd.nextBoolean() ? "F" : "M";
                    if (sexUnknownPct > 0 && rnd.nextInt(100) < sexUnknownPct) {
                        sex = "U";
                    }
                    age = Integer.toString(age(rnd, g));
                    start = date(rnd, usedYears);
                }
                String end = rnd.nextBoolean() ? "" : start.plusDays(rnd.nextInt(90)).toString();
                String units = rnd.nextBoolean() ? "" : Integer.toString(1 + rnd.nextInt(40));
                String cost = switch (costs) {
                    case NONE -> "";
                    case SOME -> rnd.nextBoolean() ? "" : money(rnd);
                    case ALL -> money(rnd);
                };
                String funder = cost.isEmpty() || rnd.nextInt(5) == 0 ? "" : FUNDERS[rnd.nextInt(FUNDERS.length)];
                p.printRecord(id, person, group, SERVICE_TYPES[rnd.nextInt(SERVICE_TYPES.length)], start, end, units,
                        cost, funder, refId, area, sex, age);
            }
        }
        if (yaml) {
            writeYaml(dir, locs, rnd);
        }
    }

    /** The locality names written: trimmed, distinct, neither All nor Unknown nor empty. */
    public List<String> distinctLocalities() {
        List<String> out = new ArrayList<>();
        for (String l : localities) {
            String t = l.strip();
            if (!t.isEmpty() && !t.equals("All") && !t.equals("Unknown") && !out.contains(t)) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            out.add("Northgate");
        }
        return out;
    }

    private void writeYaml(Path dir, List<String> locs, Random rnd) throws IOException {
        StringBuilder y = new StringBuilder("# a generated council (test)\n");
        y.append("inputs: {population: population.csv, areas: areas.csv, referrals: referrals.csv, "
                + "services: services.csv}\n");
        if (calendar) {
            y.append("period: calendar-year\n");
        }
        if (!suppression) {
            y.append("suppression: false\n");
        }
        if (groups != null) {
            y.append("client_groups:\n");
            for (Group g : groups) {
                y.append("  - {id: ").append(yamlString(g.id())).append(", label: ").append(yamlString(g.label()))
                        .append(", ages: ").append(yamlString(g.ages())).append("}\n");
            }
        }
        if (rnd.nextBoolean()) {
            // a reporting order: the lookup's localities reversed
            y.append("localities:\n");
            for (int i = locs.size() - 1; i >= 0; i--) {
                y.append("  - ").append(yamlString(locs.get(i))).append('\n');
            }
        }
        Files.writeString(dir.resolve("jsna.yaml"), y.toString(), StandardCharsets.UTF_8);
    }

    /** A double-quoted YAML scalar. */
    static String yamlString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private LocalDate date(Random rnd, List<Integer> usedYears) {
        int y = usedYears.get(rnd.nextInt(usedYears.size()));
        LocalDate start = calendar ? LocalDate.of(y, 1, 1) : LocalDate.of(y, 4, 1);
        return start.plusDays(rnd.nextInt(365));
    }

    private String area(Random rnd, List<String> codes) {
        int r = rnd.nextInt(100);
        if (r < unknownAreaPct / 2) {
            return "";
        }
        if (r < unknownAreaPct) {
            return "W99999999"; // not in the lookup
        }
        return codes.get(rnd.nextInt(codes.size()));
    }

    private static int age(Random rnd, Group g) {
        String a = g.ages();
        int lo;
        int hi;
        if (a.endsWith("+")) {
            lo = Integer.parseInt(a.substring(0, a.length() - 1));
            hi = Math.min(120, lo + 30);
        } else {
            lo = Integer.parseInt(a.substring(0, a.indexOf('-')));
            hi = Integer.parseInt(a.substring(a.indexOf('-') + 1));
        }
        if (rnd.nextInt(20) == 0) {
            return rnd.nextInt(121); // outside the group's range now and then (counted in data quality)
        }
        return lo + rnd.nextInt(hi - lo + 1);
    }

    private static String money(Random rnd) {
        return String.format(Locale.ROOT, "%d.%02d", rnd.nextInt(5000), rnd.nextInt(100));
    }

    private static CSVPrinter printer(Path file) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSV);
    }
}
