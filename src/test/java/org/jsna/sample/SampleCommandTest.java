package org.jsna.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsna sample} end to end in this JVM: determinism, options, exit codes. */
class SampleCommandTest {

    static final List<String> FILES = List.of("population.csv", "areas.csv", "referrals.csv", "services.csv", "jsna.yaml");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result small(Path dir, long seed) {
        return run("sample", "--out", dir.toString(), "--areas", "20", "--referrals", "1500", "--services", "2500",
                "--seed", Long.toString(seed));
    }

    @Test
    void sameSeedSameBytes(@TempDir Path tmp) throws IOException {
        assertEquals(0, small(tmp.resolve("a"), 7).code);
        assertEquals(0, small(tmp.resolve("b"), 7).code);
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void differentSeedDifferentData(@TempDir Path tmp) throws IOException {
        assertEquals(0, small(tmp.resolve("a"), 7).code);
        assertEquals(0, small(tmp.resolve("b"), 8).code);
        for (String f : List.of("population.csv", "areas.csv", "referrals.csv", "services.csv")) {
            assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f))), f);
        }
    }

    @Test
    void writesExactlyTheRequestedRowsAndNothingElse(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("new/nested");
        Result r = small(dir, 3);
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out, "nothing on stdout");
        assertTrue(r.err.contains("wrote a synthetic input set"), r.err);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(FILES.stream().sorted().toList(), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(1 + 1500, Files.readAllLines(dir.resolve("referrals.csv")).size());
        assertEquals(1 + 2500, Files.readAllLines(dir.resolve("services.csv")).size());
        assertEquals(1 + 20, Files.readAllLines(dir.resolve("areas.csv")).size());
        // 20 lookup areas + 1 neighbouring area, 2 sexes, ages 0..90, 3 mid-years
        assertEquals(1 + 21 * 2 * 91 * 3, Files.readAllLines(dir.resolve("population.csv")).size());
    }

    @Test
    void zeroReferralsAndServicesGiveHeaderOnlyFiles(@TempDir Path tmp) throws IOException {
        Result r = run("sample", "--out", tmp.toString(), "--areas", "10", "--referrals", "0", "--services", "0");
        assertEquals(0, r.code, r.err);
        assertEquals(List.of(String.join(",", SampleWriter.REFERRALS_HEADER)), Files.readAllLines(tmp.resolve("referrals.csv")));
        assertEquals(List.of(String.join(",", SampleWriter.SERVICES_HEADER)), Files.readAllLines(tmp.resolve("services.csv")));
    }

    @Test
    void servicesWithoutReferralsAreAllUnlinked(@TempDir Path tmp) throws IOException {
        Result r = run("sample", "--out", tmp.toString(), "--areas", "10", "--referrals", "0", "--services", "50");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(tmp.resolve("services.csv"));
        assertEquals(51, lines.size());
    }

    @Test
    void yearsMovesTheStartBackAndKeepsTheEnd(@TempDir Path tmp) throws IOException {
        Path six = tmp.resolve("six");
        Result r = run("sample", "--out", six.toString(), "--areas", "12", "--referrals", "3000", "--services", "4000",
                "--years", "6");
        assertEquals(0, r.code, r.err);
        // one mid-year per fiscal year: 2019 to 2024, each with every area (12 + 1 neighbouring), sex and age
        List<String> pop = Files.readAllLines(six.resolve("population.csv"));
        assertEquals(1 + 13 * 2 * 91 * 6, pop.size());
        assertEquals(List.of("2019", "2020", "2021", "2022", "2023", "2024"),
                pop.stream().skip(1).map(l -> l.substring(l.lastIndexOf(',', l.lastIndexOf(',') - 1) + 1,
                        l.lastIndexOf(','))).distinct().sorted().toList());
        // referrals in every one of the six fiscal years, none before 1 April 2019 nor after 31 March 2025,
        // and more in each year than in the one before (the generator's ~4% a year growth)
        int[] perYear = new int[6];
        for (String l : Files.readAllLines(six.resolve("referrals.csv")).subList(1, 3001)) {
            String date = l.split(",")[2];
            assertTrue(date.compareTo("2019-04-01") >= 0 && date.compareTo("2025-03-31") <= 0, date);
            java.time.LocalDate d = java.time.LocalDate.parse(date);
            perYear[(d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1) - 2019]++;
        }
        for (int y = 0; y < 6; y++) {
            assertTrue(perYear[y] > 300, Arrays.toString(perYear));
        }
        assertTrue(perYear[5] > perYear[0], Arrays.toString(perYear));
        // three years is the default, byte for byte
        assertEquals(0, run("sample", "--out", tmp.resolve("a").toString(), "--areas", "12", "--referrals", "300",
                "--services", "400", "--years", "3").code);
        assertEquals(0, run("sample", "--out", tmp.resolve("b").toString(), "--areas", "12", "--referrals", "300",
                "--services", "400").code);
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
    }

    /** Every number of years the option allows makes a council, and a council of one year gets its report. */
    @Test
    void everyNumberOfYearsMakesACouncilThatReports(@TempDir Path tmp) throws IOException {
        for (int years = 1; years <= 10; years++) {
            Path dir = tmp.resolve("y" + years);
            Result r = run("sample", "--out", dir.toString(), "--areas", "12", "--localities", "3", "--referrals", "400",
                    "--services", "600", "--years", Integer.toString(years), "--seed", Integer.toString(years));
            assertEquals(0, r.code, years + " years: " + r.err);
            assertEquals(1 + 13 * 2 * 91 * years, Files.readAllLines(dir.resolve("population.csv")).size());
        }
        Path out = tmp.resolve("report");
        Result r = run("report", tmp.resolve("y1").toString(), "--out", out.toString(), "--formats", "csv,html",
                "--quiet");
        assertEquals(0, r.code, r.err);
        List<String> periods = Files.readAllLines(out.resolve("indicators.csv")).stream().skip(1)
                .filter(l -> l.contains("2024/25")).toList();
        assertFalse(periods.isEmpty(), "the one fiscal year, 2024/25, is reported");
        assertTrue(Files.readAllLines(out.resolve("indicators.csv")).stream().skip(1)
                .noneMatch(l -> l.contains("2023/24")), "and no other");
    }

    @Test
    void badSizesAreUsageErrors(@TempDir Path tmp) {
        for (String[] bad : List.of(new String[] {"--areas", "9"}, new String[] {"--areas", "50001"},
                new String[] {"--referrals", "-1"}, new String[] {"--services", "x"}, new String[] {"--years", "0"},
                new String[] {"--years", "11"})) {
            String[] args = Stream.concat(Stream.of("sample", "--out", tmp.toString()), Arrays.stream(bad)).toArray(String[]::new);
            Result r = run(args);
            assertEquals(2, r.code, String.join(" ", bad) + ": " + r.err);
            assertTrue(r.err.startsWith("jsna: error: "), r.err);
            assertFalse(r.err.contains("\tat "), r.err);
        }
    }

    @Test
    void outIsRequired() {
        assertEquals(2, run("sample").code);
    }

    @Test
    void outThatIsAFileIsAnIoError(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        Result r = run("sample", "--out", file.toString(), "--areas", "10", "--referrals", "10", "--services", "10");
        assertEquals(4, r.code, r.err);
        assertTrue(r.err.contains("file.txt"), r.err);
    }

    @Test
    void replacesItsOwnFilesAndLeavesOthers(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("areas.csv"), "old");
        Files.writeString(tmp.resolve("notes.txt"), "keep");
        assertEquals(0, run("sample", "--out", tmp.toString(), "--areas", "10", "--referrals", "10", "--services", "10").code);
        assertTrue(Files.readString(tmp.resolve("areas.csv")).startsWith("area_code,"));
        assertEquals("keep", Files.readString(tmp.resolve("notes.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void helpHasAnExample() {
        Result r = run("sample", "--help");
        assertEquals(0, r.code);
        assertTrue(r.err.contains("jsna sample --out"), r.err);
    }
}
