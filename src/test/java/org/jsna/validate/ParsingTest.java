package org.jsna.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parsers under the rules: dates and numbers, from a field's bytes. */
class ParsingTest {

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd, 2024-02-29, 2024-02-29",
        "yyyy-MM-dd, 1970-01-01, 1970-01-01",
        "yyyy-MM-dd, 1899-12-31, 1899-12-31",
        "dd/MM/yyyy, 31/12/2023, 2023-12-31",
        "uuuu-MM-dd, 2000-02-29, 2000-02-29",
        "d/M/yyyy,   1/5/2023,   2023-05-01",
        "dd MMM yyyy, 01 Mar 2023, 2023-03-01",
        "dd-MMM-yyyy, 30-Sep-2023, 2023-09-30",
        "dd-MMM-yyyy, 31-JAN-2023, 2023-01-31",
        "dd-MMM-yy, 01-feb-23, 2023-02-01",
        "d MMMM yyyy, 31 January 2023, 2023-01-31",
        "EEEE dd/MM/yyyy, Tuesday 31/01/2023, 2023-01-31",
        "yyyy-MM-dd HH:mm:ss, 2023-05-01 13:45:00, 2023-05-01",
    })
    void validDates(String pattern, String text, String iso) {
        DatePattern p = new DatePattern(pattern);
        assertEquals(LocalDate.parse(iso).toEpochDay(), p.parse(text));
        LocalDate d = LocalDate.parse(iso);
        assertEquals(d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth(),
                DatePattern.civil((int) d.toEpochDay()));
    }

    @ParameterizedTest
    @CsvSource({
        "yyyy-MM-dd, 2024-02-30",
        "yyyy-MM-dd, 2023-02-29",
        "yyyy-MM-dd, 1900-02-29",
        "yyyy-MM-dd, 2024-13-01",
        "yyyy-MM-dd, 2024-00-10",
        "yyyy-MM-dd, 2024-1-01",
        "yyyy-MM-dd, 2024/01/01",
        "yyyy-MM-dd, 2024-01-01T00:00",
        "dd/MM/yyyy, 1/5/2023",
        "dd/MM/yyyy, 2023-05-01",
        "d/M/yyyy,   31/4/2023",
    })
    void invalidDates(String pattern, String text) {
        assertEquals(DatePattern.INVALID, new DatePattern(pattern).parse(text));
    }

    @Test
    void epochDayAgreesWithJavaTimeOverFourCenturies() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(37)) {
            assertEquals(d.toEpochDay(), DatePattern.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
            assertEquals(d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth(),
                    DatePattern.civil((int) d.toEpochDay()), d::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "12, 12", "+7, 7", "-3, -3", "12.0, 12", "12.00, 12", "007, 7"})
    void wholeNumbers(String text, long value) {
        assertEquals(value, Numbers.parseWhole(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "1e3", ".5"})
    void notWhole(String text) {
        assertEquals(Numbers.NOT_WHOLE, Numbers.parseWhole(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,200", "£12", "12 ", "NaN", "Infinity", "0x10", "1d", "-", "1.2.3", "１２"})
    void notNumbers(String text) {
        assertEquals(Numbers.BAD, Numbers.parseWhole(text));
        assertTrue(Double.isNaN(Numbers.parseDecimal(text)), text);
    }

    @ParameterizedTest
    @CsvSource({"12.50, 12.5", "0, 0", "1e3, 1000", "1.5E-2, 0.015", ".5, 0.5", "5., 5", "-2.25, -2.25"})
    void decimals(String text, double value) {
        assertEquals(value, Numbers.parseDecimal(text));
    }

    @Test
    void overflowIsNotANumber() {
        assertTrue(Double.isNaN(Numbers.parseDecimal("1e999")));
    }

    /** The fast path (up to 15 digits, no exponent) gives exactly what Double.parseDouble gives. */
    @Test
    void decimalsAgreeWithParseDoubleToTheBit() {
        java.util.Random rnd = new java.util.Random(5);
        for (int n = 0; n < 200_000; n++) {
            int digits = 1 + rnd.nextInt(17);
            StringBuilder sb = new StringBuilder(rnd.nextInt(4) == 0 ? "-" : "");
            int point = rnd.nextInt(digits + 1);
            for (int k = 0; k < digits; k++) {
                if (k == point && k > 0) {
                    sb.append('.');
                }
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            String t = sb.toString();
            assertEquals(Double.doubleToLongBits(Double.parseDouble(t)), Double.doubleToLongBits(Numbers.parseDecimal(t)),
                    t);
        }
    }
}
