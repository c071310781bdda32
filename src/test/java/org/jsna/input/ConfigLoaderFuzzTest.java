package org.jsna.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jsna.console.JsnaException;
import org.jsna.fuzz.Fuzz;
import org.jsna.fuzz.FuzzTries;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * jsna.yaml on hostile input: random YAML trees over jsna.yaml's own keys and values (so that the
 * settings reach the readers: date patterns, codes, columns, client groups, encodings), random trees
 * of anything, damaged YAML text (tags, anchors, aliases, directives, brackets) and random bytes.
 * Loading may end only in a usage error (exit 2: a bad key or value), an input error (exit 3: a limit,
 * or the data) or an I/O error (exit 4: a file named in inputs that is not there); {@code jsna validate}
 * likewise — never an internal error or a hang.
 */
@AddLifecycleHook(FuzzTries.class)
class ConfigLoaderFuzzTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-yaml-fuzz");
            DIR.toFile().deleteOnExit();
            for (String r : InputReaderFuzzTest.ROLES) {
                Files.writeString(DIR.resolve(r + ".csv"), InputReaderFuzzTest.valid(r), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> KEYS = List.of("inputs", "encoding", "date_format", "population_layout", "ons_wide",
            "columns", "codes", "client_groups", "localities", "suppression", "period", "population", "areas",
            "referrals", "services", "path", "year", "id", "label", "ages", "min", "max", "secondary", "area_column",
            "skip_rows", "sex", "client_group", "source", "outcome", "funder", "service_type", "area_code", "age",
            "referral_date", "<<", "", " ", "Inputs", "supression");
    static final List<String> VALUES = List.of("auto", "utf-8", "utf8", "cp1252", "windows-1252", "latin1",
            "yyyy-MM-dd", "dd/MM/yyyy", "u-M-d", "y-M-d", "yyyy-MM-dd HH:mm", "yyyy-MM-dd VV", "yyyy-DDD", "ddMMyyyy",
            "yyyyMMdd", "dd MMM yyyy", "EEE dd/MM/yyyy", "yyyy-MM-dd'T'HH:mm:ss", "[yyyy-MM-dd]", "'x'", "G", "true",
            "false", "yes", "18-64", "65+", "0-0", "120+", "-1", "0", "7", "1000001", "2023", "1799", "fiscal-year",
            "calendar-year", "long", "ons-wide", "areas.csv", "population.csv", "referrals.csv", "services.csv",
            "missing.csv", "../x.csv", "/dev/null", "/", ".", "a\0b", "F", "M", "U", "mental_health", "older_people",
            "nhs", "primary_care", "E01000001", "North", "LSOA 2021 Code");

    static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.of(VALUES)),
                net.jqwik.api.Tuple.of(2, Fuzz.nastyCell()));
    }

    static Arbitrary<String> key() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.of(KEYS)),
                net.jqwik.api.Tuple.of(1, Fuzz.nastyCell()));
    }

    /** A random tree of maps, lists and text over jsna.yaml's keys and values. */
    static Arbitrary<Object> tree(int depth) {
        if (depth == 0) {
            return scalar().map(s -> s);
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<Object> map = Arbitraries.maps(key(), child).ofMaxSize(5).map(m -> m);
        Arbitrary<Object> list = child.list().ofMaxSize(4).map(l -> l);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, scalar().map(s -> s)),
                net.jqwik.api.Tuple.of(3, map), net.jqwik.api.Tuple.of(1, list));
    }

    /** Mostly one of {@code good}, now and then any scalar. */
    static Arbitrary<String> mostly(String... good) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.of(good)),
                net.jqwik.api.Tuple.of(1, scalar()));
    }

    static final String[] PATTERNS = {"yyyy-MM-dd", "uuuu-MM-dd", "y-M-d", "u-M-d", "yyyy-MM-d", "yyyy-MM-dd[ HH:mm]",
        "yyyy-MM-dd'T'HH:mm", "yyyyMMdd", "yyyy-DDD", "yyyy-MM-dd G", "yyyy-MM-dd VV", "yyyy-MM-dd a", "Y-M-d",
        "yyyy-MM-dd E", "yyyy-MM-dd Q", "yyyy-MM-dd-W", "dd/MM/yyyy", "yyyy-MMM-dd", "yyyy-MM-dd'", "''yyyy-MM-dd"};

    /** A jsna.yaml of plausible shape: each top-level key with a value of its own kind, mostly valid. */
    @Provide
    Arbitrary<Map<String, Object>> configs() {
        Arbitrary<String> files = mostly("areas.csv", "population.csv", "referrals.csv", "services.csv");
        Arbitrary<Object> roleMap = Arbitraries.maps(Arbitraries.of(InputReaderFuzzTest.ROLES), files)
                .ofMaxSize(4).map(m -> m);
        Arbitrary<Object> popItems = Combinators.combine(files, mostly("2023", "2022", "2024", "1800"))
                .as((f, y) -> (Object) Map.of("path", f, "year", y)).list().ofMinSize(1).ofMaxSize(3).map(l -> l);
        Arbitrary<Object> inputs = Combinators.combine(roleMap, popItems, Arbitraries.of(false, true)).as((m, p, b) -> {
            Map<String, Object> out = new LinkedHashMap<>(castMap(m));
            if (b) {
                out.put("population", p);
            }
            return out;
        });
        Arbitrary<Object> encodings = Arbitraries.oneOf(mostly("auto", "utf-8", "windows-1252").map(x -> x),
                Arbitraries.maps(Arbitraries.of(InputReaderFuzzTest.ROLES), mostly("auto", "utf-8", "cp1252"))
                        .ofMaxSize(4).map(m -> m));
        Arbitrary<Object> dates = Arbitraries.oneOf(mostly(PATTERNS).map(x -> x),
                Arbitraries.maps(Arbitraries.of(InputReaderFuzzTest.ROLES), mostly(PATTERNS)).ofMaxSize(4)
                        .map(m -> m));
        Map<String, String[]> canonical = Map.of("sex", new String[] {"F", "M"}, "client_group",
                new String[] {"mental_health", "older_people", "carers"}, "source", new String[] {"primary_care",
                    "other"}, "outcome", new String[] {"signposted", "ongoing"}, "funder", new String[] {"nhs", "council"},
                "service_type", new String[] {"home_care", "x", ""});
        List<Arbitrary<Map.Entry<String, Object>>> codeEntries = new ArrayList<>();
        canonical.forEach((col, vals) -> codeEntries.add(Arbitraries.maps(Arbitraries.oneOf(
                Arbitraries.of(vals), Arbitraries.of("F", "M", "mental_health", "nhs", "Female", "", " ")), mostly(vals))
                .ofMaxSize(3).map(m -> Map.entry(col, (Object) m))));
        Arbitrary<Object> codes = Arbitraries.oneOf(codeEntries).list().ofMaxSize(3).map(ConfigLoaderFuzzTest::toMap);
        Map<String, String[]> headers = Map.of(
                "areas", new String[] {"area_code", "locality", "imd_decile", "area_name"},
                "population", new String[] {"area_code", "sex", "age", "population", "year"},
                "referrals", new String[] {"referral_id", "person_id", "referral_date", "client_group", "area_code",
                    "sex", "age", "source", "outcome"},
                "services", new String[] {"event_id", "person_id", "client_group", "service_type", "start_date",
                    "end_date", "units", "cost", "funder", "referral_id", "area_code", "sex", "age"});
        List<Arbitrary<Map.Entry<String, Object>>> columnEntries = new ArrayList<>();
        headers.forEach((role, names) -> columnEntries.add(Arbitraries.maps(
                Arbitraries.of(JsnaConfig.CANONICAL_COLUMNS.get(role)), mostly(names)).ofMaxSize(3)
                .map(m -> Map.entry(role, (Object) m))));
        Arbitrary<Object> columns = Arbitraries.oneOf(columnEntries).list().ofMaxSize(2).map(ConfigLoaderFuzzTest::toMap);
        Arbitrary<Object> groups = Combinators.combine(mostly("mental_health", "older_people", "adults", "x"),
                mostly("Label", "é", ""), mostly("18-64", "65+", "0-120", "0-0", "120+", "30-31"))
                .as((id, label, ages) -> (Object) Map.of("id", id, "label", label, "ages", ages)).list().ofMaxSize(3)
                .map(l -> l);
        Arbitrary<Object> suppression = Arbitraries.oneOf(mostly("true", "false").map(x -> x),
                Arbitraries.maps(Arbitraries.of("min", "max", "secondary"), mostly("0", "1", "7", "100", "true"))
                        .ofMaxSize(3).map(m -> m));
        Arbitrary<Object> onsWide = Arbitraries.maps(Arbitraries.of("area_column", "year", "skip_rows"),
                mostly("area_code", "2023", "0", "1", "1000")).ofMaxSize(3).map(m -> m);
        Map<String, Arbitrary<Object>> byKey = new LinkedHashMap<>();
        byKey.put("inputs", Arbitraries.oneOf(inputs, tree(2)));
        byKey.put("encoding", encodings);
        byKey.put("date_format", dates);
        byKey.put("population_layout", mostly("long", "ons-wide").map(x -> x));
        byKey.put("ons_wide", onsWide);
        byKey.put("columns", columns);
        byKey.put("codes", codes);
        byKey.put("client_groups", Arbitraries.oneOf(groups, tree(2)));
        byKey.put("localities", mostly("North", "South", "East").list().ofMaxSize(3).map(l -> l));
        byKey.put("suppression", suppression);
        byKey.put("period", mostly("fiscal-year", "calendar-year").map(x -> x));
        List<Arbitrary<Map.Entry<String, Object>>> entries = new ArrayList<>();
        byKey.forEach((k, v) -> entries.add(v.map(x -> Map.entry(k, x))));
        return Arbitraries.oneOf(entries).list().ofMaxSize(5).map(ConfigLoaderFuzzTest::toMap);
    }

    private static Map<String, Object> toMap(List<Map.Entry<String, Object>> entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    static String dump(Object tree) {
        return new Dump(DumpSettings.builder().build()).dumpToString(tree);
    }

    static void check(byte[] yaml, Object what) throws IOException {
        for (String r : InputReaderFuzzTest.ROLES) {
            Files.writeString(DIR.resolve(r + ".csv"), InputReaderFuzzTest.valid(r), StandardCharsets.UTF_8);
        }
        check(yaml, null, what);
    }

    /** Writes jsna.yaml (and one damaged data file, unless null) and checks loading, reading and validate. */
    static void check(byte[] yaml, InputReaderFuzzTest.Damage damage, Object what) throws IOException {
        if (damage != null) {
            Files.write(DIR.resolve(damage.role() + ".csv"), damage.encoding().encode(damage.text()));
        }
        Path file = DIR.resolve("jsna.yaml");
        Files.write(file, yaml);
        Fuzz.onlyInputErrors(() -> {
            JsnaConfig cfg = ConfigLoader.load(DIR, null, null, null, null, null);
            new InputReader(cfg, Fixtures.TODAY, false, p -> { }).read(new Fixtures.TextSink());
        }, Set.of(JsnaException.Kind.USAGE, JsnaException.Kind.INPUT, JsnaException.Kind.IO), what);
        Fuzz.Run r = Fuzz.run(new byte[0], List.of("validate", DIR.toString()));
        Statistics.label("validate exit").collect(r.code());
        Fuzz.assertContract(r, Set.of(0, 2, 3, 4), what);
    }

    @Property(tries = 60)
    void plausibleConfigsEndInARunOrAUsageOrInputError(@ForAll("configs") Map<String, Object> config)
            throws IOException {
        String text = dump(config);
        check(text.getBytes(StandardCharsets.UTF_8), text);
    }

    @Provide
    Arbitrary<InputReaderFuzzTest.Damage> damage() {
        return new InputReaderFuzzTest().damage();
    }

    /** Odd settings and damaged data together: date patterns against odd dates, codes against odd values. */
    @Property(tries = 30)
    void plausibleConfigsOnDamagedData(@ForAll("configs") Map<String, Object> config,
            @ForAll("damage") InputReaderFuzzTest.Damage damage) throws IOException {
        for (String r : InputReaderFuzzTest.ROLES) {
            Files.writeString(DIR.resolve(r + ".csv"), InputReaderFuzzTest.valid(r), StandardCharsets.UTF_8);
        }
        String text = dump(config);
        check(text.getBytes(StandardCharsets.UTF_8), damage, text + "\n" + damage);
    }

    @Provide
    Arbitrary<Object> trees() {
        return tree(4);
    }

    @Property(tries = 50)
    void randomTreesEndInAUsageOrInputError(@ForAll("trees") Object tree) throws IOException {
        String text = dump(tree);
        check(text.getBytes(StandardCharsets.UTF_8), text);
    }

    /** YAML syntax that jsna.yaml never needs: tags, anchors, aliases, merge keys, directives, flow brackets. */
    static final List<String> YAML_TOKENS = List.of("&a ", "*a", "<<: *a\n", "!!int ", "!!binary ", "!foo ", "!!map ",
            "!!set ", "!!str ", "? ", "%YAML 1.1\n---\n", "---\n", "\n...\n", "\t", "[", "]", "{", "}", "[[[[[[[[", "- ",
            ": ", "|\n  ", ">\n  ", "'", "\"", "\\x00", "\"\\u0000\"", "#", "@", "`", "\n  ", "~", "null", "!!null ");

    @Provide
    Arbitrary<String> damagedYaml() {
        Arbitrary<Fuzz.Mutation> yamlMutation = Combinators.combine(Arbitraries.of(0, 2),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), Arbitraries.of(YAML_TOKENS))
                .as(Fuzz.Mutation::new);
        Arbitrary<List<Fuzz.Mutation>> ms = Arbitraries.oneOf(yamlMutation, Fuzz.mutations()).list().ofMinSize(1)
                .ofMaxSize(6);
        return Combinators.combine(configs(), ms).as((c, m) -> Fuzz.mutate(dump(c), m));
    }

    @Property(tries = 60)
    void damagedYamlEndsInAUsageOrInputError(@ForAll("damagedYaml") String text, @ForAll("enc") Fuzz.Encoding enc)
            throws IOException {
        check(enc.encode(text), text);
    }

    @Provide
    Arbitrary<Fuzz.Encoding> enc() {
        return Fuzz.encodings();
    }

    @Property(tries = 30)
    void randomBytesEndInAUsageOrInputError(@ForAll byte[] bytes) throws IOException {
        check(bytes, java.util.Arrays.toString(bytes));
    }
}
