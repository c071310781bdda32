package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;

/** The input table of {@code jsna calc}: Tablesaw columns of the types the caller names, never guessed. */
class CalcTableTest {

    private static CalcTable parse(String csv, List<String> numeric) throws IOException {
        return CalcTable.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", numeric,
                numeric);
    }

    @Test
    void columnsHaveTheTypesTheCallerNames() throws IOException {
        // "1,5" and "007" look like numbers to a type-guessing reader (style.md, known traps): here they are text
        CalcTable t = parse("code,label,n\n007,\"1,5\",12\n010,x,NA\n", List.of("n"));
        assertInstanceOf(StringColumn.class, t.column("code"));
        assertInstanceOf(StringColumn.class, t.column("label"));
        assertInstanceOf(DoubleColumn.class, t.column("n"));
        assertEquals("007", t.text(0, "code"));
        assertEquals("1,5", t.text(0, "label"));
        assertEquals("1,5", ((StringColumn) t.column("label")).get(0));
        assertEquals(12.0, t.number(0, "n"));
        assertTrue(Double.isNaN(t.number(1, "n")), "NA is missing");
        assertEquals("12", t.text(0, "n"), "a number cell keeps its text for messages");
        assertFalse(t.isNumeric("code"));
        assertTrue(t.isNumeric("n"));
        assertEquals(List.of("code", "label", "n"), t.columnNames());
        assertEquals(3, t.line(1));
    }

    @Test
    void aNumberWithAThousandsSeparatorIsAnInputError() {
        JsnaException e = assertThrows(JsnaException.class, () -> parse("area,n\nA,\"1,5\"\n", List.of("n")));
        assertEquals(JsnaException.Kind.INPUT.exitCode, e.exitCode());
        assertEquals("t.csv:2: column 'n': value '1,5': expected a number (e.g. 12 or 0.5), or an empty cell or NA "
                + "for a missing value", e.getMessage());
    }

    @Test
    void columnNamesMustDifferInMoreThanCase() {
        JsnaException e = assertThrows(JsnaException.class, () -> parse("area,n,N\nA,1,2\n", List.of("n")));
        assertEquals(JsnaException.Kind.INPUT.exitCode, e.exitCode());
        assertEquals("t.csv:1: column 'N': value 'N': expected column names that differ in more than upper/lower "
                + "case", e.getMessage());
        // a column's numbers are read before its name is compared, as when the columns went into a Table
        JsnaException first = assertThrows(JsnaException.class, () -> parse("area,N,n\nA,2,x\n", List.of("n")));
        assertTrue(first.getMessage().startsWith("t.csv:2: column 'n': value 'x'"), first.getMessage());
    }
}
