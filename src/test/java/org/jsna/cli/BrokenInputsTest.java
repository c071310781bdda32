package org.jsna.cli;

import static org.jsna.cli.CorpusFiles.appendColumn;
import static org.jsna.cli.CorpusFiles.get;
import static org.jsna.cli.CorpusFiles.line;
import static org.jsna.cli.CorpusFiles.replaceLine;
import static org.jsna.cli.CorpusFiles.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsna.cli.CorpusFiles.Result;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broken-input corpus of issue 3: a small valid base set (jsna sample) and, derived from it in
 * the test, one broken copy per rule of data.md. Each must end {@code jsna report} with the exit
 * code of cli.md, one line on stderr naming file and line (column and value where there is one),
 * no stack trace, the previous output folder untouched and nothing left beside it; {@code jsna
 * validate} must fail the same way. Row defects, all in one set, are then run with {@code
 * --on-error skip}: rejects.csv, data-quality.csv and manifest.json must reconcile, and the indicators
 * must equal those of the base set with the rejected lines deleted.
 */
class BrokenInputsTest {

    static final String POP = "population.csv";
    static final String AREAS = "areas.csv";
    static final String REF = "referrals.csv";
    static final String SVC = "services.csv";

    @TempDir
    static Path tmp;

    static Path base;
    static Path baseOns;

    interface Prep {
        /** Breaks the copy in {@code dir}; returns extra command-line arguments. */
        List<String> apply(Path dir) throws IOException;
    }

    interface Edit {
        void apply(Path dir) throws IOException;
    }

    /** A row defect: where it must be reported and the value fragment the message must quote. */
    record RowCase(String name, boolean ons, String file, int line, String column, String reason, String value,
            Edit edit) {
    }

    /** A defect of a whole file, the config or the environment. */
    record FileCase(String name, boolean ons, int code, int skipCode, List<String> fragments, Prep prep) {
        FileCase(String name, boolean ons, int code, List<String> fragments, Prep prep) {
            this(name, ons, code, code, fragments, prep);
        }
    }

    @BeforeAll
    static void baseSets() throws IOException {
        base = tmp.resolve("base");
        SampleWriter.write(base, new SampleSettings(10, 200, 300, 1));
        baseOns = tmp.resolve("base-ons");
        CorpusFiles.copyTree(base, baseOns);
        List<String> items = CorpusFiles.writeOnsWide(baseOns.resolve(POP), baseOns, "Mid-");
        Files.delete(baseOns.resolve(POP));
        Files.writeString(baseOns.resolve("jsna.yaml"), onsYaml(items));
    }

    static String onsYaml(List<String> items) {
        return "inputs:\n  population:\n" + String.join("\n", items) + "\n"
                + "  areas: areas.csv\n  referrals: referrals.csv\n  services: services.csv\n"
                + "population_layout: ons-wide\nons_wide: {skip_rows: 3}\n";
    }

    // ------------------------------------------------------------------ the corpus

