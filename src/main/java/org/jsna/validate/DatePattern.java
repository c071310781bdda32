package org.jsna.validate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Strict date parsing with a {@code java.time} pattern (data.md, "Dates"): {@code 2024-02-30} is an error,
 * never rolled over, and the text must have exactly the pattern's width. Numeric fixed-width patterns (any
 * order of {@code yyyy}/{@code uuuu}, {@code MM}, {@code dd} with literal separators, e.g. {@code yyyy-MM-dd},
 * {@code dd/MM/yyyy}) are read from the field's bytes without allocation; any other pattern goes through
 * {@link DateTimeFormatter} with {@link ResolverStyle#STRICT} (and {@code y} read as proleptic year
 * {@code u}; month and day names in English). Either way the year is 0..9999. Immutable, so one instance serves every reading thread.
 */
public final class DatePattern {
    /** Returned when the text is not a valid date. */
    public static final int INVALID = Integer.MIN_VALUE;

    private final String pattern;
    private final int yPos;
    private final int mPos;
    private final int dPos;
    /** The pattern's bytes, 0 where a digit of a field goes. */
    private final byte[] literal;
    private final DateTimeFormatter formatter;

    public DatePattern(String pattern) {
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
                } else if (Character.isLetter(lit[i]) || lit[i] == '\'' || lit[i] == '[' || lit[i] == ']'
                        || lit[i] > 0x7e) {
                    fast = false;
                }
            }
            if (count(pattern, 'y') + count(pattern, 'u') != 4 || count(pattern, 'M') != 2
                    || count(pattern, 'd') != 2) {
                fast = false;
            }
        }
        if (fast) {
            yPos = y;
            mPos = m;
            dPos = d;
            literal = new byte[lit.length];
            for (int i = 0; i < lit.length; i++) {
                literal[i] = (byte) lit[i];
            }
            formatter = null;
        } else {
            yPos = -1;
            mPos = -1;
            dPos = -1;
            literal = null;
            // English month and day names: Locale.ROOT knows only the short forms ("Jan" for MMMM too),
            // so "31 January 2023" under d MMMM yyyy would be rejected; en-GB would spell Sep "Sept".
            // Names in any case: database exports write 31-JAN-2023
            formatter = new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern(pattern.replace('y', 'u')).toFormatter(Locale.ENGLISH)
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

    public String pattern() {
        return pattern;
    }

    /** True when the pattern is plain ASCII (then whether a field matches does not depend on the file's encoding). */
    public boolean ascii() {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The epoch day of the text, or {@link #INVALID}. */
    public int parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, s);
    }

    /**
     * The epoch day of {@code b[s..e)}, or {@link #INVALID}.
     *
     * @param text the field as text, for a pattern read by {@link DateTimeFormatter}; null to decode the
     *             bytes as UTF-8 (a field that is not ASCII never matches an ASCII pattern either way)
     */
    public int parse(byte[] b, int s, int e, String text) {
        if (formatter != null) {
            String t = text != null ? text : new String(b, s, e - s, StandardCharsets.UTF_8);
            try {
                LocalDate d = LocalDate.parse(t, formatter);
                if (d.getYear() < 0 || d.getYear() > 9999) {
                    // as the four-digit fast path: a year such as -999999999 is no real date, and its
                    // epoch day does not fit an int (it wrapped round to a different, "valid" date)
                    return INVALID;
                }
                return (int) d.toEpochDay();
            } catch (DateTimeParseException ex) {
                return INVALID;
            }
        }
        if (e - s != literal.length) {
            return INVALID;
        }
        for (int i = 0; i < literal.length; i++) {
            byte c = b[s + i];
            if (literal[i] == 0) {
                if (c < '0' || c > '9') {
                    return INVALID;
                }
            } else if (c != literal[i]) {
                return INVALID;
            }
        }
        int y = digits(b, s + yPos, 4);
        int m = digits(b, s + mPos, 2);
        int d = digits(b, s + dPos, 2);
        if (m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
            return INVALID;
        }
        return (int) epochDay(y, m, d);
    }

    /** True when the pattern is read through {@link DateTimeFormatter} (the field's text is then needed). */
    public boolean needsText() {
        return formatter != null;
    }

    private static int digits(byte[] b, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            v = v * 10 + (b[i] - '0');
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

    /** Days since 1970-01-01 of a proleptic Gregorian date (days from civil). */
    public static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Year, month and day of an epoch day as {@code year * 10000 + month * 100 + day} (civil from days). */
    public static int civil(int epochDay) {
        long z = epochDay + 719468L;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) ((m <= 2 ? y + 1 : y) * 10000 + m * 100 + d);
    }
}
