package org.jsna.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Resolves the inputs and settings of a run from INPUT_DIR, {@code jsna.yaml} and the explicit file
 * options (cli.md, "jsna report"). The YAML is read with the failsafe schema: only maps, lists and
 * strings, so {@code 01} stays {@code "01"} and no type is ever guessed; numbers and booleans are
 * converted here, key by key. A key that is not known is a usage error (exit 2) naming it; a missing
 * file or folder is an I/O error (exit 4).
 */
public final class ConfigLoader {

    public static final String CONFIG_NAME = "jsna.yaml";

    /** Limits of jsna.yaml (docs/data.md, "Limits"): a real one is a few kilobytes, a few levels deep. */
    static final int MAX_YAML_BYTES = 1 << 20;
    static final int MAX_YAML_DEPTH = 32;
    static final int MAX_YAML_ALIASES = 50;

    private static final Set<String> TOP_KEYS = Set.of("inputs", "encoding", "date_format", "population_layout",
            "ons_wide", "columns", "codes", "client_groups", "localities", "suppression", "period", "coverage");

    private ConfigLoader() {
    }

    /**
     * Loads the settings. Any argument may be null. {@code inputDir} holds a {@code jsna.yaml} (read as the
     * config unless {@code configFile} is given) or the four canonical files; explicit file options override.
     */
    public static JsnaConfig load(Path inputDir, Path configFile, Path population, Path areas, Path referrals,
            Path services) {
        if (inputDir != null) {
            if (!Files.exists(inputDir)) {
                throw missing("INPUT_DIR", inputDir);
            }
            if (!Files.isDirectory(inputDir)) {
                throw JsnaException.io("INPUT_DIR '" + inputDir + "' is not a folder");
            }
            if (configFile == null && Files.isRegularFile(inputDir.resolve(CONFIG_NAME))) {
                configFile = inputDir.resolve(CONFIG_NAME);
            }
        }
        Map<String, Object> yaml = Map.of();
        if (configFile != null) {
            checkFile(configFile, "config file");
            yaml = readYaml(configFile);
        }
        return build(yaml, configFile, inputDir, population, areas, referrals, services);
    }

    /**
     * The failsafe schema (every value is text), where an empty value or an empty document is the
     * empty text: the failsafe schema alone has no constructor for the null tag that YAML gives
     * them, and stopped with an internal error on an empty jsna.yaml.
     */
    private static final class TextSchema extends FailsafeSchema {
        @Override
        public Map<org.snakeyaml.engine.v2.nodes.Tag, org.snakeyaml.engine.v2.api.ConstructNode> getSchemaTagConstructors() {
            Map<org.snakeyaml.engine.v2.nodes.Tag, org.snakeyaml.engine.v2.api.ConstructNode> m =
                    new java.util.HashMap<>(super.getSchemaTagConstructors());
            m.put(org.snakeyaml.engine.v2.nodes.Tag.NULL, node -> "");
            return m;
        }
    }

