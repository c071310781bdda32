package org.jsna.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The bundled sample-data/ and other seeds checked against data.md: headers, code lists, dates, unique
 * ids, referential consistency, consistent people, and the features a meaningful report needs.
 * Expected values come from data.md and indicators.md, not from the generator.
 */
class SampleDataTest {

    static final Path BUNDLED = Path.of("sample-data");

    // data.md code lists and client groups
    static final Set<String> GROUPS = Set.of("children_families", "learning_disability", "mental_health",
            "physical_disability", "older_people", "carers");
    static final Map<String, int[]> GROUP_AGES = Map.of("children_families", new int[] {0, 17},
            "learning_disability", new int[] {18, 64}, "mental_health", new int[] {18, 64},
            "physical_disability", new int[] {18, 64}, "older_people", new int[] {65, 200}, "carers", new int[] {18, 200});
    static final Set<String> SOURCES = Set.of("primary_care", "secondary_care", "self_or_family", "social_care",
            "community_health", "police_or_justice", "education", "other");
    static final Set<String> OUTCOMES = Set.of("service_provided", "signposted", "no_further_action", "ongoing",
            "declined", "other");
    static final Set<String> FUNDERS = Set.of("nhs", "council", "pooled", "self");
    static final Pattern LSOA = Pattern.compile("E01\\d{6}");
    static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    static final Pattern MONEY = Pattern.compile("\\d+\\.\\d{2}");
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    static final LocalDate FIRST = LocalDate.of(2022, 4, 1);
    static final LocalDate LAST = LocalDate.of(2025, 3, 31);

    /** One parsed input set with what the checks below need. */
    static final class Set4 {
        final List<CSVRecord> population;
        final List<CSVRecord> areas;
        final List<CSVRecord> referrals;
        final List<CSVRecord> services;
        final Map<String, CSVRecord> areaByCode = new HashMap<>();
        final Map<String, CSVRecord> referralById = new HashMap<>();
        final Map<String, Object> yaml;

        Set4(Path dir) throws IOException {
            population = read(dir.resolve("population.csv"), SampleWriter.POPULATION_HEADER);
            areas = read(dir.resolve("areas.csv"), SampleWriter.AREAS_HEADER);
            referrals = read(dir.resolve("referrals.csv"), SampleWriter.REFERRALS_HEADER);
            services = read(dir.resolve("services.csv"), SampleWriter.SERVICES_HEADER);
            for (CSVRecord a : areas) {
                assertTrue(areaByCode.put(a.get("area_code"), a) == null, "duplicate area_code " + a.get("area_code"));
            }
            for (CSVRecord r : referrals) {
                assertTrue(referralById.put(r.get("referral_id"), r) == null, "duplicate referral_id " + r.get("referral_id"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> y = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(dir.resolve("jsna.yaml"), StandardCharsets.UTF_8));
            yaml = y;
        }

        String locality(String code) {
            CSVRecord a = areaByCode.get(code);
            return a == null ? "Unknown" : a.get("locality");
        }
    }

    static Set4 bundled;

    @BeforeAll
    static void readBundled() throws IOException {
        bundled = new Set4(BUNDLED);
    }

    static List<CSVRecord> read(Path file, List<String> header) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertFalse(bytes.length >= 3 && bytes[0] == (byte) 0xEF, file + ": no BOM");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.DEFAULT.builder()
                        .setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(header, p.getHeaderNames(), file + ": header");
            List<CSVRecord> rows = p.getRecords();
            for (CSVRecord row : rows) {
                assertEquals(header.size(), row.size(), file + ":" + row.getRecordNumber() + ": ragged row");
            }
            return rows;
        }
    }

    static LocalDate date(String s, String what) {
        try {
            return LocalDate.parse(s, ISO);
        } catch (RuntimeException e) {
            fail(what + ": not an ISO date: " + s);
            return null;
        }
    }

    static int fiscalYear(LocalDate d) {
        return d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
    }

    // ---- the bundled set is what the code writes ----

