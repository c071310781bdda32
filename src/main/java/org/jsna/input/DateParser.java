package org.jsna.input;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Strict date parsing with a {@code java.time} pattern (data.md): {@code 2024-02-30} is an error, never
 * rolled over. Numeric fixed-width patterns (any order of {@code yyyy}/{@code uuuu}, {@code MM},
 * {@code dd} with literal separators, e.g. {@code yyyy-MM-dd}, {@code dd/MM/yyyy}) take a fast path
 * without allocation; any other pattern goes through {@link DateTimeFormatter} with
 * {@link ResolverStyle#STRICT} (and {@code y} read as proleptic year {@code u}); either way the year is
 * 0..9999. After a successful parse
 * {@link #year}, {@link #month} and {@link #day} hold the parts.
 */
final class DateParser {
    /** Returned when the text is not a valid date. */
    static final int INVALID = Integer.MIN_VALUE;

    private final String pattern;
    private final int yPos;
    private final int mPos;
    private final int dPos;
    private final char[] literal;
    private final DateTimeFormatter formatter;

    int year;
    int month;
    int day;

    DateParser(String pattern) {
        this.pattern = pattern;
        int y = pattern.indexOf("yyyy") >= 0 ? pattern.indexOf("yyyy") : pattern.indexOf("uuuu");
        int m = pattern.indexOf("MM");
        int d = pattern.indexOf("dd");
        boolean fast = y >= 0 && m >= 0 && d >= 0;
        char[] lit = pattern.toCharArray();
        if (fast) {
            for (int i = 0; i < lit.length; i++) {
                boolean inField = i >= y && i < y + 4 || i >= m && i < m + 2 || i >= d && i < d + 2;
                if (inField) {
                    lit[i] = 0;
                } else if (Character.isLetter(lit[i]) || lit[i] == '\'' || lit[i] == '[' || lit[i] == ']') {
                    fast = false;
                }
            }
            if (count(pattern, 'y') + count(pattern, 'u') != 4 || count(pattern, 'M') != 2 || count(pattern, 'd') != 2) {
                fast = false;
            }
        }
        if (fast) {
            yPos = y;
            mPos = m;
            dPos = d;
            literal = lit;
            formatter = null;
        } else {
            yPos = -1;
            mPos = -1;
            dPos = -1;
            literal = null;
            formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    String pattern() {
        return pattern;
    }

    /** The epoch day of the text, or {@link #INVALID}. */
    int parse(String s) {
        if (formatter != null) {
            try {
                LocalDate d = LocalDate.parse(s, formatter);
                if (d.getYear() < 0 || d.getYear() > 9999) {
                    // as the four-digit fast path: a year such as -999999999 is no real date, and its
                    // epoch day does not fit an int (it wrapped round to a different, "valid" date)
                    return INVALID;
                }
                year = d.getYear();
                month = d.getMonthValue();
                day = d.getDayOfMonth();
                return (int) d.toEpochDay();
            } catch (DateTimeParseException e) {
                return INVALID;
            }
        }
        if (s.length() != literal.length) {
            return INVALID;
        }
        for (int i = 0; i < literal.length; i++) {
            char c = s.charAt(i);
            if (literal[i] == 0) {
                if (c < '0' || c > '9') {
                    return INVALID;
                }
            } else if (c != literal[i]) {
                return INVALID;
            }
        }
        int y = digits(s, yPos, 4);
        int m = digits(s, mPos, 2);
        int d = digits(s, dPos, 2);
        if (m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
            return INVALID;
        }
        year = y;
        month = m;
        day = d;
        return (int) epochDay(y, m, d);
    }

    private static int digits(String s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    static boolean leap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    static int lengthOfMonth(int y, int m) {
        switch (m) {
            case 2:
                return leap(y) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (days-from-civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
