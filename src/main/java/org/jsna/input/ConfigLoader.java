package org.jsna.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Resolves the inputs and settings of a run from INPUT_DIR, {@code jsna.yaml} and the explicit file
 * options (cli.md, "jsna report"). The YAML is read with the failsafe schema: only maps, lists and
 * strings, so {@code 01} stays {@code "01"} and no type is ever guessed; numbers and booleans are
 * converted here, key by key. A key that is not known is a usage error (exit 2) naming it; a missing
 * file or folder is an I/O error (exit 4).
 */
public final class ConfigLoader {

    public static final String CONFIG_NAME = "jsna.yaml";

    private static final Set<String> TOP_KEYS = Set.of("inputs", "encoding", "date_format", "population_layout",
            "ons_wide", "columns", "codes", "client_groups", "localities", "suppression", "period", "coverage");

    /** What may be given at a key, as messages say it. */
    private static final String ROLE_WORDS = String.join(", ", JsnaConfig.ROLES);
    private static final String ENCODINGS = "auto, utf-8 or windows-1252";
    private static final String A_DATE_PATTERN = "a java.time date pattern such as dd/MM/yyyy";
    private static final String SUPPRESSION = "true or false, or a map of min, max, secondary";
    private static final String AGES = "a range such as 18-64 or an open range such as 65+ (ages 0..120)";

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
        YMap yaml = YMap.EMPTY;
        if (configFile != null) {
            checkFile(configFile, "config file");
            String src = configFile.toString();
            Optional<Node> root = ConfigYaml.read(configFile);
            if (root.isPresent()) {
                yaml = map(root.get(), src, "the top level", "a map of key: value such as period: fiscal-year");
            }
        }
        return build(yaml, configFile, inputDir, population, areas, referrals, services);
    }

    private static JsnaConfig build(YMap y, Path configFile, Path inputDir, Path popOpt, Path areasOpt,
            Path refOpt, Path svcOpt) {
        String src = configFile == null ? CONFIG_NAME : configFile.toString();
        checkKeys(y, TOP_KEYS, src, "");
        Path base = inputDir != null ? inputDir : configFile != null ? parentOf(configFile) : null;

        // client groups first: codes.client_group maps onto their ids
        List<ClientGroup> groups = y.has("client_groups")
                ? clientGroups(y.get("client_groups"), src) : JsnaConfig.DEFAULT_CLIENT_GROUPS;

        // inputs
        List<JsnaConfig.PopulationInput> pops = new ArrayList<>();
        Path areas = null;
        Path referrals = null;
        Path services = null;
        if (y.has("inputs")) {
            YMap in = map(y.get("inputs"), src, "inputs", "a map of input to file (" + ROLE_WORDS + ")");
            checkKeys(in, Set.copyOf(JsnaConfig.ROLES), src, "inputs.");
            Path yamlDir = parentOf(configFile);
            if (in.has("population")) {
                pops.addAll(populationInputs(in.get("population"), yamlDir, src));
            }
            areas = in.has("areas") ? path(yamlDir, in.get("areas"), src, "inputs.areas", "a file path") : null;
            referrals = in.has("referrals") ? path(yamlDir, in.get("referrals"), src, "inputs.referrals", "a file path") : null;
            services = in.has("services") ? path(yamlDir, in.get("services"), src, "inputs.services", "a file path") : null;
        }
        if (popOpt != null) {
            pops = List.of(new JsnaConfig.PopulationInput(popOpt, null));
        } else if (pops.isEmpty()) {
            pops = List.of(new JsnaConfig.PopulationInput(canonical(base, "population", "--population"), null));
        }
        areas = areasOpt != null ? areasOpt : areas != null ? areas : canonical(base, "areas", "--areas");
        referrals = refOpt != null ? refOpt : referrals != null ? referrals : canonical(base, "referrals", "--referrals");
        services = svcOpt != null ? svcOpt : services != null ? services : canonical(base, "services", "--services");

        Map<String, String> encoding = perRole(y.get("encoding"), src, "encoding", ENCODINGS, ConfigLoader::encodingValue);
        Map<String, String> dateFormat = perRole(y.get("date_format"), src, "date_format", A_DATE_PATTERN,
                ConfigLoader::datePattern);

        String layout = JsnaConfig.LAYOUT_LONG;
        if (y.has("population_layout")) {
            layout = str(y.get("population_layout"), src, "population_layout", "long or ons-wide");
            if (!layout.equals(JsnaConfig.LAYOUT_LONG) && !layout.equals(JsnaConfig.LAYOUT_ONS_WIDE)) {
                throw JsnaException.usage(at(src, y.get("population_layout")) + ": population_layout: value '"
                        + JsnaException.quote(layout)
                        + "': expected long or ons-wide");
            }
        }
        JsnaConfig.OnsWide ons = JsnaConfig.OnsWide.DEFAULT;
        if (y.has("ons_wide")) {
            YMap o = map(y.get("ons_wide"), src, "ons_wide", "a map of area_column, year, skip_rows");
            checkKeys(o, Set.of("area_column", "year", "skip_rows"), src, "ons_wide.");
            String areaColumn = o.has("area_column") ? str(o.get("area_column"), src, "ons_wide.area_column",
                    "the name of the area column")
                    : ons.areaColumn();
            Integer year = o.has("year") ? midYear(o.get("year"), src, "ons_wide.year") : null;
            int skip = o.has("skip_rows") ? integer(o.get("skip_rows"), src, "ons_wide.skip_rows", 0, 1000) : 0;
            ons = new JsnaConfig.OnsWide(areaColumn, year, skip);
            if (!layout.equals(JsnaConfig.LAYOUT_ONS_WIDE) && !o.isEmpty()) {
                // a forgotten population_layout would otherwise end in a missing column, with no word of the layout
                Log.warnOnce(at(src, y.keyNode("ons_wide")) + ": ons_wide: is ignored without population_layout: ons-wide (the population is "
                        + "read in the long layout)");
            }
        }

        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        if (y.has("columns")) {
            YMap c = map(y.get("columns"), src, "columns", "a map of input (" + ROLE_WORDS + ") to its columns");
            checkKeys(c, Set.copyOf(JsnaConfig.ROLES), src, "columns.");
            for (String role : c.keys()) {
                YMap m = map(c.get(role), src, "columns." + role,
                        "a map of canonical column name to the file's column name");
                checkKeys(m, Set.copyOf(JsnaConfig.CANONICAL_COLUMNS.get(role)), src, "columns." + role + ".");
                // every value is checked in either layout, as ons_wide's are without ons-wide: a config is valid
                // as a whole, and a bad value must not wait for the day the layout changes back
                Map<String, String> mapped = new LinkedHashMap<>();
                for (String f : m.keys()) {
                    mapped.put(f, layoutTrim(anyText(m.get(f), src, "columns." + role + "." + f,
                            "the file's column name")));
                }
                if (role.equals(JsnaConfig.POPULATION) && layout.equals(JsnaConfig.LAYOUT_ONS_WIDE)) {
                    // its columns are ons_wide.area_column and F0..F90, M0..M90: a valid block does not apply
                    if (!m.isEmpty()) {
                        Log.warnOnce(at(src, c.keyNode(role)) + ": columns.population: is ignored with "
                                + "population_layout: ons-wide (ons_wide.area_column names the area column; the age "
                                + "columns are F0 to F90 and M0 to M90)");
                    }
                    continue;
                }
                columns.put(role, mapped);
            }
        }

        Map<String, Map<String, String>> codes = new LinkedHashMap<>();
        if (y.has("codes")) {
            YMap c = map(y.get("codes"), src, "codes", "a map of coded column ("
                    + String.join(", ", new java.util.TreeSet<>(JsnaConfig.CODED_COLUMNS)) + ") to its codes");
            checkKeys(c, Set.copyOf(JsnaConfig.CODED_COLUMNS), src, "codes.");
            Set<String> groupIds = new HashSet<>();
            groups.forEach(g -> groupIds.add(g.id()));
            for (String col : c.keys()) {
                YMap m = map(c.get(col), src, "codes." + col, "a map of file value to canonical value");
                Set<String> allowed = col.equals("client_group") ? groupIds : JsnaConfig.CANONICAL_CODES.get(col);
                Map<String, String> mapped = new LinkedHashMap<>();
                for (String f : m.keys()) {
                    String key = "codes." + col + "." + JsnaException.quote(f);
                    Node value = m.get(f);
                    String target = value instanceof ScalarNode t ? plainText(ConfigYaml.text(t), t, src, key).trim()
                            : str(value, src, key,
                            (allowed == null ? "a value" : "one of " + String.join(", ", new java.util.TreeSet<>(allowed)))
                            + (JsnaConfig.OPTIONAL_CODED_COLUMNS.contains(col) ? ", or empty (not recorded)" : ""));
                    if (target.isEmpty()) {
                        if (!JsnaConfig.OPTIONAL_CODED_COLUMNS.contains(col)) {
                            throw JsnaException.usage(at(src, value) + ": " + key + ": value '': " + col
                                    + " is required, so a value cannot be mapped to empty (not recorded); expected "
                                    + (allowed == null ? "a value" : "one of " + String.join(", ",
                                            new java.util.TreeSet<>(allowed))));
                        }
                    } else if (allowed != null && !allowed.contains(target)) {
                        throw JsnaException.usage(at(src, value) + ": " + key + ": value '" + JsnaException.quote(target)
                                + "': expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
                    }
                    mapped.put(layoutTrim(f), target);
                }
                codes.put(col, mapped);
            }
        }

        List<String> localities = new ArrayList<>();
        if (y.has("localities")) {
            List<Node> items = list(y.get("localities"), src, "localities", "a list of locality names");
            for (int i = 0; i < items.size(); i++) {
                Node o = items.get(i);
                String it = item(i, "localities", null);
                String l = layoutTrim(anyText(o, src, it + "localities", "distinct, non-empty locality names"));
                int first = localities.indexOf(l);
                if (l.isEmpty() || first >= 0) {
                    throw JsnaException.usage(at(src, o) + ": " + it + "localities: value '" + JsnaException.quote(l)
                            + "': expected distinct, non-empty locality names"
                            + (first >= 0 ? " (item " + (first + 1) + " is '" + JsnaException.quote(l) + "' too)" : ""));
                }
                localities.add(l);
            }
        }

        boolean supOn = true;
        int supMin = 1;
        int supMax = 7;
        boolean secondary = true;
        if (y.has("suppression")) {
            Node s = y.get("suppression");
            if (s instanceof MappingNode) {
                YMap m = map(s, src, "suppression", SUPPRESSION);
                checkKeys(m, Set.of("min", "max", "secondary"), src, "suppression.");
                if (m.has("min")) {
                    supMin = integer(m.get("min"), src, "suppression.min", 0, 1_000_000);
                }
                if (m.has("max")) {
                    supMax = integer(m.get("max"), src, "suppression.max", 0, 1_000_000);
                }
                if (m.has("secondary")) {
                    secondary = bool(m.get("secondary"), src, "suppression.secondary", "true or false");
                }
                if (supMin > supMax) {
                    throw JsnaException.usage(at(src, s) + ": suppression: min " + supMin + " is above max " + supMax);
                }
            } else {
                supOn = bool(s, src, "suppression", SUPPRESSION);
            }
        }

        String period = JsnaConfig.FISCAL_YEAR;
        if (y.has("period")) {
            period = str(y.get("period"), src, "period", "fiscal-year or calendar-year").trim();
            if (!period.equals(JsnaConfig.FISCAL_YEAR) && !period.equals(JsnaConfig.CALENDAR_YEAR)) {
                throw JsnaException.usage(at(src, y.get("period")) + ": period: value '" + JsnaException.quote(period)
                        + "': expected fiscal-year or calendar-year");
            }
        }

        java.time.LocalDate coverageFrom = null;
        java.time.LocalDate coverageTo = null;
        if (y.has("coverage")) {
            YMap cov = map(y.get("coverage"), src, "coverage", "a map of from, to");
            checkKeys(cov, Set.of("from", "to"), src, "coverage.");
            coverageFrom = cov.has("from") ? isoDate(cov.get("from"), src, "coverage.from") : null;
            coverageTo = cov.has("to") ? isoDate(cov.get("to"), src, "coverage.to") : null;
            if (coverageFrom != null && coverageTo != null && coverageFrom.isAfter(coverageTo)) {
                throw JsnaException.usage(at(src, y.get("coverage")) + ": coverage: from " + coverageFrom + " is after to " + coverageTo);
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

    private static java.time.LocalDate isoDate(Node o, String src, String key) {
        String s = str(o, src, key, "a real date as yyyy-MM-dd").trim();
        try {
            return java.time.LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s)
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

    private static List<JsnaConfig.PopulationInput> populationInputs(Node o, Path dir, String src) {
        boolean isList = o instanceof SequenceNode;
        List<Node> items = o instanceof SequenceNode l ? l.getValue() : List.of(o);
        List<JsnaConfig.PopulationInput> out = new ArrayList<>();
        String firstWith = null;
        String firstWithout = null;
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            // an item of a list is named by its place and its path, which the line alone does not show in a flow list
            String it = isList ? item(i, "inputs.population", item instanceof MappingNode mi ? textOf(mi, "path")
                    : item instanceof ScalarNode si ? ConfigYaml.text(si) : null) : "";
            Integer year = null;
            Path path;
            if (item instanceof MappingNode) {
                YMap m = map(item, src, it + "inputs.population", "a map of path, year");
                checkKeys(m, Set.of("path", "year"), src, it, "inputs.population.");
                if (!m.has("path")) {
                    throw JsnaException.usage(at(src, item) + ": " + it + "inputs.population: an item has no path");
                }
                year = m.has("year") ? midYear(m.get("year"), src, it + "inputs.population.year") : null;
                path = path(dir, m.get("path"), src, it + "inputs.population.path", "a file path");
            } else {
                path = path(dir, item, src, it + "inputs.population",
                        isList ? "a file path or {path, year}" : "a file path, a list of paths or of {path, year} items, "
                        + "or {path, year}");
            }
            String named = "item " + (i + 1) + " ('" + JsnaException.quote(path.getFileName() == null ? path.toString()
                    : path.getFileName().toString()) + "')";
            if (year != null && firstWith == null) {
                firstWith = named + " has one";
            } else if (year == null && firstWithout == null) {
                firstWithout = named + " has none";
            }
            out.add(new JsnaConfig.PopulationInput(path, year));
        }
        if (out.isEmpty()) {
            throw JsnaException.usage(at(src, o) + ": inputs.population: expected a path or a list of paths");
        }
        if (firstWith != null && firstWithout != null) {
            long with = out.stream().filter(p -> p.year() != null).count();
            throw JsnaException.usage(at(src, o) + ": inputs.population: either every item has a year or none has ("
                    + with + " of " + out.size() + " have one: " + firstWith + ", " + firstWithout + ")");
        }
        return out;
    }

    /**
     * How a message names an item of a list: {@code item 2 of client_groups (older_people): }, its place counted
     * from 1 and its name (an id, a path) when it has one.
     */
    private static String item(int index, String list, String name) {
        return "item " + (index + 1) + " of " + list
                + (name == null || name.isBlank() ? "" : " ('" + JsnaException.quote(name.trim()) + "')") + ": ";
    }

    /** The most client groups jsna.yaml may define: each record keeps its group's number in a signed byte. */
    static final int MAX_CLIENT_GROUPS = Byte.MAX_VALUE + 1;

    private static List<ClientGroup> clientGroups(Node o, String src) {
        List<ClientGroup> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<Node> items = list(o, src, "client_groups", "a list of {id, label, ages} items");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String name = item instanceof MappingNode mi ? textOf(mi, "id") : null;
            String it = item(i, "client_groups", name);
            YMap m = map(item, src, it + "client_groups", "a map of id, label, ages");
            checkKeys(m, Set.of("id", "label", "ages"), src, it, "client_groups.");
            for (String k : List.of("id", "ages")) {
                if (!m.has(k)) {
                    throw JsnaException.usage(at(src, item) + ": " + it + "client_groups: an item has no " + k);
                }
            }
            String id = str(m.get("id"), src, it + "client_groups.id", "a distinct, non-empty id").trim();
            Integer first = id.isEmpty() ? null : ids.putIfAbsent(id, i + 1);
            if (id.isEmpty() || first != null) {
                throw JsnaException.usage(at(src, m.get("id")) + ": " + it + "client_groups.id: value '"
                        + JsnaException.quote(id) + "': expected a distinct, non-empty id"
                        + (first == null ? "" : " (item " + first + " has it too)"));
            }
            String label = m.has("label") ? str(m.get("label"), src, it + "client_groups.label",
                    "a label").trim() : id;
            String ages = str(m.get("ages"), src, it + "client_groups.ages", AGES).trim();
            int[] range = parseAges(ages);
            if (range == null) {
                throw JsnaException.usage(at(src, m.get("ages")) + ": " + it + "client_groups.ages: value '"
                        + JsnaException.quote(ages)
                        + "': expected " + AGES);
            }
            if (range[0] > ClientGroup.OLDEST) {
                // the population's ages end at 90 (90 and over): no resident is in such a range
                Log.warnOnce(at(src, m.get("ages")) + ": client_groups: '" + id + "' (ages " + ages + ") starts above "
                        + ClientGroup.OLDEST + ", the population's last age (90 and over): its rates will have no "
                        + "population (use " + ClientGroup.OLDEST + "+ for the oldest)");
            }
            out.add(new ClientGroup(id, label, range[0], range[1]));
        }
        if (out.isEmpty()) {
            throw JsnaException.usage(at(src, o) + ": client_groups: expected at least one group");
        }
        if (out.size() > MAX_CLIENT_GROUPS) {
            throw JsnaException.usage(at(src, o) + ": client_groups: " + out.size() + " groups: expected at most "
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
        String check(String value, String src, Node node, String key);
    }

    /**
     * A setting given once for every input or as a map of input to value ({@code encoding}, {@code date_format});
     * {@code words} says what one value is.
     */
    private static Map<String, String> perRole(Node o, String src, String key, String words, ValueCheck check) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (o instanceof MappingNode) {
            YMap m = map(o, src, key, "");
            checkKeys(m, Set.copyOf(JsnaConfig.ROLES), src, key + ".");
            for (String role : m.keys()) {
                String k = key + "." + role;
                out.put(role, check.check(str(m.get(role), src, k, words), src, m.get(role), k));
            }
        } else {
            String v = check.check(str(o, src, key, words + ", or a map of input ("
                    + ROLE_WORDS + ") to one"), src, o, key);
            for (String role : JsnaConfig.ROLES) {
                out.put(role, v);
            }
        }
        return out;
    }

    private static String encodingValue(String v, String src, Node node, String key) {
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
                throw JsnaException.usage(at(src, node) + ": " + key + ": value '" + JsnaException.quote(v)
                        + "': expected " + ENCODINGS);
        }
    }

    private static String datePattern(String v, String src, Node node, String key) {
        String s = v.trim();
        try {
            DateTimeFormatter.ofPattern(s, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw JsnaException.usage(at(src, node) + ": " + key + ": value '" + JsnaException.quote(v)
                    + "': expected a java.time date pattern such as dd/MM/yyyy");
        }
        if (s.indexOf('y') < 0 && s.indexOf('u') < 0 || s.indexOf('M') < 0 && s.indexOf('L') < 0
                || s.indexOf('d') < 0) {
            throw JsnaException.usage(at(src, node) + ": " + key + ": value '" + JsnaException.quote(v)
                    + "': expected a pattern with year, month and day, such as dd/MM/yyyy");
        }
        return s;
    }

    private static void checkKeys(YMap m, Set<String> allowed, String src, String prefix) {
        checkKeys(m, allowed, src, "", prefix);
    }

    /** Every key of {@code m} one of {@code allowed}; {@code item} names the list item that {@code m} is, or is empty. */
    private static void checkKeys(YMap m, Set<String> allowed, String src, String item, String prefix) {
        for (String k : m.keys()) {
            if (!allowed.contains(k)) {
                throw JsnaException.usage(at(src, m.keyNode(k)) + ": " + item + "unknown key '"
                        + JsnaException.quote(prefix + k)
                        + "' (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The text of {@code key} in a map not yet checked, to name an item by; null when it is not text. */
    private static String textOf(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && ConfigYaml.text(k).equals(key)
                    && t.getValueNode() instanceof ScalarNode v) {
                return ConfigYaml.text(v);
            }
        }
        return null;
    }

    /** {@code file:line: column c} of a node of jsna.yaml, or the file alone without one. */
    private static String at(String src, Node n) {
        return ConfigYaml.at(src, n);
    }

    /**
     * A map of jsna.yaml: its keys in the file's order, each with its key node (where an unknown key is) and its
     * value node. ConfigYaml has refused a key given twice.
     */
    private static final class YMap {
        static final YMap EMPTY = new YMap();

        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

        boolean has(String key) {
            return entries.containsKey(key);
        }

        /** The value node of {@code key}, or null when it is not there. */
        Node get(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getValueNode();
        }

        Node keyNode(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getKeyNode();
        }

        Set<String> keys() {
            return entries.keySet();
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    /** A map, else a usage error saying what was found and what {@code expected} allows there. */
    private static YMap map(Node o, String src, String key, String expected) {
        if (!(o instanceof MappingNode m)) {
            throw wrongType(o, src, key, expected);
        }
        YMap out = new YMap();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw JsnaException.usage(at(src, t.getKeyNode()) + ": " + key + ": keys must be plain text");
            }
            out.entries.put(ConfigYaml.text(k), t);
        }
        return out;
    }

    private static List<Node> list(Node o, String src, String key, String expected) {
        if (!(o instanceof SequenceNode l)) {
            throw wrongType(o, src, key, expected);
        }
        return l.getValue();
    }

    /** Non-empty text, else a usage error saying what was found and what {@code expected} allows there. */
    private static String str(Node o, String src, String key, String expected) {
        return plainText(anyText(o, src, key, expected), o, src, key);
    }

    /**
     * The text with the spaces, tabs and line breaks at its ends removed, and nothing else: unlike
     * {@link String#trim} it keeps a control character, which is part of a name of the data (the CSV readers trim
     * spaces and tabs only).
     */
    private static String layoutTrim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && " \t\n\r".indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && " \t\n\r".indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }

    /** Non-empty text, control characters and all. */
    private static String anyText(Node o, String src, String key, String expected) {
        String s = o instanceof ScalarNode n ? ConfigYaml.text(n) : "";
        if (s.isEmpty()) {
            throw wrongType(o, src, key, expected);
        }
        return s;
    }

    /**
     * Text without control characters (docs/data.md, "jsna.yaml reference"). Spaces, tabs and line breaks are
     * YAML's own whitespace: at either end (the line break a {@code |} block ends with) they are trimmed where a
     * value is used, and inside a value they stay. Any other control character can only come from an escape in
     * double quotes ({@code "\x01"}) or a damaged file; no setting, path, id, label or canonical code holds one,
     * and trimming it silently would change the value, so it is refused. Text that names data of the CSVs (a
     * locality, a column name, a code's file value) is exempt: the CSVs may hold such characters, and the name
     * must match them exactly ({@link #layoutTrim}).
     */
    private static String plainText(String s, Node o, String src, String key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) {
                throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s)
                        + "': expected text without control characters (found "
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + "; a tab or a line break is written "
                        + "\\t or \\n)");
            }
        }
        return s;
    }

    /** {@code key: a list: expected …}: what the node is, and every kind of value allowed at the key. */
    private static JsnaException wrongType(Node o, String src, String key, String expected) {
        String found = o instanceof MappingNode ? "a map" : o instanceof SequenceNode ? "a list"
                : "value '" + JsnaException.quote(o instanceof ScalarNode n ? ConfigYaml.text(n) : "") + "'";
        return JsnaException.usage(at(src, o) + ": " + key + ": " + found + ": expected " + expected);
    }

    /** A file path under {@code inputs:}, relative to {@code dir}; text that is no path (a NUL byte) is a bad value. */
    private static Path path(Path dir, Node o, String src, String key, String expected) {
        // a NUL is no path at all: said so before the rule on control characters
        String s = anyText(o, src, key, expected);
        Path p;
        try {
            p = dir.resolve(s);
        } catch (InvalidPathException e) {
            throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s)
                    + "': expected a file path (" + e.getReason() + ")" + JsnaException.localeHint(e));
        }
        plainText(s, o, src, key);
        return p;
    }

    /** A population's mid-year 1800..2200, or the fiscal year {@code 2023/24} for mid-2023 (as in the year column). */
    private static int midYear(Node o, String src, String key) {
        String s = str(o, src, key, org.jsna.validate.PopulationRules.YEAR_EXPECTED).trim();
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
        throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s) + "': expected "
                + org.jsna.validate.PopulationRules.YEAR_EXPECTED);
    }

    private static int integer(Node o, String src, String key, int min, int max) {
        String s = str(o, src, key, "a whole number " + min + ".." + max).trim();
        try {
            int v = wholeNumber(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s) + "': expected a whole number "
                + min + ".." + max);
    }

    private static boolean bool(Node o, String src, String key, String expected) {
        String s = str(o, src, key, expected).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw JsnaException.usage(at(src, o) + ": " + key + ": value '" + JsnaException.quote(s) + "': expected "
                + expected);
    }
}
