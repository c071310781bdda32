package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.output.CouncilReports;
import org.jsna.output.CouncilReports.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jsna project} end to end, in process, on a small council whose every expected number was worked out
 * outside jsna: {@code src/test/resources/projection/council/expected.py} applies docs/projection.md's formulas
 * with python3 to the fixture's rows and wrote {@code expected.csv} (e.g. adults in North, referrals 2024:
 * k = 11/10 for one record of sex U, V = 1.1 x (2/100 x 120 + 4/200 x 250 + 3/100 x 80) = 10.78; the M 30-34
 * referral has no population and is left out of V but counts in k and base_value = 11). The fixture covers
 * rates x Q, k for sex U, a cell with P = 0, a cut band (F 15 is outside 18-64), All, limits floored at 0, an
 * empty change_pct (base 0: every record U), cost with the group fallback (South has no user with a known
 * cost; the council's includes the Unknown-area user) and a group with no known cost at all, the low-base
 * note, and prevalence with bands wider than five years (65-89, 85+, 18-64).
 */
class ProjectCommandTest {

    static final Path COUNCIL = Path.of("src/test/resources/projection/council");

    @TempDir
    Path tmp;

    /** The command in this JVM (the existing helper of the report tests). */
    static Result run(String... args) {
        return CouncilReports.run(args);
    }

    private Result project(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("project", COUNCIL.toString(), "--projections",
                COUNCIL.resolve("projections.csv").toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    static List<CSVRecord> read(Path csv) throws IOException {
        try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).build())) {
            return p.getRecords();
        }
    }

    /** Compares two projections.csv tables cell by cell: text exactly, numbers within 1e-12 relative. */
    static void assertSameTable(List<CSVRecord> expected, List<CSVRecord> actual) {
        assertEquals(expected.size(), actual.size(), "rows");
        String[] numeric = {"value", "lower_ci_95", "upper_ci_95", "base_value", "change_pct"};
        for (int i = 0; i < expected.size(); i++) {
            CSVRecord e = expected.get(i);
            CSVRecord a = actual.get(i);
            String where = "row " + (i + 1) + " " + a.toMap();
            for (String c : List.of("year", "client_group", "locality", "measure", "method")) {
                assertEquals(e.get(c), a.get(c), c + " of " + where);
            }
            for (String c : numeric) {
                if (e.get(c).isEmpty()) {
                    assertEquals("", a.get(c), c + " of " + where);
                } else {
                    double x = Double.parseDouble(e.get(c));
                    double y = Double.parseDouble(a.get(c));
                    assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), c + " of " + where);
                }
            }
        }
    }

    @Test
    void handComputedCouncilGivesTheIndependentlyComputedTable() throws IOException {
        Path out = tmp.resolve("p");
        Result r = project(out, "--prevalence", COUNCIL.resolve("prevalence.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertSameTable(read(COUNCIL.resolve("expected.csv")), read(out.resolve("projections.csv")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("data-quality.csv", "manifest.json", "projections.csv"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // header and number spelling as indicators.csv: plain decimals, integers without .0
        List<String> lines = Files.readAllLines(out.resolve("projections.csv"));
        assertEquals("year,client_group,locality,measure,value,lower_ci_95,upper_ci_95,base_value,change_pct,method",
                lines.get(0));
        assertTrue(lines.contains("2024,adults,North,cost,205,0,495.87476783918237,200,2.499999999999991,"
                + "projected service users x base cost per service user (base-year prices); low base count: interpret "
                + "with care") || lines.stream().anyMatch(l -> l.startsWith("2024,adults,North,cost,205,0,")),
                String.join("\n", lines));
        assertTrue(lines.contains("2024,adults,South,referrals,0,0,0,0,,council rates by sex and five-year age band"
                + " x projected population"), "all sex U: value, limits and base 0, change empty");
        // the rows on a low base show small counts in base_value: said once on stderr, with their number
        long lowBase = lines.stream().filter(l -> l.endsWith("low base count: interpret with care")).count();
        assertTrue(lowBase > 0);
        assertTrue(r.err().contains("jsna: warning: " + lowBase + " projection rows rest on 1 to 7 base records"),
                r.err());
    }

    @Test
    void dataQualityCountsWhatTheProjectionLeftOut() throws IOException {
        Path out = tmp.resolve("p");
        assertEquals(0, project(out).code());
        Map<String, String> q = new TreeMap<>();
        for (CSVRecord r : read(out.resolve("data-quality.csv"))) {
            q.put(r.get("file") + "|" + r.get("item"), r.get("count"));
        }
        // R10 (North) and R14, R15 (South, all U) are of sex U; R11 (M 30, no population) has P = 0
        assertEquals("3", q.get("referrals.csv|projection_sex_unknown:referrals"));
        assertEquals("2", q.get("referrals.csv|projection_all_sex_unknown:referrals"));
        assertEquals("1", q.get("referrals.csv|projection_no_population:referrals"));
        assertEquals("1", q.get("services.csv|projection_sex_unknown:service_events"));
        assertEquals("22", q.get("projections.csv|rows_read"));
        assertEquals("0", q.get("projections.csv|population_outside_lookup"));
        // the report's own items are there too
        assertEquals("23", q.get("referrals.csv|rows_read"));
        assertEquals("1", q.get("referrals.csv|unknown_area"));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"base_periods\""), manifest);
        assertTrue(manifest.contains("\"2023/24\""), manifest);
        assertTrue(manifest.contains("\"role\": \"projections\"") || manifest.contains("\"role\":\"projections\""),
                manifest);
        // projection.md: projections are not suppressed; the manifest said "suppression": {"enabled": true, ...}, which
        // read as if the council's rule had been applied to them (a disclosure review's finding)
        String flat = manifest.replaceAll("\\s", "");
        assertTrue(flat.contains("\"suppression\":{\"applied\":false,\"note\":\"projectionsarenotsuppressed"), flat);
        assertTrue(flat.contains("\"report_settings\":{\"enabled\":true,\"min\":1,\"max\":7,\"secondary\":true}"), flat);
    }

    /**
     * cli.md: every input of the manifest has role, path, bytes, sha256, encoding, rows_read, rows_used and
     * rows_rejected. The projections and prevalence files had no encoding nor rows used and rejected, so a
     * manifest reader failed on them; a Windows-1252 projections file is recorded as such.
     */
    @Test
    void theManifestListsTheProjectionAndPrevalenceFilesAsEveryInput() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(COUNCIL.resolve("projections.csv")));
        lines.set(0, lines.get(0) + ",note");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 1 ? ",café" : ","));
        }
        Path p = tmp.resolve("cp1252.csv");
        Files.write(p, String.join("\r\n", lines).getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Path out = tmp.resolve("p");
        Result r = run("project", COUNCIL.toString(), "--projections", p.toString(), "--prevalence",
                COUNCIL.resolve("prevalence.csv").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String manifest = Files.readString(out.resolve("manifest.json")).replaceAll("\\s", "");
        String inputs = manifest.substring(manifest.indexOf("\"inputs\":["), manifest.indexOf("\"outputs\":"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[^{}]*\\}").matcher(inputs);
        Map<String, String> byRole = new TreeMap<>();
        while (m.find()) {
            String role = m.group().replaceAll(".*\"role\":\"([^\"]*)\".*", "$1");
            byRole.put(role, m.group());
        }
        assertEquals(List.of("areas", "population", "prevalence", "projections", "referrals", "services"),
                List.copyOf(byRole.keySet()), inputs);
        for (Map.Entry<String, String> e : byRole.entrySet()) {
            for (String key : List.of("role", "path", "bytes", "sha256", "encoding", "rows_read", "rows_used",
                    "rows_rejected")) {
                assertTrue(e.getValue().contains("\"" + key + "\":"), e.getKey() + " has no " + key + ": " + e.getValue());
            }
        }
        assertTrue(byRole.get("projections").contains("\"encoding\":\"windows-1252\""), byRole.get("projections"));
        assertTrue(byRole.get("projections").contains("\"rows_read\":22,\"rows_used\":22,\"rows_rejected\":0"),
                byRole.get("projections"));
        assertTrue(byRole.get("prevalence").contains("\"encoding\":\"UTF-8\""), byRole.get("prevalence"));
    }

    @Test
    void toYearLimitsTheYearsAndTheFilesEarlierYearsAreNotUsed() throws IOException {
        Path out = tmp.resolve("p");
        Result r = project(out, "--to-year", "2024");
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = read(out.resolve("projections.csv"));
        // 1 year x 2 groups x (North, South, All) x 4 measures; 2023 (before the base year's end) not written
        assertEquals(24, rows.size());
        assertTrue(rows.stream().allMatch(x -> x.get("year").equals("2024")));
        // order: group, locality (jsna.yaml order, All last), measure
        assertEquals(List.of("North", "North", "North", "North", "South"), rows.subList(0, 5).stream()
                .map(x -> x.get("locality")).toList());
        assertEquals(List.of("referrals", "service_users", "service_events", "cost"), rows.subList(0, 4).stream()
                .map(x -> x.get("measure")).toList());
        assertEquals("All", rows.get(11).get("locality"));
        assertEquals("older", rows.get(12).get("client_group"));
    }

    /**
     * Two base periods: the council with a 2022/23 added (the same population at mid-2022 and one more adults
     * referral in North, F 22). By hand, adults North referrals: 11 of known sex and 1 U, k = 12/11; P doubles
     * (each period its own estimate), so V(2024) = 12/11 x (2/200 x 120 + 5/400 x 250 + 3/200 x 80)
     * = 12/11 x 5.525, and base_value = 12/11 x 11 / 2 = 6.
     */
    @Test
    void basePeriodsSumCountsAndPopulationsAndDivideTheBaseByN() throws IOException {
        Path in = tmp.resolve("two");
        Files.createDirectories(in);
        for (String f : List.of("areas.csv", "population.csv", "referrals.csv", "services.csv", "projections.csv")) {
            Files.copy(COUNCIL.resolve(f), in.resolve(f));
        }
        Files.writeString(in.resolve("jsna.yaml"), Files.readString(COUNCIL.resolve("jsna.yaml"))
                .replace("from: 2023-04-01", "from: 2022-04-01"));
        List<String> pop = new ArrayList<>(Files.readAllLines(in.resolve("population.csv")));
        for (String l : List.copyOf(pop.subList(1, pop.size()))) {
            pop.add(l.replace(",2023", ",2022"));
        }
        Files.write(in.resolve("population.csv"), pop);
        Files.writeString(in.resolve("referrals.csv"), "R30,Q30,2022-06-01,adults,N1,F,22,other,\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path out = tmp.resolve("p");
        Result r = run("project", in.toString(), "--projections", in.resolve("projections.csv").toString(),
                "--base-periods", "2", "--to-year", "2024", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        CSVRecord north = read(out.resolve("projections.csv")).get(0);
        assertEquals("adults,North,referrals", north.get("client_group") + "," + north.get("locality") + ","
                + north.get("measure"));
        assertEquals(12.0 / 11 * 5.525, Double.parseDouble(north.get("value")), 1e-12);
        assertEquals(6, Double.parseDouble(north.get("base_value")), 1e-12);
        assertTrue(Files.readString(out.resolve("manifest.json")).replaceAll("\\s", "")
                .contains("\"base_periods\":[\"2022/23\",\"2023/24\"]"));
    }

    @Test
    void usageErrorsExitTwo() {
        Path out = tmp.resolve("p");
        assertUsage(project(out, "--to-year", "2023"), "not after the base year 2023");
        assertUsage(project(out, "--to-year", "2030"), "after the last year");
        assertUsage(project(out, "--base-periods", "2"), "1 complete period");
        assertUsage(project(out, "--base-periods", "0"), "--base-periods");
        assertUsage(project(out, "--projection-areas", "E06000001"), "long layout");
        assertUsage(run("project", COUNCIL.toString(), "--out", out.toString()), "--projections");
        assertFalse(Files.exists(out), "nothing written");
    }

    private static void assertUsage(Result r, String text) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(text), r.err());
    }

    /** Writes a projections file from lines after the header {@code year,locality,sex,age,population}. */
    private Path projections(String name, String header, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(List.of(lines));
        Files.write(p, all);
        return p;
    }

    private Result projectWith(Path projections, String... more) {
        List<String> args = new ArrayList<>(List.of("project", COUNCIL.toString(), "--projections",
                projections.toString(), "--out", tmp.resolve("p").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void invalidProjectionsExitThreeNamingFileLineAndColumn() throws IOException {
        String h = "year,locality,sex,age,population";
        Result r = projectWith(projections("a.csv", h, "2024,North,F,20,10", "2024,North,X,20,10"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("a.csv:3: column 'sex': value 'X'"), r.err());
        r = projectWith(projections("b.csv", h, "2024,North,F,20,-1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("b.csv:2: column 'population': value '-1'"), r.err());
        r = projectWith(projections("c.csv", h, "2024,North,F,20,"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("c.csv:2: column 'population'"), r.err());
        r = projectWith(projections("d.csv", h, "2024,Nowhere,F,20,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("d.csv:2: column 'locality': value 'Nowhere'"), r.err());
        r = projectWith(projections("e.csv", h, "2024,North,F,20,1", "2024,North,F,20,2"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("e.csv:3") && r.err().contains("a second row"), r.err());
        // ages as written, as ever: 5 and 05 (and 90 and 90+) are two rows, not a second row for one (a review
        // of the streamed reading found 05 refused as a repeat of 5)
        r = projectWith(projections("e2.csv", h, "2024,North,F,5,1", "2024,North,F,05,2", "2024,North,F,90,1",
                "2024,North,F,90+,1"));
        assertFalse(r.err().contains("a second row"), r.err());
        r = projectWith(projections("f.csv", h, "2024,North,F,121,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("f.csv:2: column 'age'"), r.err());
        r = projectWith(projections("g.csv", h, "2024,North,F,20,1", "2026,North,F,20,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no projected population for 2025"), r.err());
        r = projectWith(projections("h.csv", "year,sex,age,population", "2024,F,20,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("h.csv:1") && r.err().contains("'locality' not found"), r.err());
        r = projectWith(projections("i.csv", h, "2023,North,F,20,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("not after the base year 2023"), r.err());
        r = projectWith(tmp.resolve("missing.csv"));
        assertEquals(4, r.code(), r.err());
    }

    /** docs/projection.md: an empty file, or one with a header and no row, is an input error naming the file. */
    @Test
    void emptyAndHeaderOnlyFilesAreInputErrors() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        Result r = projectWith(empty);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("jsna: error: " + empty) && r.err().contains("empty"), r.err());
        Path header = Files.writeString(tmp.resolve("header.csv"), "\uFEFFyear,locality,sex,age,population\r\n");
        r = projectWith(header);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("jsna: error: " + header) && r.err().contains("no projected population row"), r.err());
        Files.writeString(header, SNPP_HEADER + "\n");
        r = projectWith(header);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("no rows with COMPONENT Population"), r.err());
        Path prevalence = Files.writeString(tmp.resolve("prev.csv"), "condition,sex,age_band,rate_per_100\n");
        r = project(tmp.resolve("p"), "--prevalence", prevalence.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv: no rates"), r.err());
        Files.writeString(prevalence, "");
        r = project(tmp.resolve("p"), "--prevalence", prevalence.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv: the file is empty"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("p")), "nothing written");
    }

    /**
     * A projected population of 1e300 (a decimal, so valid until now) squared past the largest double in the
     * variance and wrote {@code Inf} as the upper limit. A cell above 10^12 people is an input error.
     */
    @Test
    void aProjectedPopulationAboveATrillionIsAnInputError() throws IOException {
        String h = "year,locality,sex,age,population";
        Result r = projectWith(projections("j.csv", h, "2024,North,F,22,1e300", "2025,North,F,22,1"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("j.csv:2: column 'population': value '1e300'") && r.err().contains("10^12"), r.err());
        Path bad = tmp.resolve("s.csv");
        Files.write(bad, List.of(SNPP_HEADER, "E1,X,Population,F,0,1,1000000000001"));
        r = projectWith(bad);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("s.csv:2: column '2025': value '1000000000001'"), r.err());
        // 10^12 itself is a population
        r = projectWith(projections("k.csv", h, "2024,North,F,22,1000000000000", "2025,North,F,22,1e12"));
        assertEquals(0, r.code(), r.err());
        for (CSVRecord x : read(tmp.resolve("p/projections.csv"))) {
            for (String c : List.of("value", "lower_ci_95", "upper_ci_95")) {
                // empty only for the cost of the group with no known cost
                assertTrue(x.get(c).isEmpty() && x.get("method").contains("no known cost")
                        || Double.isFinite(Double.parseDouble(x.get(c))), x.toMap().toString());
            }
        }
    }

    @Test
    void areaCodesOutsideTheLookupAreLeftOutAndCounted() throws IOException {
        Path p = projections("a.csv", "year,area_code,locality,sex,age,population", "2024,N1,ignored,F,22,400",
                "2024,Z9,ignored,F,22,1000", "2024,S1,,M,22,50");
        Result r = projectWith(p, "--to-year", "2024");
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> rows = read(tmp.resolve("p/projections.csv"));
        // adults North referrals: only F 20-24 has a projected population: 1.1 x 4/200 x 400 = 8.8
        CSVRecord north = rows.get(0);
        assertEquals("referrals", north.get("measure"));
        assertEquals(8.8, Double.parseDouble(north.get("value")), 1e-12);
        assertTrue(Files.readString(tmp.resolve("p/data-quality.csv")).contains("a.csv,population_outside_lookup,1,"));
    }

    /** A bad prevalence file is found before the extracts are read (a national read takes minutes). */
    @Test
    void aBadPrevalenceFileIsFoundBeforeABadReferral() throws IOException {
        Path in = tmp.resolve("both-bad");
        Files.createDirectories(in);
        for (String f : List.of("areas.csv", "population.csv", "referrals.csv", "services.csv", "projections.csv",
                "jsna.yaml")) {
            Files.copy(COUNCIL.resolve(f), in.resolve(f));
        }
        Files.writeString(in.resolve("referrals.csv"), "R31,Q31,not-a-date,adults,N1,F,22,other,\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path p = tmp.resolve("prev-bad.csv");
        Files.writeString(p, "condition,sex,age_band,rate_per_100\nx,F,65-89,150\n");
        Result r = run("project", in.toString(), "--projections", in.resolve("projections.csv").toString(),
                "--prevalence", p.toString(), "--out", tmp.resolve("p").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev-bad.csv:2: column 'rate_per_100'") && !r.err().contains("referral_date"),
                r.err());
    }

    @Test
    void invalidPrevalenceExitsThree() throws IOException {
        Path p = tmp.resolve("prev.csv");
        Files.writeString(p, "condition,sex,age_band,rate_per_100\nx,F,65-89,5\nx,F,85+,1\n");
        Result r = project(tmp.resolve("p"), "--prevalence", p.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv:3: column 'age_band': value '85+'") && r.err().contains("line 2"), r.err());
        Files.writeString(p, "condition,sex,age_band,rate_per_100\nx,F,65-89,150\n");
        r = project(tmp.resolve("p"), "--prevalence", p.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv:2: column 'rate_per_100': value '150'"), r.err());
        Files.writeString(p, "condition,sex,age_band,rate_per_100\nx,U,65-89,1\n");
        r = project(tmp.resolve("p"), "--prevalence", p.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv:2: column 'sex'"), r.err());
        Files.writeString(p, "condition,sex,age_band,rate_per_100\nx,F,90-95,1\n");
        r = project(tmp.resolve("p"), "--prevalence", p.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("prev.csv:2: column 'age_band'"), r.err());
    }

    // ---- the ONS SNPP layout ----

    private static final String SNPP_HEADER = "AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP,2024,2025";

    /**
     * An SNPP file for two local authorities whose sum, shared out by the base year's population, gives the
     * numbers of {@code long} (the council's own localities) — every age of both sexes, 91 rows each, value 0
     * unless given. The base year (2023) has North F 22: 200, South F 22: 100; North M 22: 100, South 50; etc.
     */
    private Path snpp(String name, boolean withRegion, boolean dropOne) throws IOException {
        Map<String, double[]> values = new TreeMap<>();
        // F 22: base shares 2/3 North, 1/3 South; 2024 sum 300 -> 200 and 100 (E1 gives 100, E2 200)
        values.put("female|22", new double[] {300, 360});
        // F 21: no council population at 21; band 20-24 F: North 200, South 100 -> shares 2/3, 1/3
        values.put("female|21", new double[] {30, 30});
        // F 50: no F population in band 50-54 either; F at all ages: North 1340, South 100 -> 134/144 and 10/144
        values.put("female|50", new double[] {144, 144});
        values.put("male|70", new double[] {400, 480});
        List<String> lines = new ArrayList<>();
        lines.add(SNPP_HEADER);
        for (String code : withRegion ? List.of("E1", "E2", "E12") : List.of("E1", "E2")) {
            lines.add(code + ",Somewhere,Population,persons,All ages,1,1");
            lines.add(code + ",Somewhere,Births,female,0,9,9");
            for (String sex : List.of("female", "male")) {
                for (int a = 0; a <= 90; a++) {
                    if (dropOne && code.equals("E2") && sex.equals("male") && a == 44) {
                        continue;
                    }
                    double[] v = values.getOrDefault(sex + "|" + a, new double[] {0, 0});
                    double share = code.equals("E1") ? 1 / 3.0 : 2 / 3.0;
                    lines.add(code + ",Somewhere,Population," + sex + "," + (a == 90 ? "90 and over" : a) + ","
                            + v[0] * share + "," + v[1] * share);
                }
                lines.add(code + ",Somewhere,Population," + sex + ",All ages,5,5");
            }
        }
        Path p = tmp.resolve(name);
        Files.write(p, lines);
        return p;
    }

    @Test
    void snppIsSharedOutByTheBaseYearsPopulationWithTheFallbacks() throws IOException {
        Path longFile = projections("long.csv", "year,locality,sex,age,population",
                "2024,North,F,22,200", "2024,South,F,22,100", "2025,North,F,22,240", "2025,South,F,22,120",
                "2024,North,F,21,20", "2024,South,F,21,10", "2025,North,F,21,20", "2025,South,F,21,10",
                "2024,North,F,50,134", "2024,South,F,50,10", "2025,North,F,50,134", "2025,South,F,50,10",
                // M 70: base North 300, South 100
                "2024,North,M,70,300", "2024,South,M,70,100", "2025,North,M,70,360", "2025,South,M,70,120");
        Path outLong = tmp.resolve("long-out");
        Result a = run("project", COUNCIL.toString(), "--projections", longFile.toString(), "--out",
                outLong.toString(), "--prevalence", COUNCIL.resolve("prevalence.csv").toString());
        assertEquals(0, a.code(), a.err());
        Path outSnpp = tmp.resolve("snpp-out");
        Result b = run("project", COUNCIL.toString(), "--projections", snpp("snpp.csv", true, false).toString(),
                "--projection-areas", "E2,E1,E2", "--out", outSnpp.toString(), "--prevalence",
                COUNCIL.resolve("prevalence.csv").toString());
        assertEquals(0, b.code(), b.err());
        assertSameTable(read(outLong.resolve("projections.csv")), read(outSnpp.resolve("projections.csv")));
        String manifest = Files.readString(outSnpp.resolve("manifest.json"));
        assertTrue(manifest.contains("\"snpp\""), manifest);
        assertTrue(manifest.replaceAll("\\s", "").contains("\"projection_areas\":[\"E2\",\"E1\"]"), manifest);
    }

    @Test
    void snppAreasMustBeCompleteAndPresent() throws IOException {
        Result r = projectWith(snpp("s1.csv", false, true), "--projection-areas", "E1,E2");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("area 'E2'") && r.err().contains("male age 44"), r.err());
        r = projectWith(snpp("s2.csv", false, false), "--projection-areas", "E1,E9");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("area 'E9'"), r.err());
        Path bad = tmp.resolve("s3.csv");
        Files.write(bad, List.of(SNPP_HEADER, "E1,X,Population,both,0,1,1"));
        r = projectWith(bad);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("s3.csv:2: column 'SEX': value 'both'"), r.err());
        Files.write(bad, List.of(SNPP_HEADER, "E1,X,Population,F,90+,1,1"));
        r = projectWith(bad);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("s3.csv:2: column 'AGE_GROUP': value '90+'"), r.err());
        Files.write(bad, List.of(SNPP_HEADER, "E1,X,Population,2,0,1,x"));
        r = projectWith(bad);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("s3.csv:2: column '2025': value 'x'"), r.err());
    }

    @Test
    void withoutProjectionAreasEveryAreaIsSummedAndListed() throws IOException {
        Result r = projectWith(snpp("s.csv", false, false));
        assertEquals(0, r.code(), r.err());
        String manifest = Files.readString(tmp.resolve("p/manifest.json")).replaceAll("\\s", "");
        assertTrue(manifest.contains("\"projection_areas\":[\"E1\",\"E2\"]"), manifest);
    }

    // ---- the output folder ----

    @Test
    void outputFolderRulesAreReports() throws IOException {
        Path out = tmp.resolve("theirs");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Result r = project(out);
        assertEquals(4, r.code(), r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("theirs"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folder left behind");
        }
        // an earlier projection is replaced; a failed run leaves it as it was
        Path mine = tmp.resolve("mine");
        assertEquals(0, project(mine).code());
        byte[] before = Files.readAllBytes(mine.resolve("projections.csv"));
        assertEquals(2, project(mine, "--to-year", "2099").code());
        Path bad = projections("bad.csv", "year,locality,sex,age,population", "2024,North,F,20,x");
        assertEquals(3, run("project", COUNCIL.toString(), "--projections", bad.toString(), "--out",
                mine.toString()).code());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(mine.resolve("projections.csv"))));
        assertEquals(0, project(mine, "--to-year", "2024").code());
        assertEquals(25, Files.readAllLines(mine.resolve("projections.csv")).size());
    }

    @Test
    void defaultOutputFolderIsJsnaProjectionAndHelpHasAnExample() {
        CommandLine cl = new CommandLine(new ProjectCommand());
        assertEquals("jsna-projection", cl.getCommandSpec().findOption("--out").defaultValue());
        Result r = run("project", "--help");
        assertEquals(0, r.code());
        assertTrue((r.out() + r.err()).contains("jsna project sample-data --projections sample-data/projections.csv"),
                r.out() + r.err());
        // what it writes and every way it ends, as docs/projection.md and cli.md say
        String help = (r.out() + r.err()).replaceAll("\\s+", " ");
        for (String said : List.of("projections.csv, data-quality.csv and manifest.json", "after the file's last year",
                "--base-periods below 1", "no --projections", "130, 143 stopped by Ctrl-C or SIGTERM")) {
            assertTrue(help.contains(said), () -> "--help does not say '" + said + "':\n" + r.out());
        }
    }
}
