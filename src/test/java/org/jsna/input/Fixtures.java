package org.jsna.input;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsna.validate.Problem;

/** Shared fixtures: resource paths, a fixed day of the run, and a sink that records rows as text. */
final class Fixtures {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/input/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path valid() {
        return resource("valid");
    }

    /** Every record the reader hands on, as text. */
    static final class TextSink implements RecordSink {
        final List<String> areas = new ArrayList<>();
        final List<String> population = new ArrayList<>();
        final List<String> referrals = new ArrayList<>();
        final List<String> services = new ArrayList<>();
        /** Population rows outside the lookup, counted rather than handed on. */
        long populationOutsideLookup;
        private AreaTable table;
        private final List<String> groups = new ArrayList<>();

        TextSink(JsnaConfig cfg) {
            cfg.clientGroups().forEach(g -> groups.add(g.id()));
        }

        /** A sink for runs that only need somewhere to send records (default client groups for printing). */
        TextSink() {
            JsnaConfig.DEFAULT_CLIENT_GROUPS.forEach(g -> groups.add(g.id()));
        }

        private String group(int g) {
            return g < groups.size() ? groups.get(g) : "#" + g;
        }

        private String area(int a) {
            return a == RecordBatch.AREA_EMPTY ? "" : a == RecordBatch.AREA_UNKNOWN ? "?" : table.codes().get(a);
        }

        private static String code(List<String> list, int i) {
            return i < 0 ? "null" : list.get(i);
        }

        @Override
        public void areas(AreaTable t) {
            table = t;
            for (int i = 0; i < t.size(); i++) {
                areas.add(t.codes().get(i) + "|" + t.localities().get(i) + "|" + t.deciles()[i] + "|" + t.names().get(i));
            }
        }

        @Override
        public synchronized void population(PopulationBatch b) {
            populationOutsideLookup += b.rowsOutsideLookup;
            for (int i = 0; i < b.size; i++) {
                population.add(area(b.area[i]) + "|" + (b.sex[i] == 1 ? "M" : "F") + "|" + b.ageLow[i] + "|"
                        + b.ageHigh[i] + "|" + b.year[i] + "|" + b.population[i]);
            }
        }

        @Override
        public synchronized void referrals(ReferralBatch b) {
            for (int i = 0; i < b.size; i++) {
                referrals.add(b.referral[i] + "|" + text(b.persons, i) + "|" + LocalDate.ofEpochDay(b.date[i]) + "|"
                        + group(b.group[i]) + "|" + area(b.area[i]) + "|" + CodeLists.SEXES.get(b.sex[i]) + "|"
                        + b.age[i] + "|" + code(CodeLists.SOURCES, b.source[i]) + "|"
                        + code(CodeLists.OUTCOMES, b.outcome[i]) + "|" + id(b, i));
            }
        }

        @Override
        public synchronized void services(ServiceBatch b) {
            for (int i = 0; i < b.size; i++) {
                services.add(b.event[i] + "|" + text(b.persons, i) + "|" + group(b.group[i]) + "|"
                        + LocalDate.ofEpochDay(b.start[i]) + "|" + b.cost[i] + "|" + code(CodeLists.FUNDERS, b.funder[i])
                        + "|" + b.referral[i] + "|" + area(b.area[i]) + "|" + CodeLists.SEXES.get(b.sex[i]) + "|"
                        + b.age[i] + "|" + id(b, i));
            }
        }

        /** Links found after the services were read ("referral|start"), and the events whose referral was not. */
        final List<String> links = new ArrayList<>();
        long notFound;

        @Override
        public synchronized void links(int[] referral, int[] start, int n) {
            for (int i = 0; i < n; i++) {
                links.add(referral[i] + "|" + LocalDate.ofEpochDay(start[i]));
            }
        }

        @Override
        public synchronized void referralsNotFound(long n) {
            notFound += n;
        }

        /** The id a record carries on (as UTF-8). */
        private static String id(RecordBatch b, int i) {
            return text(b.ids, i);
        }

        private static String text(RecordBatch.Texts t, int i) {
            return new String(t.bytes, t.start(i), t.end[i] - t.start(i), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Reads with skipping on; returns the sink, the problems and the summary. */
    record Run(TextSink sink, List<Problem> problems, ReadSummary summary) {
    }

    static Run read(JsnaConfig cfg) {
        TextSink sink = new TextSink(cfg);
        List<Problem> problems = new ArrayList<>();
        ReadSummary s = new InputReader(cfg, TODAY, true, problems::add).read(sink);
        return new Run(sink, problems, s);
    }
}
