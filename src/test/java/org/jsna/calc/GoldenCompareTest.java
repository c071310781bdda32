package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison of the golden harness must itself catch differences. */
class GoldenCompareTest {

    private static GoldenCompare.Csv csv(String... rows) {
        List<String> header = List.of("area", "value", "lowercl", "statistic");
        List<Map<String, String>> out = new ArrayList<>();
        for (String r : rows) {
            String[] f = r.split(",", -1);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), f[i]);
            }
            out.add(m);
        }
        return new GoldenCompare.Csv(header, out);
    }

    @Test
    void equalWithinToleranceAndInAnyOrder() {
        GoldenCompare.Csv exp = csv("A,1.5,NA,rate", "B,100,99,rate");
        GoldenCompare.Csv act = csv("B,100.00000001,99,other text", "A,1.5,,rate");
        assertEquals(List.of(), GoldenCompare.compare(exp, act, List.of("area"), "exact"));
    }

    @Test
    void catchesDifferencesMissingValuesAndRows() {
        GoldenCompare.Csv exp = csv("A,1.5,NA,rate", "B,100,99,rate");
        assertEquals(1, GoldenCompare.compare(exp, csv("A,1.5000001,,rate", "B,100,99,rate"), List.of("area"), "exact").size());
        assertEquals(1, GoldenCompare.compare(exp, csv("A,1.5,0,rate", "B,100,99,rate"), List.of("area"), "exact").size());
        assertEquals(1, GoldenCompare.compare(exp, csv("A,1.5,,rate", "B,,99,rate"), List.of("area"), "exact").size());
        assertTrue(GoldenCompare.compare(exp, csv("A,1.5,,rate"), List.of("area"), "exact").get(0).contains("missing"));
        assertTrue(GoldenCompare.compare(exp, csv("A,1.5,,rate", "B,100,99,rate", "B,100,99,rate"), List.of("area"), "exact")
                .get(0).contains("duplicated"));
    }
}
