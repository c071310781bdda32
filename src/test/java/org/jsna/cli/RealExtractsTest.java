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
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real extracts hold (issue 7, items 5–7): part periods, "not known" sex and codes mapped to
 * not recorded, a misspelt locality, several population files with areas outside the lookup.
 * Expected notes and counts are worked out by hand from indicators.md.
 */
class RealExtractsTest {

    @TempDir
    Path tmp;

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    /** Two localities of one area each; mental_health population in every year 2022–2025. */
    private Path council(String referrals) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("areas.csv"), "area_code,locality,imd_decile\nA1,North,1\nA2,South,10\n");
        StringBuilder pop = new StringBuilder("area_code,sex,age,year,population\n");
        for (int year = 2022; year <= 2025; year++) {
            for (String a : List.of("A1", "A2")) {
                pop.append(a).append(",F,30,").append(year).append(",1000\n");
                pop.append(a).append(",M,40,").append(year).append(",1000\n");
            }
        }
        Files.writeString(dir.resolve("population.csv"), pop.toString());
        Files.writeString(dir.resolve("referrals.csv"),
                "referral_id,person_id,referral_date,client_group,area_code,sex,age,source,outcome\n" + referrals);
        Files.writeString(dir.resolve("services.csv"),
                "event_id,person_id,client_group,service_type,start_date,area_code,sex,age,cost,funder\n");
        return dir;
    }

    /** Referrals every month from {@code first} to {@code last} (yyyy-MM), alternating areas. */
    private static String monthly(int fromYear, int fromMonth, int toYear, int toMonth) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int y = fromYear, m = fromMonth; y < toYear || y == toYear && m <= toMonth; m = m == 12 ? 1 : m + 1,
                y = m == 1 ? y + 1 : y) {
            for (int k = 0; k < 10; k++) {
                b.append(String.format("R%d,P%d,%d-%02d-%02d,mental_health,%s,F,30,primary_care,service_provided%n",
                        n, n, y, m, 3 + k, n % 2 == 0 ? "A1" : "A2"));
                n++;
            }
        }
        return b.toString();
    }

    private static List<String> rows(Path out, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("indicators.csv"))) {
            if (line.startsWith(prefix)) {
                found.add(line);
            }
        }
        assertFalse(found.isEmpty(), "no row starts with " + prefix);
        return found;
    }

    // ------------------------------------------------------------------ part periods (item 5)

    @Test
    void calendarYearsOfAFiscalExtractAreMarkedAsPartPeriods() throws IOException {
        // referrals from April 2022 to March 2025, by calendar year: 2022 and 2025 are part years
        Path in = council(monthly(2022, 4, 2025, 3));
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv", "--period",
                "calendar-year");
        assertEquals(0, r.code(), r.err());
        for (String row : rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2022,")) {
            assertTrue(row.endsWith("part period: 2022-04-01 to 2022-12-31 (275 of 365 days),cannot be calculated,part period"), row);
        }
        for (String row : rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2025,")) {
            assertTrue(row.endsWith("part period: 2025-01-01 to 2025-03-31 (90 of 365 days),cannot be calculated,part period"), row);
        }
        for (String row : rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2023,")) {
            assertFalse(row.contains("part period"), row);
        }
        List<String> ineq = Files.readAllLines(out.resolve("inequalities.csv"));
        assertTrue(ineq.stream().anyMatch(l -> l.startsWith("referrals_rate,2025,") && l.contains("part period")),
                String.join("\n", ineq));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"source\": \"data\""), manifest);
    }

    @Test
    void coverageIsWholeMonthsSoAFirstReferralOnThe3rdStillCoversApril() throws IOException {
        Path in = council(monthly(2023, 4, 2024, 3)); // first referral 2023-04-03, last 2024-03-12
        Path out = tmp.resolve("out");
        assertEquals(0, run("report", in.toString(), "--out", out.toString(), "--formats", "csv").code());
        for (String row : rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,")) {
            assertFalse(row.contains("part period"), row);
        }
    }

    @Test
    void fromAndToAreTheCoverageAndTheNoteComesAfterOtherNotes() throws IOException {
        Path in = council(monthly(2023, 4, 2024, 3));
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv", "--from", "2023-04-01",
                "--to", "2023-09-30");
        assertEquals(0, r.code(), r.err());
        // the Unknown row has its own note first; the part period comes last
        List<String> unknown = rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,"
                + "mental_health,Unknown,");
        assertTrue(unknown.get(0).endsWith("population not known for records with an unknown area; "
                + "part period: 2023-04-01 to 2023-09-30 (183 of 366 days),cannot be calculated,part period"), unknown.get(0));
    }

    @Test
    void coverageInJsnaYamlWinsOverTheData() throws IOException {
        Path in = council(monthly(2023, 4, 2024, 3));
        Files.writeString(in.resolve("jsna.yaml"), "inputs: {population: population.csv, areas: areas.csv, "
                + "referrals: referrals.csv, services: services.csv}\ncoverage: {from: 2023-06-01, to: 2024-03-31}\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv");
        assertEquals(0, r.code(), r.err());
        for (String row : rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,")) {
            assertTrue(row.endsWith("part period: 2023-06-01 to 2024-03-31 (305 of 366 days),cannot be calculated,part period"), row);
        }
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"source\": \"jsna.yaml\""));
        // one end given: the other is the data's, and the manifest says so end by end
        Files.writeString(in.resolve("jsna.yaml"), "coverage: {from: 2023-06-01}\n");
        Path half = tmp.resolve("half");
        assertEquals(0, run("report", in.toString(), "--out", half.toString(), "--formats", "csv").code());
        assertTrue(Files.readString(half.resolve("manifest.json")).contains(
                "\"source\": \"jsna.yaml (from), data (to)\""), Files.readString(half.resolve("manifest.json")));
        // a coverage end to come, and a client group above the population's last age, are said (a helper's
        // coverage.to 2099-03-31 and 95+ passed without a word)
        Files.writeString(in.resolve("jsna.yaml"), "coverage: {from: 2023-06-01, to: 2099-03-31}\nclient_groups: "
                + "[{id: mental_health, ages: 18-64}, {id: oldest, ages: 95+}]\n");
        Result late = run("report", in.toString(), "--out", tmp.resolve("late").toString(), "--formats", "csv");
        assertEquals(0, late.code(), late.err());
        assertTrue(late.err().contains("coverage is said to end on 2099-03-31, after today"), late.err());
        assertTrue(late.err().contains("client_groups: 'oldest' (ages 95+) starts above 90"), late.err());
        Files.writeString(in.resolve("jsna.yaml"), "coverage: {from: 2023-06-31}\n");
        Result bad = run("report", in.toString(), "--out", tmp.resolve("o2").toString(), "--formats", "csv");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("coverage.from"), bad.err());
    }

    /**
     * indicators.md: "headlines, key findings and trend sentences use complete periods only". With no complete
     * period (six months of data) the report headlined the part period with a caveat; now it gives no headline
     * figures and no key findings, and says why, while the client groups' tables still show the part period.
     */
    @Test
    void withNoCompletePeriodThereAreNoHeadlinesOrKeyFindings() throws IOException {
        Path in = council(monthly(2022, 4, 2025, 3));
        Path out = tmp.resolve("out-part");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv,html", "--from",
                "2024-04-01", "--to", "2024-09-30", "--no-suppression");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("No period is wholly covered by the data, and headlines and key findings use "
                + "complete periods only: none are given."), html);
        assertFalse(html.contains("Whole-area values for"), "a headline table of a part period");
        assertFalse(html.contains("Key findings, "), "key findings of a part period");
        assertTrue(html.contains("No key findings: no period is wholly covered by the data (see the overview)."), html);
        assertTrue(html.contains("183 of 365 days"), "the part period is still shown and said: " + html);
    }

    @Test
    void headlinesUseTheLatestCompletePeriodAndSayWhatIsPartOrOlder() throws IOException {
        Path in = council(monthly(2022, 4, 2025, 3));
        // no mid-2025 estimate: calendar 2025 uses mid-2024
        List<String> pop = new ArrayList<>();
        for (String line : Files.readAllLines(in.resolve("population.csv"))) {
            if (!line.contains(",2025,")) {
                pop.add(line);
            }
        }
        Files.write(in.resolve("population.csv"), pop);
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv,svg,html", "--period",
                "calendar-year", "--no-suppression");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Headlines and key findings are for 2024, the latest period the data covers wholly."),
                html);
        assertTrue(html.contains("2025 (2025-01-01 to 2025-03-31, 90 of 365 days)"), html);
        assertTrue(html.contains("Key findings, 2024"), html);
        assertTrue(html.contains("in 2023 to ") && html.contains(" in 2024"), "trend sentence over complete periods");
        assertFalse(html.contains(" in 2022 to "), "a part period in a trend sentence");
        // the older estimate is said in the subtitle of every chart drawn from 2025
        String chart = svgText(out.resolve("charts/localities--referrals-rate--mental-health--all--2025.svg"));
        assertTrue(chart.contains("Population of mid-2024 used (no mid-2025 estimate)."), "2025 chart subtitle");
        assertTrue(chart.contains("Part period: 2025-01-01 to 2025-03-31 (90 of 365 days)."), "2025 chart subtitle");
        String trend = svgText(out.resolve("charts/trend--referrals-rate--mental-health--all--all.svg"));
        assertTrue(trend.contains("2025 uses an older population estimate"), "trend subtitle");
    }

    /** The text of an SVG as one line: wrapped title lines joined by spaces. */
    private static String svgText(Path svg) throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">([^<]+)<").matcher(Files.readString(svg));
        while (m.find()) {
            b.append(m.group(1).strip()).append(' ');
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    @Test
    void keyFindingsOfAPeriodWithAnOlderPopulationSaySo() throws IOException {
        Path in = council(monthly(2024, 4, 2025, 3)); // fiscal 2024/25, population up to mid-2025
        List<String> pop = new ArrayList<>();
        for (String line : Files.readAllLines(in.resolve("population.csv"))) {
            if (!line.contains(",2024,") && !line.contains(",2025,")) {
                pop.add(line);
            }
        }
        Files.write(in.resolve("population.csv"), pop);
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "html", "--no-suppression");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<li class=\"caveat\"><strong>Note:</strong> Population of mid-2023 used "
                + "(no mid-2024 estimate).</li>"), html);
    }

    // ------------------------------------------------------------------ not known (item 6)

    @Test
    void sexNotKnownCountsInEveryIndicatorButIsNotAPopulationSex() throws IOException {
        Path in = council("R1,P1,2023-05-01,mental_health,A1,U,30,primary_care,service_provided\n"
                + "R2,P2,2023-05-02,mental_health,A1,F,30,primary_care,service_provided\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv", "--no-suppression");
        assertEquals(0, r.code(), r.err());
        String all = rows(out, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,mental_health,"
                + "All,,,").get(0);
        assertTrue(all.contains(",All,,,2,4000,"), all);
        Files.writeString(in.resolve("population.csv"), "A1,U,30,2023,5\n",
                java.nio.file.StandardOpenOption.APPEND);
        Result bad = run("validate", in.toString());
        assertEquals(3, bad.code(), bad.err());
        assertTrue(bad.err().contains("population.csv:18: column 'sex': value 'U': expected F or M"), bad.err());
    }

    @Test
    void aCodeMappedToEmptyIsNotRecorded() throws IOException {
        Path in = council("R1,P1,2023-05-01,mental_health,A1,Not Known,30,Not Known,service_provided\n"
                + "R2,P2,2023-05-02,mental_health,A1,F,30,primary_care,Not Known\n");
        Files.writeString(in.resolve("jsna.yaml"), "codes:\n  sex: {\"Not Known\": U}\n"
                + "  source: {\"Not Known\": \"\"}\n  outcome: {\"Not Known\": \"\"}\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv", "--no-suppression");
        assertEquals(0, r.code(), r.err());
        // one referral with a known source (of 2), one with a known outcome (of 2)
        String source = rows(out, "referral_source_pct,Share of referrals by referral source,2023/24,"
                + "mental_health,All,referral_source,primary_care,").get(0);
        assertTrue(source.contains(",primary_care,1,1,100,"), source);
        String conversion = rows(out, "referral_conversion_pct,Referrals that led to a service,2023/24,"
                + "mental_health,All,,,").get(0);
        assertTrue(conversion.contains(",All,,,1,1,100,"), conversion);
        // a required column cannot be mapped to not recorded
        Files.writeString(in.resolve("jsna.yaml"), "codes:\n  sex: {\"Not Known\": \"\"}\n");
        Result bad = run("report", in.toString(), "--out", tmp.resolve("o2").toString(), "--formats", "csv");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("codes.sex.Not Known: value '': sex is required"), bad.err());
    }

    @Test
    void aLocalityOrderNamingNoLocalityIsAUsageError() throws IOException {
        Path in = council("R1,P1,2023-05-01,mental_health,A1,F,30,primary_care,service_provided\n");
        Files.writeString(in.resolve("jsna.yaml"), "localities: [South, Nroth]\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("localities: 'Nroth' is not a locality of the area lookup "), r.err());
        assertTrue(r.err().contains("areas.csv: expected one of North, South"), r.err());
        assertEquals(2, run("validate", in.toString()).code());
        assertFalse(Files.exists(out));
    }

    // ------------------------------------------------------------------ said where it matters (item 7)

    @Test
    void everyPopulationFileCountsItsRowsOutsideTheLookup() throws IOException {
        Path in = council("R1,P1,2023-05-01,mental_health,A1,F,30,primary_care,service_provided\n");
        Files.writeString(in.resolve("pop2022.csv"), "area_code,sex,age,population\nA1,F,30,900\nZ9,F,30,5\n");
        Files.writeString(in.resolve("pop2023.csv"),
                "area_code,sex,age,population\nA1,F,30,1000\nZ8,F,30,5\nZ9,M,30,6\n");
        Files.writeString(in.resolve("jsna.yaml"), "inputs:\n  population:\n    - {path: pop2022.csv, year: 2022}\n"
                + "    - {path: pop2023.csv, year: 2023}\n  areas: areas.csv\n  referrals: referrals.csv\n"
                + "  services: services.csv\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv");
        assertEquals(0, r.code(), r.err());
        String dq = Files.readString(out.resolve("data-quality.csv"));
        assertTrue(dq.contains("pop2022.csv,population_outside_lookup,1,\r\n"), dq);
        assertTrue(dq.contains("pop2023.csv,population_outside_lookup,2,\r\n"), dq);
    }

    @Test
    void fileCountsThatWouldGiveASuppressedCountBackAreWithheld() throws IOException {
        // one period, one client group: the referrals file's rows used are the All referral count (3),
        // and its records with an unknown area the Unknown count (1)
        Path in = council("R1,P1,2023-05-01,mental_health,A1,F,30,primary_care,service_provided\n"
                + "R2,P2,2023-05-02,mental_health,A2,F,30,primary_care,service_provided\n"
                + "R3,P3,2023-05-03,mental_health,Z9,F,30,primary_care,service_provided\n");
        Files.writeString(in.resolve("jsna.yaml"), "client_groups: [{id: mental_health, label: Mental health, "
                + "ages: 18-64}]\n");
        Path out = tmp.resolve("out");
        Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv,html");
        assertEquals(0, r.code(), r.err());
        String dq = Files.readString(out.resolve("data-quality.csv"));
        String note = org.jsna.output.table.CsvTables.WITHHELD;
        assertTrue(dq.contains("referrals.csv,rows_read,," + note + "\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,rows_used,," + note + "\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,unknown_area,," + note + "\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,rows_rejected,0,\r\n"), dq);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"rows_used\": null"), manifest);
        assertFalse(Files.readString(out.resolve("report.html")).contains("<td class=\"num\">3</td>"));
    }
}
