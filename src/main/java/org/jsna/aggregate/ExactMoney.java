package org.jsna.aggregate;

import java.math.BigDecimal;

/**
 * Sums of money that do not depend on the order of the rows and show no binary noise: each amount is
 * taken as the decimal it was written as (the shortest decimal that reads back to the double, as
 * {@link BigDecimal#valueOf(double)}), and the sum is exact. Amounts of at most six decimal places under
 * £1,000,000,000 (every real cost) are added as whole micro-pounds in a {@code long}; anything else goes
 * through {@link BigDecimal}. {@link #value()} is the exact sum rounded once to a double, the same as
 * {@code BigDecimal}'s {@code doubleValue()} of the exact sum.
 */
public final class ExactMoney {

    private static final double MICRO = 1e6;
    private static final double LIMIT = 1e9;

    private long micro;
    private BigDecimal rest;

    /** Adds an amount (NaN is not an amount: callers leave unknown costs out). */
    public void add(double amount) {
        long m = micro(amount);
        if (m != Long.MIN_VALUE) {
            micro += m;
        } else {
            rest = rest == null ? BigDecimal.valueOf(amount) : rest.add(BigDecimal.valueOf(amount));
        }
    }

    /** Back to zero, for reuse. */
    public void reset() {
        micro = 0;
        rest = null;
    }

    /** Adds another sum. */
    void add(ExactMoney other) {
        micro += other.micro;
        if (other.rest != null) {
            rest = rest == null ? other.rest : rest.add(other.rest);
        }
    }

    /**
     * The amount in whole micro-pounds when its decimal has at most six places and it is under the
     * limit (then no other decimal of six places reads back to the same double, as doubles there are
     * closer than 1e-6), else {@link Long#MIN_VALUE}.
     */
    static long micro(double amount) {
        if (!(Math.abs(amount) < LIMIT)) {
            return Long.MIN_VALUE;
        }
        long m = Math.round(amount * MICRO);
        return m / MICRO == amount ? m : Long.MIN_VALUE;
    }

    /** The exact sum rounded to the nearest double (0 when nothing was added). */
    public double value() {
        if (rest == null) {
            return micro / MICRO; // micro and 1e6 are exact doubles below 2^53: one correctly rounded division
        }
        return rest.add(BigDecimal.valueOf(micro, 6)).doubleValue();
    }
}
