package org.jsna.aggregate;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

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

    /**
     * The index in {@code periods} (consecutive starting years, as a report's) of the period holding an epoch
     * day, -1 outside them: {@code yearOf(day) - periods[0]} by the periods' first days, found once, where
     * {@link #yearOf} makes a calendar date (every record of a run goes through this).
     */
    public IntUnaryOperator indexer(int[] periods) {
        int n = periods.length;
        int[] starts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (i > 0 && periods[i] != periods[i - 1] + 1) {
                throw new IllegalArgumentException("periods must be consecutive years: " + Arrays.toString(periods));
            }
            starts[i] = (int) start(periods[i]).toEpochDay();
        }
        starts[n] = n == 0 ? 0 : (int) end(periods[n - 1]).toEpochDay() + 1;
        return day -> {
            if (n == 0 || day < starts[0] || day >= starts[n]) {
                return -1;
            }
            int p = 0;
            while (day >= starts[p + 1]) {
                p++;
            }
            return p;
        };
    }

    /** {@code 2023/24} or {@code 2023}; a year before 1000 with four digits ({@code 0001/02}), as data.md's dates have. */
    public String label(int year) {
        String y = String.format(java.util.Locale.ROOT, "%04d", year);
        if (this == CALENDAR_YEAR) {
            return y;
        }
        return y + "/" + String.format(java.util.Locale.ROOT, "%02d", Math.floorMod(year + 1, 100));
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
