package org.jsna.output.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxWriterTest {

    /**
     * The streaming workbook's temporary files go into a folder of the run's own beside the workbook, removed
     * once it is written: never POI's shared {@code poifiles} folder in the system's temporary folder (owned by
     * the first user who made it, so every other user's workbook failed). Here POI's process-wide strategy fails
     * every temporary file; the workbook is still written, and nothing is left beside it.
     */
    @Test
    void theWorkbooksTemporaryFilesStayInTheRunsOwnFolder(@TempDir Path dir) throws Exception {
        org.apache.poi.util.TempFileCreationStrategy refuse = new org.apache.poi.util.TempFileCreationStrategy() {
            @Override
            public java.io.File createTempFile(String prefix, String suffix) throws java.io.IOException {
                throw new java.io.IOException("the shared temporary folder is not writable");
            }

            @Override
            public java.io.File createTempDirectory(String prefix) throws java.io.IOException {
                throw new java.io.IOException("the shared temporary folder is not writable");
            }
        };
        org.apache.poi.util.TempFile.setTempFileCreationStrategy(refuse);
        try {
            Path file = dir.resolve("jsna.xlsx");
            XlsxWriter.write(ReportFixture.nasty(), file);
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
                assertEquals(List.of("jsna.xlsx"), s.map(p -> p.getFileName().toString()).toList());
            }
            try (XSSFWorkbook wb = new XSSFWorkbook(java.nio.file.Files.newInputStream(file))) {
                assertTrue(wb.getNumberOfSheets() >= 4);
            }
        } finally {
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                    new org.apache.poi.util.DefaultTempFileCreationStrategy());
        }
    }

    @Test
    void workbookReopensWithEveryTableAsNumbersAndText(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.nasty();
        IndicatorRow formula = data.indicators().get(0);
        formula.valueNote = "=HYPERLINK(\"http://example.invalid\",\"x\")";
        Path file = dir.resolve("jsna.xlsx");
        XlsxWriter.write(data, file);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("indicators", "inequalities", "data-quality", "population", "metadata"), names);

            Sheet ind = wb.getSheet("indicators");
            Row header = ind.getRow(0);
            for (int i = 0; i < IndicatorRow.HEADER.length; i++) {
                assertEquals(IndicatorRow.HEADER[i], header.getCell(i).getStringCellValue());
            }
            PaneInformation pane = ind.getPaneInformation();
            assertNotNull(pane);
            assertTrue(pane.isFreezePane());
            assertEquals(1, pane.getHorizontalSplitPosition());
            assertEquals(data.indicators().size(), ind.getLastRowNum());

            // row by row: numbers are numeric cells with the full double, empties are blank, text is text
            int suppressedSeen = 0;
            for (int i = 0; i < data.indicators().size(); i++) {
                IndicatorRow x = data.indicators().get(i);
                Row r = ind.getRow(i + 1);
                assertEquals(x.indicatorId, r.getCell(0).getStringCellValue());
                assertEquals(x.locality, r.getCell(4).getStringCellValue());
                Cell value = r.getCell(9);
                if (Double.isNaN(x.value)) {
                    assertTrue(value == null || value.getCellType() == CellType.BLANK, "row " + i);
                    suppressedSeen += x.suppressed ? 1 : 0;
                } else {
                    assertEquals(CellType.NUMERIC, value.getCellType());
                    assertEquals(x.value, value.getNumericCellValue(), 0.0);
                }
                if (!Double.isNaN(x.count)) {
                    assertEquals(x.count, r.getCell(7).getNumericCellValue(), 0.0);
                }
            }
            assertTrue(suppressedSeen > 0, "fixture has suppressed rows");

            Cell note = ind.getRow(1).getCell(19);
            assertEquals(CellType.STRING, note.getCellType(), "formula-like text stays text");
            assertEquals(formula.valueNote, note.getStringCellValue());
            assertEquals(ReportFixture.NASTY, findLocality(ind, ReportFixture.NASTY));
            assertEquals("2023/24", ind.getRow(1).getCell(2).getStringCellValue());

            Sheet ineq = wb.getSheet("inequalities");
            assertEquals(data.inequalities().size(), ineq.getLastRowNum());
            assertEquals(data.inequalities().get(0).sii, ineq.getRow(1).getCell(3).getNumericCellValue(), 0.0);
            assertTrue(ineq.getPaneInformation().isFreezePane());

            Sheet dq = wb.getSheet("data-quality");
            assertEquals("rows_read", dq.getRow(1).getCell(1).getStringCellValue());
            assertEquals(12840.0, dq.getRow(1).getCell(2).getNumericCellValue(), 0.0);

            Sheet meta = wb.getSheet("metadata");
            StringBuilder all = new StringBuilder();
            for (Row r : meta) {
                for (Cell c : r) {
                    all.append(c.getCellType() == CellType.STRING ? c.getStringCellValue() : c.toString()).append('|');
                    assertTrue(c.getCellType() != CellType.FORMULA);
                }
            }
            String text = all.toString();
            assertTrue(text.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), "input hash");
            assertTrue(text.contains("referrals_rate"), "definitions");
            assertTrue(text.contains("Disclosure control"), "suppression rules");
            assertTrue(text.contains("Wilson"), "methods");
        }
    }

    /**
     * A table longer than a sheet goes on in "indicators (2)" and so on, each sheet with the header and every row
     * once, in order (1,048,575 rows fill one of Excel's sheets; the next ended a national run in an internal
     * error after all its work). Sheets of 5 rows here.
     */
    @Test
    void aTableLongerThanASheetGoesOnInTheNextSheets(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.nasty();
        int before = XlsxWriter.rowsPerSheet;
        XlsxWriter.rowsPerSheet = 5;
        Path file = dir.resolve("jsna.xlsx");
        try {
            XlsxWriter.write(data, file);
        } finally {
            XlsxWriter.rowsPerSheet = before;
        }
        int rows = data.indicators().size();
        assertTrue(rows > 8, "the fixture fills more than two sheets");
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> ids = new ArrayList<>();
            int sheets = 0;
            for (int k = 1; ; k++) {
                Sheet sh = wb.getSheet(k == 1 ? "indicators" : "indicators (" + k + ")");
                if (sh == null) {
                    break;
                }
                sheets++;
                assertEquals(IndicatorRow.HEADER[0], sh.getRow(0).getCell(0).getStringCellValue());
                assertTrue(sh.getLastRowNum() <= 4, "at most 4 rows under the header");
                for (int r = 1; r <= sh.getLastRowNum(); r++) {
                    ids.add(sh.getRow(r).getCell(0).getStringCellValue() + "|" + sh.getRow(r).getCell(4)
                            .getStringCellValue() + "|" + sh.getRow(r).getCell(2).getStringCellValue());
                }
            }
            assertEquals((rows + 3) / 4, sheets);
            List<String> want = new ArrayList<>();
            for (IndicatorRow x : data.indicators()) {
                want.add(x.indicatorId + "|" + x.locality + "|" + x.period);
            }
            assertEquals(want, ids);
            assertNotNull(wb.getSheet("metadata"));
        }
    }

    private static String findLocality(Sheet s, String name) {
        for (Row r : s) {
            if (r.getRowNum() > 0 && name.equals(r.getCell(4).getStringCellValue())) {
                return name;
            }
        }
        return null;
    }

    /** Excel holds at most 32,767 characters in a cell; POI throws beyond it, which crashed a run on a long name. */
    @Test
    void textLongerThanACellHoldsIsCutWithAnEllipsis() {
        String name = "x".repeat(40_000);
        String cut = XlsxWriter.cellText(name);
        assertEquals(32_767, cut.length());
        assertTrue(cut.endsWith("…"));
        // a character outside the BMP is never split in two
        String emoji = "x".repeat(32_765) + "\uD83C\uDFE5" + "tail";
        String cut2 = XlsxWriter.cellText(emoji);
        assertTrue(cut2.length() <= 32_767);
        assertTrue(!Character.isHighSurrogate(cut2.charAt(cut2.length() - 2)), "no lone high surrogate");
        assertEquals("short", XlsxWriter.cellText("short"));
        assertEquals("", XlsxWriter.cellText(null));
    }
    /**
     * A spreadsheet reads {@code _xHHHH_} in a cell's stored text as a character: a locality named
     * {@code _x003D_HYPERLINK(...)} showed as {@code =HYPERLINK(...)}. Stored text reads back as written.
     */
    @Test
    void textThatLooksLikeAnOoxmlEscapeReadsBackAsWritten(@TempDir Path dir) throws Exception {
        List<String> texts = List.of("_x003D_HYPERLINK(\"http://evil.example\")", "Split_x000A_line", "_x005F_",
                "a_x12ab_b_X0041_c_x00e9", "__x0041__", "_x_x0041_", "plain_x", "Bridge_x041_");
        Path file = dir.resolve("t.xlsx");
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(10)) {
            Sheet sh = wb.createSheet("t");
            for (int i = 0; i < texts.size(); i++) {
                sh.createRow(i).createCell(0).setCellValue(XlsxWriter.cellText(texts.get(i)));
            }
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(texts.get(i), wb.getSheet("t").getRow(i).getCell(0).getStringCellValue());
            }
        }
        assertEquals("Bridge_x041_", XlsxWriter.cellText("Bridge_x041_"), "not an escape: unchanged");
        // escapes lengthen the stored text: a long name of them is cut to fit as stored
        String many = "_x0041_".repeat(5_000);
        String stored = XlsxWriter.cellText(many);
        assertTrue(stored.length() <= 32_767 && stored.endsWith("…"), "stored length " + stored.length());
        assertTrue(stored.length() > 32_700, "cut no more than needed: " + stored.length());
        assertEquals(32_767, XlsxWriter.cellText("ab_x0041_".repeat(3_000) + "y".repeat(40_000)).length());
    }
}
