package org.jsna.output.table;

import java.math.BigDecimal;

/**
 * How every cell jsna writes is spelled (cli.md): numbers as the shortest decimal that reads back
 * to the same double, in plain notation and a fixed locale; integers without {@code .0}; missing
 * values empty; text that a spreadsheet would run as a formula neutralised with a leading quote.
 */
public final class CellFormat {

    private CellFormat() {
    }

    /** A number cell: empty for NaN, {@code Inf}/{@code -Inf} for infinities, else plain decimal. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0"; // also -0.0
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Double.toString gives a decimal that reads back to the same double; BigDecimal makes it plain.
        String s = new BigDecimal(Double.toString(v)).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }

    /** A boxed number cell: empty for null. */
    public static String number(Double v) {
        return v == null ? "" : number(v.doubleValue());
    }

    /** A count: an integer, written without a decimal point; empty for a negative sentinel. */
    public static String count(long v) {
        return Long.toString(v);
    }

    /**
     * A text cell: values starting with {@code = + - @}, a tab or a carriage return get a leading
     * {@code '} so that a spreadsheet shows them as text instead of running them; a plain number
     * ({@code -3}, {@code +4.5}, {@code -1e-3}), which a spreadsheet reads as that number and runs
     * nothing, is kept as written (cli.md: numbers are never altered).
     */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        char c = s.charAt(0);
        if (c == '=' || c == '@' || c == '\t' || c == '\r' || (c == '+' || c == '-') && !PLAIN_NUMBER.matcher(s).matches()) {
            return "'" + s;
        }
        return s;
    }

    /** A signed decimal number in plain or exponent notation, nothing before or after it. */
    private static final java.util.regex.Pattern PLAIN_NUMBER =
            java.util.regex.Pattern.compile("[+-](\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
}
