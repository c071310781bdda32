package org.jsna.validate;

/**
 * Numbers (data.md, "Numbers"): {@code units}, {@code cost} and {@code unit_cost} are plain decimals
 * ({@code bad_number}: no currency sign, thousands separator, {@code NaN} or {@code Infinity}) of 0 or more
 * ({@code negative_value}) and at most {@link #MAX_DECIMAL} ({@code number_too_large}); a population is a whole number of 0 or more ({@code 12.0} is whole).
 */
public final class NumberRule {
    /** A decimal that failed; no real value is -infinity because infinities are rejected. */
    public static final double FAILED = Double.NEGATIVE_INFINITY;
    /** What a decimal must look like, in messages. */
    public static final String PLAIN_NUMBER = "a plain number such as 1200.50 (no currency sign, thousands "
            + "separator, NaN or Infinity)";

    /**
     * The largest units, cost or unit_cost (10^15, a thousand million million): beyond any real service,
     * and far enough below the largest double that sums and products of them (unit_cost x units, a
     * person's costs, a council's) stay finite.
     */
    public static final double MAX_DECIMAL = 1e15;

    private NumberRule() {
    }

    /**
     * An optional non-negative decimal: NaN when empty or absent, {@link #FAILED} after a defect.
     *
     * @param what the column's canonical name, in the message about a negative value
     */
    public static double decimal(Fields f, int i, String what) {
        if (f.blank(i)) {
            return Double.NaN;
        }
        double x = Numbers.parseDecimal(f.bytes(), f.start(i), f.end(i));
        if (Double.isNaN(x)) {
            f.reject(i, "bad_number", PLAIN_NUMBER);
            return FAILED;
        }
        if (x < 0) {
            f.reject(i, "negative_value", noun(what) + " of 0 or more");
            return FAILED;
        }
        if (x > MAX_DECIMAL) {
            f.reject(i, "number_too_large", noun(what) + " of at most 1000000000000000 (10^15)");
            return FAILED;
        }
        return x;
    }

    /**
     * The cost of an event given as {@code unit_cost} × {@code units} (both checked by {@link #decimal}): the
     * product of the two decimals as written, worked exactly and rounded once (3 × £0.10 is £0.30, where the
     * product of the doubles is 0.30000000000000004, which the exact pound sums then carried into the tables), or
     * {@link #FAILED} with {@code number_too_large} at the unit_cost column {@code i} when it passes
     * {@link #MAX_DECIMAL}, as a cost given whole would.
     */
    public static double cost(Fields f, int i, double unitCost, double units) {
        double cost = decimalProduct(unitCost, units);
        if (cost > MAX_DECIMAL) {
            f.reject(i, "number_too_large", "a unit_cost x units (the event's cost) of at most 1000000000000000 "
                    + "(10^15)");
            return FAILED;
        }
        return cost;
    }

    private static final double[] TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    /**
     * The product of two decimals as written (the shortest decimals of the doubles), rounded once to a double. Two
     * amounts of few decimal places (pounds and pence times units), whose product as a whole number of its
     * smallest unit stays under 2^53, are multiplied as whole numbers and divided once, which is that rounding;
     * anything else goes through {@link java.math.BigDecimal} (slower, the same result).
     */
    static double decimalProduct(double a, double b) {
        int ka = places(a);
        int kb = places(b);
        if (ka >= 0 && kb >= 0 && ka + kb < TEN.length) {
            long x = Math.round(a * TEN[ka]);
            long y = Math.round(b * TEN[kb]);
            long p = x * y;
            if (Math.multiplyHigh(x, y) == (p >> 63) && Math.abs(p) < (1L << 53)) {
                return p / TEN[ka + kb]; // both exact doubles: one correctly rounded division
            }
        }
        return java.math.BigDecimal.valueOf(a).multiply(java.math.BigDecimal.valueOf(b)).doubleValue();
    }

    /** The decimal places (0 to 6) of the shortest decimal of {@code v}, or -1 when it has more or is too large. */
    private static int places(double v) {
        if (!(Math.abs(v) < 1e9)) {
            return -1;
        }
        for (int k = 0; k < TEN.length; k++) {
            double scaled = v * TEN[k];
            double whole = Math.rint(scaled);
            if (whole == scaled && whole / TEN[k] == v) {
                return k;
            }
        }
        return -1;
    }

    /** The column's value named in a message: "units", "a cost", "an imd_score". */
    private static String noun(String what) {
        return what.equals("units") ? what : ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }

    /** A population count: a required non-negative whole number, or -1 after a defect. */
    public static long population(Fields f, int i) {
        if (f.blank(i)) {
            Required.missing(f, i);
            return -1;
        }
        long n = Numbers.parseWhole(f.bytes(), f.start(i), f.end(i));
        if (n == Numbers.BAD || n == Numbers.NOT_WHOLE) {
            f.reject(i, "bad_number", n == Numbers.BAD ? "a whole number of people (no thousands separator)"
                    : "a whole number of people");
            return -1;
        }
        if (n < 0) {
            f.reject(i, "negative_value", "a population of 0 or more");
            return -1;
        }
        return n;
    }
}
