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

    /** Every row the reader hands on, as text (copies, since records are reused). */
    static final class TextSink implements RecordSink {
        final List<String> areas = new ArrayList<>();
        final List<String> population = new ArrayList<>();
        final List<String> referrals = new ArrayList<>();
        final List<String> services = new ArrayList<>();

        @Override
        public void area(AreaRecord r) {
            areas.add(r.areaCode + "|" + r.locality + "|" + r.imdDecile + "|" + r.areaName);
        }

        @Override
        public void population(PopulationRecord r) {
            population.add(r.areaCode + "|" + r.sex + "|" + r.ageLow + "|" + r.ageHigh + "|" + r.year + "|"
                    + r.population);
        }

        @Override
        public void referral(ReferralRecord r) {
            referrals.add(r.referralIndex + "|" + r.personIndex + "|" + LocalDate.ofEpochDay(r.date) + "|"
                    + r.clientGroup + "|" + r.areaCode + "|" + r.sex + "|" + r.age + "|" + r.source + "|" + r.outcome);
        }

        @Override
        public void service(ServiceRecord r) {
            services.add(r.eventIndex + "|" + r.personIndex + "|" + r.clientGroup + "|" + r.serviceType + "|"
                    + LocalDate.ofEpochDay(r.startDate) + "|"
                    + (r.endDate == Integer.MIN_VALUE ? "-" : LocalDate.ofEpochDay(r.endDate).toString()) + "|"
                    + r.units + "|" + r.cost + "|" + r.funder + "|" + r.referralIndex + "|" + r.referralIdNotFound
                    + "|" + r.areaCode + "|" + r.sex + "|" + r.age);
        }
    }

    /** Reads with skipping on; returns the sink, the problems and the summary. */
    record Run(TextSink sink, List<Problem> problems, ReadSummary summary) {
    }

    static Run read(JsnaConfig cfg) {
        TextSink sink = new TextSink();
        List<Problem> problems = new ArrayList<>();
        ReadSummary s = new ExtractReader(cfg, TODAY, true, problems::add).read(sink);
        return new Run(sink, problems, s);
    }
}
