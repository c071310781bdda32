package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jsna.console.JsnaException;
import org.jsna.validate.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One small fixture per rule of data.md under src/test/resources/input/rules/: each file is valid but
 * for one defect, whose reason, line and column are stated here by hand.
 */
class ValidationRulesTest {

    private static JsnaConfig withFile(String fixture) {
        Path f = Fixtures.resource("rules/" + fixture + ".csv");
        String role = fixture.substring(0, fixture.indexOf('_'));
        return ConfigLoader.load(Fixtures.valid(), null, role.equals("population") ? f : null,
                role.equals("areas") ? f : null, role.equals("referrals") ? f : null,
                role.equals("services") ? f : null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "areas_duplicate_area_code,      duplicate_area_code,      3, area_code",
        "areas_bad_imd_decile,           bad_imd_decile,           3, imd_decile",
        "areas_imd_decile_zero,          bad_imd_decile,           2, imd_decile",
        "areas_bad_imd_score,            bad_number,               3, imd_score",
        "areas_empty_locality,           empty_locality,           3, locality",
        "areas_reserved_locality,        reserved_locality,        3, locality",
        "areas_ragged_row,               ragged_row,               3, -",
        "areas_unbalanced_quote,         unbalanced_quote,         3, locality",
        "population_negative,            negative_value,           3, population",
        "population_thousands,           bad_number,               3, population",
        "population_not_whole,           bad_number,               3, population",
        "population_age_not_whole,       bad_age,                  3, age",
        "population_age_out_of_range,    bad_age,                  3, age",
        "population_bad_sex,             unknown_code,             3, sex",
        "population_duplicate_key,       duplicate_population_key, 3, area_code",
        "population_bad_age_band,        bad_age_band,             3, age_band",
        "referrals_duplicate_referral_id, duplicate_referral_id,   4, referral_id",
        "referrals_bad_date,             bad_date,                 3, referral_date",
        "referrals_bad_date_format,      bad_date,                 3, referral_date",
        "referrals_future_date,          future_date,              3, referral_date",
        "referrals_unknown_client_group, unknown_code,             3, client_group",
        "referrals_unknown_source,       unknown_code,             3, source",
        "referrals_unknown_outcome,      unknown_code,             3, outcome",
        "referrals_bad_sex,              unknown_code,             3, sex",
        "referrals_end_before_start,     end_before_start,         3, end_date",
        "referrals_age_not_whole,        bad_age,                  3, age",
        "referrals_age_out_of_range,     bad_age,                  3, age",
        "referrals_age_nan,              bad_age,                  3, age",
        "referrals_nul_byte,             nul_byte,                 3, outcome",
        "referrals_ragged_row,           ragged_row,               3, -",
        "referrals_unbalanced_quote,     unbalanced_quote,         3, client_group",
        "referrals_missing_person,       missing_value,            3, person_id",
        "services_duplicate_event_id,    duplicate_event_id,       3, event_id",
        "services_negative_cost,         negative_value,           3, cost",
        "services_currency_cost,         bad_number,               3, cost",
        "services_thousands_units,       bad_number,               3, units",
        "services_infinity_cost,         bad_number,               3, cost",
        "services_negative_units,        negative_value,           3, units",
        "services_cost_product_too_large, number_too_large,        3, unit_cost",
        "services_unknown_funder,        unknown_code,             3, funder",
        "services_end_before_start,      end_before_start,         3, end_date",
        "services_birth_after_start,     bad_age,                  3, birth_date",
        "services_missing_start_date,    missing_value,            3, start_date",
    })
    void eachRuleRejectsItsRow(String fixture, String reason, long line, String column) {
        Fixtures.Run run = Fixtures.read(withFile(fixture));
        assertEquals(1, run.problems().size(), () -> run.problems().toString());
        Problem p = run.problems().get(0);
        assertEquals(reason, p.reason(), p.message());
        assertEquals(line, p.line(), p.message());
        assertEquals(column, p.column(), p.message());
        assertTrue(p.message().startsWith(p.file() + ":" + line + ":"), p.message());
        assertTrue(p.message().contains("expected "), p.message());
        assertTrue(p.file().endsWith(fixture + ".csv"), p.file());
        for (ReadSummary.FileSummary f : run.summary().files()) {
            assertEquals(f.rowsRead(), f.rowsUsed() + f.rowsRejected());
        }

        // without skipping, the same defect stops the run with exit 3 and the same message
        JsnaException e = assertThrows(JsnaException.class,
                () -> new InputReader(withFile(fixture), Fixtures.TODAY, false, null).read(new Fixtures.TextSink()));
        assertEquals(3, e.exitCode());
        assertEquals(p.message(), e.getMessage());
    }