    private static Map<String, Object> readYaml(Path file) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new TextSchema())
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_YAML_ALIASES)
                .setCodePointLimit(MAX_YAML_BYTES)
                .setLabel(file.toString())
                .build();
        String text;
        try {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                // never more than the limit in memory, even from a file that does not end (--config /dev/zero)
                bytes = in.readNBytes(MAX_YAML_BYTES + 1);
            }
            if (bytes.length > MAX_YAML_BYTES) {
                throw JsnaException.input(file + ": more than " + MAX_YAML_BYTES + " bytes: expected a jsna.yaml "
                        + "of at most " + MAX_YAML_BYTES + " bytes (1 MiB)");
            }
            // like the data files: UTF-8 when valid (a byte-order mark is dropped), else Windows-1252
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                text = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
            }
        } catch (IOException e) {
            throw JsnaException.io("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Object doc;
        try {
            checkShape(new Parse(settings).parseString(text), file);
            doc = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw JsnaException.usage(file + ": invalid YAML: " + oneLine(e.getMessage()));
        }
        if (doc == null || "".equals(doc)) {
            return Map.of();
        }
        return map(doc, file.toString(), "the top level");
    }

    /**
     * Checks the YAML events before anything is built from them: maps and lists nested at most
     * {@link #MAX_YAML_DEPTH} deep (snakeyaml-engine builds nested nodes recursively and has no depth
     * limit of its own: a deep file would overflow the stack) and at most {@link #MAX_YAML_ALIASES}
     * aliases (a "billion laughs" alias bomb). Over a limit is an input error (exit 3).
     */
    private static void checkShape(Iterable<Event> events, Path file) {
        int depth = 0;
        int aliases = 0;
        for (Event e : events) {
            switch (e.getEventId()) {
                case MappingStart:
                case SequenceStart:
                    if (++depth > MAX_YAML_DEPTH) {
                        throw JsnaException.input(file + ":" + line(e) + ": maps and lists nested more than "
                                + MAX_YAML_DEPTH + " deep: expected a jsna.yaml nested at most " + MAX_YAML_DEPTH
                                + " levels deep");
                    }
                    break;
                case MappingEnd:
                case SequenceEnd:
                    depth--;
                    break;
                case Alias:
                    if (++aliases > MAX_YAML_ALIASES) {
                        throw JsnaException.input(file + ":" + line(e) + ": more than " + MAX_YAML_ALIASES
                                + " aliases (*name): expected a jsna.yaml with at most " + MAX_YAML_ALIASES
                                + " aliases");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private static int line(Event e) {
        return e.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static JsnaConfig build(Map<String, Object> y, Path configFile, Path inputDir, Path popOpt, Path areasOpt,
            Path refOpt, Path svcOpt) {
        String src = configFile == null ? CONFIG_NAME : configFile.toString();
        checkKeys(y, TOP_KEYS, src, "");
        Path base = inputDir != null ? inputDir : configFile != null ? parentOf(configFile) : null;

        // client groups first: codes.client_group maps onto their ids
        List<ClientGroup> groups = y.containsKey("client_groups")
                ? clientGroups(y.get("client_groups"), src) : JsnaConfig.DEFAULT_CLIENT_GROUPS;

        // inputs
        List<JsnaConfig.PopulationInput> pops = new ArrayList<>();
        Path areas = null;
        Path referrals = null;
        Path services = null;
        if (y.containsKey("inputs")) {
            Map<String, Object> in = map(y.get("inputs"), src, "inputs");
            checkKeys(in, Set.copyOf(JsnaConfig.ROLES), src, "inputs.");
            Path yamlDir = parentOf(configFile);
            if (in.containsKey("population")) {
                pops.addAll(populationInputs(in.get("population"), yamlDir, src));
            }
            areas = in.containsKey("areas") ? path(yamlDir, in.get("areas"), src, "inputs.areas") : null;
            referrals = in.containsKey("referrals") ? path(yamlDir, in.get("referrals"), src, "inputs.referrals") : null;
            services = in.containsKey("services") ? path(yamlDir, in.get("services"), src, "inputs.services") : null;
        }
        if (popOpt != null) {
            pops = List.of(new JsnaConfig.PopulationInput(popOpt, null));
        } else if (pops.isEmpty()) {
            pops = List.of(new JsnaConfig.PopulationInput(canonical(base, "population", "--population"), null));
        }
        areas = areasOpt != null ? areasOpt : areas != null ? areas : canonical(base, "areas", "--areas");
        referrals = refOpt != null ? refOpt : referrals != null ? referrals : canonical(base, "referrals", "--referrals");
        services = svcOpt != null ? svcOpt : services != null ? services : canonical(base, "services", "--services");

        Map<String, String> encoding = perRole(y.get("encoding"), src, "encoding", ConfigLoader::encodingValue);
        Map<String, String> dateFormat = perRole(y.get("date_format"), src, "date_format", ConfigLoader::datePattern);

        String layout = JsnaConfig.LAYOUT_LONG;
        if (y.containsKey("population_layout")) {
            layout = str(y.get("population_layout"), src, "population_layout");
            if (!layout.equals(JsnaConfig.LAYOUT_LONG) && !layout.equals(JsnaConfig.LAYOUT_ONS_WIDE)) {
                throw JsnaException.usage(src + ": population_layout: value '" + JsnaException.quote(layout)
                        + "': expected long or ons-wide");
            }
        }
        JsnaConfig.OnsWide ons = JsnaConfig.OnsWide.DEFAULT;
        if (y.containsKey("ons_wide")) {
            Map<String, Object> o = map(y.get("ons_wide"), src, "ons_wide");
            checkKeys(o, Set.of("area_column", "year", "skip_rows"), src, "ons_wide.");
            String areaColumn = o.containsKey("area_column") ? str(o.get("area_column"), src, "ons_wide.area_column")
                    : ons.areaColumn();
            Integer year = o.containsKey("year") ? midYear(o.get("year"), src, "ons_wide.year") : null;
            int skip = o.containsKey("skip_rows") ? integer(o.get("skip_rows"), src, "ons_wide.skip_rows", 0, 1000) : 0;
            ons = new JsnaConfig.OnsWide(areaColumn, year, skip);
            if (!layout.equals(JsnaConfig.LAYOUT_ONS_WIDE) && !o.isEmpty()) {
                // a forgotten population_layout would otherwise end in a missing column, with no word of the layout
                Log.warnOnce(src + ": ons_wide: is ignored without population_layout: ons-wide (the population is "
                        + "read in the long layout)");
            }
        }

        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        if (y.containsKey("columns")) {
            Map<String, Object> c = map(y.get("columns"), src, "columns");
            checkKeys(c, Set.copyOf(JsnaConfig.ROLES), src, "columns.");
            for (Map.Entry<String, Object> e : c.entrySet()) {
                String role = e.getKey();
                Map<String, Object> m = map(e.getValue(), src, "columns." + role);
                checkKeys(m, Set.copyOf(JsnaConfig.CANONICAL_COLUMNS.get(role)), src, "columns." + role + ".");
                if (role.equals(JsnaConfig.POPULATION) && layout.equals(JsnaConfig.LAYOUT_ONS_WIDE)) {
                    // its columns are ons_wide.area_column and F0..F90, M0..M90: the block does not apply
                    if (!m.isEmpty()) {
                        Log.warnOnce(src + ": columns.population: is ignored with population_layout: ons-wide "
                                + "(ons_wide.area_column names the area column; the age columns are F0 to F90 and "
                                + "M0 to M90)");
                    }
                    continue;
                }
                Map<String, String> mapped = new LinkedHashMap<>();
                for (Map.Entry<String, Object> f : m.entrySet()) {
                    mapped.put(f.getKey(), str(f.getValue(), src, "columns." + role + "." + f.getKey()).trim());
                }
                columns.put(role, mapped);
            }
        }

        Map<String, Map<String, String>> codes = new LinkedHashMap<>();
        if (y.containsKey("codes")) {
            Map<String, Object> c = map(y.get("codes"), src, "codes");
            checkKeys(c, Set.copyOf(JsnaConfig.CODED_COLUMNS), src, "codes.");
            Set<String> groupIds = new HashSet<>();
            groups.forEach(g -> groupIds.add(g.id()));
            for (Map.Entry<String, Object> e : c.entrySet()) {
                String col = e.getKey();
                Map<String, Object> m = map(e.getValue(), src, "codes." + col);
                Set<String> allowed = col.equals("client_group") ? groupIds : JsnaConfig.CANONICAL_CODES.get(col);
                Map<String, String> mapped = new LinkedHashMap<>();
                for (Map.Entry<String, Object> f : m.entrySet()) {
                    String key = "codes." + col + "." + JsnaException.quote(f.getKey());
                    String target = f.getValue() instanceof String t ? t.trim() : str(f.getValue(), src, key);
                    if (target.isEmpty()) {
                        if (!JsnaConfig.OPTIONAL_CODED_COLUMNS.contains(col)) {
                            throw JsnaException.usage(src + ": " + key + ": value '': " + col
                                    + " is required, so a value cannot be mapped to empty (not recorded); expected "
                                    + (allowed == null ? "a value" : "one of " + String.join(", ",
                                            new java.util.TreeSet<>(allowed))));
                        }
                    } else if (allowed != null && !allowed.contains(target)) {
                        throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(target)
                                + "': expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
                    }
                    mapped.put(f.getKey().trim(), target);
                }
                codes.put(col, mapped);
            }
        }

        List<String> localities = new ArrayList<>();
        if (y.containsKey("localities")) {
            for (Object o : list(y.get("localities"), src, "localities")) {
                String l = str(o, src, "localities").trim();
                if (l.isEmpty() || localities.contains(l)) {
                    throw JsnaException.usage(src + ": localities: value '" + JsnaException.quote(l)
                            + "': expected distinct, non-empty locality names");
                }
                localities.add(l);
            }
        }

        boolean supOn = true;
        int supMin = 1;
        int supMax = 7;
        boolean secondary = true;
        if (y.containsKey("suppression")) {
            Object s = y.get("suppression");
            if (s instanceof Map) {
                Map<String, Object> m = map(s, src, "suppression");
                checkKeys(m, Set.of("min", "max", "secondary"), src, "suppression.");
                if (m.containsKey("min")) {
                    supMin = integer(m.get("min"), src, "suppression.min", 0, 1_000_000);
                }
                if (m.containsKey("max")) {
                    supMax = integer(m.get("max"), src, "suppression.max", 0, 1_000_000);
                }
                if (m.containsKey("secondary")) {
                    secondary = bool(m.get("secondary"), src, "suppression.secondary");
                }
                if (supMin > supMax) {
                    throw JsnaException.usage(src + ": suppression: min " + supMin + " is above max " + supMax);
                }
            } else {
                supOn = bool(s, src, "suppression");
            }
        }

        String period = JsnaConfig.FISCAL_YEAR;
        if (y.containsKey("period")) {
            period = str(y.get("period"), src, "period").trim();
            if (!period.equals(JsnaConfig.FISCAL_YEAR) && !period.equals(JsnaConfig.CALENDAR_YEAR)) {
                throw JsnaException.usage(src + ": period: value '" + JsnaException.quote(period)
                        + "': expected fiscal-year or calendar-year");
            }
        }

        java.time.LocalDate coverageFrom = null;
        java.time.LocalDate coverageTo = null;
        if (y.containsKey("coverage")) {
            Map<String, Object> cov = map(y.get("coverage"), src, "coverage");
            checkKeys(cov, Set.of("from", "to"), src, "coverage.");
            coverageFrom = cov.containsKey("from") ? isoDate(cov.get("from"), src, "coverage.from") : null;
            coverageTo = cov.containsKey("to") ? isoDate(cov.get("to"), src, "coverage.to") : null;
            if (coverageFrom != null && coverageTo != null && coverageFrom.isAfter(coverageTo)) {
                throw JsnaException.usage(src + ": coverage: from " + coverageFrom + " is after to " + coverageTo);
            }
        }

        for (JsnaConfig.PopulationInput p : pops) {
            checkFile(p.path(), "population file");
        }
        checkFile(areas, "areas file");
        checkFile(referrals, "referrals file");
        checkFile(services, "services file");

        return new JsnaConfig(configFile, pops, areas, referrals, services, encoding, dateFormat, layout, ons,
                columns, codes, groups, localities, supOn, supMin, supMax, secondary, period, coverageFrom,
                coverageTo);
    }

    private static java.time.LocalDate isoDate(Object o, String src, String key) {
        String s = str(o, src, key).trim();
        try {
            return java.time.LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(s)
                    + "': expected a real date as yyyy-MM-dd");
        }
    }

    private static Path parentOf(Path file) {
        Path p = file == null ? null : file.getParent();
        return p == null ? Path.of("") : p;
    }

    private static Path canonical(Path base, String role, String option) {
        if (base == null) {
            throw JsnaException.usage("no " + role + " file: give INPUT_DIR, --config with inputs." + role
                    + ", or " + option);
        }
        return base.resolve(role + ".csv");
    }

    /**
     * The I/O error of a path that cannot be seen: "not found", or "not readable" when a folder on its way is one
     * this user may not enter (the file may well be there).
     */
    private static JsnaException missing(String what, Path p) {
        try {
            Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.AccessDeniedException e) {
            return JsnaException.io(what + " '" + p + "' is not readable (permission denied on a folder of its path)",
                    e);
        } catch (IOException | RuntimeException e) {
            // not there
        }
        return JsnaException.io(what + " '" + p + "' not found");
    }

    /** A file that must exist, be a regular file and be readable (exit 4 otherwise). */
    static void checkFile(Path p, String what) {
        if (!Files.exists(p)) {
            throw missing(what, p);
        }
        if (Files.isDirectory(p)) {
            throw JsnaException.io(what + " '" + p + "' is a folder, expected a file");
        }
        if (!Files.isReadable(p)) {
            throw JsnaException.io(what + " '" + p + "' is not readable");
        }
        // a data file is read twice (encoding, then records): a device never ends (/dev/zero, a hang) and a
        // pipe (<(zcat x.gz)) is empty the second time; jsna.yaml is read once, within its size limit
        if (!what.equals("config file") && !Files.isRegularFile(p)) {
            throw JsnaException.io(what + " '" + p + "' is not a regular file (a device or a pipe): expected a "
                    + "file, which jsna reads twice");
        }
    }

    private static List<JsnaConfig.PopulationInput> populationInputs(Object o, Path dir, String src) {
        List<Object> items = o instanceof List<?> l ? new ArrayList<>(l) : List.of(o);
        List<JsnaConfig.PopulationInput> out = new ArrayList<>();
        int withYear = 0;
        for (Object item : items) {
            if (item instanceof Map) {
                Map<String, Object> m = map(item, src, "inputs.population");
                checkKeys(m, Set.of("path", "year"), src, "inputs.population.");
                if (!m.containsKey("path")) {
                    throw JsnaException.usage(src + ": inputs.population: an item has no path");
                }
                Integer year = m.containsKey("year") ? midYear(m.get("year"), src, "inputs.population.year")
                        : null;
                if (year != null) {
                    withYear++;
                }
                out.add(new JsnaConfig.PopulationInput(path(dir, m.get("path"), src, "inputs.population.path"), year));
            } else {
                out.add(new JsnaConfig.PopulationInput(path(dir, item, src, "inputs.population"), null));
            }
        }
        if (out.isEmpty()) {
            throw JsnaException.usage(src + ": inputs.population: expected a path or a list of paths");
        }
        if (withYear != 0 && withYear != out.size()) {
            throw JsnaException.usage(src + ": inputs.population: either every item has a year or none has ("
                    + withYear + " of " + out.size() + " have one)");
        }
        return out;
    }

    /** The most client groups jsna.yaml may define: each record keeps its group's number in a signed byte. */
    static final int MAX_CLIENT_GROUPS = Byte.MAX_VALUE + 1;

    private static List<ClientGroup> clientGroups(Object o, String src) {
        List<ClientGroup> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object item : list(o, src, "client_groups")) {
            Map<String, Object> m = map(item, src, "client_groups");
            checkKeys(m, Set.of("id", "label", "ages"), src, "client_groups.");
            for (String k : List.of("id", "ages")) {
                if (!m.containsKey(k)) {
                    throw JsnaException.usage(src + ": client_groups: an item has no " + k);
                }
            }
            String id = str(m.get("id"), src, "client_groups.id").trim();
            if (id.isEmpty() || !ids.add(id)) {
                throw JsnaException.usage(src + ": client_groups.id: value '" + JsnaException.quote(id)
                        + "': expected a distinct, non-empty id");
            }
            String label = m.containsKey("label") ? str(m.get("label"), src, "client_groups.label").trim() : id;
            String ages = str(m.get("ages"), src, "client_groups.ages").trim();
            int[] range = parseAges(ages);
            if (range == null) {
                throw JsnaException.usage(src + ": client_groups.ages: value '" + JsnaException.quote(ages)
                        + "': expected a range such as 18-64 or an open range such as 65+ (ages 0..120)");
            }
            if (range[0] > ClientGroup.OLDEST) {
                // the population's ages end at 90 (90 and over): no resident is in such a range
                Log.warnOnce(src + ": client_groups: '" + id + "' (ages " + ages + ") starts above "
                        + ClientGroup.OLDEST + ", the population's last age (90 and over): its rates will have no "
                        + "population (use " + ClientGroup.OLDEST + "+ for the oldest)");
            }
            out.add(new ClientGroup(id, label, range[0], range[1]));
        }
        if (out.isEmpty()) {
            throw JsnaException.usage(src + ": client_groups: expected at least one group");
        }
        if (out.size() > MAX_CLIENT_GROUPS) {
            throw JsnaException.usage(src + ": client_groups: " + out.size() + " groups: expected at most "
                    + MAX_CLIENT_GROUPS + " (a record keeps its group in one byte)");
        }
        return out;
    }

    /**
     * A whole number written in ASCII digits (a leading minus allowed): {@link Integer#parseInt} also takes other
     * scripts' digits (Arabic-Indic, full-width) and a leading plus, which the CSVs' numbers never are; else
     * {@link NumberFormatException}.
     */
    static int wholeNumber(String s) {
        if (!s.matches("-?[0-9]{1,9}")) {
            throw new NumberFormatException(s);
        }
        return Integer.parseInt(s);
    }

    /** {@code 18-64} -> [18, 64]; {@code 65+} -> [65, OPEN]; null when malformed. */
    static int[] parseAges(String s) {
        try {
            if (s.endsWith("+")) {
                int lo = wholeNumber(s.substring(0, s.length() - 1).trim());
                return lo >= 0 && lo <= 120 ? new int[] {lo, ClientGroup.OPEN} : null;
            }
            int dash = s.indexOf('-');
            if (dash <= 0) {
                return null;
            }
            int lo = wholeNumber(s.substring(0, dash).trim());
            int hi = wholeNumber(s.substring(dash + 1).trim());
            return lo >= 0 && hi <= 120 && lo <= hi ? new int[] {lo, hi} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private interface ValueCheck {
        String check(String value, String src, String key);
    }

    private static Map<String, String> perRole(Object o, String src, String key, ValueCheck check) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (o instanceof Map) {
            Map<String, Object> m = map(o, src, key);
            checkKeys(m, Set.copyOf(JsnaConfig.ROLES), src, key + ".");
            for (Map.Entry<String, Object> e : m.entrySet()) {
                String k = key + "." + e.getKey();
                out.put(e.getKey(), check.check(str(e.getValue(), src, k), src, k));
            }
        } else {
            String v = check.check(str(o, src, key), src, key);
            for (String role : JsnaConfig.ROLES) {
                out.put(role, v);
            }
        }
        return out;
    }

    private static String encodingValue(String v, String src, String key) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return JsnaConfig.ENCODING_AUTO;
            case "utf-8":
            case "utf8":
                return JsnaConfig.ENCODING_UTF8;
            case "windows-1252":
            case "cp1252":
                return JsnaConfig.ENCODING_CP1252;
            default:
                throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(v)
                        + "': expected auto, utf-8 or windows-1252");
        }
    }

    private static String datePattern(String v, String src, String key) {
        String s = v.trim();
        try {
            DateTimeFormatter.ofPattern(s, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(v)
                    + "': expected a java.time date pattern such as dd/MM/yyyy");
        }
        if (s.indexOf('y') < 0 && s.indexOf('u') < 0 || s.indexOf('M') < 0 && s.indexOf('L') < 0
                || s.indexOf('d') < 0) {
            throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(v)
                    + "': expected a pattern with year, month and day, such as dd/MM/yyyy");
        }
        return s;
    }

    private static void checkKeys(Map<String, Object> m, Set<String> allowed, String src, String prefix) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw JsnaException.usage(src + ": unknown key '" + JsnaException.quote(prefix + k) + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String src, String key) {
        if (!(o instanceof Map)) {
            throw JsnaException.usage(src + ": " + key + ": expected a map of key: value");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) o).entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw JsnaException.usage(src + ": " + key + ": keys must be plain text");
            }
            out.put((String) e.getKey(), e.getValue());
        }
        return out;
    }

    private static List<?> list(Object o, String src, String key) {
        if (!(o instanceof List<?> l)) {
            throw JsnaException.usage(src + ": " + key + ": expected a list");
        }
        return l;
    }

    private static String str(Object o, String src, String key) {
        if (!(o instanceof String s) || s.isEmpty()) {
            throw JsnaException.usage(src + ": " + key + ": expected a text value");
        }
        return s;
    }

    /** A file path under {@code inputs:}, relative to {@code dir}; text that is no path (a NUL byte) is a bad value. */
    private static Path path(Path dir, Object o, String src, String key) {
        String s = str(o, src, key);
        try {
            return dir.resolve(s);
        } catch (InvalidPathException e) {
            throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(s)
                    + "': expected a file path (" + e.getReason() + ")");
        }
    }

    /** A population's mid-year 1800..2200, or the fiscal year {@code 2023/24} for mid-2023 (as in the year column). */
    private static int midYear(Object o, String src, String key) {
        String s = str(o, src, key).trim();
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int fiscal = org.jsna.validate.PopulationRules.fiscalYearStart(b, 0, b.length);
        if (fiscal >= 1800 && fiscal <= 2200) {
            return fiscal;
        }
        try {
            int v = wholeNumber(s);
            if (v >= 1800 && v <= 2200) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(s) + "': expected "
                + org.jsna.validate.PopulationRules.YEAR_EXPECTED);
    }

    private static int integer(Object o, String src, String key, int min, int max) {
        String s = str(o, src, key).trim();
        try {
            int v = wholeNumber(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(s) + "': expected a whole number "
                + min + ".." + max);
    }

    private static boolean bool(Object o, String src, String key) {
        String s = str(o, src, key).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw JsnaException.usage(src + ": " + key + ": value '" + JsnaException.quote(s) + "': expected true or false");
    }
}
