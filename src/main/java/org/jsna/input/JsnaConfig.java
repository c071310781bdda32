package org.jsna.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolved settings of a run (data.md, "jsna.yaml"): where the inputs are, how to read them
 * (encoding, date format, layout, column and code mapping) and the analysis settings (client groups,
 * locality order, suppression, period). Immutable; built by {@link ConfigLoader}.
 */
public final class JsnaConfig {

    public static final String POPULATION = "population";
    public static final String AREAS = "areas";
    public static final String REFERRALS = "referrals";
    public static final String SERVICES = "services";
    public static final List<String> ROLES = List.of(POPULATION, AREAS, REFERRALS, SERVICES);

    public static final String LAYOUT_LONG = "long";
    public static final String LAYOUT_ONS_WIDE = "ons-wide";
    public static final String FISCAL_YEAR = "fiscal-year";
    public static final String CALENDAR_YEAR = "calendar-year";

    public static final String ENCODING_AUTO = "auto";
    public static final String ENCODING_UTF8 = "utf-8";
    public static final String ENCODING_CP1252 = "windows-1252";
    public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

    /** The default client groups of data.md. */
    public static final List<ClientGroup> DEFAULT_CLIENT_GROUPS = List.of(
            new ClientGroup("children_families", "Children and families", 0, 17),
            new ClientGroup("learning_disability", "Learning disability", 18, 64),
            new ClientGroup("mental_health", "Mental health", 18, 64),
            new ClientGroup("physical_disability", "Physical and sensory disability", 18, 64),
            new ClientGroup("older_people", "Older people", 65, ClientGroup.OPEN),
            new ClientGroup("carers", "Carers", 18, ClientGroup.OPEN));

    /** Canonical values of the coded columns with a fixed list (client_group comes from the groups). */
    public static final Map<String, Set<String>> CANONICAL_CODES = Map.of(
            "sex", Set.copyOf(CodeLists.SEXES), // U: not known (referrals and services; a population is F or M)
            "source", Set.copyOf(CodeLists.SOURCES),
            "outcome", Set.copyOf(CodeLists.OUTCOMES),
            "funder", Set.copyOf(CodeLists.FUNDERS));

    /** Coded columns that may be empty (not recorded), so that {@code codes:} may map a value to "". */
    public static final Set<String> OPTIONAL_CODED_COLUMNS = Set.of("source", "outcome", "funder");

    /** Columns that {@code codes:} may map. */
    public static final List<String> CODED_COLUMNS = List.of("client_group", "source", "outcome", "funder", "sex",
            "service_type");

    /** Canonical column names per input, in the order of data.md. */
    public static final Map<String, List<String>> CANONICAL_COLUMNS = Map.of(
            POPULATION, List.of("area_code", "sex", "age", "age_band", "year", "population"),
            AREAS, List.of("area_code", "locality", "imd_decile", "area_name", "imd_score", "ward_code", "lad_code"),
            REFERRALS, List.of("referral_id", "person_id", "referral_date", "client_group", "area_code", "sex", "age",
                    "birth_date", "birth_year", "source", "outcome", "priority", "team", "end_date"),
            SERVICES, List.of("event_id", "person_id", "client_group", "service_type", "start_date", "end_date",
                    "units", "cost", "unit_cost", "funder", "referral_id", "area_code", "sex", "age", "birth_date",
                    "birth_year"));

    /** One population file; {@code year} is null when the item has none. */
    public record PopulationInput(Path path, Integer year) {
    }

    /** Settings of the ONS wide layout; {@code year} null when not given. */
    public record OnsWide(String areaColumn, Integer year, int skipRows) {
        public static final OnsWide DEFAULT = new OnsWide("LSOA 2021 Code", null, 0);
    }

    private final Path configFile;
    private final List<PopulationInput> population;
    private final Path areas;
    private final Path referrals;
    private final Path services;
    private final Map<String, String> encoding;
    private final Map<String, String> dateFormat;
    private final String populationLayout;
    private final OnsWide onsWide;
    private final Map<String, Map<String, String>> columns;
    private final Map<String, Map<String, String>> codes;
    private final List<ClientGroup> clientGroups;
    private final List<String> localities;
    private final boolean suppressionEnabled;
    private final int suppressionMin;
    private final int suppressionMax;
    private final boolean secondarySuppression;
    private final String period;
    /** The extract's coverage from jsna.yaml ({@code coverage: {from, to}}); null when not given. */
    private final java.time.LocalDate coverageFrom;
    private final java.time.LocalDate coverageTo;