    @Test
    void bundledSampleIsWhatTheDefaultsWrite(@TempDir Path tmp) throws IOException {
        SampleCommandTest.Result r = SampleCommandTest.run("sample", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : SampleCommandTest.FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve(f)), Files.readAllBytes(BUNDLED.resolve(f)),
                    f + " differs: regenerate with `jsna sample --out sample-data` (docs/sample.md)");
        }
    }

    /**
     * A set is written whole or not at all: a target that cannot be replaced (here a folder named services.csv)
     * is found before anything is written, and a folder the run made is gone again; an earlier set stays as it
     * was. (A full disk or SIGTERM midway left a mix of the new and the old files, or temporary files.)
     */
    @Test
    void aSetIsWrittenWholeOrNotAtAll(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("set");
        SampleWriter.write(dir, new SampleSettings(10, 50, 60, 1));
        Map<String, Long> before = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName().toString(), Files.size(f));
            }
        }
        Files.delete(dir.resolve("services.csv"));
        Files.createDirectory(dir.resolve("services.csv"));
        before.put("services.csv", Files.size(dir.resolve("services.csv")));
        JsnaException e = org.junit.jupiter.api.Assertions.assertThrows(JsnaException.class,
                () -> SampleWriter.write(dir, new SampleSettings(12, 70, 80, 2)));
        assertEquals(4, e.exitCode(), e.getMessage());
        Map<String, Long> after = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                after.put(f.getFileName().toString(), Files.size(f));
            }
        }
        assertEquals(before, after, "nothing written, nothing left");
        Path fresh = tmp.resolve("a/b/c");
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/b"), "a file where a folder is needed");
        org.junit.jupiter.api.Assertions.assertThrows(JsnaException.class,
                () -> SampleWriter.write(fresh, new SampleSettings(12, 70, 80, 2)));
        assertEquals("a file where a folder is needed", Files.readString(tmp.resolve("a/b")));
    }

    @Test
    void bundledSampleIsUnder10MegabytesAndCouncilSized() throws IOException {
        long bytes = 0;
        for (String f : SampleCommandTest.FILES) {
            bytes += Files.size(BUNDLED.resolve(f));
        }
        assertTrue(bytes < 10_000_000L, "total " + bytes);
        assertEquals(150, bundled.areas.size());
        assertEquals(18_000, bundled.referrals.size());
        assertEquals(26_000, bundled.services.size());
        Set<String> localities = new TreeSet<>();
        bundled.areas.forEach(a -> localities.add(a.get("locality")));
        assertEquals(6, localities.size());
    }

    // ---- schema and consistency (data.md) ----

    @Test
    void bundledSampleFollowsTheSchema() {
        checkSchema(bundled);
    }

    @Test
    void otherSeedsFollowTheSchema(@TempDir Path tmp) throws IOException {
        for (long seed : new long[] {2, 12345}) {
            Path dir = tmp.resolve("s" + seed);
            assertEquals(0, SampleCommandTest.run("sample", "--out", dir.toString(), "--areas", "12", "--referrals", "800",
                    "--services", "1200", "--seed", Long.toString(seed)).code());
            checkSchema(new Set4(dir));
        }
    }

    static void checkSchema(Set4 s) {
        LocalDate today = LocalDate.now();
        // areas
        Map<Integer, double[]> scoreRange = new TreeMap<>();
        for (CSVRecord a : s.areas) {
            assertTrue(LSOA.matcher(a.get("area_code")).matches(), a.toString());
            assertFalse(a.get("locality").isBlank(), a.toString());
            assertFalse(a.get("area_name").isBlank(), a.toString());
            int d = Integer.parseInt(a.get("imd_decile"));
            assertTrue(d >= 1 && d <= 10, a.toString());
            double score = Double.parseDouble(a.get("imd_score"));
            double[] r = scoreRange.computeIfAbsent(d, k -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
            r[0] = Math.min(r[0], score);
            r[1] = Math.max(r[1], score);
        }
        assertEquals(10, scoreRange.size(), "every decile has an area");
        for (int d = 1; d < 10; d++) {
            assertTrue(scoreRange.get(d)[0] > scoreRange.get(d + 1)[1], "IMD scores fall as deciles rise: " + d);
        }
        // jsna.yaml
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) s.yaml.get("inputs");
        assertEquals(Map.of("population", "population.csv", "areas", "areas.csv", "referrals", "referrals.csv",
                "services", "services.csv"), inputs);
        assertEquals(Set.of("inputs", "localities"), s.yaml.keySet());
        Set<String> localities = new HashSet<>();
        s.areas.forEach(a -> localities.add(a.get("locality")));
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) s.yaml.get("localities");
        assertEquals(localities, new HashSet<>(order));
        assertEquals(order.size(), new HashSet<>(order).size());

        // population: a full grid of area x sex x age 0..90 x year, no duplicate key
        Set<String> keys = new HashSet<>();
        Set<String> popAreas = new HashSet<>();
        long total = 0;
        for (CSVRecord p : s.population) {
            assertTrue(LSOA.matcher(p.get("area_code")).matches(), p.toString());
            assertTrue(Set.of("M", "F").contains(p.get("sex")), p.toString());
            int age = Integer.parseInt(p.get("age"));
            assertTrue(age >= 0 && age <= 90, p.toString());
            assertTrue(Set.of("2022", "2023", "2024").contains(p.get("year")), p.toString());
            assertTrue(p.get("population").matches("\\d+"), p.toString());
            total += Long.parseLong(p.get("population"));
            assertTrue(keys.add(p.get("area_code") + "|" + p.get("sex") + "|" + age + "|" + p.get("year")), "duplicate " + p);
            popAreas.add(p.get("area_code"));
        }
        assertEquals(popAreas.size() * 2 * 91 * 3, s.population.size(), "complete grid");
        assertTrue(popAreas.containsAll(s.areaByCode.keySet()), "every lookup area has a population");
        assertTrue(total > 0);

        // referrals
        Map<String, String[]> person = new HashMap<>();
        Map<String, long[]> birth = new HashMap<>(); // person -> [earliest, latest] possible birth epoch day
        for (CSVRecord r : s.referrals) {
            String where = "referrals.csv:" + (r.getRecordNumber() + 1);
            assertTrue(r.get("referral_id").matches("\\S+"), where);
            assertFalse(r.get("person_id").isEmpty(), where);
            LocalDate d = date(r.get("referral_date"), where);
            assertFalse(d.isAfter(today), where + ": in the future");
            assertFalse(d.isBefore(FIRST) || d.isAfter(LAST), where + ": outside 2022/23-2024/25");
            checkPersonFields(r, where, person, birth, d);
            assertTrue(r.get("source").isEmpty() || SOURCES.contains(r.get("source")), where);
            assertTrue(r.get("outcome").isEmpty() || OUTCOMES.contains(r.get("outcome")), where);
        }
        // services
        Set<String> eventIds = new HashSet<>();
        for (CSVRecord e : s.services) {
            String where = "services.csv:" + (e.getRecordNumber() + 1);
            assertTrue(eventIds.add(e.get("event_id")), where + ": duplicate event_id");
            assertFalse(e.get("service_type").isBlank(), where);
            LocalDate start = date(e.get("start_date"), where);
            assertFalse(start.isAfter(today), where);
            assertFalse(start.isBefore(FIRST) || start.isAfter(LAST), where);
            if (!e.get("end_date").isEmpty()) {
                LocalDate end = date(e.get("end_date"), where);
                assertFalse(end.isBefore(start), where + ": end before start");
                assertFalse(end.isAfter(today), where);
            }
            assertTrue(e.get("units").isEmpty() || DECIMAL.matcher(e.get("units")).matches(), where + " units");
            assertTrue(e.get("cost").isEmpty() || MONEY.matcher(e.get("cost")).matches(), where + " cost");
            assertTrue(e.get("funder").isEmpty() || FUNDERS.contains(e.get("funder")), where);
            checkPersonFields(e, where, person, birth, start);
            CSVRecord ref = s.referralById.get(e.get("referral_id"));
            if (ref != null) {
                assertEquals(ref.get("person_id"), e.get("person_id"), where + ": linked to another person's referral");
                assertEquals(ref.get("client_group"), e.get("client_group"), where);
                assertFalse(start.isBefore(date(ref.get("referral_date"), where)), where + ": service before its referral");
            }
        }
    }

    /** Client group, area, sex and age valid; the same person always has the same group, area, sex and birth date. */
    static void checkPersonFields(CSVRecord r, String where, Map<String, String[]> person, Map<String, long[]> birth,
            LocalDate on) {
        String group = r.get("client_group");
        assertTrue(GROUPS.contains(group), where + ": client_group " + group);
        String area = r.get("area_code");
        assertTrue(area.isEmpty() || LSOA.matcher(area).matches(), where + ": area_code " + area);
        assertTrue(Set.of("M", "F").contains(r.get("sex")), where);
        assertTrue(r.get("age").matches("\\d+"), where);
        int age = Integer.parseInt(r.get("age"));
        assertTrue(age <= 120, where);
        String[] attrs = {group, area, r.get("sex")};
        String[] seen = person.putIfAbsent(r.get("person_id"), attrs);
        if (seen != null) {
            assertArrayEquals(seen, attrs, where + ": person " + r.get("person_id") + " changed group, area or sex");
        }
        // born after on-(age+1) years and on or before on-age years
        long lo = on.minusYears(age + 1L).plusDays(1).toEpochDay();
        long hi = on.minusYears(age).toEpochDay();
        long[] b = birth.computeIfAbsent(r.get("person_id"), k -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        b[0] = Math.max(b[0], lo);
        b[1] = Math.min(b[1], hi);
        assertTrue(b[0] <= b[1], where + ": age " + age + " inconsistent with the person's other records");
    }

    // ---- a meaningful report (indicators.md) ----

    @Test
    void referralsCoverEveryGroupYearAndLocalityWithSomeSmallCells() {
        Map<String, Integer> cells = new TreeMap<>();
        for (CSVRecord r : bundled.referrals) {
            cells.merge(fiscalYear(LocalDate.parse(r.get("referral_date"))) + "|" + r.get("client_group") + "|"
                    + bundled.locality(r.get("area_code")), 1, Integer::sum);
        }
        int localities = 6 + 1; // and Unknown
        assertEquals(3 * 6 * localities, cells.size(), "every year x group x locality (and Unknown) has referrals: " + cells);
        long small = cells.values().stream().filter(n -> n >= 1 && n <= 7).count();
        long large = cells.values().stream().filter(n -> n >= 100).count();
        assertTrue(small >= 3, "some cells are suppressed (1-7): " + small);
        assertTrue(small < cells.size() / 4, "but not most: " + small);
        assertTrue(large > cells.size() / 2, "most cells are large enough for stable rates: " + large);
    }

    @Test
    void demandFollowsADeprivationGradient() {
        // referrals per 1,000 people of the group's ages, 2023/24, deciles 1 and 10
        for (String group : List.of("children_families", "mental_health")) {
            int[] ages = GROUP_AGES.get(group);
            double[] pop = new double[11];
            for (CSVRecord p : bundled.population) {
                CSVRecord a = bundled.areaByCode.get(p.get("area_code"));
                int age = Integer.parseInt(p.get("age"));
                if (a != null && p.get("year").equals("2023") && age >= ages[0] && age <= ages[1]) {
                    pop[Integer.parseInt(a.get("imd_decile"))] += Integer.parseInt(p.get("population"));
                }
            }
            double[] count = new double[11];
            for (CSVRecord r : bundled.referrals) {
                CSVRecord a = bundled.areaByCode.get(r.get("area_code"));
                if (a != null && r.get("client_group").equals(group) && fiscalYear(LocalDate.parse(r.get("referral_date"))) == 2023) {
                    count[Integer.parseInt(a.get("imd_decile"))]++;
                }
            }
            double most = count[1] / pop[1];
            double least = count[10] / pop[10];
            assertTrue(most > 1.5 * least, group + ": decile 1 " + most + " vs decile 10 " + least);
            for (int d = 1; d <= 10; d++) {
                assertTrue(count[d] >= 10, group + " decile " + d + " has a stable count: " + count[d]);
            }
        }
    }

    @Test
    void ageProfilesFitTheClientGroupsWithAFewOutsideTheRange() {
        Map<String, int[]> inOut = new TreeMap<>();
        for (CSVRecord r : bundled.referrals) {
            int[] range = GROUP_AGES.get(r.get("client_group"));
            int age = Integer.parseInt(r.get("age"));
            int[] c = inOut.computeIfAbsent(r.get("client_group"), k -> new int[2]);
            c[age >= range[0] && age <= range[1] ? 0 : 1]++;
        }
        for (Map.Entry<String, int[]> e : inOut.entrySet()) {
            int[] c = e.getValue();
            assertTrue(c[1] <= 0.05 * (c[0] + c[1]), e.getKey() + " mostly in range: " + c[0] + "/" + c[1]);
        }
        assertTrue(inOut.get("carers")[1] > 0, "some carers outside 18+");
        assertTrue(inOut.get("older_people")[1] > 0, "some older people under 65");
    }

    @Test
    void recordsExerciseEveryIndicatorAndDataQualityItem() {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<String>> personsPerYearGroup = new HashMap<>();
        for (CSVRecord r : bundled.referrals) {
            String code = r.get("area_code");
            if (code.isEmpty()) {
                counts.merge("referral empty area", 1, Integer::sum);
            } else if (!bundled.areaByCode.containsKey(code)) {
                counts.merge("referral area outside lookup", 1, Integer::sum);
            }
            counts.merge("source " + (r.get("source").isEmpty() ? "(empty)" : r.get("source")), 1, Integer::sum);
            counts.merge("outcome " + (r.get("outcome").isEmpty() ? "(empty)" : r.get("outcome")), 1, Integer::sum);
            String key = fiscalYear(LocalDate.parse(r.get("referral_date"))) + "|" + r.get("client_group") + "|" + r.get("person_id");
            if (!personsPerYearGroup.computeIfAbsent("p", k -> new HashSet<>()).add(key)) {
                counts.merge("repeat referral in year", 1, Integer::sum);
            }
        }
        Map<String, List<CSVRecord>> referralsOfPerson = new HashMap<>();
        bundled.referrals.forEach(r -> referralsOfPerson.computeIfAbsent(r.get("person_id"), k -> new ArrayList<>()).add(r));
        Set<String> funders = new TreeSet<>();
        for (CSVRecord e : bundled.services) {
            funders.add(e.get("funder"));
            if (e.get("cost").isEmpty()) {
                counts.merge("empty cost", 1, Integer::sum);
            }
            String rid = e.get("referral_id");
            if (rid.isEmpty()) {
                LocalDate start = LocalDate.parse(e.get("start_date"));
                boolean byRule = referralsOfPerson.getOrDefault(e.get("person_id"), List.of()).stream().anyMatch(r -> {
                    long days = ChronoUnit.DAYS.between(LocalDate.parse(r.get("referral_date")), start);
                    return r.get("client_group").equals(e.get("client_group")) && days >= 0 && days <= 365;
                });
                counts.merge(byRule ? "linked by person and group" : "unlinked", 1, Integer::sum);
            } else if (bundled.referralById.containsKey(rid)) {
                counts.merge("linked by referral_id", 1, Integer::sum);
            } else {
                counts.merge("referral_id not found", 1, Integer::sum);
            }
        }
        assertEquals(new TreeSet<>(List.of("", "council", "nhs", "pooled", "self")), funders);
        for (String item : List.of("referral empty area", "referral area outside lookup", "source (empty)",
                "outcome (empty)", "repeat referral in year", "empty cost", "linked by person and group", "unlinked",
                "linked by referral_id", "referral_id not found")) {
            assertNotNull(counts.get(item), item + " occurs: " + counts);
        }
        for (String code : SOURCES) {
            assertNotNull(counts.get("source " + code), code + ": " + counts);
        }
        for (String code : OUTCOMES) {
            assertNotNull(counts.get("outcome " + code), code + ": " + counts);
        }
        int linked = counts.get("linked by referral_id");
        assertTrue(linked > 0.6 * bundled.services.size(), "most events carry their referral_id: " + linked);
        assertTrue(counts.get("referral_id not found") < 0.01 * bundled.services.size());
    }
}
