package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsna.console.JsnaException;
import org.jsna.validate.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encodings, line endings, column and code mapping, date formats and the ONS wide layout. */
class InputFormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"areas_cp1252.csv", "areas_bom_crlf.csv", "areas_utf8_lf.csv"})
    void encodingsAndLineEndingsReadTheSameText(String file) {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null,
                Fixtures.resource("encodings/" + file), null, null));
        assertEquals(List.of("E01000001|North|1|Bishop\u2019s C\u00f4te", "E01000002|North|5|Beta",
                "E01000003|South|10|Gamma"), run.sink().areas);
        String expected = file.contains("cp1252") ? "windows-1252" : "UTF-8";
        assertEquals(expected, run.summary().files().get(0).encoding());
    }

    @Test
    void declaredEncodingWins(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("jsna.yaml");
        Path v = Fixtures.valid();
        Files.writeString(yaml, "inputs: {population: " + v.resolve("population.csv") + ", areas: "
                + Fixtures.resource("encodings/areas_utf8_lf.csv") + ", referrals: " + v.resolve("referrals.csv")
                + ", services: " + v.resolve("services.csv") + "}\nencoding: {areas: windows-1252}\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(null, yaml, null, null, null, null));
        assertEquals("windows-1252", run.summary().files().get(0).encoding());
        assertEquals("UTF-8", run.summary().files().get(1).encoding());
        // UTF-8 bytes of ’ and ô read as Windows-1252: what the user asked for
        assertEquals("E01000001|North|1|Bishop\u00e2\u20ac\u2122s C\u00c3\u00b4te", run.sink().areas.get(0));
    }

    @Test
    void declaredUtf8OnWindows1252BytesIsAnInputError(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("jsna.yaml");
        Path v = Fixtures.valid();
        Files.writeString(yaml, "inputs: {population: " + v.resolve("population.csv") + ", areas: "
                + Fixtures.resource("encodings/areas_cp1252.csv") + ", referrals: " + v.resolve("referrals.csv")
                + ", services: " + v.resolve("services.csv") + "}\nencoding: utf-8\n");
        JsnaException e = assertThrows(JsnaException.class,
                () -> Fixtures.read(ConfigLoader.load(null, yaml, null, null, null, null)));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void renamedRecodedReencodedCopyGivesTheSameRecords() {
        Fixtures.Run canonical = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, null, null));
        Fixtures.Run mapped = Fixtures.read(ConfigLoader.load(Fixtures.resource("mapped"), null, null, null, null, null));
        assertTrue(mapped.problems().isEmpty(), () -> mapped.problems().toString());
        assertEquals(canonical.sink().areas, mapped.sink().areas);
        assertEquals(canonical.sink().population, mapped.sink().population);
        assertEquals(canonical.sink().referrals, mapped.sink().referrals);
        assertEquals(canonical.sink().services, mapped.sink().services);
        assertEquals("windows-1252", mapped.summary().files().get(0).encoding());
    }

    @Test
    void onsWideListOfYearlyFiles() {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.resource("ons"), null, null, null, null, null));
        List<String> pop = run.sink().population;
        assertEquals(2 * 2 * 182, pop.size());
        assertTrue(pop.contains("E01000001|F|37|37|2023|37"));
        assertTrue(pop.contains("E01000001|M|90|90|2023|180"));
        assertTrue(pop.contains("E01000001|F|0|0|2024|1"));
        assertTrue(pop.contains("E01000002|M|5|5|2024|1"));
        long sumF2023 = 0;
        for (String p : pop) {
            String[] f = p.split("\\|");
            if (f[0].equals("E01000001") && f[1].equals("F") && f[4].equals("2023")) {
                sumF2023 += Long.parseLong(f[5]);
            }
        }
        assertEquals(90 * 91 / 2, sumF2023);
        // each population file is summarised on its own; rows are the file's rows (one per LSOA)
        ReadSummary.FileSummary first = run.summary().files().get(1);
        ReadSummary.FileSummary second = run.summary().files().get(2);
        assertEquals("population", first.role());
        assertEquals("population", second.role());
        assertTrue(first.path().toString().endsWith("Mid-2023 LSOA 2021.csv"));
        assertEquals(2, first.rowsRead());
        assertEquals(2, second.rowsUsed());
    }

    @Test
    void onsWideSameYearTwiceIsADuplicateKey() {
        Path yaml = Fixtures.resource("ons/same_year.yaml");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(null, yaml, null, null, null, null));
        assertEquals(2, run.problems().size());
        Problem p = run.problems().get(0);
        assertEquals("duplicate_population_key", p.reason());
        assertEquals(5, p.line());
        assertEquals("LSOA 2021 Code", p.column());
        assertTrue(p.file().endsWith("Mid-2024 LSOA 2021.csv"));
    }

    @Test
    void onsWideLinesStayTheFilesOwn() {
        Path dir = Fixtures.resource("ons");
        Path pop = dir.resolve("bad_cell.csv");
        JsnaConfig cfg = ConfigLoader.load(dir, null, pop, null, null, null);
        Fixtures.Run run = Fixtures.read(cfg);
        assertEquals(1, run.problems().size());
        Problem p = run.problems().get(0);
        assertEquals(6, p.line());
        assertEquals("F12", p.column());
        assertEquals("1,234", p.value());
        assertEquals("bad_number", p.reason());
    }

    @Test
    void onsWideMissingAgeColumnIsNamed() {
        Path dir = Fixtures.resource("ons");
        JsnaException e = assertThrows(JsnaException.class,
                () -> Fixtures.read(ConfigLoader.load(dir, null, dir.resolve("missing_m45.csv"), null, null, null)));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("missing required column 'M45'"), e.getMessage());
    }

    @Test
    void aWindows1252ByteFarIntoTheFileDecidesTheEncoding(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("area_code,locality,imd_decile,area_name\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 5000; i++) {
            b.writeBytes(("E0" + (1000000 + i) + ",North,1,Plain name\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        b.writeBytes("E09999999,South,2,Caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.write(0xE9); // é in Windows-1252, invalid alone in UTF-8
        b.writeBytes("\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path areas = dir.resolve("areas.csv");
        Files.write(areas, b.toByteArray());
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, areas, null, null));
        assertEquals("windows-1252", run.summary().files().get(0).encoding());
        assertEquals("E09999999|South|2|Caf\u00e9", run.sink().areas.get(5000));
    }
}
