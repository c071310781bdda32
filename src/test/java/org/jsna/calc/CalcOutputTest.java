package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CalcOutputTest {

    @Test
    void tableHasExplicitTypesPerColumn() {
        CalcOutput out = new CalcOutput(List.of("area", "value", "method"));
        out.addRow().text("area", "E1").number("value", 0.25).text("method", "Wilson");
        out.addRow().text("area", "=E2").number("value", Double.NaN).text("method", "Wilson").note("x is missing");
        Table t = out.table();
        assertInstanceOf(StringColumn.class, t.column("area"));
        assertInstanceOf(DoubleColumn.class, t.column("value"));
        assertInstanceOf(StringColumn.class, t.column("method"));
        assertInstanceOf(StringColumn.class, t.column("value_note"));
        assertEquals(0.25, t.doubleColumn("value").getDouble(0));
        assertTrue(Double.isNaN(t.doubleColumn("value").getDouble(1)));
        // what is written: formula-like text neutralised, missing number empty, note last
        assertEquals("'=E2", out.cell(1, "area"));
        assertEquals("", out.cell(1, "value"));
        assertEquals("x is missing", out.cell(1, "value_note"));
        assertEquals("0.25", out.cell(0, "value"));
    }
}
