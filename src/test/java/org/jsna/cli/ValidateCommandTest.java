package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsna validate} end to end, in process. */
class ValidateCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String res(String name) {
        try {
            return Path.of(ValidateCommandTest.class.getResource("/input/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void validInputsExitZeroAndWriteNothingToStdout() {
        Result r = run("validate", res("valid"));
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out);
        assertTrue(r.err.contains("all inputs are valid"), r.err);
        assertTrue(r.err.contains("3 rows read, 3 valid, 0 invalid"), r.err);
    }

    @Test
    void everyProblemIsListedNotJustTheFirst(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("referrals.csv");
        Files.writeString(ref, "referral_id,person_id,referral_date,client_group,area_code,sex,age\n"
                + "R1,P1,2023-02-30,mental_health,E01000001,F,30\n"
                + "R2,P1,2023-03-01,mental_health,E01000001,X,30\n"
                + "R3,P1,2023-03-01,mental_health,E01000001,F,30\n");
        Result r = run("validate", res("valid"), "--referrals", ref.toString());
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.contains(ref + ":2: column 'referral_date': value '2023-02-30'"), r.err);
        assertTrue(r.err.contains(ref + ":3: column 'sex': value 'X'"), r.err);
        assertTrue(r.err.contains("3 rows read, 1 valid, 2 invalid"), r.err);
        assertTrue(r.err.contains("2 invalid rows in 1 file"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void listIsCappedAt100PerFile(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("referral_id,person_id,referral_date,client_group,area_code,sex,age\n");
        for (int i = 0; i < 150; i++) {
            sb.append("R").append(i).append(",P1,2023-01-01,nobody,E01000001,F,30\n");
        }
        Path ref = Files.writeString(dir.resolve("referrals.csv"), sb.toString());
        Result r = run("validate", res("valid"), "--referrals", ref.toString());
        assertEquals(3, r.code);
        long listed = r.err.lines().filter(l -> l.contains("column 'client_group'")).count();
        assertEquals(100, listed);
        assertTrue(r.err.contains("… and 50 more problems not listed"), r.err);
    }

    @Test
    void wholeFileDefectExitsThree() {
        Result r = run("validate", res("valid"), "--areas", res("rules/areas_header_only.csv"));
        assertEquals(3, r.code);
        assertTrue(r.err.contains("no rows after the header"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }

    /** The valid fixture's {@code file} copied into {@code dir} with {@code column} of its first row set to {@code value}. */
    private static Path withFirstRowsValue(Path dir, String file, String column, String value) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(res("valid")).resolve(file));
        int i = List.of(lines.get(0).split(",", -1)).indexOf(column);
        String[] row = lines.get(1).split(",", -1);
        row[i] = value;
        lines.set(1, String.join(",", row));
        return Files.write(dir.resolve(file), lines);
    }

    @Test
    void aWholeFileDefectStopsThatFileOnlyAndTheNextIsChecked(@TempDir Path dir) throws Exception {
        // referrals without their sex column (a defect of the whole file), and a bad sex code in the services
        Path ref = Files.writeString(dir.resolve("referrals.csv"),
                "referral_id,person_id,referral_date,client_group,area_code,age\n"
                + "R1,P1,2023-03-01,mental_health,E01000001,30\n");
        Path svc = withFirstRowsValue(dir, "services.csv", "sex", "Q");
        Result r = run("validate", res("valid"), "--referrals", ref.toString(), "--services", svc.toString());
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.contains("'sex'"), r.err);
        assertTrue(r.err.contains("validation of that file stopped: this defect concerns the whole file"), r.err);
        assertTrue(r.err.contains(svc + ":2: column 'sex': value 'Q'"), "the services are still checked: " + r.err);
        assertTrue(r.err.contains("1 file could not be read to the end"), r.err);
        assertEquals("", r.out);
        // one summary line per file (docs/data.md), in the order of the inputs, the stopped one saying so
        int stopped = r.err.indexOf(ref + " (referrals): not checked to the end: see its error above");
        int population = r.err.indexOf("(population, UTF-8): ");
        int services = r.err.indexOf(svc + " (services, UTF-8): ");
        assertTrue(population >= 0 && population < stopped && stopped < services, r.err);
        // a population file with no rows (found by the reader's last step for the file) is such a defect too
        Path pop = Files.writeString(dir.resolve("population.csv"),
                Files.readAllLines(Path.of(res("valid")).resolve("population.csv")).get(0) + "\n");
        Result p = run("validate", res("valid"), "--population", pop.toString(), "--services", svc.toString());
        assertEquals(3, p.code, p.err);
        assertTrue(p.err.contains("validation of that file stopped"), p.err);
        assertTrue(p.err.contains(svc + ":2: column 'sex': value 'Q'"), "the services are still checked: " + p.err);
        // report still stops at the first defect, as before
        Result rep = run("report", res("valid"), "--referrals", ref.toString(), "--services", svc.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(3, rep.code, rep.err);
        assertFalse(rep.err.contains("value 'Q'"), rep.err);
    }

    /**
     * cli.md: validate lists every problem. A defect of the whole area lookup (a missing column, no rows) no
     * longer ends it: the other files are checked without the lookup, and their own problems listed.
     */
    @Test
    void aDefectOfTheAreaLookupStillLetsTheOtherFilesBeChecked(@TempDir Path dir) throws Exception {
        Path ref = withFirstRowsValue(dir, "referrals.csv", "referral_date", "2022-02-30");
        for (String areas : List.of("rules/areas_header_only.csv", "rules/areas_bad_header.csv")) {
            Result r = run("validate", res("valid"), "--areas", res(areas), "--referrals", ref.toString());
            assertEquals(3, r.code, r.err);
            assertTrue(r.err.contains(res(areas)), r.err);
            assertTrue(r.err.contains("validation of that file stopped"), r.err);
            assertTrue(r.err.contains(ref + ":2: column 'referral_date': value '2022-02-30'"),
                    "the referrals are still checked: " + r.err);
            assertTrue(r.err.contains("1 file could not be read to the end"), r.err);
            assertFalse(r.err.contains("\tat "), r.err);
            // the valid population (all outside the empty lookup) and services are no problem of theirs
            assertFalse(r.err.contains("services.csv:"), r.err);
            assertTrue(r.err.contains("(population, UTF-8): 5 rows read, 5 valid, 0 invalid"), r.err);
        }
    }

    @Test
    void missingFileExitsFour(@TempDir Path dir) {
        Result r = run("validate", res("valid"), "--services", dir.resolve("none.csv").toString());
        assertEquals(4, r.code);
        assertTrue(r.err.contains("none.csv"), r.err);
        // cli.md: --verbose adds the stack trace of an internal error only, never of a user's mistake
        Result v = run("validate", res("valid"), "--services", dir.resolve("none.csv").toString(), "--verbose");
        assertEquals(4, v.code);
        assertFalse(v.err.contains("\tat ") || v.err.contains("JsnaException"), v.err);
    }

    @Test
    void unknownYamlKeyExitsTwo(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("jsna.yaml"), "perod: fiscal-year\n");
        Result r = run("validate", res("valid"), "--config", yaml.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("unknown key 'perod'"), r.err);
    }

    @Test
    void helpHasAnExample() {
        Result r = run("validate", "--help");
        assertEquals(0, r.code);
        assertTrue(r.err.contains("jsna validate sample-data"), r.err);
        for (String opt : List.of("--config", "--population", "--areas", "--referrals", "--services")) {
            assertTrue(r.err.contains(opt), opt);
        }
    }
}
