package org.jsna.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsna.output.Council;
import org.jsna.output.CouncilReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With one period and one client group the file totals are the suppressed All counts themselves, so
 * data-quality.csv, manifest.json, the workbook and report.html withhold them (docs/disclosure.md). The
 * size of the input file gives the same count away: a referrals.csv of a few rows is a header plus about
 * a hundred bytes a row, so its {@code bytes} is withheld with its rows.
 */
class WithheldFileTotalsTest {

    @TempDir
    Path tmp;

    /** A council of three referrals and four service events in one year: its file totals are withheld. */
    private Path fewRows() throws IOException {
        Council c = new Council();
        c.localities = List.of("Northgate", "Riverside");
        c.groups = List.of(new Council.Group("mental_health", "Mental health", "18-64"));
        c.yaml = true;
        c.years = 1;
        c.referrals = 3;
        c.services = 4;
        c.unknownAreaPct = 0;
        c.seed = 3;
        Path in = tmp.resolve("council");
        Files.createDirectories(in);
        c.write(in);
        return in;
    }

    @Test
    void aFileOfFewRowsDoesNotShowItsSize() throws IOException {
        Path in = fewRows();
        Path out = tmp.resolve("out");
        CouncilReports.Result run = CouncilReports.run("--quiet", "report", in.toString(), "--out", out.toString(),
                "--formats", "csv,xlsx,html");
        assertEquals(0, run.code(), run.err());
        String referralsBytes = Long.toString(Files.size(in.resolve("referrals.csv")));
        String servicesBytes = Long.toString(Files.size(in.resolve("services.csv")));

        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"rows_withheld\""), "the council should have withheld file totals: the test "
                + "proves nothing");
        assertTrue(manifest.contains("\"rows_used\": null"), manifest);
        for (String bytes : List.of(referralsBytes, servicesBytes)) {
            assertFalse(manifest.contains("\"bytes\": " + bytes + ","), () -> "manifest.json shows an input's size, "
                    + bytes + " bytes, beside its withheld rows");
        }
        assertTrue(manifest.contains("\"bytes\": null"), "the key stays (cli.md), empty");

        String html = Files.readString(out.resolve("report.html"));
        String inputs = html.substring(html.indexOf("<section id=\"manifest\">"));
        assertTrue(inputs.contains("<td class=\"num\">supp.</td>"), "a withheld size or count says so: " + inputs);
        assertFalse(inputs.contains(">" + org.jsna.output.chart.Wording.count(Double.parseDouble(referralsBytes)) + "<"),
                "report.html shows the size of referrals.csv");
        assertFalse(inputs.contains(">" + org.jsna.output.chart.Wording.count(Double.parseDouble(servicesBytes)) + "<"),
                "report.html shows the size of services.csv");

        DataFormatter fmt = new DataFormatter(java.util.Locale.ROOT);
        try (InputStream s = Files.newInputStream(out.resolve("jsna.xlsx")); Workbook wb = new XSSFWorkbook(s)) {
            Sheet meta = wb.getSheet("metadata");
            for (Row r : meta) {
                for (org.apache.poi.ss.usermodel.Cell cell : r) {
                    String v = fmt.formatCellValue(cell).replace(",", "");
                    assertFalse(v.equals(referralsBytes) || v.equals(servicesBytes),
                            "the workbook's metadata shows an input's size: " + v);
                }
            }
            // the data-quality sheet is the CSV: a withheld count empty, with its note
            Sheet dq = wb.getSheet("data-quality");
            List<String> head = new java.util.ArrayList<>();
            dq.getRow(0).forEach(cell -> head.add(fmt.formatCellValue(cell)));
            assertEquals(List.of("file", "item", "count", "note"), head);
            List<String> csv = Files.readAllLines(out.resolve("data-quality.csv"));
            assertEquals(csv.size() - 1, dq.getLastRowNum());
            int withheld = 0;
            for (int i = 1; i < csv.size(); i++) {
                String[] f = csv.get(i).split(",", -1);
                Row r = dq.getRow(i);
                assertEquals(f[2], fmt.formatCellValue(r.getCell(2)).replace(",", ""), csv.get(i));
                assertEquals(f[3], r.getCell(3) == null ? "" : fmt.formatCellValue(r.getCell(3)), csv.get(i));
                withheld += f[3].isEmpty() ? 0 : 1;
            }
            assertTrue(withheld > 0, "the council withholds counts: the check proves nothing");
        }
    }

    /**
     * Two inputs of one name in folders of their own (an MHSDS and a client-level extract both called
     * extract.csv): data-quality.csv names each by its path, so that their counts can be told apart, and the
     * services' counts are withheld as the services', not taken for the referrals' (by name, withholding found the
     * first file's input for both).
     */
    @Test
    void inputsOfOneNameAreToldApartAndEachWithheldAsItsOwn() throws IOException {
        Path in = fewRows();
        Files.createDirectories(in.resolve("mhsds"));
        Files.createDirectories(in.resolve("cld"));
        Files.move(in.resolve("referrals.csv"), in.resolve("mhsds/extract.csv"));
        Files.move(in.resolve("services.csv"), in.resolve("cld/extract.csv"));
        Path yaml = in.resolve("jsna.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("referrals: referrals.csv", "referrals: mhsds/extract.csv")
                .replace("services: services.csv", "services: cld/extract.csv"));
        Path out = tmp.resolve("out");
        CouncilReports.Result run = CouncilReports.run("--quiet", "report", in.toString(), "--out", out.toString(),
                "--formats", "csv");
        assertEquals(0, run.code(), run.err());
        java.util.Map<String, String> dq = new java.util.HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("data-quality.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(null, dq.put(f[0] + "|" + f[1], f[2]), () -> "an item twice under one name: " + line);
        }
        String referrals = in.resolve("mhsds/extract.csv").toString();
        String services = in.resolve("cld/extract.csv").toString();
        assertTrue(dq.containsKey(referrals + "|rows_read"), dq::toString);
        assertTrue(dq.containsKey(services + "|rows_read"), dq::toString);
        assertTrue(dq.containsKey("areas.csv|rows_read"), "a name no other input has stays a name: " + dq);
        // a few rows each, so both files' totals are withheld (the first test proves it for distinct names)
        assertEquals("", dq.get(referrals + "|rows_used"), dq::toString);
        assertEquals("", dq.get(services + "|rows_used"), dq::toString);
    }
}
