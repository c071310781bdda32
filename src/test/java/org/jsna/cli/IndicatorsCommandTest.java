package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@code jsna indicators} in each format, checked against the catalogue of indicators.md. */
class IndicatorsCommandTest {

    /** The core catalogue of indicators.md, in its order. */
    static final List<String> IDS = List.of("referrals_rate", "referrals_dsr", "referral_source_pct",
            "referral_conversion_pct", "repeat_referral_pct", "service_users_rate", "service_events_rate",
            "cost_per_head", "cost_per_user", "funder_share_pct", "wait_days_median", "wait_days_p90");
    static final List<String> DECILE = List.of("referrals_rate", "service_users_rate");
    static final Map<String, String> CATEGORY = Map.of("referral_source_pct", "referral_source", "funder_share_pct", "funder");
    static final List<String> COLUMNS = List.of("id", "name", "numerator", "denominator", "unit", "method", "polarity",
            "decile", "category_type", "base");

    private record Result(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void csvListsTheCatalogue() throws IOException {
        Result r = run("indicators", "--format", "csv");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.err, "data only, on stdout");
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(r.text()))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertEquals(COLUMNS, p.getHeaderNames());
            rows = p.getRecords();
        }
        assertEquals(IDS, rows.stream().map(x -> x.get("id")).toList());
        for (CSVRecord row : rows) {
            String id = row.get("id");
            assertEquals("none", row.get("polarity"), id);
            assertEquals(Boolean.toString(DECILE.contains(id)), row.get("decile"), id);
            assertEquals(CATEGORY.getOrDefault(id, ""), row.get("category_type"), id);
            for (String c : List.of("name", "numerator", "denominator", "unit", "method")) {
                assertFalse(row.get(c).isBlank(), id + " " + c);
            }
        }
        CSVRecord rate = rows.get(0);
        assertEquals("per 1,000", rate.get("unit"));
        assertEquals("population", rate.get("denominator"));
        assertEquals("per 100,000", rows.get(1).get("unit"));
        assertEquals("%", rows.get(2).get("unit"));
        assertEquals("Wilson", rows.get(3).get("method"));
        assertTrue(r.text().contains("\r\n"), "RFC 4180 line ends");
        assertTrue(r.text().contains("£ per head"), "UTF-8 pound sign");
    }

    @Test
    void jsonIsAnArrayOfObjects() {
        Result r = run("indicators", "--format", "json");
        assertEquals(0, r.code, r.err);
        // JSON is YAML 1.2: snakeyaml-engine (already a dependency) parses it
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(r.text());
        assertEquals(IDS, list.stream().map(m -> m.get("id")).toList());
        for (Map<String, Object> m : list) {
            String id = (String) m.get("id");
            assertEquals(COLUMNS, List.copyOf(m.keySet()), id);
            assertEquals(DECILE.contains(id), m.get("decile"), id);
            if (CATEGORY.containsKey(id)) {
                assertEquals(CATEGORY.get(id), m.get("category_type"));
            } else {
                assertNull(m.get("category_type"), id);
            }
            assertEquals("none", m.get("polarity"));
        }
        assertEquals("£ per head", list.get(7).get("unit"));
        assertTrue(r.text().endsWith("]\n"), "the document ends its line");
    }

    @Test
    void textIsTheDefaultAndNamesEveryIndicator() {
        Result r = run("indicators");
        assertEquals(0, r.code, r.err);
        String t = r.text();
        for (String id : IDS) {
            assertTrue(t.contains("\n" + id + "  ") || t.startsWith(id + "  "), id);
        }
        assertTrue(t.contains("Byar"), t);
        assertEquals(t, run("indicators", "--format", "TEXT").text(), "format is case-insensitive");
    }

    @Test
    void unknownFormatIsAUsageError() {
        Result r = run("indicators", "--format", "xml");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("text, csv, json"), r.err);
        assertEquals(0, r.out.length);
    }
}
