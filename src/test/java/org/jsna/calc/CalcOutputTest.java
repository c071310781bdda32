package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

class CalcOutputTest {

    @Test
    void cellsAreSpelledAsWritten(@TempDir Path dir) throws Exception {
        CalcOutput out = new CalcOutput(List.of("area", "value", "method"));
        out.addRow().text("area", "E1").number("value", 0.25).text("method", "Wilson");
        out.addRow().text("area", "=E2").number("value", Double.NaN).text("method", "Wilson").note("x is missing");
        out.addRow().text("area", "E3").number("value", 12.0).text("method", "a, b").note("x").note("x");
        // what is written: formula-like text neutralised, missing number empty, note last
        assertEquals(List.of("area", "value", "method", "value_note"), out.columns());
        assertEquals("'=E2", out.cell(1, "area"));
        assertEquals("", out.cell(1, "value"));
        assertEquals("x is missing", out.cell(1, "value_note"));
        assertEquals("0.25", out.cell(0, "value"));
        assertEquals("12", out.cell(2, "value"));
        Path file = dir.resolve("out.csv");
        out.write(file.toString());
        assertEquals("area,value,method,value_note\n"
                + "E1,0.25,Wilson,\n"
                + "'=E2,,Wilson,x is missing\n"
                + "E3,12,\"a, b\",x\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * A script's helper found a carried column's -3 written '-3 and a group key -1 written '-1 (cli.md: numbers are
     * never altered; a spreadsheet reads -3 as a number and runs nothing), and an empty first cell written "".
     */
    @Test
    void plainNumbersAndEmptyFirstCellsAreWrittenAsTheyAre(@TempDir Path dir) throws Exception {
        CalcOutput out = new CalcOutput(List.of("area", "delta"));
        String[] kept = {"-3", "+4", "-1.5", "+.5", "-2.", "-1e-3", "+6E+2"};
        String[] quoted = {"-1+2", "-", "+", "-e3", "-3 ", "--3", "-A1", "@SUM(A1)", "=1", "+1-1"};
        for (String v : kept) {
            out.addRow().text("area", "E1").text("delta", v);
        }
        for (String v : quoted) {
            out.addRow().text("area", "E1").text("delta", v);
        }
        out.addRow().text("area", "").text("delta", "x");
        for (int i = 0; i < kept.length; i++) {
            assertEquals(kept[i], out.cell(i, "delta"));
        }
        for (int i = 0; i < quoted.length; i++) {
            assertEquals("'" + quoted[i], out.cell(kept.length + i, "delta"));
        }
        Path file = dir.resolve("out.csv");
        out.write(file.toString());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n,x,\n"), text);
        assertTrue(text.contains("\nE1,-3,\n"), text);
    }

    @Test
    void columnsHaveExplicitTypes() {
        CalcOutput out = new CalcOutput(List.of("area", "value", "method"));
        out.addRow().text("area", "E1").number("value", 0.25).text("method", "Wilson");
        out.addRow().text("area", "=E2").number("value", Double.NaN).text("method", "Wilson").note("x is missing");
        List<Column<?>> t = out.typedColumns();
        assertEquals(List.of("area", "value", "method", "value_note"), t.stream().map(Column::name).toList());
        assertInstanceOf(StringColumn.class, t.get(0));
        assertInstanceOf(DoubleColumn.class, t.get(1));
        assertInstanceOf(StringColumn.class, t.get(2));
        assertInstanceOf(StringColumn.class, t.get(3));
        assertEquals(0.25, ((DoubleColumn) t.get(1)).getDouble(0));
        assertTrue(Double.isNaN(((DoubleColumn) t.get(1)).getDouble(1)));
        assertEquals("'=E2", ((StringColumn) t.get(0)).get(1));
    }
}