    static List<RowCase> rowCases() {
        List<RowCase> c = new ArrayList<>();
        // population.csv (lines 2..6007)
        c.add(new RowCase("population not a number", false, POP, 10, "population", "bad_number", "'abc'",
                d -> set(d.resolve(POP), 10, "population", "abc")));
        c.add(new RowCase("negative population", false, POP, 20, "population", "negative_value", "'-3'",
                d -> set(d.resolve(POP), 20, "population", "-3")));
        c.add(new RowCase("fractional population", false, POP, 30, "population", "bad_number", "'12.5'",
                d -> set(d.resolve(POP), 30, "population", "12.5")));
        c.add(new RowCase("population age above 120", false, POP, 40, "age", "bad_age", "'130'",
                d -> set(d.resolve(POP), 40, "age", "130")));
        c.add(new RowCase("population age not whole", false, POP, 50, "age", "bad_age", "'3.5'",
                d -> set(d.resolve(POP), 50, "age", "3.5")));
        c.add(new RowCase("population sex unknown", false, POP, 60, "sex", "unknown_code", "'X'",
                d -> set(d.resolve(POP), 60, "sex", "X")));
        c.add(new RowCase("population year not a year", false, POP, 70, "year", "bad_year", "'20x3'",
                d -> set(d.resolve(POP), 70, "year", "20x3")));
        c.add(new RowCase("duplicate population key", false, POP, 81, "area_code", "duplicate_population_key", "",
                d -> set(d.resolve(POP), 81, "age", get(d.resolve(POP), 80, "age"))));
        c.add(new RowCase("NUL byte", false, POP, 90, "population", "nul_byte", "\\u0000",
                d -> set(d.resolve(POP), 90, "population", "1\u00002")));
        c.add(new RowCase("ragged row, one field too many", false, POP, 100, "", "ragged_row", "",
                d -> replaceLine(d.resolve(POP), 100, line(d.resolve(POP), 100) + ",9")));
        c.add(new RowCase("population area empty", false, POP, 110, "area_code", "missing_value", "",
                d -> set(d.resolve(POP), 110, "area_code", "")));
        c.add(new RowCase("population empty", false, POP, 120, "population", "missing_value", "",
                d -> set(d.resolve(POP), 120, "population", "")));
        // areas.csv (lines 2..11)
        c.add(new RowCase("imd_decile 11", false, AREAS, 3, "imd_decile", "bad_imd_decile", "'11'",
                d -> set(d.resolve(AREAS), 3, "imd_decile", "11")));
        c.add(new RowCase("imd_decile 0", false, AREAS, 5, "imd_decile", "bad_imd_decile", "'0'",
                d -> set(d.resolve(AREAS), 5, "imd_decile", "0")));
        c.add(new RowCase("empty locality", false, AREAS, 7, "locality", "empty_locality", "",
                d -> set(d.resolve(AREAS), 7, "locality", "")));
        c.add(new RowCase("duplicate area_code", false, AREAS, 9, "area_code", "duplicate_area_code", "",
                d -> set(d.resolve(AREAS), 9, "area_code", get(d.resolve(AREAS), 8, "area_code"))));
        // referrals.csv (lines 2..201)
        c.add(new RowCase("referral sex unknown", false, REF, 10, "sex", "unknown_code", "'X'",
                d -> set(d.resolve(REF), 10, "sex", "X")));
        c.add(new RowCase("client_group unknown", false, REF, 20, "client_group", "unknown_code", "'adults'",
                d -> set(d.resolve(REF), 20, "client_group", "adults")));
        c.add(new RowCase("source unknown", false, REF, 30, "source", "unknown_code", "'GP'",
                d -> set(d.resolve(REF), 30, "source", "GP")));
        c.add(new RowCase("outcome unknown", false, REF, 40, "outcome", "unknown_code", "'done'",
                d -> set(d.resolve(REF), 40, "outcome", "done")));
        c.add(new RowCase("date rolled over (30 February)", false, REF, 50, "referral_date", "bad_date",
                "'2024-02-30'", d -> set(d.resolve(REF), 50, "referral_date", "2024-02-30")));
        c.add(new RowCase("future date", false, REF, 60, "referral_date", "future_date", "'2099-01-01'",
                d -> set(d.resolve(REF), 60, "referral_date", "2099-01-01")));
        c.add(new RowCase("date in another format", false, REF, 70, "referral_date", "bad_date", "'01/05/2023'",
                d -> set(d.resolve(REF), 70, "referral_date", "01/05/2023")));
        c.add(new RowCase("negative age", false, REF, 80, "age", "bad_age", "'-1'",
                d -> set(d.resolve(REF), 80, "age", "-1")));
        c.add(new RowCase("age not a number", false, REF, 90, "age", "bad_age", "'forty'",
                d -> set(d.resolve(REF), 90, "age", "forty")));
        c.add(new RowCase("age above 120", false, REF, 100, "age", "bad_age", "'121'",
                d -> set(d.resolve(REF), 100, "age", "121")));
        c.add(new RowCase("duplicate referral_id", false, REF, 111, "referral_id", "duplicate_referral_id", "",
                d -> set(d.resolve(REF), 111, "referral_id", get(d.resolve(REF), 110, "referral_id"))));
        c.add(new RowCase("person_id empty", false, REF, 120, "person_id", "missing_value", "",
                d -> set(d.resolve(REF), 120, "person_id", "")));
        c.add(new RowCase("ragged row, one field too few", false, REF, 130, "", "ragged_row", "",
                d -> replaceLine(d.resolve(REF), 130, line(d.resolve(REF), 130).replaceFirst(",[^,]*$", ""))));
        c.add(new RowCase("quote inside an unquoted field", false, REF, 140, "team", "unbalanced_quote", "",
                d -> set(d.resolve(REF), 140, "team", "Team \"A")));
        String longValue = "x".repeat(200);
        c.add(new RowCase("long value is cut to 80 characters", false, REF, 150, "client_group", "unknown_code",
                "'" + "x".repeat(80), d -> set(d.resolve(REF), 150, "client_group", longValue)));
        c.add(new RowCase("referral_date empty", false, REF, 160, "referral_date", "missing_value", "",
                d -> set(d.resolve(REF), 160, "referral_date", "")));
        // services.csv (lines 2..301)
        c.add(new RowCase("currency sign", false, SVC, 10, "cost", "bad_number", "'£12.50'",
                d -> set(d.resolve(SVC), 10, "cost", "£12.50")));
        c.add(new RowCase("thousands separator", false, SVC, 20, "cost", "bad_number", "'1,200'",
                d -> set(d.resolve(SVC), 20, "cost", "\"1,200\"")));
        c.add(new RowCase("NaN", false, SVC, 30, "cost", "bad_number", "'NaN'",
                d -> set(d.resolve(SVC), 30, "cost", "NaN")));
        c.add(new RowCase("Infinity", false, SVC, 40, "units", "bad_number", "'Infinity'",
                d -> set(d.resolve(SVC), 40, "units", "Infinity")));
        c.add(new RowCase("negative cost", false, SVC, 50, "cost", "negative_value", "'-5'",
                d -> set(d.resolve(SVC), 50, "cost", "-5")));
        c.add(new RowCase("negative units", false, SVC, 60, "units", "negative_value", "'-1'",
                d -> set(d.resolve(SVC), 60, "units", "-1")));
        c.add(new RowCase("end_date before start_date", false, SVC, 70, "end_date", "end_before_start",
                "'2021-01-01'", d -> set(d.resolve(SVC), 70, "end_date", "2021-01-01")));
        c.add(new RowCase("funder unknown", false, SVC, 80, "funder", "unknown_code", "'NHS England'",
                d -> set(d.resolve(SVC), 80, "funder", "NHS England")));
        c.add(new RowCase("duplicate event_id", false, SVC, 91, "event_id", "duplicate_event_id", "",
                d -> set(d.resolve(SVC), 91, "event_id", get(d.resolve(SVC), 90, "event_id"))));
        c.add(new RowCase("start_date empty", false, SVC, 100, "start_date", "missing_value", "",
                d -> set(d.resolve(SVC), 100, "start_date", "")));
        c.add(new RowCase("service client_group unknown", false, SVC, 110, "client_group", "unknown_code",
                "'Mental Health'", d -> set(d.resolve(SVC), 110, "client_group", "Mental Health")));
        c.add(new RowCase("text after a closing quote", false, SVC, 120, "service_type", "unbalanced_quote", "",
                d -> set(d.resolve(SVC), 120, "service_type", "\"home\"care")));
        c.add(new RowCase("future end_date", false, SVC, 130, "end_date", "future_date", "'2099-12-31'",
                d -> set(d.resolve(SVC), 130, "end_date", "2099-12-31")));
        c.add(new RowCase("service sex empty", false, SVC, 140, "sex", "missing_value", "",
                d -> set(d.resolve(SVC), 140, "sex", "")));
        c.add(new RowCase("unit cost with spaces inside", false, SVC, 150, "units", "bad_number", "'1 000'",
                d -> set(d.resolve(SVC), 150, "units", "1 000")));
        // a cost near the largest double made the per-user sums infinite: exit 1 (BigDecimal of Infinity)
        c.add(new RowCase("cost above 10^15", false, SVC, 160, "cost", "number_too_large", "'1.7e308'",
                d -> set(d.resolve(SVC), 160, "cost", "1.7e308")));
        c.add(new RowCase("units above 10^15", false, SVC, 170, "units", "number_too_large", "'2000000000000000'",
                d -> set(d.resolve(SVC), 170, "units", "2000000000000000")));
        // ONS wide population: Mid-2023.csv has title rows 1..3, header 4, areas from line 5
        c.add(new RowCase("ons-wide cell not a number", true, "Mid-2023.csv", 6, "F5", "bad_number", "'n/a'",
                d -> set(d.resolve("Mid-2023.csv"), 6, "F5", "n/a")));
        c.add(new RowCase("ons-wide negative cell", true, "Mid-2023.csv", 8, "M90", "negative_value", "'-2'",
                d -> set(d.resolve("Mid-2023.csv"), 8, "M90", "-2")));
        c.add(new RowCase("ons-wide area given twice", true, "Mid-2024.csv", 10, "LSOA 2021 Code", "duplicate_population_key", "",
                d -> set(d.resolve("Mid-2024.csv"), 10, "LSOA 2021 Code",
                        get(d.resolve("Mid-2024.csv"), 9, "LSOA 2021 Code"))));
        return c;
    }

