package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jsna.cli.CorpusFiles.Result;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, held-back council data: the same data as canonical files and as a council extract —
 * other column names (ONS-style {@code LSOA21CD}), dd/MM/yyyy dates, Windows-1252 with non-ASCII
 * locality names, CRLF, coded values mapped through jsna.yaml {@code codes:}, ages given as birth
 * years in one file — and as an ONS wide population, must give the same indicators.csv and
 * inequalities.csv, byte for byte.
 */
class MappedInputsTest {

    static final Charset CP1252 = Charset.forName("windows-1252");
    static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT);
    static final String YNYS = "Ynys M\u00f4n";
    static final String BISHOPS = "Bishop\u2019s Stortford";

    static final Map<String, String> GROUPS = Map.of("children_families", "Children and Families",
            "learning_disability", "Learning Disability Support", "mental_health", "Mental Health Support",
            "physical_disability", "Physical Support", "older_people", "Support for Older People",
            "carers", "Carer Support");
    static final Map<String, String> SOURCES = Map.of("primary_care", "A1", "secondary_care", "A2",
            "self_or_family", "B1", "social_care", "C1", "community_health", "D1", "police_or_justice", "E1",
            "education", "F1", "other", "Z9");
    static final Map<String, String> OUTCOMES = Map.of("service_provided", "Service Provided", "signposted",
            "Signposted", "no_further_action", "NFA", "ongoing", "Ongoing", "declined", "Declined", "other", "Other");
    static final Map<String, String> FUNDERS = Map.of("nhs", "NHS", "council", "Council", "pooled",
            "Pooled Budget (s75)", "self", "Self Funded");
    static final Map<String, String> SEXES = Map.of("M", "Male", "F", "Female");

    @TempDir
    static Path tmp;

    static Path canonical;
    static Path mapped;
    static Path onsWide;

    @BeforeAll
    static void sets() throws IOException {
        Path sample = tmp.resolve("sample");
        SampleWriter.write(sample, new SampleSettings(30, 3000, 4000, 7));
        canonical = tmp.resolve("canonical");
        CorpusFiles.copyTree(sample, canonical);
        // non-ASCII locality names, in the canonical (UTF-8) set too
        Path areas = canonical.resolve("areas.csv");
        Files.writeString(areas, Files.readString(areas).replace("Northgate", YNYS).replace("Riverside", BISHOPS));
        Path yaml = canonical.resolve("jsna.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("Northgate", "\"" + YNYS + "\"")
                .replace("Riverside", "\"" + BISHOPS + "\""));
        mapped = tmp.resolve("mapped");
        Files.createDirectories(mapped);
        writeMapped();
        onsWide = tmp.resolve("ons");
        CorpusFiles.copyTree(canonical, onsWide);
        List<String> items = CorpusFiles.writeOnsWide(onsWide.resolve("population.csv"), onsWide, "Mid-");
        Files.delete(onsWide.resolve("population.csv"));
        Files.writeString(onsWide.resolve("jsna.yaml"), "inputs:\n  population:\n" + String.join("\n", items)
                + "\n  areas: areas.csv\n  referrals: referrals.csv\n  services: services.csv\n"
                + "population_layout: ons-wide\nons_wide: {skip_rows: 3}\n"
                + "localities: [\"" + YNYS + "\", \"" + BISHOPS + "\", Eastfield, Westbrook, Hillcrest, Southmoor]\n");
    }

    static List<CSVRecord> read(Path f) throws IOException {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** Writes rows with CRLF in the given encoding. */
    static void write(Path f, Charset cs, List<String> header, List<CSVRecord> rows,
            Function<CSVRecord, List<String>> map) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, cs);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            p.printRecord(header);
            for (CSVRecord r : rows) {
                p.printRecord(map.apply(r));
            }
        }
    }

    static String code(Map<String, String> m, String v) {
        return v.isEmpty() ? "" : m.get(v);
    }

    static String date(String iso) {
        return iso.isEmpty() ? "" : LocalDate.parse(iso).format(UK);
    }

    static String label(String serviceType) {
        String[] w = serviceType.split("_");
        StringBuilder sb = new StringBuilder();
        for (String x : w) {
            sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(x.charAt(0))).append(x.substring(1));
        }
        return sb.toString();
    }

    static void writeMapped() throws IOException {
        write(mapped.resolve("lookup.csv"), CP1252, List.of("LSOA21NM", "LSOA21CD", "IMD_Decile", "Locality", "Notes"),
                read(canonical.resolve("areas.csv")),
                r -> List.of(r.get("area_name"), r.get("area_code"), r.get("imd_decile"), r.get("locality"), "x"));
        write(mapped.resolve("pop.csv"), CP1252, List.of("LSOA21CD", "Gender", "Age", "Mid_Year", "Count"),
                read(canonical.resolve("population.csv")),
                r -> List.of(r.get("area_code"), SEXES.get(r.get("sex")), r.get("age"), r.get("year"),
                        r.get("population")));
        write(mapped.resolve("mhsds.csv"), CP1252, List.of("UniqServReqID", "Der_Person_ID",
                "ReferralRequestReceivedDate", "Primary_Support_Reason", "LSOA2021", "Gender", "BirthYear",
                "SourceOfReferral", "ReferralOutcome", "Team"), read(canonical.resolve("referrals.csv")), r -> {
                    LocalDate d = LocalDate.parse(r.get("referral_date"));
                    int age = Integer.parseInt(r.get("age"));
                    // born on 1 July (data.md): before 1 July the birthday of this year is still to come
                    int birthYear = d.getYear() - age - (d.isBefore(LocalDate.of(d.getYear(), 7, 1)) ? 1 : 0);
                    return List.of(r.get("referral_id"), r.get("person_id"), date(r.get("referral_date")),
                            GROUPS.get(r.get("client_group")), r.get("area_code"), SEXES.get(r.get("sex")),
                            Integer.toString(birthYear), code(SOURCES, r.get("source")),
                            code(OUTCOMES, r.get("outcome")), r.get("team"));
                });
        List<CSVRecord> services = read(canonical.resolve("services.csv"));
        TreeSet<String> types = new TreeSet<>();
        services.forEach(r -> types.add(r.get("service_type")));
        write(mapped.resolve("cld.csv"), CP1252, List.of("Event_ID", "Client_ID", "Support_Reason", "Service",
                "Start_Date", "End_Date", "Planned_Units", "Cost_GBP", "Funding", "Referral_Ref", "LSOA21CD", "Gender",
                "Age"), services, r -> List.of(r.get("event_id"), r.get("person_id"), GROUPS.get(r.get("client_group")),
                        label(r.get("service_type")), date(r.get("start_date")), date(r.get("end_date")),
                        r.get("units"), r.get("cost"), code(FUNDERS, r.get("funder")), r.get("referral_id"),
                        r.get("area_code"), SEXES.get(r.get("sex")), r.get("age")));

        StringBuilder y = new StringBuilder();
        y.append("# a council extract: other names, UK dates, Windows-1252, CRLF, coded values\n");
        y.append("inputs: {population: pop.csv, areas: lookup.csv, referrals: mhsds.csv, services: cld.csv}\n");
        y.append("date_format: {referrals: dd/MM/yyyy, services: dd/MM/yyyy}\n");
        y.append("columns:\n");
        y.append("  population: {area_code: LSOA21CD, sex: Gender, age: Age, year: Mid_Year, population: Count}\n");
        y.append("  areas: {area_code: LSOA21CD, area_name: LSOA21NM, locality: Locality, imd_decile: IMD_Decile}\n");
        y.append("  referrals: {referral_id: UniqServReqID, person_id: Der_Person_ID,"
                + " referral_date: ReferralRequestReceivedDate, client_group: Primary_Support_Reason,"
                + " area_code: LSOA2021, sex: Gender, birth_year: BirthYear, source: SourceOfReferral,"
                + " outcome: ReferralOutcome, team: Team}\n");
        y.append("  services: {event_id: Event_ID, person_id: Client_ID, client_group: Support_Reason,"
                + " service_type: Service, start_date: Start_Date, end_date: End_Date, units: Planned_Units,"
                + " cost: Cost_GBP, funder: Funding, referral_id: Referral_Ref, area_code: LSOA21CD, sex: Gender,"
                + " age: Age}\n");
        y.append("codes:\n");
        y.append("  sex: ").append(flow(SEXES)).append('\n');
        y.append("  client_group: ").append(flow(GROUPS)).append('\n');
        y.append("  source: ").append(flow(SOURCES)).append('\n');
        y.append("  outcome: ").append(flow(OUTCOMES)).append('\n');
        y.append("  funder: ").append(flow(FUNDERS)).append('\n');
        Map<String, String> st = new LinkedHashMap<>();
        types.forEach(t -> st.put(t, label(t)));
        y.append("  service_type: ").append(flow(st)).append('\n');
        y.append("localities: [\"" + YNYS + "\", \"" + BISHOPS + "\", Eastfield, Westbrook, Hillcrest, Southmoor]\n");
        Files.writeString(mapped.resolve("jsna.yaml"), y.toString(), StandardCharsets.UTF_8);
    }

    /** {canonical: fileValue} as a YAML flow map fileValue -> canonical. */
    static String flow(Map<String, String> canonicalToFile) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(canonicalToFile).forEach((c, f) -> parts.add("\"" + f + "\": " + c));
        return "{" + String.join(", ", parts) + "}";
    }

    static Path report(Path in, String name) {
        Path out = tmp.resolve(name);
        Result r = CorpusFiles.run(List.of("report", in.toString(), "--out", out.toString(), "--formats", "csv"));
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("rejected"), r.err());
        return out;
    }

    @Test
    void councilExtractGivesTheSameTablesAsTheCanonicalFiles() throws IOException {
        byte[] lookup = Files.readAllBytes(mapped.resolve("lookup.csv"));
        boolean utf8;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(lookup));
            utf8 = true;
        } catch (java.nio.charset.CharacterCodingException e) {
            utf8 = false;
        }
        assertFalse(utf8, "the lookup is not valid UTF-8");
        assertTrue(new String(lookup, CP1252).contains(BISHOPS + ",") && new String(lookup, CP1252).contains("\r\n"));
        Path a = report(canonical, "out-canonical");
        Path b = report(mapped, "out-mapped");
        String ind = Files.readString(a.resolve("indicators.csv"));
        assertTrue(ind.contains("," + YNYS + ",") && ind.contains("," + BISHOPS + ","), "localities present");
        assertTrue(ind.lines().count() > 1000, "a realistic table");
        assertEquals(ind, Files.readString(b.resolve("indicators.csv")));
        assertEquals(Files.readString(a.resolve("inequalities.csv")), Files.readString(b.resolve("inequalities.csv")));
        assertEquals(counts(a), counts(b));
        String manifest = Files.readString(b.resolve("manifest.json"));
        assertTrue(manifest.toLowerCase(Locale.ROOT).contains("windows-1252"), "lookup read as Windows-1252");
        Result v = CorpusFiles.run(List.of("validate", mapped.toString()));
        assertEquals(0, v.code(), v.err());
    }

    @Test
    void onsWidePopulationGivesTheSameTables() throws IOException {
        Path a = report(canonical, "out-canonical-2");
        Path b = report(onsWide, "out-ons");
        assertEquals(Files.readString(a.resolve("indicators.csv")), Files.readString(b.resolve("indicators.csv")));
        assertEquals(Files.readString(a.resolve("inequalities.csv")), Files.readString(b.resolve("inequalities.csv")));
    }

    /**
     * data.md: ONS title rows are skipped unread, whatever they hold. A title row with a Windows-1252 byte (a
     * pound sign) in files that start with a UTF-8 byte-order mark, or in files with no mark, is neither an
     * encoding error nor a sign of the data's encoding: the tables are those of the canonical files. (The
     * first version checked the title rows as UTF-8: exit 3 "not valid UTF-8 ... near line 4".)
     */
    @Test
    void onsTitleRowsAreSkippedUnreadWhateverTheirBytes() throws IOException {
        for (boolean bom : new boolean[] {true, false}) {
            Path dir = tmp.resolve("ons-title-" + bom);
            CorpusFiles.copyTree(onsWide, dir);
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("Mid-")).toList()) {
                    byte[] b = Files.readAllBytes(f);
                    int first = indexOf(b, (byte) '\n', 0);
                    int second = indexOf(b, (byte) '\n', first + 1);
                    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
                    if (bom) {
                        o.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                    }
                    o.write(b, 0, first + 1);
                    o.write("Source: ONS, \u00a3 figures\r".getBytes(Charset.forName("windows-1252")));
                    o.write(b, second, b.length - second);
                    Files.write(f, o.toByteArray());
                }
            }
            Path a = report(canonical, "out-canonical-title-" + bom);
            Path b = report(dir, "out-ons-title-" + bom);
            assertEquals(Files.readString(a.resolve("indicators.csv")), Files.readString(b.resolve("indicators.csv")),
                    "byte-order mark " + bom);
        }
    }

    /**
     * A columns.population block beside population_layout: ons-wide (left over from a long-layout config) does not
     * apply: a warning says it is ignored, and the tables are the canonical ones; an ons_wide block without the
     * layout likewise.
     */
    @Test
    void populationSettingsOfTheOtherLayoutAreIgnoredWithAWarning() throws IOException {
        Path dir = tmp.resolve("ons-columns");
        CorpusFiles.copyTree(onsWide, dir);
        Path yaml = dir.resolve("jsna.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "columns: {population: {sex: Sexx, area_code: LSOA}}\n");
        Path out = tmp.resolve("out-ons-columns");
        Result r = CorpusFiles.run(List.of("report", dir.toString(), "--out", out.toString(), "--formats", "csv"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("columns.population: is ignored with population_layout: ons-wide"), r.err());
        assertEquals(Files.readString(report(canonical, "out-canonical-3").resolve("indicators.csv")),
                Files.readString(out.resolve("indicators.csv")));
        Path longDir = tmp.resolve("long-ons-block");
        CorpusFiles.copyTree(canonical, longDir);
        Path longYaml = longDir.resolve("jsna.yaml");
        Files.writeString(longYaml, Files.readString(longYaml) + "ons_wide: {skip_rows: 3}\n");
        Result l = CorpusFiles.run(List.of("report", longDir.toString(), "--out", tmp.resolve("out-long-ons").toString(),
                "--formats", "csv"));
        assertEquals(0, l.code(), l.err());
        assertTrue(l.err().contains("ons_wide: is ignored without population_layout: ons-wide"), l.err());
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line end");
    }

    /** data-quality.csv without the file names (they differ by design). */
    static List<String> counts(Path out) throws IOException {
        return Files.readAllLines(out.resolve("data-quality.csv")).stream()
                .map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }
}
