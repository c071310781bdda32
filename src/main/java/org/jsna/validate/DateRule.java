package org.jsna.validate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Dates (data.md, "Dates"): a real calendar date in the configured pattern ({@code bad_date}), not after the
 * day of the run ({@code future_date}, for every date column, end dates and birth dates included), and an
 * end date on or after its start ({@code end_before_start}, reported at the end date's column).
 */
public final class DateRule {
    /** A date that failed (the defect is reported). */
    public static final int FAILED = Integer.MIN_VALUE + 1;
    /** An empty optional end date: ongoing, or a single contact. */
    public static final int NO_END = Integer.MIN_VALUE;

    private final DatePattern pattern;
    private final LocalDate todayDate;
    private final int today;

    public DateRule(String pattern, LocalDate today) {
        this.pattern = new DatePattern(pattern);
        this.todayDate = today;
        this.today = (int) today.toEpochDay();
    }

    public DatePattern pattern() {
        return pattern;
    }

    /** A date not after today as epoch day, or {@link #FAILED}; an empty required date is {@code missing_value}. */
    public int date(Fields f, int i, boolean required) {
        if (f.blank(i)) {
            if (required) {
                Required.missing(f, i);
            }
            return FAILED;
        }
        byte[] b = f.bytes();
        int s = f.start(i);
        int e = f.end(i);
        int d = pattern.parse(b, s, e, pattern.needsText() ? text(f, i) : null);
        if (d == DatePattern.INVALID) {
            f.reject(i, "bad_date", "a date as " + pattern.pattern() + " (a real calendar date)");
            return FAILED;
        }
        if (d > today) {
            f.reject(i, "future_date", "a date not after " + todayDate + " (the day of the run)");
            return FAILED;
        }
        return d;
    }

    /**
     * An optional end date, not after today and on or after {@code start} (named {@code startWord} in the
     * message): {@link #NO_END} when empty or absent, {@link #FAILED} after a defect.
     */
    public int endDate(Fields f, int i, int start, String startWord) {
        if (f.blank(i)) {
            return NO_END;
        }
        int end = date(f, i, false);
        if (end == FAILED) {
            return FAILED;
        }
        if (end < start) {
            f.reject(i, "end_before_start", "an end date on or after the " + startWord + " "
                    + LocalDate.ofEpochDay(start));
            return FAILED;
        }
        return end;
    }

    private static String text(Fields f, int i) {
        byte[] b = f.bytes();
        int s = f.start(i);
        int e = f.end(i);
        if (TextLookup.isAscii(b, s, e)) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        byte[] u = f.utf8(i);
        return u != null ? new String(u, StandardCharsets.UTF_8) : new String(b, s, e - s, StandardCharsets.UTF_8);
    }
}
