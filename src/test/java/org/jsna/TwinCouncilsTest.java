package org.jsna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No published value is computed from a suppressed cell, in any output: two councils that differ
 * only inside suppressed cells must publish the same thing. The twin of a generated council moves one
 * referral (or one service event) from one small area to another of the same deprivation decile, in a
 * different locality, where both localities are hidden for that period and client group; every
 * published cell is then the same in both. When disclosure control hides the same rows in both, every
 * output — indicators.csv, inequalities.csv, data-quality.csv, each chart (as SVG, so axis ranges,
 * spine-chart ranges, trend lines, funnel points and every text in them), report.html (its
 * sentences and tables; the run's manifest section aside) and every sheet of jsna.xlsx but the
 * metadata — must be identical, byte for byte or cell for cell.
 */
class TwinCouncilsTest {

    @TempDir
    Path tmp;

    private record Move(int line, String newArea) {
    }

    /**
     * Every format but PNG: a PNG is drawn from the same chart as its SVG, whose text and geometry the
     * comparison covers, and leaving it out halves the time of each run.
     */
    private static final String FORMATS = "csv,xlsx,svg,html";

    @Test
    void movingAReferralBetweenHiddenLocalitiesChangesNoOutput() throws IOException {
        int compared = 0;
        for (long seed : new long[] {11, 12, 13}) {
            compared += twins(seed, "referrals.csv", "referral_date", "referrals_rate", "person_id");
            if (compared > 0) {
                break;
            }
        }
        assertTrue(compared >= 1, "no twin council could be made: the test proved nothing");
    }

    @Test
    void movingAServiceEventBetweenHiddenLocalitiesChangesNoOutput() throws IOException {
        int compared = 0;
        for (long seed : new long[] {21, 22, 23}) {
            compared += twins(seed, "services.csv", "start_date", "service_users_rate", "person_id");
            if (compared > 0) {
                break;
            }
        }
        assertTrue(compared >= 1, "no twin council could be made: the test proved nothing");
    }

    /** Makes twins of one generated council and compares their outputs; returns how many pairs were compared. */
    private int twins(long seed, String file, String dateColumn, String lead, String personColumn) throws IOException {
        Path council = DisclosureAttackTest.council(tmp.resolve("c" + seed), 14, 900, 1300, seed, 3);
        Path out = tmp.resolve("out" + seed);
        DisclosureAttackTest.run("--quiet", "report", council.toString(), "--out", out.toString(), "--seed", "3",
                "--formats", FORMATS);
        Path first = tmp.resolve("first" + seed);
        Files.move(out, first);
        Set<String> hiddenFirst = hiddenRows(first);
        Path records = council.resolve(file);
        byte[] original = Files.readAllBytes(records);
        for (Move move : candidates(council, first, file, dateColumn, lead, personColumn)) {
            rewrite(records, original, move);
            DisclosureAttackTest.run("--quiet", "report", council.toString(), "--out", out.toString(), "--seed", "3",
                    "--formats", FORMATS);
            boolean samePattern = hiddenFirst.equals(hiddenRows(out));
            if (samePattern) {
                assertSameOutputs(first, out);
            }
            org.jsna.console.TempFiles.deleteRecursively(out);
            if (samePattern) {
                Files.write(records, original);
                return 1;
            }
        }
        Files.write(records, original);
        return 0;
    }

    private static Set<String> hiddenRows(Path out) throws IOException {
        Set<String> hidden = new TreeSet<>();
        for (CSVRecord r : Intruder.csv(out.resolve("indicators.csv"))) {
            if (r.get("value_note").startsWith("suppressed")) {
                hidden.add(Intruder.cell(r, ""));
            }
        }
        return hidden;
    }

    /** Records that may move: their period and client group have two hidden localities for the lead indicator. */
    private static List<Move> candidates(Path council, Path out, String file, String dateColumn, String lead,
            String personColumn) throws IOException {
        Map<String, String> localityOf = new HashMap<>();
        Map<String, String> decileOf = new HashMap<>();
        for (CSVRecord a : Intruder.csv(council.resolve("areas.csv"))) {
            localityOf.put(a.get("area_code"), a.get("locality"));
            decileOf.put(a.get("area_code"), a.get("imd_decile"));
        }
        Map<String, List<String>> hiddenLocalities = new HashMap<>();
        for (CSVRecord r : Intruder.csv(out.resolve("indicators.csv"))) {
            if (r.get("indicator_id").equals(lead) && r.get("category_type").isEmpty()
                    && r.get("value_note").startsWith("suppressed") && localityOf.containsValue(r.get("locality"))) {
                hiddenLocalities.computeIfAbsent(r.get("period") + "|" + r.get("client_group"), k -> new ArrayList<>())
                        .add(r.get("locality"));
            }
        }
        List<CSVRecord> rows = Intruder.csv(council.resolve(file));
        Map<String, Integer> perPerson = new HashMap<>();
        for (CSVRecord r : rows) {
            perPerson.merge(r.get(personColumn) + "|" + r.get("client_group"), 1, Integer::sum);
        }
        List<Move> moves = new ArrayList<>();
        for (CSVRecord r : rows) {
            String area = r.get("area_code");
            String from = localityOf.get(area);
            List<String> hidden = hiddenLocalities.get(period(r.get(dateColumn)) + "|" + r.get("client_group"));
            if (from == null || hidden == null || !hidden.contains(from)
                    || perPerson.get(r.get(personColumn) + "|" + r.get("client_group")) != 1) {
                continue;
            }
            for (Map.Entry<String, String> target : localityOf.entrySet()) {
                String to = target.getValue();
                if (!to.equals(from) && hidden.contains(to) && decileOf.get(target.getKey()).equals(decileOf.get(area))) {
                    moves.add(new Move((int) r.getRecordNumber(), target.getKey()));
                    break;
                }
            }
            if (moves.size() >= 3) {
                break;
            }
        }
        return moves;
    }

    private static String period(String isoDate) {
        LocalDate d = LocalDate.parse(isoDate);
        int y = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        return y + "/" + String.format("%02d", (y + 1) % 100);
    }

    /** The file with the area of record {@code move.line} (1-based after the header) replaced. */
    private static void rewrite(Path file, byte[] original, Move move) throws IOException {
        List<String> lines = new ArrayList<>(List.of(new String(original, StandardCharsets.UTF_8).split("\n", -1)));
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("area_code");
        String[] f = lines.get(move.line()).split(",", -1);
        f[col] = move.newArea();
        lines.set(move.line(), String.join(",", f));
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
    }

    private static void assertSameOutputs(Path a, Path b) throws IOException {
        for (String f : List.of("indicators.csv", "inequalities.csv", "data-quality.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
        List<Path> charts;
        try (Stream<Path> s = Files.list(a.resolve("charts"))) {
            charts = s.sorted().toList();
        }
        assertTrue(!charts.isEmpty());
        for (Path c : charts) {
            Path other = b.resolve("charts").resolve(c.getFileName().toString());
            assertTrue(Files.exists(other), () -> "the twin has no " + c.getFileName());
            assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(other), () -> "chart " + c.getFileName());
        }
        assertEquals(withoutRun(Files.readString(a.resolve("report.html"))),
                withoutRun(Files.readString(b.resolve("report.html"))), "report.html");
        assertEquals(sheets(a.resolve("jsna.xlsx")), sheets(b.resolve("jsna.xlsx")), "jsna.xlsx");
    }

    /** report.html without what describes the run itself (times, input hashes). */
    private static String withoutRun(String html) {
        return html.replaceAll("(?s)<section id=\"manifest\">.*?</section>", "")
                .replaceAll("(?s)<p class=\"meta\">.*?</p>", "");
    }

    /** Every sheet but the metadata as text, cell by cell. */
    private static Map<String, List<String>> sheets(Path xlsx) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        DataFormatter fmt = new DataFormatter(java.util.Locale.ROOT);
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = new XSSFWorkbook(in)) {
            for (Sheet sh : wb) {
                if (sh.getSheetName().equals("metadata")) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (Row row : sh) {
                    StringBuilder line = new StringBuilder();
                    for (Cell c : row) {
                        line.append(fmt.formatCellValue(c)).append('\t');
                    }
                    cells.add(line.toString());
                }
                out.put(sh.getSheetName(), cells);
            }
        }
        return out;
    }
}