    JsnaConfig(Path configFile, List<PopulationInput> population, Path areas, Path referrals, Path services,
            Map<String, String> encoding, Map<String, String> dateFormat, String populationLayout, OnsWide onsWide,
            Map<String, Map<String, String>> columns, Map<String, Map<String, String>> codes,
            List<ClientGroup> clientGroups, List<String> localities, boolean suppressionEnabled, int suppressionMin,
            int suppressionMax, boolean secondarySuppression, String period, java.time.LocalDate coverageFrom,
            java.time.LocalDate coverageTo) {
        this.configFile = configFile;
        this.population = List.copyOf(population);
        this.areas = areas;
        this.referrals = referrals;
        this.services = services;
        this.encoding = Collections.unmodifiableMap(new LinkedHashMap<>(encoding));
        this.dateFormat = Collections.unmodifiableMap(new LinkedHashMap<>(dateFormat));
        this.populationLayout = populationLayout;
        this.onsWide = onsWide;
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        columns.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.columns = Collections.unmodifiableMap(c);
        Map<String, Map<String, String>> d = new LinkedHashMap<>();
        codes.forEach((k, v) -> d.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.codes = Collections.unmodifiableMap(d);
        this.clientGroups = List.copyOf(clientGroups);
        this.localities = List.copyOf(localities);
        this.suppressionEnabled = suppressionEnabled;
        this.suppressionMin = suppressionMin;
        this.suppressionMax = suppressionMax;
        this.secondarySuppression = secondarySuppression;
        this.period = period;
        this.coverageFrom = coverageFrom;
        this.coverageTo = coverageTo;
    }

    /** The jsna.yaml read, or null when none was used. */
    public Path configFile() {
        return configFile;
    }

    /** The population file(s), in the order given. */
    public List<PopulationInput> population() {
        return population;
    }

    public Path areas() {
        return areas;
    }

    public Path referrals() {
        return referrals;
    }

    public Path services() {
        return services;
    }

    /** {@code auto}, {@code utf-8} or {@code windows-1252} for an input role. */
    public String encoding(String role) {
        return encoding.getOrDefault(role, ENCODING_AUTO);
    }

    /** The {@code java.time} date pattern for an input role (default {@code yyyy-MM-dd}). */
    public String dateFormat(String role) {
        return dateFormat.getOrDefault(role, DEFAULT_DATE_FORMAT);
    }

    /** {@code long} or {@code ons-wide}. */
    public String populationLayout() {
        return populationLayout;
    }

    public boolean onsWideLayout() {
        return LAYOUT_ONS_WIDE.equals(populationLayout);
    }

    public OnsWide onsWide() {
        return onsWide;
    }

    /** Canonical column name -> the file's column name, for an input role (empty when not mapped). */
    public Map<String, String> columns(String role) {
        return columns.getOrDefault(role, Map.of());
    }

    /** The file's column name for a canonical column of a role. */
    public String column(String role, String canonical) {
        return columns(role).getOrDefault(canonical, canonical);
    }

    /** File value -> canonical value, for a canonical coded column (empty when not mapped). */
    public Map<String, String> codes(String canonicalColumn) {
        return codes.getOrDefault(canonicalColumn, Map.of());
    }

    public List<ClientGroup> clientGroups() {
        return clientGroups;
    }

    /** The client group with this id, or null. */
    public ClientGroup clientGroup(String id) {
        for (ClientGroup g : clientGroups) {
            if (g.id().equals(id)) {
                return g;
            }
        }
        return null;
    }

    /** Optional order of localities for tables and charts; empty when not given. */
    public List<String> localities() {
        return localities;
    }

    public boolean suppressionEnabled() {
        return suppressionEnabled;
    }

    public int suppressionMin() {
        return suppressionMin;
    }

    public int suppressionMax() {
        return suppressionMax;
    }

    public boolean secondarySuppression() {
        return secondarySuppression;
    }

    /** {@code fiscal-year} (default) or {@code calendar-year}. */
    public String period() {
        return period;
    }

    /** A copy with another period ({@code --period} overrides jsna.yaml). */
    public JsnaConfig withPeriod(String newPeriod) {
        if (!FISCAL_YEAR.equals(newPeriod) && !CALENDAR_YEAR.equals(newPeriod)) {
            throw new IllegalArgumentException("period: " + newPeriod);
        }
        return new JsnaConfig(configFile, population, areas, referrals, services, encoding, dateFormat,
                populationLayout, onsWide, columns, codes, clientGroups, localities, suppressionEnabled,
                suppressionMin, suppressionMax, secondarySuppression, newPeriod, coverageFrom, coverageTo);
    }

    /** A copy with disclosure control on or off ({@code --no-suppression}). */
    public JsnaConfig withSuppression(boolean enabled) {
        return new JsnaConfig(configFile, population, areas, referrals, services, encoding, dateFormat,
                populationLayout, onsWide, columns, codes, clientGroups, localities, enabled, suppressionMin,
                suppressionMax, secondarySuppression, period, coverageFrom, coverageTo);
    }

    /** First day the extract covers, from jsna.yaml {@code coverage}; null when not given. */
    public java.time.LocalDate coverageFrom() {
        return coverageFrom;
    }

    /** Last day the extract covers, from jsna.yaml {@code coverage}; null when not given. */
    public java.time.LocalDate coverageTo() {
        return coverageTo;
    }

    /**
     * The resolved settings for manifest.json {@code settings}: only strings, numbers, booleans, lists
     * and maps, in a stable order.
     */
    public Map<String, Object> asManifestSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (configFile != null) {
            m.put("config", configFile.toString());
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<Object> pops = new ArrayList<>();
        for (PopulationInput p : population) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", p.path().toString());
            if (p.year() != null) {
                item.put("year", p.year());
            }
            pops.add(item);
        }
        inputs.put(POPULATION, pops);
        inputs.put(AREAS, areas.toString());
        inputs.put(REFERRALS, referrals.toString());
        inputs.put(SERVICES, services.toString());
        m.put("inputs", inputs);
        Map<String, Object> enc = new LinkedHashMap<>();
        Map<String, Object> df = new LinkedHashMap<>();
        for (String role : ROLES) {
            enc.put(role, encoding(role));
            df.put(role, dateFormat(role));
        }
        m.put("encoding", enc);
        m.put("date_format", df);
        m.put("population_layout", populationLayout);
        if (onsWideLayout()) {
            Map<String, Object> ow = new LinkedHashMap<>();
            ow.put("area_column", onsWide.areaColumn());
            if (onsWide.year() != null) {
                ow.put("year", onsWide.year());
            }
            ow.put("skip_rows", onsWide.skipRows());
            m.put("ons_wide", ow);
        }
        m.put("columns", new LinkedHashMap<>(columns));
        m.put("codes", new LinkedHashMap<>(codes));
        List<Object> groups = new ArrayList<>();
        for (ClientGroup g : clientGroups) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("id", g.id());
            gm.put("label", g.label());
            gm.put("ages", g.maxAge() == ClientGroup.OPEN ? g.minAge() + "+" : g.minAge() + "-" + g.maxAge());
            groups.add(gm);
        }
        m.put("client_groups", groups);
        m.put("localities", localities);
        Map<String, Object> sup = new LinkedHashMap<>();
        sup.put("enabled", suppressionEnabled);
        sup.put("min", suppressionMin);
        sup.put("max", suppressionMax);
        sup.put("secondary", secondarySuppression);
        m.put("suppression", sup);
        m.put("period", period);
        if (coverageFrom != null || coverageTo != null) {
            Map<String, Object> cov = new LinkedHashMap<>();
            cov.put("from", coverageFrom == null ? null : coverageFrom.toString());
            cov.put("to", coverageTo == null ? null : coverageTo.toString());
            m.put("coverage", cov);
        }
        return m;
    }
}
