package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** A record's period found from the periods' first days is the period of its calendar date. */
class PeriodSchemeTest {

    @Test
    void theIndexerAgreesWithTheCalendarOnEveryDay() {
        int[][] runs = {{2019, 2020, 2021, 2022}, {2023}, {1999, 2000, 2001}};
        for (PeriodScheme scheme : PeriodScheme.values()) {
            for (int[] periods : runs) {
                IntUnaryOperator index = scheme.indexer(periods);
                int from = (int) LocalDate.of(periods[0] - 2, 1, 1).toEpochDay();
                int to = (int) LocalDate.of(periods[periods.length - 1] + 3, 12, 31).toEpochDay();
                for (int day = from; day <= to; day++) {
                    int p = scheme.yearOf(day) - periods[0];
                    int expected = p >= 0 && p < periods.length ? p : -1;
                    assertEquals(expected, index.applyAsInt(day), scheme + " " + LocalDate.ofEpochDay(day));
                }
            }
        }
    }

    @Test
    void theEdgesOfAFiscalYear() {
        IntUnaryOperator index = PeriodScheme.FISCAL_YEAR.indexer(new int[] {2022, 2023});
        assertEquals(-1, index.applyAsInt((int) LocalDate.of(2022, 3, 31).toEpochDay()));
        assertEquals(0, index.applyAsInt((int) LocalDate.of(2022, 4, 1).toEpochDay()));
        assertEquals(0, index.applyAsInt((int) LocalDate.of(2023, 3, 31).toEpochDay()));
        assertEquals(1, index.applyAsInt((int) LocalDate.of(2023, 4, 1).toEpochDay()));
        assertEquals(1, index.applyAsInt((int) LocalDate.of(2024, 3, 31).toEpochDay()));
        assertEquals(-1, index.applyAsInt((int) LocalDate.of(2024, 4, 1).toEpochDay()));
        assertEquals(-1, PeriodScheme.CALENDAR_YEAR.indexer(new int[0]).applyAsInt(0));
        assertThrows(IllegalArgumentException.class, () -> PeriodScheme.CALENDAR_YEAR.indexer(new int[] {2020, 2022}));
    }

    /** Labels in the yyyy/yy and yyyy forms whatever the year: 0001/02 (was 1/02, which sorted after 10/11). */
    @Test
    void labelsHaveFourDigitYears() {
        assertEquals("2023/24", PeriodScheme.FISCAL_YEAR.label(2023));
        assertEquals("1999/00", PeriodScheme.FISCAL_YEAR.label(1999));
        assertEquals("0001/02", PeriodScheme.FISCAL_YEAR.label(1));
        assertEquals("0999/00", PeriodScheme.FISCAL_YEAR.label(999));
        assertEquals("2023", PeriodScheme.CALENDAR_YEAR.label(2023));
        assertEquals("0042", PeriodScheme.CALENDAR_YEAR.label(42));
    }
}
