package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {

    @Test
    void readsTheValidSetIntoTypedRecords() throws Exception {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, null, null));
        assertEquals(List.of("E01000001|North|1|Alpha", "E01000002|North|5|Beta", "E01000003|South|10|Gamma"),
                run.sink().areas);
        // age 95 folds into 90; a row of an area outside the lookup is counted, not handed on
        assertEquals(List.of("E01000001|F|30|30|2023|100", "E01000001|M|30|30|2023|90", "E01000002|F|70|70|2023|50",
                "E01000003|M|90|90|2023|5"), run.sink().population);
        assertEquals(1, run.sink().populationOutsideLookup);
        assertEquals(List.of(
                "0|P1|2023-05-01|mental_health|E01000001|F|30|primary_care|signposted|R1",
                "1|P2|2023-06-15|older_people|E01000002|M|70|null|null|R2",
                "2|P1|2024-01-10|mental_health||F|31|self_or_family|ongoing|R3"), run.sink().referrals);
        // each record carries its own id and its person's on (the aggregation groups a person's records, and
        // breaks their ties by the smallest id: IdOrder)
        assertEquals(List.of(
                "0|P1|mental_health|2023-05-10|200.5|nhs|0|E01000001|F|30|E1",
                "1|P3|older_people|2023-07-01|NaN|council|-2|E01000002|M|72|E2",
                "2|P2|older_people|2023-08-01|NaN|null|-1|E01000002|M|70|E3"), run.sink().services);
        assertTrue(run.problems().isEmpty());
        ReadSummary s = run.summary();
        assertEquals(3, s.referralCount());
        assertEquals(3, s.eventCount());
        assertEquals(List.of("areas", "population", "referrals", "services"),
                s.files().stream().map(ReadSummary.FileSummary::role).toList());
        ReadSummary.FileSummary pop = s.files().get(1);
        assertEquals(5, pop.rowsRead());
        assertEquals(5, pop.rowsUsed());
        assertEquals("UTF-8", pop.encoding());
        assertEquals(Files.size(Fixtures.valid().resolve("population.csv")), pop.bytes());
        assertEquals(64, pop.sha256().length());
    }

    @Test
    void sha256IsThatOfTheBytes(@TempDir Path dir) throws Exception {
        Path v = Fixtures.valid();
        for (String f : List.of("areas.csv", "population.csv", "referrals.csv", "services.csv")) {
            Files.copy(v.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("areas.csv"), "area_code,locality,imd_decile\nabc,L,1\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(dir, null, null, null, null, null));
        // sha256 of "area_code,locality,imd_decile\nabc,L,1\n" computed with sha256sum
        assertEquals("d3d7f25c29dfeea187554a245a323148947bc73fa53bb4e33308353118c06bcd", run.summary().files().get(0).sha256());
    }

    @Test
    void unitCostTimesUnitsWhenCostIsEmpty(@TempDir Path dir) throws Exception {
        Path svc = dir.resolve("services.csv");
        Files.writeString(svc, "event_id,person_id,client_group,service_type,start_date,units,cost,unit_cost,"
                + "area_code,sex,age\n"
                + "E1,P1,older_people,home_care,2024-01-01,2.5,,20,E01000001,F,80\n"
                + "E2,P1,older_people,home_care,2024-01-02,2.5,30,20,E01000001,F,80\n"
                + "E3,P1,older_people,home_care,2024-01-03,,,20,E01000001,F,80\n"
                // the product of the decimals as written, not of the doubles (3 x 0.1 = 0.30000000000000004, and
                // 83.5 x 12.345 = 1030.8075000000001, which the exact pound sums carried into the tables)
                + "E4,P1,older_people,home_care,2024-01-04,3,,0.1,E01000001,F,80\n"
                + "E5,P1,older_people,home_care,2024-01-05,83.5,,12.345,E01000001,F,80\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, null, svc));
        List<String> s = run.sink().services;
        assertTrue(s.get(0).contains("|2024-01-01|50.0|"), s.get(0)); // 2.5 units at 20
        assertTrue(s.get(1).contains("|2024-01-02|30.0|"), s.get(1)); // the cost wins over unit_cost x units
        assertTrue(s.get(2).contains("|2024-01-03|NaN|"), s.get(2)); // no units: cost unknown
        assertTrue(s.get(3).contains("|2024-01-04|0.3|"), s.get(3));
        assertTrue(s.get(4).contains("|2024-01-05|1030.8075|"), s.get(4));
    }

    @Test
    void agesFromBirthDateAndBirthYear(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("referrals.csv");
        Files.writeString(ref, "referral_id,person_id,referral_date,client_group,area_code,sex,birth_date,birth_year\n"
                // the day before the 30th birthday: 29; on it: 30
                + "R1,P1,2024-03-14,mental_health,E01000001,F,1994-03-15,\n"
                + "R2,P1,2024-03-15,mental_health,E01000001,F,1994-03-15,\n"
                // born 29 February: 1 year old on 1 March of a common year, not on 28 February
                + "R3,P2,2021-02-28,children_families,E01000001,M,2020-02-29,\n"
                + "R4,P2,2021-03-01,children_families,E01000001,M,2020-02-29,\n"
                // birth_year taken as 1 July: 1950 -> 73 on 30 June 2024, 74 on 1 July 2024
                + "R5,P3,2024-06-30,older_people,E01000001,M,,1950\n"
                + "R6,P3,2024-07-01,older_people,E01000001,M,,1950\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, ref, null));
        List<Integer> ages = run.sink().referrals.stream().map(x -> Integer.parseInt(x.split("\\|")[6])).toList();
        assertEquals(List.of(29, 30, 0, 1, 73, 74), ages);
    }

    @Test
    void ageBandPopulation(@TempDir Path dir) throws Exception {
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "area_code,sex,age_band,population\nE01000001,F,0-4,10\nE01000001,F,15-19,7\n"
                + "E01000001,M,90+,3\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, pop, null, null, null));
        assertEquals(List.of("E01000001|F|0|4|-1|10", "E01000001|F|15|19|-1|7", "E01000001|M|90|90|-1|3"),
                run.sink().population);
    }

    @Test
    void headerOnlyReferralsAndServicesAreValid() {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null,
                Fixtures.resource("rules/referrals_header_only.csv"), Fixtures.resource("rules/services_header_only.csv")));
        assertTrue(run.sink().referrals.isEmpty());
        assertTrue(run.sink().services.isEmpty());
        assertEquals(0, run.summary().files().get(2).rowsRead());
    }

    @Test
    void lineIsWhereTheRecordStartsWithQuotedNewlines() {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null,
                Fixtures.resource("rules/referrals_embedded_newline.csv"), null));
        assertEquals(1, run.problems().size());
        assertEquals(5, run.problems().get(0).line());
        assertEquals("bad_age", run.problems().get(0).reason());
        // the quoted area code "E0100<newline>0002" was read whole: it is no area of the lookup
        assertTrue(run.sink().referrals.get(1).contains("|older_people|?|"), run.sink().referrals.get(1));
    }

    @Test
    void rowsReadIsUsedPlusRejected() {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null,
                Fixtures.resource("rules/referrals_duplicate_referral_id.csv"), null));
        ReadSummary.FileSummary f = run.summary().files().get(2);
        assertEquals(3, f.rowsRead());
        assertEquals(2, f.rowsUsed());
        assertEquals(1, f.rowsRejected());
        assertEquals(Map.of("duplicate_referral_id", 1L), f.rejectedByReason());
    }

    @Test
    void missingFileIsIoError(@TempDir Path dir) {
        JsnaException e = assertThrows(JsnaException.class,
                () -> ConfigLoader.load(Fixtures.valid(), null, null, null, dir.resolve("nope.csv"), null));
        assertEquals(4, e.exitCode());
        JsnaException d = assertThrows(JsnaException.class,
                () -> ConfigLoader.load(Fixtures.valid(), null, null, null, dir, null));
        assertEquals(4, d.exitCode());
        assertTrue(d.getMessage().contains("folder"), d.getMessage());
    }

    @Test
    void progressReachesEveryFilesSize() throws Exception {
        JsnaConfig cfg = ConfigLoader.load(Fixtures.valid(), null, null, null, null, null);
        java.util.Map<String, long[]> last = new java.util.LinkedHashMap<>();
        new InputReader(cfg, Fixtures.TODAY, false, null)
                .withProgress((role, file, done, total) -> last.put(file.getFileName().toString(), new long[] {done, total}))
                .read(new Fixtures.TextSink());
        assertEquals(List.of("areas.csv", "population.csv", "referrals.csv", "services.csv"), List.copyOf(last.keySet()));
        for (java.util.Map.Entry<String, long[]> e : last.entrySet()) {
            long size = Files.size(Fixtures.valid().resolve(e.getKey()));
            assertEquals(size, e.getValue()[0], e.getKey());
            assertEquals(size, e.getValue()[1], e.getKey());
        }
    }

    @Test
    void populationAgesOver90FoldInto90AndAreNotDuplicates(@TempDir Path dir) throws Exception {
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "area_code,sex,age,population\nE01000001,F,89,4\nE01000001,F,90+,3\n"
                + "E01000001,M,104,1\nE01000001,M,95,2\nE01000001,M,90,5\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, pop, null, null, null));
        assertEquals(List.of("E01000001|F|89|89|-1|4", "E01000001|F|90|90|-1|3", "E01000001|M|90|90|-1|1",
                "E01000001|M|90|90|-1|2", "E01000001|M|90|90|-1|5"),
                run.sink().population);
    }
    /**
     * data.md: "A fiscal year 2023/24 uses mid-2023": a population labelled by fiscal year is that mid-year's, in
     * the year column and in jsna.yaml; a fiscal year whose second year does not follow the first is no year.
     */
    @Test
    void aPopulationOfAFiscalYearIsThatOfItsFirstMidYear(@TempDir Path dir) throws Exception {
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "area_code,sex,age,year,population\nE01000001,F,30,2023/24,4\nE01000001,M,30,2024-25,3\n"
                + "E01000001,F,31,1999/00,2\nE01000001,F,32,2023/25,1\nE01000001,F,33,2023/2024,1\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, pop, null, null, null));
        assertEquals(List.of("E01000001|F|30|30|2023|4", "E01000001|M|30|30|2024|3", "E01000001|F|31|31|1999|2"),
                run.sink().population);
        assertEquals(2, run.problems().size(), run.problems()::toString);
        for (org.jsna.validate.Problem p : run.problems()) {
            assertEquals("bad_year", p.reason(), p::toString);
        }
        Path yaml = dir.resolve("jsna.yaml");
        copyValid(dir, "areas", "referrals", "services");
        Files.writeString(dir.resolve("p.csv"), "area_code,sex,age,population\nE01000001,F,30,4\n");
        Files.writeString(yaml, "inputs: {population: [{path: p.csv, year: 2023/24}]}\n");
        Fixtures.Run fromYaml = Fixtures.read(ConfigLoader.load(dir, null, null, null, null, null));
        assertEquals(List.of("E01000001|F|30|30|2023|4"), fromYaml.sink().population);
        Files.writeString(yaml, "inputs: {population: [{path: p.csv, year: 2023/25}]}\n");
        JsnaException e = assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
        assertTrue(e.getMessage().contains("inputs.population.year: value '2023/25': expected a mid-year such as 2023 "
                + "(or a fiscal year such as 2023/24, which uses mid-2023)"), e.getMessage());
    }
    /**
     * codes maps each file value once: a swap of two canonical values (a file whose sources, or sexes, were coded
     * the other way round) swaps them. The target was looked up in the map being filled, so both ended as one of
     * them, which one depending on the order of the keys.
     */
    @Test
    void aCodesMappingThatSwapsTwoCanonicalValuesSwapsThem(@TempDir Path dir) throws Exception {
        copyValid(dir, "areas", "population", "referrals", "services");
        for (String order : List.of("{primary_care: self_or_family, self_or_family: primary_care}",
                "{self_or_family: primary_care, primary_care: self_or_family}")) {
            Files.writeString(dir.resolve("jsna.yaml"), "codes: {source: " + order + ", sex: {F: M, M: F}}\n");
            Fixtures.Run run = Fixtures.read(ConfigLoader.load(dir, null, null, null, null, null));
            assertEquals(List.of(
                    "0|P1|2023-05-01|mental_health|E01000001|M|30|self_or_family|signposted|R1",
                    "1|P2|2023-06-15|older_people|E01000002|F|70|null|null|R2",
                    "2|P1|2024-01-10|mental_health||M|31|primary_care|ongoing|R3"), run.sink().referrals, order);
            assertEquals(List.of("E01000001|M|30|30|2023|100", "E01000001|F|30|30|2023|90",
                    "E01000002|M|70|70|2023|50", "E01000003|F|90|90|2023|5"), run.sink().population, order);
        }
    }

    /** Copies these inputs of the valid set (by role: areas, population, …) into {@code dir}. */
    private static void copyValid(Path dir, String... roles) throws java.io.IOException {
        for (String f : roles) {
            Files.copy(Fixtures.valid().resolve(f + ".csv"), dir.resolve(f + ".csv"));
        }
    }
}
