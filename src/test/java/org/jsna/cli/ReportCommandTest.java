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
import java.util.List;
import java.util.stream.Stream;
import org.jsna.Main;
import org.jsna.pipeline.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsna report} end to end, in process, on the small fixture of IndicatorTableTest written as CSV. */
class ReportCommandTest {

    static final Path BASIC = Path.of("src/test/resources/report/basic");
    static final Path BAD = Path.of("src/test/resources/report/bad");
    static final Path TIES = Path.of("src/test/resources/report/ties");

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * jsna.yaml's suppression range is the one the outputs state: chart footnotes, report.html and the workbook's
     * metadata said "1 to 7" whatever it was (a helper's sweep).
     */
    @Test
    void theOutputsStateTheConfiguredSuppressionRange() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        try (Stream<Path> s = Files.list(BASIC)) {
            for (Path f : s.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Files.writeString(in.resolve("jsna.yaml"), "suppression: {min: 1, max: 10}\n");
        Path out = tmp.resolve("out");
        Result r = run("--quiet", "report", in.toString(), "--out", out.toString(), "--formats", "svg,html,xlsx");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Counts of 1 to 10 (people"), "report.html");
        assertFalse(html.contains("1 to 7"), "report.html");
        try (Stream<Path> s = Files.list(out.resolve("charts"))) {
            Path svg = s.filter(p -> p.toString().endsWith(".svg")).findFirst().orElseThrow();
            String text = Files.readString(svg);
            assertTrue(text.contains("Counts of 1–10"), svg.toString());
            assertFalse(text.contains("1–7"), svg.toString());
        }
        try (java.io.InputStream is = Files.newInputStream(out.resolve("jsna.xlsx"));
                org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(is)) {
            StringBuilder all = new StringBuilder();
            wb.getSheet("metadata").forEach(row -> row.forEach(c -> all.append(c.toString()).append('|')));
            assertTrue(all.toString().contains("is 1 to 10 is suppressed"), "metadata");
        }
    }

    /** The indicators.csv line starting with the given key columns. */
    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix));
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * An area of the lookup with no population row (a lookup of other codes than the population's): its records
     * count in a numerator whose denominator lacks its residents. Said on stderr and counted in data-quality.csv
     * (areas_without_population); 0 when every area has its population.
     */
    /**
     * One placeholder date far back (1900-01-01, with a population without years) makes a period of every year
     * since, each reported as indicators.md says: the run says so and how to leave them out.
     */
    @Test
    void aPlaceholderDateFarBackIsSaid() throws IOException {
        Path in = tmp.resolve("in-placeholder");
        Files.createDirectories(in);
        for (String f : List.of("areas.csv", "referrals.csv", "services.csv")) {
            Files.copy(BASIC.resolve(f), in.resolve(f));
        }
        List<String> pop = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(BASIC.resolve("population.csv"))) {
            pop.add(line.substring(0, line.lastIndexOf(','))); // without the year column
        }
        Files.write(in.resolve("population.csv"), pop);
        Files.writeString(in.resolve("referrals.csv"), Files.readString(in.resolve("referrals.csv"))
                + "R900,P900,1900-01-01,mental_health,A1,F,30,,\n");
        // (without disclosure control: its audit of 126 mostly empty periods takes minutes, see the session note)
        Result r = run("report", in.toString(), "--out", tmp.resolve("out-placeholder").toString(), "--formats", "csv",
                "--no-suppression");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("jsna: warning: the records' dates span 126 periods, from 1899/00 to 2024/25"),
                r.err);
        assertTrue(r.err.contains("--from"), r.err);
        Result from = run("report", in.toString(), "--out", tmp.resolve("out-placeholder").toString(), "--formats",
                "csv", "--from", "2023-04-01", "--no-suppression");
        assertEquals(0, from.code, from.err);
        assertFalse(from.err.contains("periods, from"), from.err);
    }