    static List<FileCase> fileCases() {
        List<FileCase> c = new ArrayList<>();
        c.add(new FileCase("missing required column", false, 3, List.of(REF, "client_group"), d -> {
            replaceLine(d.resolve(REF), 1, line(d.resolve(REF), 1).replace("client_group", "group"));
            return List.of();
        }));
        c.add(new FileCase("missing required column (population)", false, 3, List.of(POP, "population"), d -> {
            replaceLine(d.resolve(POP), 1, line(d.resolve(POP), 1).replace("population", "count"));
            return List.of();
        }));
        // a column read twice: the first copy was used silently, and a stale copy before the real one turned every
        // row into a rejected one (a run with --on-error skip then ended 0 with nothing used)
        c.add(new FileCase("a column named twice in the header", false, 3, List.of(REF + ":1", "column 'age'",
                "header fields"), d -> {
            appendColumn(d.resolve(REF), "age", "150");
            return List.of();
        }));
        c.add(new FileCase("an ons-wide column named twice", true, 3, List.of("Mid-2023.csv:4", "column 'F5'"), d -> {
            appendColumn(d.resolve("Mid-2023.csv"), "F5", "1");
            return List.of();
        }));
        c.add(new FileCase("empty file", false, 3, List.of(SVC), d -> {
            Files.write(d.resolve(SVC), new byte[0]);
            return List.of();
        }));
        c.add(new FileCase("unterminated quote", false, 3, List.of(SVC + ":7"), d -> {
            set(d.resolve(SVC), 7, "service_type", "\"home care");
            return List.of();
        }));
        c.add(new FileCase("header-only population", false, 3, List.of(POP), d -> {
            CorpusFiles.writeLines(d.resolve(POP), List.of(line(d.resolve(POP), 1)));
            return List.of();
        }));
        c.add(new FileCase("all-zero population", false, 3, List.of(POP), d -> {
            List<String> ls = CorpusFiles.lines(d.resolve(POP));
            for (int i = 1; i < ls.size(); i++) {
                ls.set(i, ls.get(i).replaceFirst(",[^,]*$", ",0"));
            }
            CorpusFiles.writeLines(d.resolve(POP), ls);
            return List.of();
        }));
        c.add(new FileCase("header-only areas", false, 3, List.of(AREAS), d -> {
            CorpusFiles.writeLines(d.resolve(AREAS), List.of(line(d.resolve(AREAS), 1)));
            return List.of();
        }));
        c.add(new FileCase("NUL byte in the header", false, 3, List.of(AREAS + ":1"), d -> {
            replaceLine(d.resolve(AREAS), 1, line(d.resolve(AREAS), 1).replace("locality", "loc\u0000ality"));
            return List.of();
        }));
        c.add(new FileCase("unbalanced quote in the header", false, 3, List.of(REF + ":1"), d -> {
            replaceLine(d.resolve(REF), 1, line(d.resolve(REF), 1).replace("team", "te\"am"));
            return List.of();
        }));
        c.add(new FileCase("invalid bytes in a file declared UTF-8", false, 3, List.of(AREAS), d -> {
            byte[] b = Files.readAllBytes(d.resolve(AREAS));
            String s = new String(b, StandardCharsets.UTF_8).replace("Northgate", "Bishop\u2019s Stortford");
            Files.write(d.resolve(AREAS), s.getBytes(Charset.forName("windows-1252")));
            appendYaml(d, "encoding: utf-8\n");
            return List.of();
        }));
        c.add(new FileCase("UTF-16 (Excel Unicode text)", false, 3, List.of(AREAS, "UTF-16"), d -> {
            Files.write(d.resolve(AREAS), ("\uFEFF" + Files.readString(d.resolve(AREAS)))
                    .getBytes(StandardCharsets.UTF_16LE));
            return List.of();
        }));
        c.add(new FileCase("date_format says dd/MM/yyyy, the file has ISO dates (every row rejected)", false, 3, 0,
                List.of(REF + ":2", "referral_date"), d -> {
                    appendYaml(d, "date_format: {referrals: dd/MM/yyyy}\n");
                    return List.of();
                }));
        c.add(new FileCase("a mapped column that is not in the file", false, 3, List.of(REF, "Gender"), d -> {
            appendYaml(d, "columns:\n  referrals: {sex: Gender}\n");
            return List.of();
        }));
        c.add(new FileCase("duplicate key across population files (a row defect)", false, 3, 0,
                List.of("population-b.csv:2", "duplicate"), d -> {
                    List<String> ls = CorpusFiles.lines(d.resolve(POP));
                    CorpusFiles.writeLines(d.resolve("population-b.csv"), List.of(ls.get(0), ls.get(5)));
                    yaml(d, "inputs:\n  population: [population.csv, population-b.csv]\n");
                    return List.of();
                }));
        c.add(new FileCase("a period with no population of its mid-year or earlier", false, 3,
                List.of(POP, "2022/23", "2024"), d -> {
                    List<String> ls = CorpusFiles.lines(d.resolve(POP));
                    List<String> kept = new ArrayList<>(List.of(ls.get(0)));
                    ls.stream().filter(l -> l.contains(",2024,")).forEach(kept::add);
                    CorpusFiles.writeLines(d.resolve(POP), kept);
                    return List.of();
                }));
        c.add(new FileCase("a placeholder referral date long before the population", false, 3,
                List.of(POP, "1900-01-01"), d -> {
                    set(d.resolve(REF), 44, "referral_date", "1900-01-01");
                    return List.of();
                }));
        c.add(new FileCase("every areas row invalid", false, 3, List.of(AREAS + ":"), d -> {
            List<String> ls = CorpusFiles.lines(d.resolve(AREAS));
            for (int i = 2; i <= ls.size(); i++) {
                set(d.resolve(AREAS), i, "imd_decile", "11");
            }
            return List.of();
        }));
        c.add(new FileCase("every population row invalid", false, 3, List.of(POP, "population"), d -> {
            List<String> ls = CorpusFiles.lines(d.resolve(POP));
            for (int i = 1; i < ls.size(); i++) {
                ls.set(i, ls.get(i).replaceFirst(",[^,]*$", ",-1"));
            }
            CorpusFiles.writeLines(d.resolve(POP), ls);
            return List.of();
        }));
        c.add(new FileCase("population of other areas than the lookup", false, 3, List.of(POP, "outside"), d -> {
            Files.writeString(d.resolve(POP), Files.readString(d.resolve(POP)).replace("E0102", "E0199"));
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml unknown key", false, 2, List.of("jsna.yaml", "supression"), d -> {
            appendYaml(d, "supression: {min: 1, max: 7}\n");
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml unknown key inside columns", false, 2, List.of("jsna.yaml", "referal"), d -> {
            appendYaml(d, "columns:\n  referal: {sex: Gender}\n");
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml bad period", false, 2, List.of("jsna.yaml", "weekly"), d -> {
            appendYaml(d, "period: weekly\n");
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml code mapped onto a non-canonical value", false, 2,
                List.of("jsna.yaml", "NHS England"), d -> {
                    appendYaml(d, "codes:\n  funder: {NHS: NHS England}\n");
                    return List.of();
                }));
        c.add(new FileCase("jsna.yaml bad age range", false, 2, List.of("jsna.yaml", "18 to 64"), d -> {
            appendYaml(d, "client_groups:\n  - {id: adults, label: Adults, ages: \"18 to 64\"}\n");
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml population years on some items only", false, 2, List.of("jsna.yaml"), d -> {
            Files.copy(d.resolve(POP), d.resolve("population-b.csv"));
            yaml(d, "inputs:\n  population: [{path: population.csv, year: 2023}, population-b.csv]\n");
            return List.of();
        }));
        c.add(new FileCase("jsna.yaml not YAML", false, 2, List.of("jsna.yaml"), d -> {
            appendYaml(d, "period: [fiscal-year\n");
            return List.of();
        }));
        c.add(new FileCase("missing file", false, 4, List.of("nowhere.csv"), d -> List.of("--referrals",
                d.resolve("nowhere.csv").toString())));
        c.add(new FileCase("missing file named in jsna.yaml", false, 4, List.of("gone.csv"), d -> {
            yaml(d, "inputs:\n  services: gone.csv\n");
            return List.of();
        }));
        c.add(new FileCase("folder where a file is expected", false, 4, List.of("services-dir"), d -> {
            Files.createDirectories(d.resolve("services-dir"));
            return List.of("--services", d.resolve("services-dir").toString());
        }));
        c.add(new FileCase("ons-wide: a required age column missing", true, 3, List.of("Mid-2022.csv", "M90"), d -> {
            Path f = d.resolve("Mid-2022.csv");
            replaceLine(f, 4, line(f, 4).replace(",M90", ",M90plus"));
            return List.of();
        }));
        c.add(new FileCase("ons-wide: area column not found", true, 3, List.of("Mid-2022.csv", "LSOA 2021 Code"), d -> {
            Path f = d.resolve("Mid-2022.csv");
            replaceLine(f, 4, line(f, 4).replace("LSOA 2021 Code", "LSOA21CD"));
            return List.of();
        }));
        c.add(new FileCase("ons-wide: skip_rows too small", true, 3, List.of("Mid-2022.csv"), d -> {
            Files.writeString(d.resolve("jsna.yaml"), Files.readString(d.resolve("jsna.yaml"))
                    .replace("skip_rows: 3", "skip_rows: 1"));
            return List.of();
        }));
        return c;
    }

    static void appendYaml(Path d, String text) throws IOException {
        Files.writeString(d.resolve("jsna.yaml"), Files.readString(d.resolve("jsna.yaml")) + text);
    }

    /** Replaces the base jsna.yaml's inputs with these lines (other roles keep their canonical names). */
    static void yaml(Path d, String text) throws IOException {
        Files.writeString(d.resolve("jsna.yaml"), text);
    }

    // ------------------------------------------------------------------ fail mode, one case at a time

    @TestFactory
    Stream<DynamicTest> everyRowDefectStopsTheRunWithExit3() {
        return rowCases().stream().map(rc -> DynamicTest.dynamicTest(rc.name(), () -> {
            Path d = copy(rc.ons(), "row-" + slug(rc.name()));
            rc.edit().apply(d);
            List<String> frags = new ArrayList<>(List.of(rc.file() + ":" + rc.line() + ":"));
            if (!rc.column().isEmpty()) {
                frags.add("column '" + rc.column() + "'");
            }
            if (!rc.value().isEmpty()) {
                frags.add(rc.value());
            }
            Result r = reportOver(d, List.of(), 3, frags);
            if (rc.value().startsWith("'xxxx")) {
                assertFalse(r.err().contains("x".repeat(81)), "value quoted in full: " + r.err());
            }
            Result v = CorpusFiles.run(List.of("validate", d.toString()));
            assertEquals(3, v.code(), v.err());
            assertTrue(v.err().contains(frags.get(0)), v.err());
            assertClean(v.err());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyWholeFileDefect() {
        return fileCases().stream().map(fc -> DynamicTest.dynamicTest(fc.name(), () -> {
            Path d = copy(fc.ons(), "file-" + slug(fc.name()));
            List<String> extra = fc.prep().apply(d);
            reportOver(d, extra, fc.code(), fc.fragments());
            if (fc.skipCode() == fc.code()) {
                // --on-error skip does not skip whole-file defects
                List<String> skip = new ArrayList<>(extra);
                skip.add("--on-error");
                skip.add("skip");
                reportOver(d, skip, fc.code(), fc.fragments());
            }
            List<String> args = new ArrayList<>(List.of("validate", d.toString()));
            args.addAll(extra);
            Result v = CorpusFiles.run(args);
            assertEquals(fc.code(), v.code(), v.err());
            for (String f : fc.fragments()) {
                assertTrue(v.err().contains(f), "validate does not name " + f + ": " + v.err());
            }
            assertClean(v.err());
        }));
    }

    /** Runs report over a previous output and checks code, message, previous output untouched, nothing left. */
    static Result reportOver(Path d, List<String> extra, int code, List<String> fragments) throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-" + d.getFileName() + "-" + extra.size()));
        Path out = parent.resolve("out");
        if (!Files.exists(out)) {
            previousOutput(out);
        }
        List<String> args = new ArrayList<>(List.of("report", d.toString(), "--out", out.toString(), "--formats",
                "csv"));
        args.addAll(extra);
        Result r = CorpusFiles.run(args);
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "message does not name " + f + ": " + r.err());
        }
        assertClean(r.err());
        assertEquals(List.of("out"), CorpusFiles.list(parent), "left beside the output");
        assertEquals(List.of("manifest.json", "previous.txt"), CorpusFiles.list(out), "previous output changed");
        assertEquals("previous output", Files.readString(out.resolve("previous.txt")));
        return r;
    }

    static void assertClean(String err) {
        assertFalse(err.contains("\tat "), "stack trace: " + err);
        assertFalse(err.contains("Exception"), "exception name: " + err);
        assertFalse(err.contains("internal error"), "internal error: " + err);
    }

    static Path copy(boolean ons, String name) throws IOException {
        Path d = tmp.resolve(name);
        CorpusFiles.copyTree(ons ? baseOns : base, d);
        return d;
    }

    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9]+", "-");
    }

