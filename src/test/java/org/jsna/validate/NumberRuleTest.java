package org.jsna.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** unit_cost × units as the decimals written: whole-number fast path and BigDecimal agree, value for value. */
class NumberRuleTest {

    @Test
    void theProductOfTheDecimalsAsWritten() {
        assertEquals(0.3, NumberRule.decimalProduct(3, 0.1)); // the doubles' product is 0.30000000000000004
        assertEquals(1030.8075, NumberRule.decimalProduct(83.5, 12.345)); // theirs 1030.8075000000001
        assertEquals(0.0, NumberRule.decimalProduct(0, 12.5));
        assertEquals(1e15, NumberRule.decimalProduct(1e8, 1e7)); // past 2^53 as a whole: the BigDecimal way
        assertEquals(0.015241383936, NumberRule.decimalProduct(0.123456, 0.123456)); // 12 places
    }

    @Test
    void agreesWithBigDecimalOnRandomAmounts() {
        Random rnd = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            double a = amount(rnd);
            double b = amount(rnd);
            double expected = BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b)).doubleValue();
            assertEquals(expected, NumberRule.decimalProduct(a, b), () -> a + " x " + b);
        }
    }

    /** Pounds and pence, units with a few decimals, whole counts, and now and then a long decimal or a large one. */
    private static double amount(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return rnd.nextInt(100_000) / 100.0;
            case 1:
                return rnd.nextInt(1_000) / 4.0;
            case 2:
                return rnd.nextInt(500);
            case 3:
                return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6f", rnd.nextDouble() * 1000));
            case 4:
                return rnd.nextDouble() * 1000; // up to 17 significant digits: the BigDecimal way
            default:
                return rnd.nextInt(1_000_000_000) / 1000.0 * 1000;
        }
    }
}
