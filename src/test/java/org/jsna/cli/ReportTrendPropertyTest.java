package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.csv.CSVRecord;
import org.jsna.output.CompleteReportPropertyTest;
import org.jsna.output.Council;
import org.jsna.output.CouncilReports;

/**
 * The recent-trend marker (trends.md, "In jsna") of {@code jsna report} on councils of every {@link Council}
 * shape over 5 to 9 years, some with enough referrals and no suppression for real markers. For every row of
 * indicators.csv: {@code recent_trend} is one of the four markers and its reason one of trends.md's (plus
 * {@code part period} and {@code suppressed value}) that goes with it; a part period (worked out here from the
 * data's coverage, indicators.md) says {@code part period}; and a marker other than {@code cannot be
 * calculated} appears only when the row's period and the four complete periods before it are all present
 * in its series (indicator, client group, locality, category) and none of them is suppressed or lacks what
 * the marker needs. Never exit 1.
 *
 * <p>{@value #TRIES} tries in the suite; a campaign: {@code -Djsna.trend.tries=300}.
 */
class ReportTrendPropertyTest {

    static final int TRIES = 5;

    /** trends.md: the Wilson proportions take kind proportion (count and denominator), the rest kind rate. */
    static final Set<String> PROPORTIONS = Set.of("referral_source_pct", "referral_conversion_pct",
            "repeat_referral_pct");
    static final Set<String> MARKERS = Set.of("increasing", "decreasing", "no significant change",
            "cannot be calculated");
    static final Set<String> CANNOT_REASONS = Set.of("not enough data points", "duplicate periods", "missing values",
            "missing confidence interval", "denominator not positive", "count not below denominator", "zero count",
            "confidence interval has no width", "statistic not finite", "part period", "suppressed value");

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Tries.class)
    void everyRowHasAMarkerFromFiveCompletePublishedPeriods(@ForAll("councils") Council c,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 3) int cut) throws Exception {
        Path work = Files.createTempDirectory("jsna-trend-");
        try {
            check(c, cut, work);
        } finally {
            CouncilReports.delete(work);
        }
    }

    @Provide
    Arbitrary<Council> councils() {
        return Combinators.combine(CompleteReportPropertyTest.arbitraryCouncils(), Arbitraries.integers().between(5, 9),
                Arbitraries.of(1, 1, 8, 25), Arbitraries.of(true, false, false)).as((c, years, volume, plain) -> {
                    Council out = c.copy();
                    out.years = years;
                    out.firstYear = 2024 - years; // the last period ends by March 2024: no date in the future
                    if (out.distinctLocalities().size() > 4) {
                        out.localities = out.distinctLocalities().subList(0, 4);
                    }
                    out.referrals = Math.min(3000, Math.max(out.referrals, 1) * volume);
                    out.services = Math.min(3000, out.services * volume);
                    if (plain) {
                        // real markers: no suppression, no empty middle, one client group
                        out.suppression = false;
                        out.emptyMiddle = false;
                        out.yaml = true;
                        out.groups = List.of(Council.DEFAULT_GROUPS.get(4));
                        out.maxPopulation = 300;
                    }
                    return out;
                });
    }

    /**
     * @param cut 0, 3: the data's own coverage; 1: {@code --from} two months into the first period (a part period
     *            first); 2: {@code --to} three months before the end of the last (a part period last)
     */
    static void check(Council c, int cut, Path work) throws Exception {
        Path in = work.resolve("in");
        Path out = work.resolve("out");
        c.write(in);
        ProjectPropertyTest.Model m = ProjectPropertyTest.model(c, in);
        List<String> args = new ArrayList<>(List.of("report", in.toString(), "--out", out.toString(), "--formats",
                "csv", "--threads", "2"));
        LocalDate optionFrom = null;
        LocalDate optionTo = null;
        if (!m.dates.isEmpty() && (cut == 1 || cut == 2)) {
            int first = m.dates.stream().mapToInt(m::yearOf).min().orElseThrow();
            int last = m.dates.stream().mapToInt(m::yearOf).max().orElseThrow();
            if (cut == 1) {
                optionFrom = m.start(first).plusMonths(2);
                args.addAll(List.of("--from", optionFrom.toString()));
            } else {
                optionTo = m.end(last).minusMonths(3);
                args.addAll(List.of("--to", optionTo.toString()));
            }
        }
        CouncilReports.Result r = CouncilReports.run(args.toArray(new String[0]));
        String what = c + " " + String.join(" ", args.subList(5, args.size()));
        assertNotEquals(1, r.code(), () -> "internal error for " + what + ":\n" + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace for " + what + ":\n" + r.err());
        assertEquals(0, r.code(), () -> "jsna report on " + what + ":\n" + r.err());

        // complete periods: wholly inside the coverage, --from/--to else the whole months from the earliest to
        // the latest date (indicators.md, "Part periods")
        List<String> complete = new ArrayList<>();
        if (!m.dates.isEmpty()) {
            LocalDate min = m.dates.stream().min(LocalDate::compareTo).orElseThrow();
            LocalDate max = m.dates.stream().max(LocalDate::compareTo).orElseThrow();
            LocalDate from = optionFrom != null ? optionFrom : min.withDayOfMonth(1);
            LocalDate to = optionTo != null ? optionTo : max.withDayOfMonth(max.lengthOfMonth());
            LocalDate firstDate = optionFrom != null ? optionFrom : min;
            LocalDate lastDate = optionTo != null ? optionTo : max;
            for (int y = m.yearOf(firstDate); y <= m.yearOf(lastDate); y++) {
                if (!m.start(y).isBefore(from) && !m.end(y).isAfter(to)) {
                    complete.add(m.label(y));
                }
            }
        }
        List<CSVRecord> rows = ProjectPropertyTest.csv(out.resolve("indicators.csv"));
        Map<String, CSVRecord> byKey = new HashMap<>();
        for (CSVRecord x : rows) {
            CSVRecord before = byKey.put(key(x) + "|" + x.get("period"), x);
            assertEquals(null, before, () -> "two rows of one series and period: " + x.toMap());
        }
        int markers = 0;
        for (CSVRecord x : rows) {
            String marker = x.get("recent_trend");
            String reason = x.get("recent_trend_reason");
            String where = x.toMap() + "\n" + what;
            assertTrue(MARKERS.contains(marker), () -> "marker '" + marker + "' in " + where);
            switch (marker) {
                case "increasing", "decreasing" -> assertEquals("significant trend, no outliers", reason, where);
                case "no significant change" -> assertTrue(reason.equals("no significant trend")
                        || reason.equals("outlier found"), () -> "reason '" + reason + "' in " + where);
                default -> assertTrue(CANNOT_REASONS.contains(reason), () -> "reason '" + reason + "' in " + where);
            }
            int at = complete.indexOf(x.get("period"));
            if (at < 0) {
                assertEquals("part period", reason, () -> "a part period's row: " + where);
                continue;
            }
            assertNotEquals("part period", reason, () -> "a complete period said part: " + where);
            // the series' rows in the complete periods up to this one, and whether one of the last 5 is suppressed
            int present = 0;
            boolean suppressed = false;
            for (int k = 0; k <= at; k++) {
                CSVRecord point = byKey.get(key(x) + "|" + complete.get(k));
                if (point != null) {
                    present++;
                    suppressed |= k >= at - 4 && point.get("value_note").startsWith("suppressed");
                }
            }
            int rows5 = present;
            assertEquals(present < 5, reason.equals("not enough data points"),
                    () -> rows5 + " complete periods in the series up to this row, reason " + reason + ": " + where);
            if (reason.equals("suppressed value")) {
                assertTrue(suppressed, () -> "'suppressed value' with none of the 5 suppressed: " + where);
            } else if (present >= 5 && !reason.equals("missing confidence interval")) {
                // an indicator with limits and a suppressed row among the 5 says so, before any other check
                assertFalse(suppressed, () -> "a suppressed row among the 5, reason " + reason + ": " + where);
            }
            if (marker.equals("cannot be calculated")) {
                continue;
            }
            markers++;
            assertTrue(at >= 4, () -> "a marker with fewer than 5 complete periods up to the row's: " + where);
            boolean proportion = PROPORTIONS.contains(x.get("indicator_id"));
            for (int k = at - 4; k <= at; k++) {
                String p = complete.get(k);
                CSVRecord point = byKey.get(key(x) + "|" + p);
                assertTrue(point != null, () -> "a marker without period " + p + " in its series: " + where);
                assertFalse(point.get("value_note").startsWith("suppressed"),
                        () -> "a marker over the suppressed row " + point.toMap() + ": " + where);
                List<String> needed = proportion ? List.of("count", "denominator")
                        : List.of("value", "lower_ci_95", "upper_ci_95");
                for (String col : needed) {
                    assertFalse(point.get(col).isEmpty(), () -> "a marker over a row without " + col + ": "
                            + point.toMap() + ": " + where);
                }
            }
        }
        Statistics.label("rows with a marker").collect(markers == 0 ? "none" : markers < 20 ? "1-19" : "20+");
    }

    static String key(CSVRecord x) {
        return x.get("indicator_id") + "|" + x.get("client_group") + "|" + x.get("locality") + "|"
                + x.get("category_type") + "|" + x.get("category");
    }

    /** {@code -Djsna.trend.tries=N}. */
    public static final class Tries implements net.jqwik.api.lifecycle.AroundPropertyHook {
        @Override
        public net.jqwik.api.lifecycle.PropertyExecutionResult aroundProperty(
                net.jqwik.api.lifecycle.PropertyLifecycleContext context,
                net.jqwik.api.lifecycle.PropertyExecutor property) {
            String tries = System.getProperty("jsna.trend.tries");
            if (tries != null && !tries.isBlank()) {
                context.attributes().setTries(Integer.parseInt(tries.trim()));
            }
            return property.execute();
        }
    }
}
