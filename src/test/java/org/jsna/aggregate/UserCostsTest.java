package org.jsna.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserCostsTest {

    /** The exact Σx and Σx² of the totals as the decimals they were written as, in any order. */
    @Test
    void momentsAreExactWhateverTheOrder() {
        Random random = new Random(5);
        List<Double> totals = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            totals.add(switch (i % 4) {
                case 0 -> Math.round(random.nextDouble() * 1e7) / 100.0; // pounds and pence
                case 1 -> 0.1 * random.nextInt(1000); // binary noise: 0.30000000000000004 is its own decimal
                case 2 -> -Math.round(random.nextDouble() * 1e4) / 100.0; // a refund
                default -> (double) random.nextInt(100);
            });
        }
        UserCosts a = add(totals);
        Collections.shuffle(totals, random);
        UserCosts b = add(totals);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (double t : totals) {
            sum = sum.add(BigDecimal.valueOf(t));
            squares = squares.add(BigDecimal.valueOf(t).multiply(BigDecimal.valueOf(t)));
        }
        assertEquals(5000, a.count());
        assertEquals(0, sum.compareTo(a.sum()), "sum");
        assertEquals(0, squares.compareTo(a.sumOfSquares()), "sum of squares");
        assertEquals(sum.doubleValue(), a.total());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    /** Past what the longs hold (huge totals, many users) the sums go on in BigDecimal, still exact. */
    @Test
    void sumsPastTheLongsStayExact() {
        UserCosts u = new UserCosts();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = 0; i < 40_000; i++) {
            double t = 999_999_999.99 - i; // 1e15 micro-pounds: Σ passes 2^63 after about 9,200 of them
            u.add(t);
            sum = sum.add(BigDecimal.valueOf(t));
            squares = squares.add(BigDecimal.valueOf(t).multiply(BigDecimal.valueOf(t)));
        }
        u.add(1e12); // not under the micro-pound limit
        sum = sum.add(BigDecimal.valueOf(1e12));
        squares = squares.add(BigDecimal.valueOf(1e12).multiply(BigDecimal.valueOf(1e12)));
        assertEquals(40_001, u.count());
        assertEquals(0, sum.compareTo(u.sum()));
        assertEquals(0, squares.compareTo(u.sumOfSquares()));
    }

    /** Σx² past 2^63 micro-pounds² (the 128-bit part) while Σx still fits a long. */
    @Test
    void squaresPastSixtyFourBits() {
        UserCosts u = new UserCosts();
        u.add(5_000_000.25);
        u.add(7_000_000.5);
        BigDecimal a = new BigDecimal("5000000.25");
        BigDecimal b = new BigDecimal("7000000.5");
        assertEquals(0, a.add(b).compareTo(u.sum()));
        assertEquals(0, a.multiply(a).add(b.multiply(b)).compareTo(u.sumOfSquares()));
        assertThrows(IllegalArgumentException.class, () -> u.add(Double.NaN));
    }

    private static UserCosts add(List<Double> totals) {
        UserCosts u = new UserCosts();
        for (double t : totals) {
            u.add(t);
        }
        return u;
    }
}
