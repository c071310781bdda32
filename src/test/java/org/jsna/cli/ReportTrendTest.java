package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recent_trend} and {@code recent_trend_reason} of a whole {@code jsna report} run on a council
 * with referrals over eight fiscal years, 2016/17 to 2023/24, and a part period 2024/25 (--to 2024-06-30).
 * North's referrals rise steeply every year and South's are flat, except for a handful in 2016/17 that
 * disclosure control suppresses. The markers are checked against the published table itself: a row's
 * five complete periods are read from indicators.csv.
 */
class ReportTrendTest {

    @TempDir
    static Path tmp;

    static List<CSVRecord> rows;
    static List<String> header;

    /** North: 20 + 30k referrals in year k (0..7), a conversion share rising from 10% to 80%; South: 100 a year, 3 in 2016/17. */
    @BeforeAll
    static void run() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("areas.csv"), "area_code,locality,imd_decile\nA1,North,1\nA2,South,5\n");
        StringBuilder pop = new StringBuilder("area_code,sex,age,population,year\n");
        for (int y = 2016; y <= 2024; y++) {
            pop.append("A1,F,30,5000,").append(y).append('\n').append("A2,F,30,5000,").append(y).append('\n');
        }
        Files.writeString(in.resolve("population.csv"), pop.toString());
        StringBuilder ref = new StringBuilder("referral_id,person_id,referral_date,client_group,area_code,sex,age,source,"
                + "outcome\n");
        int id = 0;
        for (int k = 0; k <= 8; k++) {
            int year = 2016 + k;
            int north = k == 8 ? 10 : 20 + 30 * k; // 2024/25: a part period (April to June)
            int south = k == 0 ? 3 : k == 8 ? 10 : 100;
            for (int i = 0; i < north; i++) {
                String outcome = i < north * (k + 1) / 10 ? "service_provided" : "signposted";
                ref.append(String.format("R%d,P%d,%d-05-%02d,mental_health,A1,F,30,primary_care,%s%n", id, id, year,
                        1 + i % 28, outcome));
                id++;
            }
            for (int i = 0; i < south; i++) {
                ref.append(String.format("R%d,P%d,%d-06-%02d,mental_health,A2,F,30,self_or_family,signposted%n", id,
                        id, year, 1 + i % 28));
                id++;
            }
        }
        Files.writeString(in.resolve("referrals.csv"), ref.toString());
        Files.writeString(in.resolve("services.csv"), "event_id,person_id,client_group,service_type,start_date,"
                + "end_date,units,cost,funder,referral_id,area_code,sex,age\n");
        Path out = tmp.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", in.toString(), "--out", out.toString(), "--formats", "csv,xlsx,html",
            "--from", "2016-04-01", "--to", "2024-06-30"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        try (Reader r = Files.newBufferedReader(out.resolve("indicators.csv"));
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            header = p.getHeaderNames();
            rows = p.getRecords();
        }
    }

    private static CSVRecord find(String id, String period, String locality, String categoryType, String category) {
        return rows.stream().filter(r -> r.get("indicator_id").equals(id) && r.get("period").equals(period)
                && r.get("client_group").equals("mental_health") && r.get("locality").equals(locality) && r.get("category_type").equals(categoryType)
                && r.get("category").equals(category)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " " + period + " " + locality));
    }

    private static String marker(String id, String period, String locality) {
        CSVRecord r = find(id, period, locality, "", "");
        return r.get("recent_trend") + " / " + r.get("recent_trend_reason");
    }

    @Test
    void theTwoColumnsComeLast() {
        assertEquals(List.of("value_note", "recent_trend", "recent_trend_reason"), header.subList(19, 22));
    }

    @Test
    void fiveCompletePeriodsAreNeeded() {
        assertEquals("cannot be calculated / not enough data points", marker("referrals_rate", "2019/20", "North"));
        // 2020/21's five periods start at 2016/17, when North is hidden to protect South (All − North = South)
        assertEquals("cannot be calculated / suppressed value", marker("referrals_rate", "2020/21", "North"));
        assertEquals("increasing / significant trend, no outliers", marker("referrals_rate", "2021/22", "North"));
        assertEquals("increasing / significant trend, no outliers", marker("referrals_rate", "2023/24", "North"));
        // every North referral comes from primary care: that share is 100% (c = d), self or family 0%
        CSVRecord primary = find("referral_source_pct", "2023/24", "North", "referral_source", "primary_care");
        assertEquals("cannot be calculated / count not below denominator",
                primary.get("recent_trend") + " / " + primary.get("recent_trend_reason"));
        CSVRecord family = find("referral_source_pct", "2023/24", "North", "referral_source", "self_or_family");
        assertEquals("cannot be calculated / zero count",
                family.get("recent_trend") + " / " + family.get("recent_trend_reason"));
        // North's share converted rises from 10% to 80%: a Wilson proportion
        assertEquals("increasing / significant trend, no outliers",
                marker("referral_conversion_pct", "2023/24", "North"));
        // South is flat: 100 referrals a year in the same population
        assertEquals("no significant change / no significant trend", marker("referrals_rate", "2023/24", "South"));
    }

    @Test
    void partPeriodAndIndicatorsWithoutLimits() {
        assertEquals("cannot be calculated / part period", marker("referrals_rate", "2024/25", "North"));
        assertEquals("cannot be calculated / part period", marker("referrals_rate", "2024/25", "All"));
        assertEquals("cannot be calculated / missing confidence interval",
                marker("wait_days_median", "2023/24", "All"));
        assertEquals("cannot be calculated / missing values", marker("referrals_rate", "2023/24", "Unknown"));
    }

    @Test
    void suppressedPointsGiveNoMarker() {
        // South's 3 referrals of 2016/17 are suppressed (and so, to protect them, another row of that year)
        CSVRecord south = find("referrals_rate", "2016/17", "South", "", "");
        assertTrue(south.get("value_note").startsWith("suppressed"), south.toString());
        assertEquals("cannot be calculated / suppressed value", marker("referrals_rate", "2020/21", "South"));
        assertEquals("no significant change / no significant trend", marker("referrals_rate", "2021/22", "South"));
    }

    @Test
    void everyMarkerAgreesWithThePublishedTable() {
        // for every row: suppressed value exactly when one of its 5 complete periods is suppressed in the table
        List<String> complete = List.of("2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23",
                "2023/24");
        Map<String, CSVRecord> byKey = new HashMap<>();
        for (CSVRecord r : rows) {
            byKey.put(key(r, r.get("period")), r);
        }
        int suppressedMarkers = 0;
        for (CSVRecord r : rows) {
            int at = complete.indexOf(r.get("period"));
            if (at < 4) {
                continue;
            }
            if (NO_LIMITS.contains(r.get("indicator_id"))) {
                assertEquals("cannot be calculated / missing confidence interval",
                        r.get("recent_trend") + " / " + r.get("recent_trend_reason"));
                continue;
            }
            boolean hidden = false;
            for (int i = at - 4; i <= at; i++) {
                CSVRecord p = byKey.get(key(r, complete.get(i)));
                hidden |= p != null && p.get("value_note").startsWith("suppressed");
            }
            assertEquals(hidden, r.get("recent_trend_reason").equals("suppressed value"), r.toString());
            if (hidden) {
                suppressedMarkers++;
                assertEquals("cannot be calculated", r.get("recent_trend"));
            }
        }
        assertTrue(suppressedMarkers > 0);
    }

    /** The indicators without confidence limits (indicators.md): their marker is never calculated. */
    private static final List<String> NO_LIMITS = List.of("cost_per_head", "funder_share_pct", "wait_days_median",
            "wait_days_p90");

    private static String key(CSVRecord r, String period) {
        return String.join("|", r.get("indicator_id"), period, r.get("client_group"), r.get("locality"),
                r.get("category_type"), r.get("category"));
    }

    @Test
    void theReportShowsTheMarker() throws IOException {
        String html = Files.readString(tmp.resolve("out/report.html"));
        assertTrue(html.contains("Recent trend"), "a recent-trend column or line in report.html");
        assertTrue(html.contains("increasing"), "North's rise is shown");
    }
}
