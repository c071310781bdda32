package org.jsna.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.PeriodScheme;

/**
 * The reported periods and what must be said about them: the part periods of the coverage
 * (indicators.md, "Part periods") and the periods that use an older population estimate. Sets each
 * period's part-period note on the cube, where the indicator rows take it from.
 */
record Periods(List<String> labels, Map<String, String> partNotes, Map<String, String> populationNotes,
        Map<String, Object> populationYears) {

    static Periods of(CountCube cubes, PeriodScheme scheme, Coverage coverage) {
        Map<String, String> part = new LinkedHashMap<>();
        Map<String, String> population = new LinkedHashMap<>();
        Map<String, Object> years = new LinkedHashMap<>();
        for (int i = 0; i < cubes.periodYears.length; i++) {
            String label = cubes.periodLabels.get(i);
            if (coverage != null) {
                cubes.partNote[i] = scheme.partNote(cubes.periodYears[i], coverage.from(), coverage.to());
            }
            if (cubes.partNote[i] != null) {
                part.put(label, cubes.partNote[i]);
            }
            if (cubes.populationNote[i] != null) {
                population.put(label, cubes.populationNote[i]);
            }
            Map<String, Object> py = new LinkedHashMap<>();
            py.put("population_year", cubes.populationYear[i] < 0 ? null : cubes.populationYear[i]);
            py.put("note", cubes.populationNote[i]);
            years.put(label, py);
        }
        return new Periods(cubes.periodLabels, Map.copyOf(part), Map.copyOf(population), years);
    }
}