    @Test
    void areasOfTheLookupWithoutPopulationAreCountedAndSaid() throws IOException {
        Path in = tmp.resolve("in-nopop");
        Files.createDirectories(in);
        for (String f : List.of("population.csv", "areas.csv", "referrals.csv", "services.csv")) {
            Files.copy(BASIC.resolve(f), in.resolve(f));
        }
        Result r = run("report", in.toString(), "--out", tmp.resolve("out-nopop").toString(), "--formats", "csv");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.readAllLines(tmp.resolve("out-nopop/data-quality.csv")).contains(
                "areas.csv,areas_without_population,0,"), Files.readString(tmp.resolve("out-nopop/data-quality.csv")));
        assertFalse(r.err.contains("no population row"), r.err);
        Files.writeString(in.resolve("areas.csv"), Files.readString(in.resolve("areas.csv")) + "B7,South,3\nB8,North,4\n");
        r = run("report", in.toString(), "--out", tmp.resolve("out-nopop").toString(), "--formats", "csv");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.readAllLines(tmp.resolve("out-nopop/data-quality.csv")).contains(
                "areas.csv,areas_without_population,2,"), Files.readString(tmp.resolve("out-nopop/data-quality.csv")));
        assertTrue(r.err.contains("jsna: warning: 2 areas of the lookup have no population row"), r.err);
    }

    /**
     * Two events of one person costing 1.7e308 each summed to an infinite cost per user, and the report ended
     * in an internal error (exit 1, BigDecimal of Infinity). Such a cost is now an input error (data.md,
     * number_too_large): exit 3 naming file, line, column and value.
     */
    @Test
    void aCostNearTheLargestDoubleIsAnInputErrorNotAnInternalOne() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        for (String f : List.of("population.csv", "areas.csv", "referrals.csv", "services.csv")) {
            Files.copy(BASIC.resolve(f), in.resolve(f));
        }
        List<String> svc = new java.util.ArrayList<>(Files.readAllLines(in.resolve("services.csv")));
        svc.set(1, svc.get(1).replace(",100,nhs,", ",1.7e308,nhs,"));
        svc.set(2, svc.get(2).replace(",50,council,", ",1.7e308,council,"));
        Files.write(in.resolve("services.csv"), svc);
        Result r = run("report", in.toString(), "--out", tmp.resolve("out").toString(), "--formats", "csv");
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.contains("services.csv:2: column 'cost': value '1.7e308'"), r.err);
        r = run("report", in.toString(), "--out", tmp.resolve("out").toString(), "--formats", "csv", "--on-error",
                "skip");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.readString(tmp.resolve("out/data-quality.csv")).contains("rejected:number_too_large,2"),
                Files.readString(tmp.resolve("out/data-quality.csv")));
    }

    /**
     * indicators.md: a person is placed by their first referral / event of the period, "earliest date,
     * then smallest id by ordinal string comparison". R10 < R9 and E10 < E9 ordinally, so the person
     * belongs to Xford whatever the order of the lines in the files.
     */
    @Test
    void personPlacementBreaksDateTiesBySmallestIdOrdinally() throws IOException {
        Path reversed = tmp.resolve("reversed");
        Files.createDirectories(reversed);
        for (String f : List.of("areas.csv", "population.csv", "referrals.csv", "services.csv")) {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(TIES.resolve(f)));
            if (f.equals("referrals.csv") || f.equals("services.csv")) {
                java.util.Collections.swap(lines, 1, 2);
            }
            Files.write(reversed.resolve(f), lines);
        }
        for (Path in : List.of(TIES, reversed)) {
            Path out = tmp.resolve("out-" + in.getFileName());
            Result r = run("report", in.toString(), "--out", out.toString(), "--formats", "csv", "--no-suppression");
            assertEquals(0, r.code, r.err);
            List<String> lines = Files.readAllLines(out.resolve("indicators.csv"));
            for (String id : List.of("repeat_referral_pct", "service_users_rate", "cost_per_user")) {
                String x = lines.stream().filter(l -> l.startsWith(id + ",") && l.contains(",2023/24,carers,Xford,,,"))
                        .findFirst().orElseThrow();
                String y = lines.stream().filter(l -> l.startsWith(id + ",") && l.contains(",2023/24,carers,Yton,,,"))
                        .findFirst().orElseThrow();
                // Xford holds the person (repeat: 1 of 1; users: 1; cost per user: 30 pounds over 1 user)
                String xCount = x.split(",2023/24,carers,Xford,,,")[1].split(",")[0];
                String yCount = y.split(",2023/24,carers,Yton,,,")[1].split(",")[0];
                assertEquals(id.equals("cost_per_user") ? "30" : "1", xCount, in + " " + x);
                assertEquals("0", yCount, in + " " + y);
            }
        }
    }

    @Test
    void writesIndicatorsWithoutSuppression() throws IOException {
        Path out = tmp.resolve("out");
        Result r = run("report", BASIC.toString(), "--out", out.toString(), "--formats", "csv", "--no-suppression");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(out.resolve("indicators.csv"));
        assertEquals("indicator_id,indicator_name,period,client_group,locality,category_type,category,count,"
                + "denominator,value,lower_ci_95,upper_ci_95,lower_ci_99_8,upper_ci_99_8,unit,method,comparator_value,"
                + "compared_to_area_95,compared_to_area_99_8,value_note,recent_trend,recent_trend_reason", lines.get(0));
        // North: 1 referral, population 1000 + 1000 + 200 (ages 18-19 of A2) = 2200
        String north = line(lines, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,mental_health,North,,,");
        assertTrue(north.contains(",,,1,2200," + org.jsna.output.table.CellFormat.number(1000.0 / 2200) + ","), north);
        assertTrue(north.contains(",Exact,"), north);
        String wait = line(lines, "wait_days_median,Median days from referral to first service,2023/24,mental_health,All,,,");
        assertTrue(wait.startsWith("wait_days_median,Median days from referral to first service,2023/24,mental_health,"
                + "All,,,2,2,10.5,"), wait);
        String nhs = line(lines, "funder_share_pct,Share of cost by funder,2023/24,mental_health,All,funder,nhs,");
        assertTrue(nhs.contains(",nhs,170,250,68,"), nhs);
        String unknown = line(lines, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,mental_health,Unknown,");
        assertTrue(unknown.contains("Unknown,,,2,,,"), unknown);
        assertTrue(unknown.endsWith(",not compared,not compared,population not known for records with an unknown area"
                + "; part period: 2023-05-01 to 2024-03-31 (336 of 366 days),cannot be calculated,part period"),
                unknown);
        // no identifier in any output
        for (String f : List.of("indicators.csv", "inequalities.csv", "data-quality.csv", "manifest.json")) {
            String text = Files.readString(out.resolve(f));
            for (String id : List.of("P0", "P3", "R4", "E5", "R99")) {
                assertFalse(text.contains(id), f + " contains " + id);
            }
        }
        String dq = Files.readString(out.resolve("data-quality.csv"));
        assertTrue(dq.startsWith("file,item,count,note\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,rows_read,6,\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,empty_area,1,\r\n"), dq);
        assertTrue(dq.contains("referrals.csv,unknown_area,1,\r\n"), dq);
        assertTrue(dq.contains("population.csv,population_outside_lookup,1,\r\n"), dq);
        assertTrue(dq.contains("services.csv,cost_unknown,1,\r\n"), dq);
        assertTrue(dq.contains("services.csv,referral_id_not_found,1,\r\n"), dq);
        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String key : List.of("\"tool\": \"jsna\"", "\"version\"", "\"command_line\": \"jsna report ",
                "\"started\"", "\"finished\"", "\"seed\": 1", "\"suppression\"", "\"settings\"", "\"inputs\"",
                "\"rows_read\": 6", "\"outputs\"", "\"path\": \"indicators.csv\"", "\"sha256\"")) {
            assertTrue(manifest.contains(key), key + " in " + manifest);
        }
        assertTrue(manifest.contains("\"enabled\": false"), manifest);
        assertEquals(List.of("out"), siblings());
    }

    @Test
    void suppressesSmallNumbersByDefault() throws IOException {
        Path out = tmp.resolve("out");
        Result r = run("report", BASIC.toString(), "--out", out.toString(), "--formats", "csv");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(out.resolve("indicators.csv"));
        String north = line(lines, "referrals_rate,\"Referrals received per 1,000 population\",2023/24,mental_health,North,,,");
        assertTrue(north.contains(",,,,,,,,,\"per 1,000\","), north);
        assertTrue(north.endsWith(org.jsna.indicators.Disclosure.NOTE
                + "; part period: 2023-05-01 to 2024-03-31 (336 of 366 days),cannot be calculated,part period"), north);
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"enabled\": true"));
    }

    @Test
    void invalidRowStopsTheRunAndLeavesThePreviousOutput() throws IOException {
        Path out = tmp.resolve("out");
        BrokenInputsTest.previousOutput(out);
        Result r = run("report", BAD.toString(), "--out", out.toString(), "--formats", "csv");
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.contains("referrals.csv:5"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
        assertEquals("previous output", Files.readString(out.resolve("previous.txt")));
        assertEquals(List.of("out"), siblings());
    }

    @Test
    void skipWritesRejectsAndReplacesTheOutput() throws IOException {
        Path out = tmp.resolve("out");
        BrokenInputsTest.previousOutput(out);
        Result r = run("report", BAD.toString(), "--out", out.toString(), "--formats", "csv", "--on-error", "skip");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("1 invalid row rejected"), r.err);
        assertFalse(Files.exists(out.resolve("previous.txt")));
        List<String> rejects = Files.readAllLines(out.resolve("rejects.csv"));
        assertEquals("file,line,column,reason,row", rejects.get(0));
        assertEquals(2, rejects.size());
        // the offending value alone: nothing else of the row (R3, P2, X1, F, 40, primary_care)
        assertTrue(rejects.get(1).endsWith("referrals.csv,5,referral_date,bad_date,2023-02-30"), rejects.get(1));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"rows_rejected\": 1"), manifest);
        assertTrue(manifest.contains("\"path\": \"rejects.csv\""), manifest);
        assertEquals(List.of("out"), siblings());
    }

    @Test
    void skipWithoutRejectsWritesNoRejectsFile() {
        Path out = tmp.resolve("out");
        Result r = run("report", BASIC.toString(), "--out", out.toString(), "--formats", "csv", "--on-error", "skip");
        assertEquals(0, r.code, r.err);
        assertFalse(Files.exists(out.resolve("rejects.csv")));
        assertTrue(Files.exists(out.resolve("manifest.json")));
    }

    @Test
    void secondRunOnTheSameOutputIsAnIoError() throws IOException {
        Path out = tmp.resolve("out");
        try (OutputFolder held = OutputFolder.open(out)) {
            Result r = run("report", BASIC.toString(), "--out", out.toString(), "--formats", "csv");
            assertEquals(4, r.code, r.err);
            assertTrue(r.err.contains("another jsna run"), r.err);
        }
        assertEquals(List.of(), siblings());
    }

    @Test
    void aFromAfterTheLastRecordWarnsThatThePeriodsHoldNoRecords() {
        Path out = tmp.resolve("late");
        Result r = run("report", BASIC.toString(), "--out", out.toString(), "--formats", "csv", "--from", "2025-01-01");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("jsna: warning: the report starts on 2025-01-01, after the extract's coverage ends on "
                + "2024-"), r.err);
        Result ok = run("report", BASIC.toString(), "--out", tmp.resolve("early").toString(), "--formats", "csv",
                "--from", "2023-04-01");
        assertEquals(0, ok.code, ok.err);
        assertFalse(ok.err.contains("after the extract's coverage ends"), ok.err);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("report", BASIC.toString(), "--formats", "pdf").code);
        // no format at all (the list splits into nothing): refused, not a run that writes only its manifest
        for (String none : new String[] {",", ",,", ""}) {
            Result r = run("report", BASIC.toString(), "--formats", none);
            assertEquals(2, r.code, none + ": " + r.err);
            assertTrue(r.err.contains("'--formats'"), r.err);
        }
        assertEquals(2, run("report", BASIC.toString(), "--on-error", "ignore").code);
        assertEquals(2, run("report", BASIC.toString(), "--period", "weekly").code);
        assertEquals(2, run("report", BASIC.toString(), "--from", "2024-01-01", "--to", "2023-01-01").code);
        // an empty --out (a script's unset variable) is a usage error, not the current folder
        Result empty = run("report", BASIC.toString(), "--out", "");
        assertEquals(2, empty.code, empty.err);
        assertTrue(empty.err.startsWith("jsna: error: Invalid value for option '--out': an empty name"), empty.err);
        Result help = run("report", "--help");
        assertEquals(0, help.code);
        assertTrue(help.err.contains("jsna report sample-data --out jsna-out"), help.err);
    }

    @Test
    void configMapsColumnsCodesDatesLocalityOrderPeriodAndSuppression() throws IOException {
        Path out = tmp.resolve("out");
        Result r = run("report", "src/test/resources/report/mapped", "--out", out.toString(), "--formats", "csv");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(out.resolve("indicators.csv"));
        String prefix = "referrals_rate,\"Referrals received per 1,000 population\",2023,mental_health,";
        int south = lines.indexOf(line(lines, prefix + "South,"));
        int north = lines.indexOf(line(lines, prefix + "North,"));
        assertTrue(south < north, "jsna.yaml localities order");
        // calendar 2023: R0..R3; suppression max 1 hides the single referrals of North and South only
        assertTrue(lines.get(north).endsWith(org.jsna.indicators.Disclosure.NOTE
                + "; part period: 2023-05-01 to 2023-12-31 (245 of 365 days),cannot be calculated,part period"),
                lines.get(north));
        String all = line(lines, prefix + "All,");
        assertTrue(all.contains(",All,,,4,4300," + org.jsna.output.table.CellFormat.number(4.0 / 4300 * 1000) + ","), all);
        String later = line(lines, "referrals_rate,\"Referrals received per 1,000 population\",2024,mental_health,All,");
        assertTrue(later.endsWith("population of mid-2023 used (no mid-2024 estimate)"
                + "; part period: 2024-01-01 to 2024-04-30 (121 of 366 days),cannot be calculated,part period"), later);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"max\": 1"), manifest);
    }

    @Test
    void missingInputDirIsAnIoError() {
        Result r = run("report", tmp.resolve("nope").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(4, r.code, r.err);
    }
}
