package org.jsna.input;

/**
 * Strict number parsing for input fields, without regular expressions. A plain decimal is
 * {@code [+-]?digits[.digits][e[+-]digits]}; currency signs, thousands separators, spaces inside,
 * {@code NaN}, {@code Infinity}, hexadecimal and Java suffixes ({@code 1d}) are all rejected (data.md).
 */
final class Numbers {
    /** Not a number at all. */
    static final long BAD = Long.MIN_VALUE;
    /** A number, but not a whole one. */
    static final long NOT_WHOLE = Long.MIN_VALUE + 1;

    private Numbers() {
    }

    /**
     * A whole number: digits with an optional sign and an optional all-zero fraction ({@code 12.0}, as
     * written by tools that store counts as floating point). Returns {@link #BAD} or {@link #NOT_WHOLE}.
     */
    static long parseWhole(String s) {
        int n = s.length();
        int i = 0;
        boolean neg = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        int digitsStart = i;
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (v > 100_000_000_000_000L) {
                return BAD;
            }
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == digitsStart) {
            return isDecimal(s) ? NOT_WHOLE : BAD;
        }
        if (i < n) {
            if (s.charAt(i) != '.') {
                return isDecimal(s) ? NOT_WHOLE : BAD;
            }
            i++;
            boolean zero = true;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                zero &= s.charAt(i) == '0';
                i++;
            }
            if (i < n) {
                return isDecimal(s) ? NOT_WHOLE : BAD;
            }
            if (!zero) {
                return NOT_WHOLE;
            }
        }
        return neg ? -v : v;
    }

    /** True when the text is a plain decimal as described above. */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i = 1;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** A plain decimal, or NaN when the text is not one (or overflows to infinity). */
    static double parseDecimal(String s) {
        if (!isDecimal(s)) {
            return Double.NaN;
        }
        double d = Double.parseDouble(s);
        return Double.isInfinite(d) ? Double.NaN : d;
    }
}
