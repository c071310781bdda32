package org.jsna.validate;

import java.nio.charset.StandardCharsets;

/**
 * Strict number parsing straight from a field's bytes (data.md, "Numbers"). A plain decimal is
 * {@code [+-]?digits[.digits][e[+-]digits]}; a currency sign, a thousands separator, spaces inside,
 * {@code NaN}, {@code Infinity}, hexadecimal and Java suffixes ({@code 1d}) are all rejected.
 */
public final class Numbers {
    /** Not a number at all. */
    public static final long BAD = Long.MIN_VALUE;
    /** A number, but not a whole one. */
    public static final long NOT_WHOLE = Long.MIN_VALUE + 1;

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Numbers() {
    }

    /** {@link #parseWhole(byte[], int, int)} of a text (other than ASCII is never a number). */
    public static long parseWhole(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parseWhole(b, 0, b.length);
    }

    /** {@link #parseDecimal(byte[], int, int)} of a text. */
    public static double parseDecimal(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parseDecimal(b, 0, b.length);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A whole number in {@code b[s..e)}: digits with an optional sign and an optional all-zero fraction
     * ({@code 12.0}, as written by tools that store counts as floating point). Returns {@link #BAD} or
     * {@link #NOT_WHOLE} otherwise; more than about 15 digits is {@link #BAD}.
     */
    public static long parseWhole(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        int digitsStart = i;
        long v = 0;
        while (i < e && digit(b[i])) {
            if (v > 100_000_000_000_000L) {
                return BAD;
            }
            v = v * 10 + (b[i] - '0');
            i++;
        }
        if (i == digitsStart) {
            return isDecimal(b, s, e) ? NOT_WHOLE : BAD;
        }
        if (i < e) {
            if (b[i] != '.') {
                return isDecimal(b, s, e) ? NOT_WHOLE : BAD;
            }
            i++;
            boolean zero = true;
            while (i < e && digit(b[i])) {
                zero &= b[i] == '0';
                i++;
            }
            if (i < e) {
                return isDecimal(b, s, e) ? NOT_WHOLE : BAD;
            }
            if (!zero) {
                return NOT_WHOLE;
            }
        }
        return neg ? -v : v;
    }

    /** True when {@code b[s..e)} is a plain decimal as described above. */
    public static boolean isDecimal(byte[] b, int s, int e) {
        int i = s;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        int digits = 0;
        while (i < e && digit(b[i])) {
            i++;
            digits++;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && digit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exp = 0;
            while (i < e && digit(b[i])) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == e;
    }

    /**
     * A plain decimal, or NaN when the text is not one (or overflows to infinity). The value is that of
     * {@link Double#parseDouble}: up to 15 digits without an exponent it is computed from the digits as one
     * correctly rounded division (both operands exact), otherwise by {@code parseDouble} itself.
     */
    public static double parseDecimal(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        while (i < e && digit(b[i])) {
            mantissa = mantissa * 10 + (b[i] - '0');
            digits++;
            i++;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && digit(b[i])) {
                mantissa = mantissa * 10 + (b[i] - '0');
                digits++;
                scale++;
                i++;
            }
        }
        if (i == e && digits > 0 && digits <= 15) {
            double v = mantissa / POW10[scale];
            return neg ? -v : v;
        }
        if (!isDecimal(b, s, e)) {
            return Double.NaN;
        }
        double d = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        return Double.isInfinite(d) ? Double.NaN : d;
    }
}