    /**
     * rejects.csv holds the offending value alone (data.md): empty for an identifier, a birth date or
     * year of birth and a defect of the row's shape; never another field of the row.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
        "referrals_duplicate_referral_id, ''",
        "referrals_missing_person,        ''",
        "services_duplicate_event_id,     ''",
        "services_birth_after_start,      ''",
        "referrals_ragged_row,            ''",
        "areas_ragged_row,                ''",
        "referrals_unbalanced_quote,      ''",
        "areas_unbalanced_quote,          ''",
        "services_negative_cost,          -5",
        "services_currency_cost,          £12.50",
        "referrals_bad_date,              2023-02-30",
        "referrals_bad_sex,               Male",
        "areas_duplicate_area_code,       E01000001",
        "population_negative,             -5",
    })
    void rejectsHoldTheOffendingValueAlone(String fixture, String value) {
        Problem p = Fixtures.read(withFile(fixture)).problems().get(0);
        assertEquals(value, p.rejectValue(), p.message());
    }

    @Test
    void aNulByteIsShownNotWrittenInTheRejectValue() {
        Problem p = Fixtures.read(withFile("referrals_nul_byte")).problems().get(0);
        assertFalse(p.rejectValue().contains("\0"), p.rejectValue());
        assertTrue(p.rejectValue().contains("\\u0000"), p.rejectValue());
    }

    /** Identifier and birth columns are withheld under the names jsna.yaml maps onto them, too. */
    @Test
    void mappedIdentifierAndBirthColumnsAreWithheld(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path refs = dir.resolve("refs.csv");
        java.nio.file.Files.writeString(refs, """
                Ref,Who,referral_date,client_group,area_code,sex,YOB,source,outcome
                R1,P1,2023-05-01,mental_health,E01000001,F,1990,,
                R1,P2,2023-05-02,mental_health,E01000001,F,1980,,
                R3,P3,2023-05-03,mental_health,E01000001,F,19x0,,
                R4,P4,2023-05-04,mental_health,E01000001,Q,1970,,
                """);
        Path yaml = java.nio.file.Files.writeString(dir.resolve("jsna.yaml"), "inputs:\n  population: "
                + Fixtures.valid().resolve("population.csv") + "\n  areas: " + Fixtures.valid().resolve("areas.csv")
                + "\n  referrals: " + refs + "\n  services: " + Fixtures.valid().resolve("services.csv")
                + "\ncolumns:\n  referrals: {referral_id: Ref, person_id: Who, birth_year: YOB}\n");
        java.util.List<Problem> ps = Fixtures.read(ConfigLoader.load(null, yaml, null, null, null, null)).problems();
        assertEquals(3, ps.size(), ps::toString);
        assertEquals("Ref", ps.get(0).column());
        assertEquals("", ps.get(0).rejectValue());
        assertEquals("YOB", ps.get(1).column());
        assertEquals("", ps.get(1).rejectValue());
        assertEquals("sex", ps.get(2).column());
        assertEquals("Q", ps.get(2).rejectValue());
    }