    // ------------------------------------------------------------------ I/O around the output folder

    /** --out replaces its folder: never when that folder holds the inputs (it deleted them); exit 4, as cli.md says. */
    @Test
    void outputOverTheInputsIsRefused() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-over-inputs"));
        Path d = parent.resolve("data");
        CorpusFiles.copyTree(base, d);
        for (Path out : List.of(d, parent, d.resolve(".."))) {
            Result r = CorpusFiles.run(List.of("report", d.toString(), "--out", out.toString(), "--formats", "csv"));
            assertEquals(4, r.code(), r.err()); // cli.md: a folder holding anything else is refused with exit 4
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("--out"), r.err());
            assertClean(r.err());
            assertEquals(CorpusFiles.list(base), CorpusFiles.list(d));
            assertEquals(List.of("data"), CorpusFiles.list(parent));
        }
        Path out = parent.resolve("data-out");
        assertEquals(0, CorpusFiles.run(List.of("report", d.toString(), "--out", out.toString(), "--formats", "csv"))
                .code());
        assertEquals(CorpusFiles.list(base), CorpusFiles.list(d));
    }

    @Test
    void outputPathThatIsAFileIsExit4() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-is-file"));
        Path out = parent.resolve("out");
        Files.writeString(out, "not a folder");
        Result r = CorpusFiles.run(List.of("report", base.toString(), "--out", out.toString(), "--formats", "csv"));
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(out.toString()), r.err());
        assertClean(r.err());
        assertEquals("not a folder", Files.readString(out));
        assertEquals(List.of("out"), CorpusFiles.list(parent));
    }

    @Test
    void outputUnderAFileIsExit4() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-under-file"));
        Files.writeString(parent.resolve("file"), "x");
        Path out = parent.resolve("file").resolve("out");
        Result r = CorpusFiles.run(List.of("report", base.toString(), "--out", out.toString(), "--formats", "csv"));
        assertEquals(4, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertClean(r.err());
        assertEquals(List.of("file"), CorpusFiles.list(parent));
    }

    @Test
    void unwritableOutputFolderIsExit4() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-readonly"));
        Path out = parent.resolve("out");
        previousOutput(out);
        boolean readOnly = parent.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(readOnly && !Files.isWritable(parent),
                    "running as a user who may write anywhere (root)");
            Result r = CorpusFiles.run(List.of("report", base.toString(), "--out", out.toString(), "--formats", "csv"));
            assertEquals(4, r.code(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertClean(r.err());
        } finally {
            parent.toFile().setWritable(true, false);
        }
        assertEquals(List.of("out"), CorpusFiles.list(parent));
        assertEquals(List.of("manifest.json", "previous.txt"), CorpusFiles.list(out));
    }

    /** An earlier jsna output holding previous.txt: its manifest.json lists that file. */
    static void previousOutput(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("previous.txt"), "previous output");
        Files.writeString(out.resolve("manifest.json"),
                "{\"tool\": \"jsna\", \"outputs\": [{\"path\": \"previous.txt\"}]}\n");
    }

    @Test
    void outputHeldByAnotherRunIsExit4() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("out-locked"));
        Path out = parent.resolve("out");
        previousOutput(out);
        Path lockFile = parent.resolve(".out.jsna-lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            Result r = CorpusFiles.run(List.of("report", base.toString(), "--out", out.toString(), "--formats", "csv"));
            assertEquals(4, r.code(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("another jsna run"), r.err());
            assertClean(r.err());
            assertEquals(List.of("manifest.json", "previous.txt"), CorpusFiles.list(out));
        }
    }

    /** With --on-error skip a file whose every row is rejected is no input at all: said plainly. */
    @Test
    void skipCannotLeaveAreasOrPopulationEmpty() throws IOException {
        for (String f : List.of(AREAS, POP)) {
            Path d = copy(false, "all-invalid-" + f);
            List<String> ls = CorpusFiles.lines(d.resolve(f));
            for (int i = 1; i < ls.size(); i++) {
                ls.set(i, ls.get(i) + ",extra");
            }
            CorpusFiles.writeLines(d.resolve(f), ls);
            Result r = reportOver(d, List.of("--on-error", "skip"), 3,
                    List.of(f + ": all " + (ls.size() - 1) + " rows are invalid"));
            assertFalse(r.err().contains("mid-"), r.err());
        }
    }

    // ------------------------------------------------------------------ usage errors on the command line

    @TestFactory
    Stream<DynamicTest> badOptionsAreUsageErrors() {
        List<List<String>> cases = List.of(List.of("--from", "2023-02-30"), List.of("--to", "31/03/2024"),
                List.of("--on-error", "ignore"), List.of("--period", "weekly"), List.of("--formats", "csv,pdf"),
                List.of("--threads", "0"), List.of("--seed", "x"), List.of("--no-such-option"));
        return cases.stream().map(extra -> DynamicTest.dynamicTest(String.join(" ", extra), () -> {
            Path parent = Files.createDirectories(tmp.resolve("out-usage-" + slug(String.join("-", extra))));
            Path out = Files.createDirectories(parent.resolve("out"));
            Files.writeString(out.resolve("previous.txt"), "previous output");
            List<String> args = new ArrayList<>(List.of("report", base.toString(), "--out", out.toString()));
            args.addAll(extra);
            Result r = CorpusFiles.run(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("jsna: error: "), r.err());
            assertTrue(r.err().contains(extra.get(0)), r.err());
            assertClean(r.err());
            assertEquals(List.of("out"), CorpusFiles.list(parent));
            assertEquals(List.of("previous.txt"), CorpusFiles.list(out));
        }));
    }

    // ------------------------------------------------------------------ valid edge files

    /** indicators.md: a period without its own mid-year uses the latest earlier year, and says so. */
    @Test
    void aPeriodWithoutItsMidYearUsesAnEarlierOne() throws IOException {
        Path d = copy(false, "pop-2022-only");
        List<String> ls = CorpusFiles.lines(d.resolve(POP));
        List<String> kept = new ArrayList<>(List.of(ls.get(0)));
        ls.stream().filter(l -> l.contains(",2022,")).forEach(kept::add);
        CorpusFiles.writeLines(d.resolve(POP), kept);
        Path out = tmp.resolve("out-pop-2022-only");
        Result r = CorpusFiles.run(List.of("report", d.toString(), "--out", out.toString(), "--formats", "csv"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(out.resolve("indicators.csv"))
                .contains("population of mid-2022 used (no mid-2023 estimate)"));
        assertEquals(0, CorpusFiles.run(List.of("validate", d.toString())).code());
    }

    @Test
    void headerOnlyReferralsAndServicesAreValid() throws IOException {
        Path d = copy(false, "header-only-events");
        CorpusFiles.writeLines(d.resolve(REF), List.of(line(d.resolve(REF), 1)));
        CorpusFiles.writeLines(d.resolve(SVC), List.of(line(d.resolve(SVC), 1)));
        Result r = CorpusFiles.run(List.of("report", d.toString(), "--out", tmp.resolve("out-hdr").toString(),
                "--formats", "csv"));
        assertEquals(0, r.code(), r.err());
        assertClean(r.err());
        Result v = CorpusFiles.run(List.of("validate", d.toString()));
        assertEquals(0, v.code(), v.err());
    }

    /** Windows-1252, a byte-order mark, CRLF and lone CR line ends are read as the same data. */
    @Test
    void encodingsAndLineEndsGiveTheSameIndicators() throws IOException {
        Path d = copy(false, "encodings");
        Path b = copy(false, "encodings-base");
        for (Path x : List.of(d, b)) {
            Path f = x.resolve(AREAS);
            Files.writeString(f, Files.readString(f).replace("Northgate", "Ynys M\u00f4n"));
            Files.writeString(x.resolve("jsna.yaml"), Files.readString(x.resolve("jsna.yaml"))
                    .replace("Northgate", "\"Ynys M\u00f4n\""));
        }
        Files.write(d.resolve(AREAS), Files.readString(d.resolve(AREAS)).replace("\n", "\r\n")
                .getBytes(Charset.forName("windows-1252")));
        byte[] ref = Files.readAllBytes(d.resolve(REF));
        byte[] bom = new byte[ref.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(ref, 0, bom, 3, ref.length);
        Files.write(d.resolve(REF), bom);
        Files.writeString(d.resolve(SVC), Files.readString(d.resolve(SVC)).replace("\n", "\r"));
        Files.writeString(d.resolve(POP), Files.readString(d.resolve(POP)).replace("\n", "\r\n"));
        Path o1 = tmp.resolve("out-enc");
        Path o2 = tmp.resolve("out-enc-base");
        assertEquals(0, CorpusFiles.run(List.of("report", d.toString(), "--out", o1.toString(), "--formats", "csv"))
                .code());
        assertEquals(0, CorpusFiles.run(List.of("report", b.toString(), "--out", o2.toString(), "--formats", "csv"))
                .code());
        String ind = Files.readString(o1.resolve("indicators.csv"));
        assertTrue(ind.contains(",Ynys M\u00f4n,"), "locality read from Windows-1252");
        assertEquals(Files.readString(o2.resolve("indicators.csv")), ind);
        assertEquals(Files.readString(o2.resolve("inequalities.csv")), Files.readString(o1.resolve("inequalities.csv")));
        String manifest = Files.readString(o1.resolve("manifest.json"));
        assertTrue(manifest.contains("windows-1252") || manifest.contains("Windows-1252"), manifest);
    }

    // ------------------------------------------------------------------ --on-error skip

    @Test
    void skipRejectsEveryRowDefectAndReconciles() throws IOException {
        checkSkip(false);
    }

    @Test
    void skipRejectsOnsWideRowDefectsAndReconciles() throws IOException {
        checkSkip(true);
    }

    private void checkSkip(boolean ons) throws IOException {
        List<RowCase> cases = rowCases().stream().filter(rc -> rc.ons() == ons).toList();
        Path d = copy(ons, ons ? "skip-ons" : "skip");
        Path expected = copy(ons, ons ? "skip-ons-expected" : "skip-expected");
        Map<String, List<Integer>> remove = new TreeMap<>();
        Map<String, Map<String, Long>> byReason = new TreeMap<>();
        for (RowCase rc : cases) {
            rc.edit().apply(d);
            remove.computeIfAbsent(rc.file(), k -> new ArrayList<>()).add(rc.line());
            byReason.computeIfAbsent(rc.file(), k -> new TreeMap<>()).merge(rc.reason(), 1L, Long::sum);
        }
        for (var e : remove.entrySet()) {
            CorpusFiles.removeLines(expected.resolve(e.getKey()), e.getValue());
        }
        keepOnlyLocalitiesOfTheLookup(expected);
        Path out = tmp.resolve(ons ? "out-skip-ons" : "out-skip");
        Path outExpected = tmp.resolve(ons ? "out-skip-ons-expected" : "out-skip-expected");
        Result r = CorpusFiles.run(List.of("report", d.toString(), "--out", out.toString(), "--formats", "csv",
                "--on-error", "skip"));
        assertEquals(0, r.code(), r.err());
        assertClean(r.err());
        assertTrue(r.err().contains(cases.size() + " invalid rows rejected"), r.err());
        Result re = CorpusFiles.run(List.of("report", expected.toString(), "--out", outExpected.toString(),
                "--formats", "csv"));
        assertEquals(0, re.code(), re.err());

        // rejects.csv: one row per defect, with file, line, column, reason and the offending value alone
        List<CSVRecord> rejects;
        try (Reader rd = Files.newBufferedReader(out.resolve("rejects.csv"))) {
            rejects = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd).getRecords();
        }
        assertEquals(cases.size(), rejects.size());
        String rejectsText = Files.readString(out.resolve("rejects.csv"));
        assertTrue(rejectsText.startsWith("file,line,column,reason,row\r\n"), rejectsText);
        assertFalse(rejectsText.contains("\0"), "NUL byte copied into rejects.csv");
        if (!ons) {
            assertTrue(rejectsText.contains("1\\u00002"), "NUL byte shown as \\u0000");
        }
        TreeSet<String> want = new TreeSet<>();
        Map<String, RowCase> caseAt = new HashMap<>();
        for (RowCase rc : cases) {
            want.add(rc.file() + "|" + rc.line() + "|" + rc.column() + "|" + rc.reason());
            caseAt.put(rc.file() + ":" + rc.line(), rc);
        }
        TreeSet<String> got = new TreeSet<>();
        for (CSVRecord rec : rejects) {
            assertEquals(5, rec.size(), rec.toString());
            String file = Path.of(rec.get("file")).getFileName().toString();
            got.add(file + "|" + rec.get("line") + "|" + rec.get("column") + "|" + rec.get("reason"));
            RowCase rc = caseAt.get(file + ":" + rec.get("line"));
            assertTrue(rc != null, "unexpected reject " + rec);
            assertEquals(expectedRejectValue(d, rc), rec.get("row"), rc.name());
        }
        assertEquals(want, got);

        // data-quality.csv and manifest.json reconcile per file
        Map<String, Map<String, Long>> dq = new TreeMap<>();
        for (String l : Files.readAllLines(out.resolve("data-quality.csv")).subList(1,
                Files.readAllLines(out.resolve("data-quality.csv")).size())) {
            String[] f = l.split(",");
            dq.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], Long.parseLong(f[2]));
        }
        List<String> files = ons ? List.of("Mid-2022.csv", "Mid-2023.csv", "Mid-2024.csv", AREAS, REF, SVC)
                : List.of(POP, AREAS, REF, SVC);
        String manifest = Files.readString(out.resolve("manifest.json"));
        for (String f : files) {
            Map<String, Long> m = dq.get(f);
            assertTrue(m != null, "data-quality.csv has no " + f);
            long lines = Files.readAllLines(d.resolve(f)).size() - 1 - (f.startsWith("Mid-") ? 3 : 0);
            long rejected = remove.getOrDefault(f, List.of()).size();
            assertEquals(lines, m.get("rows_read"), f + " rows_read");
            assertEquals(rejected, m.get("rows_rejected"), f + " rows_rejected");
            assertEquals(lines - rejected, m.get("rows_used"), f + " rows_used");
            for (var e : byReason.getOrDefault(f, Map.of()).entrySet()) {
                assertEquals(e.getValue(), m.get("rejected:" + e.getKey()), f + " rejected:" + e.getKey());
            }
            Matcher mm = Pattern.compile("\"path\": \"[^\"]*" + Pattern.quote(f) + "\",(?s:[^}]*?)\"rows_read\": (\\d+),"
                    + "\\s*\"rows_used\": (\\d+),\\s*\"rows_rejected\": (\\d+)").matcher(manifest);
            assertTrue(mm.find(), "manifest has no counts for " + f);
            assertEquals(lines, Long.parseLong(mm.group(1)));
            assertEquals(lines - rejected, Long.parseLong(mm.group(2)));
            assertEquals(rejected, Long.parseLong(mm.group(3)));
        }

        // jsna validate lists every one of them
        Result v = CorpusFiles.run(List.of("validate", d.toString()));
        assertEquals(3, v.code(), v.err());
        assertClean(v.err());
        for (RowCase rc : cases) {
            assertTrue(v.err().contains(rc.file() + ":" + rc.line() + ":"), "validate does not list " + rc.name());
        }

        // the indicators are those of the base set without the rejected lines
        assertEquals(Files.readString(outExpected.resolve("indicators.csv")), Files.readString(out.resolve("indicators.csv")));
        assertEquals(Files.readString(outExpected.resolve("inequalities.csv")),
                Files.readString(out.resolve("inequalities.csv")));
    }

    /** Columns whose values rejects.csv never holds (person-level): identifiers and birth dates or years. */
    static final Set<String> WITHHELD = Set.of("referral_id", "person_id", "event_id", "birth_date", "birth_year");

    /**
     * The fifth column of rejects.csv for a row defect, worked out from the edited file: the offending
     * field as the file has it (spaces around it trimmed, formula guard as every CSV text cell), empty
     * for a ragged row, an unbalanced quote and a withheld column.
     */
    static String expectedRejectValue(Path d, RowCase rc) throws IOException {
        if (rc.column().isEmpty() || rc.reason().equals("ragged_row") || rc.reason().equals("unbalanced_quote")
                || WITHHELD.contains(rc.column())) {
            return "";
        }
        List<String> ls = CorpusFiles.lines(d.resolve(rc.file()));
        String header = CorpusFiles.header(ls, rc.column());
        CSVRecord r = CSVFormat.DEFAULT.parse(new java.io.StringReader(ls.get(rc.line() - 1))).getRecords().get(0);
        String v = r.get(CorpusFiles.col(header, rc.column())).replaceAll("^[ \t]+|[ \t]+$", "");
        return org.jsna.output.table.CellFormat.text(v.replace("\0", "\\u0000"));
    }

    /**
     * jsna.yaml's locality order less the localities whose every area row was removed: naming a
     * locality the lookup does not have is a usage error (issue 7).
     */
    private static void keepOnlyLocalitiesOfTheLookup(Path dir) throws IOException {
        Path yaml = dir.resolve("jsna.yaml");
        if (!Files.exists(yaml)) {
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        List<String> areaLines = Files.readAllLines(dir.resolve("areas.csv"));
        int col = List.of(areaLines.get(0).split(",")).indexOf("locality");
        for (String line : areaLines.subList(1, areaLines.size())) {
            String[] f = line.split(",", -1);
            if (col >= 0 && col < f.length) {
                names.add(f[col].trim());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(yaml)) {
            if (line.startsWith("localities: [")) {
                List<String> kept = new ArrayList<>();
                for (String l : line.substring(13, line.lastIndexOf(']')).split(",")) {
                    if (names.contains(l.trim())) {
                        kept.add(l.trim());
                    }
                }
                line = "localities: [" + String.join(", ", kept) + "]";
            }
            out.add(line);
        }
        Files.write(yaml, out);
    }
}
