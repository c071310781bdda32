package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CI_method text spells the repetitions as R's paste0 does (scientific only when shorter). */
class SiiCalcTest {

    @ParameterizedTest
    @CsvSource({"100000, 1e+05", "10000, 10000", "1000, 1000", "200000, 2e+05", "150000, 150000",
        "1000000, 1e+06", "2500, 2500", "120000, 120000"})
    void repetitionsAsRPrintsThem(long n, String expected) {
        assertEquals(expected, SiiCalc.rNumber(n));
    }
}
