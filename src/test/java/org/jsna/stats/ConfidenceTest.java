package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void acceptsFractionsPercentagesAndThePair() {
        assertEquals(List.of(0.95), Confidence.parse("0.95").levels());
        assertEquals(List.of(0.95), Confidence.parse("95").levels());
        assertEquals(List.of(0.998), Confidence.parse("99.8").levels());
        assertEquals(List.of(0.9), Confidence.parse("90").levels());
        assertEquals(List.of(0.95, 0.998), Confidence.parse("0.95,0.998").levels());
        assertEquals(List.of(0.95, 0.998), Confidence.parse("95, 99.8").levels());
    }

    @Test
    void labels() {
        assertEquals("95%", Confidence.parse("0.95").label());
        assertEquals("99.8%", Confidence.parse("99.8").label());
        assertEquals("95%, 99.8%", Confidence.parse("0.95,0.998").label());
        assertEquals("95_0", Confidence.columnSuffix(0.95));
        assertEquals("99_8", Confidence.columnSuffix(0.998));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.8", "1", "100", "0.99,0.95", "0.998,0.95", "0.95,0.998,0.9", "abc", "", "89", "NaN", "-0.95"})
    void rejectsOtherValues(String text) {
        assertThrows(IllegalArgumentException.class, () -> Confidence.parse(text));
    }

    @Test
    void zMatchesPublishedQuantiles() {
        // Φ⁻¹(0.975) and Φ⁻¹(0.999) from standard normal tables (methods.md: 1.959964, 3.090232)
        assertEquals(1.959963984540054, Confidence.z(0.95), 1e-12);
        assertEquals(3.090232306167813, Confidence.z(0.998), 1e-12);
    }
}
