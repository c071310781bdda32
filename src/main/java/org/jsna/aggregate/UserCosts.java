package org.jsna.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The service users' total costs in one cell, kept as exact moments rather than one value per user: their
 * number, Σx and Σx² of the totals taken as the decimals they are ({@link ExactMoney}). Totals of whole
 * micro-pounds (every real cost) are added as longs (Σx² in 128 bits); anything else, or sums past what the
 * longs hold, in {@link BigDecimal}. The mean, its standard deviation and limits follow exactly from these
 * (stats {@code Means.of(count, sum, sumOfSquares, level)}), the same whatever order the users came in, and a
 * national run no longer holds a double per user and cell (140 MB at L).
 */
public final class UserCosts {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private long count;
    private long micro;
    /** Σ micro² as an unsigned 128-bit number (high, low). */
    private long squaresHigh;
    private long squaresLow;
    /** When not null, the exact sums (micro and the squares no longer used). */
    private BigDecimal sum;
    private BigDecimal squares;

    /** Adds one user's total (a finite amount). */
    public void add(double total) {
        if (!Double.isFinite(total)) {
            throw new IllegalArgumentException("a user's total cost must be finite, not " + total);
        }
        count++;
        long m = sum == null ? ExactMoney.micro(total) : Long.MIN_VALUE;
        if (m != Long.MIN_VALUE) {
            long s = micro + m;
            long lo = m * m;
            long hi = Math.multiplyHigh(m, m); // m² ≥ 0 and below 2^100: hi is its top bits
            long low = squaresLow + lo;
            long high = squaresHigh + hi + (Long.compareUnsigned(low, squaresLow) < 0 ? 1 : 0);
            if (((micro ^ s) & (m ^ s)) >= 0 && high >= 0) {
                micro = s;
                squaresLow = low;
                squaresHigh = high;
                return;
            }
        }
        if (sum == null) { // from now on in BigDecimal: the sums so far, as the longs hold them
            squares = sumOfSquares();
            sum = sum();
        }
        BigDecimal x = BigDecimal.valueOf(total);
        sum = sum.add(x);
        squares = squares.add(x.multiply(x));
    }

    /** The number of users. */
    public long count() {
        return count;
    }

    /** Σ of the users' totals, exactly. */
    public BigDecimal sum() {
        return sum != null ? sum : BigDecimal.valueOf(micro, 6);
    }

    /** Σ of the squares of the users' totals, exactly. */
    public BigDecimal sumOfSquares() {
        if (squares != null) {
            return squares;
        }
        return new BigDecimal(BigInteger.valueOf(squaresHigh).multiply(TWO_64)
                .add(new BigInteger(Long.toUnsignedString(squaresLow))), 12);
    }

    /** Same number of users and the same exact sums. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UserCosts u && u.count == count && u.sum().compareTo(sum()) == 0
                && u.sumOfSquares().compareTo(sumOfSquares()) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Double.hashCode(total());
    }

    @Override
    public String toString() {
        return count + " users, sum " + sum().toPlainString() + ", sum of squares " + sumOfSquares().toPlainString();
    }

    /** Σ of the users' totals rounded once to a double (as {@link ExactMoney#value()}). */
    public double total() {
        return sum != null ? sum.doubleValue() : micro / 1e6;
    }
}
