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

    /**
     * The note of a period not wholly inside the coverage {@code [from, to]} (indicators.md, "Part
     * periods"): {@code part period: FROM to TO (N of M days)}, FROM to TO being the days of the period
     * the coverage holds; null for a complete period.
     */
    public String partNote(int year, LocalDate from, LocalDate to) {
        LocalDate start = start(year);
        LocalDate end = end(year);
        long days = java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1;
        if (!from.isAfter(start) && !to.isBefore(end)) {
            return null;
        }
        LocalDate a = from.isAfter(start) ? from : start;
        LocalDate b = to.isBefore(end) ? to : end;
        long covered = a.isAfter(b) ? 0 : java.time.temporal.ChronoUnit.DAYS.between(a, b) + 1;
        if (covered == 0) {
            return "part period: none of its days inside the coverage " + from + " to " + to + " (0 of " + days
                    + " days)";
        }
        return "part period: " + a + " to " + b + " (" + covered + " of " + days + " days)";
    }
}
