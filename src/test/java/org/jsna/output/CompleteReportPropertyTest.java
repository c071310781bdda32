package org.jsna.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Issue 7, item 1, as a property: every council that {@code jsna validate} accepts gets a complete
 * report with every format (tables, workbook, PNG and SVG charts, page, manifest). Councils are
 * generated across the shapes of {@link Council}: one to forty localities with plain, long,
 * non-ASCII or markup-laden names, one area or one decile, no referrals, no services, no costs,
 * tiny counts (every value suppressed), one or odd client groups, empty middle periods, unknown
 * areas, older or one-sex or banded population, areas without population, suppression on or off.
 *
 * <p>In the normal suite it runs {@value #TRIES} tries of tiny councils. For a longer campaign:
 * {@code mvn -B test -Dtest=CompleteReportPropertyTest -Djsna.councils.tries=300}.
 */
public class CompleteReportPropertyTest {

    static final int TRIES = 10;

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(TriesFromSystemProperty.class)
    void everyValidCouncilGetsACompleteReport(@ForAll("councils") Council council) throws Exception {
        Path work = Files.createTempDirectory("jsna-council-");
        try {
            CouncilReports.reportAndCheck(council, work);
        } finally {
            CouncilReports.delete(work);
        }
    }

    @Provide
    Arbitrary<Council> councils() {
        return arbitraryCouncils();
    }

    /** Councils across every shape of {@link Council}, kept small (also used by the attack test). */
    public static Arbitrary<Council> arbitraryCouncils() {
        return Builders.withBuilder(Council::new)
                .use(localities()).in((c, v) -> set(c, () -> c.localities = v))
                .use(Arbitraries.integers().between(1, 3)).in((c, v) -> set(c, () -> c.areasPerLocality = v))
                .use(Arbitraries.of(1, 2, 10)).in((c, v) -> set(c, () -> c.deciles = v))
                .use(groups()).in((c, v) -> set(c, () -> c.groups = v.orElse(null)))
                .use(Arbitraries.of(true, false)).in((c, v) -> set(c, () -> c.yaml = v))
                .use(Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true))).in((c, v) -> set(c, () -> c.calendar = v))
                .use(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false))).in((c, v) -> set(c, () -> c.suppression = v))
                .use(Arbitraries.integers().between(1, 3)).in((c, v) -> set(c, () -> c.years = v))
                .use(Arbitraries.of(false, true)).in((c, v) -> set(c, () -> c.emptyMiddle = v))
                .use(counts()).in((c, v) -> set(c, () -> c.referrals = v))
                .use(counts()).in((c, v) -> set(c, () -> c.services = v))
                .use(Arbitraries.of(Council.Costs.class)).in((c, v) -> set(c, () -> c.costs = v))
                .use(Arbitraries.of(0, 10, 50, 100)).in((c, v) -> set(c, () -> c.unknownAreaPct = v))
                .use(Arbitraries.of(0, 50, 100)).in((c, v) -> set(c, () -> c.sourcePct = v))
                .use(Arbitraries.of(true, false)).in((c, v) -> set(c, () -> c.populationYearColumn = v))
                .use(Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true))).in((c, v) -> set(c, () -> c.olderPopulationOnly = v))
                .use(Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false))).in((c, v) -> set(c, () -> c.bothSexes = v))
                .use(Arbitraries.of(false, true)).in((c, v) -> set(c, () -> c.ageBands = v))
                .use(Arbitraries.of(0, 3, 30, 300)).in((c, v) -> set(c, () -> c.maxPopulation = v))
                .use(Arbitraries.of(0, 0, 50)).in((c, v) -> set(c, () -> c.areasWithoutPopulationPct = v))
                .use(Arbitraries.longs()).in((c, v) -> set(c, () -> c.seed = v))
                .build(CompleteReportPropertyTest::bounded);
    }

    private static Council set(Council c, Runnable r) {
        r.run();
        return c;
    }

    /** Keeps a try small: many localities or all six groups come with one period; client groups need a jsna.yaml. */
    static Council bounded(Council c) {
        Council out = c.copy();
        if (out.groups != null || out.calendar || !out.suppression) {
            out.yaml = true;
        }
        boolean manyLocalities = out.distinctLocalities().size() > 8;
        boolean sixGroups = out.groups == null || !out.yaml;
        if (manyLocalities || sixGroups) {
            out.years = 1;
            out.emptyMiddle = false;
        }
        if (manyLocalities && sixGroups) {
            out.groups = List.of(Council.DEFAULT_GROUPS.get(2));
            out.yaml = true;
        }
        return out;
    }

    private static Arbitrary<List<String>> localities() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(Council.PLAIN_NAMES)),
                Tuple.of(2, Arbitraries.of(Council.ODD_NAMES)));
        Arbitrary<List<String>> many = Arbitraries.integers().between(9, 40).flatMap(n ->
                name.list().ofSize(3).map(odd -> {
                    List<String> out = new ArrayList<>(odd);
                    for (int i = 1; out.size() < n; i++) {
                        out.add(String.format(Locale.ROOT, "Locality %02d", i));
                    }
                    return out;
                }));
        return Arbitraries.frequencyOf(
                Tuple.of(8, name.list().ofMinSize(1).ofMaxSize(4)),
                Tuple.of(1, many));
    }

    private static Arbitrary<java.util.Optional<List<Council.Group>>> groups() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(Council.DEFAULT_GROUPS).map(g -> java.util.Optional.of(List.of(g)))),
                Tuple.of(2, Arbitraries.of(Council.ODD_GROUPS).list().uniqueElements(Council.Group::id)
                        .ofMinSize(1).ofMaxSize(3).map(java.util.Optional::of)),
                Tuple.of(1, Arbitraries.just(java.util.Optional.empty())));
    }

    private static Arbitrary<Integer> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 15)),
                Tuple.of(3, Arbitraries.integers().between(16, 120)));
    }

    /** {@code -Djsna.councils.tries=N} runs N tries instead of the suite's few. */
    public static final class TriesFromSystemProperty implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty("jsna.councils.tries");
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.trim()));
            }
            return property.execute();
        }
    }
}
