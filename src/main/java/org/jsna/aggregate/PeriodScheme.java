package org.jsna.aggregate;

import java.time.LocalDate;

/**
 * Reporting periods (indicators.md): fiscal years 1 April – 31 March labelled {@code 2023/24}, or
 * calendar years labelled {@code 2023}. A period is identified by its starting year, which is also
 * the mid-year of the population it uses.
 */
public enum PeriodScheme {
    FISCAL_YEAR,
    CALENDAR_YEAR;

    /** Parses {@code fiscal-year} or {@code calendar-year}. */
    public static PeriodScheme of(String name) {
        if (name == null || name.equals("fiscal-year")) {
            return FISCAL_YEAR;
        }
        if (name.equals("calendar-year")) {
            return CALENDAR_YEAR;
        }
        throw new IllegalArgumentException("period must be fiscal-year or calendar-year: " + name);
    }

    /** The starting year of the period holding this epoch day. */
    public int yearOf(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        if (this == CALENDAR_YEAR) {
            return d.getYear();
        }
        return d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
    }

    /** {@code 2023/24} or {@code 2023}. */
    public String label(int year) {
        if (this == CALENDAR_YEAR) {
            return Integer.toString(year);
        }
        return year + "/" + String.format(java.util.Locale.ROOT, "%02d", Math.floorMod(year + 1, 100));
    }

    /** First day of the period starting in {@code year}. */
    public LocalDate start(int year) {
        return this == CALENDAR_YEAR ? LocalDate.of(year, 1, 1) : LocalDate.of(year, 4, 1);
    }

    /** Last day of the period starting in {@code year}. */
    public LocalDate end(int year) {
        return this == CALENDAR_YEAR ? LocalDate.of(year, 12, 31) : LocalDate.of(year + 1, 3, 31);
    }
}