    @Test
    void valuesAreQuotedAtMost80Characters() {
        Problem p = new Problem("f.csv", 2, "c", "x".repeat(200), "y", "bad_number", "x");
        assertTrue(p.message().contains("'" + "x".repeat(80) + "…'"), p.message());
        assertFalse(p.message().contains("x".repeat(81)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "areas_header_only,            'no rows after the header'",
        "population_header_only,       'no rows after the header'",
        "population_all_zero,          'every population value is 0'",
        "population_missing_age,       'missing required column ''age'''",
        "referrals_missing_column,     'missing required column ''client_group'''",
        "referrals_unterminated_quote, 'referrals_unterminated_quote.csv:3: column ''outcome'': unterminated quoted field'",
        "areas_bad_header,             'areas_bad_header.csv:1: header field 2'",
    })
    void wholeFileDefectsStopEvenWhenSkipping(String fixture, String fragment) {
        JsnaException e = assertThrows(JsnaException.class, () -> Fixtures.read(withFile(fixture)));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() {
        Path empty = Fixtures.resource("rules/empty.csv");
        JsnaException e = assertThrows(JsnaException.class,
                () -> Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, empty, null)));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void emptyAreaIsNotAnError() {
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(Fixtures.valid(), null, null, null, null, null));
        assertTrue(run.sink().referrals.get(2).contains("|mental_health||F|"));
        assertNull(null);
    }

    @Test
    void populationKeyRepeatedAcrossLongFilesIsADuplicate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path v = Fixtures.valid();
        Path yaml = java.nio.file.Files.writeString(dir.resolve("jsna.yaml"), "inputs:\n  population: ["
                + v.resolve("population.csv") + ", " + v.resolve("population.csv") + "]\n  areas: "
                + v.resolve("areas.csv") + "\n  referrals: " + v.resolve("referrals.csv") + "\n  services: "
                + v.resolve("services.csv") + "\n");
        Fixtures.Run run = Fixtures.read(ConfigLoader.load(null, yaml, null, null, null, null));
        assertEquals(5, run.problems().size());
        for (Problem p : run.problems()) {
            assertEquals("duplicate_population_key", p.reason());
        }
        assertEquals(2, run.problems().get(0).line());
        assertEquals(5, run.summary().files().get(1).rowsUsed());
        assertEquals(5, run.summary().files().get(2).rowsRejected());
    }

    /**
     * docs/data.md: a column named in {@code columns:} must exist in the file, even an optional one that jsna does
     * not read (team, priority, imd_score, ward_code, lad_code): a typo in its name is a whole-file defect naming
     * the setting, not silence.
     */
    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "referrals, team, TeamName",
        "referrals, priority, Prio",
        "areas, imd_score, IMD Score",
        "areas, ward_code, WD24CDD",
        "areas, lad_code, LAD24CDX",
        "services, unit_cost, UnitCost",
    })
    void aMappedColumnMissingFromItsFileIsNamed(String role, String canonical, String name,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path v = Fixtures.valid();
        for (String f : java.util.List.of("areas", "population", "referrals", "services")) {
            java.nio.file.Files.copy(v.resolve(f + ".csv"), dir.resolve(f + ".csv"));
        }
        java.nio.file.Files.writeString(dir.resolve("jsna.yaml"),
                "columns:\n  " + role + ":\n    " + canonical + ": " + name + "\n");
        JsnaException e = assertThrows(JsnaException.class,
                () -> Fixtures.read(ConfigLoader.load(dir, null, null, null, null, null)));
        assertEquals(3, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(role + ".csv") && e.getMessage().contains("'" + name + "'")
                && e.getMessage().contains("given for " + canonical + " in columns." + role), e.getMessage());
    }

    /** A population is by F and M only: the message for an unknown sex lists those two, not U. */
    @Test
    void aPopulationsUnknownSexNamesFAndMOnly() {
        Fixtures.Run run = Fixtures.read(withFile("population_bad_sex"));
        assertTrue(run.problems().get(0).message().endsWith("expected one of F, M, or a value mapped in codes.sex"),
                run.problems().get(0).message());
    }
}
