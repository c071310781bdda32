package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsna.console.JsnaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static Path dirWith(Path dir, String yaml) throws Exception {
        Path v = Fixtures.valid();
        for (String f : List.of("areas.csv", "population.csv", "referrals.csv", "services.csv")) {
            Files.copy(v.resolve(f), dir.resolve(f));
        }
        if (yaml != null) {
            Files.writeString(dir.resolve("jsna.yaml"), yaml);
        }
        return dir;
    }

    @Test
    void defaultsOfDataMd() {
        JsnaConfig c = ConfigLoader.load(Fixtures.valid(), null, null, null, null, null);
        assertNull(c.configFile());
        assertEquals(6, c.clientGroups().size());
        assertEquals(new ClientGroup("older_people", "Older people", 65, ClientGroup.OPEN), c.clientGroup("older_people"));
        assertEquals(new ClientGroup("children_families", "Children and families", 0, 17), c.clientGroups().get(0));
        assertEquals(new ClientGroup("carers", "Carers", 18, ClientGroup.OPEN), c.clientGroup("carers"));
        assertTrue(c.localities().isEmpty());
        assertTrue(c.suppressionEnabled());
        assertEquals(1, c.suppressionMin());
        assertEquals(7, c.suppressionMax());
        assertTrue(c.secondarySuppression());
        assertEquals("fiscal-year", c.period());
        assertEquals("long", c.populationLayout());
        assertEquals("auto", c.encoding("referrals"));
        assertEquals("yyyy-MM-dd", c.dateFormat("services"));
        assertEquals(Fixtures.valid().resolve("referrals.csv"), c.referrals());
        assertEquals("calendar-year", c.withPeriod("calendar-year").period());
        assertFalse(c.withSuppression(false).suppressionEnabled());
    }

    @Test
    void yamlSettingsAreRead(@TempDir Path dir) throws Exception {
        dirWith(dir, """
                client_groups:
                  - {id: adults, label: Adults, ages: "18-64"}
                  - {id: older, label: Older people, ages: 65+}
                localities: [South, North]
                suppression: {min: 0, max: 5, secondary: false}
                period: calendar-year
                codes:
                  client_group: {"01": adults}
                """);
        JsnaConfig c = ConfigLoader.load(dir, null, null, null, null, null);
        assertEquals(List.of(new ClientGroup("adults", "Adults", 18, 64),
                new ClientGroup("older", "Older people", 65, ClientGroup.OPEN)), c.clientGroups());
        assertEquals(List.of("South", "North"), c.localities());
        assertEquals(0, c.suppressionMin());
        assertEquals(5, c.suppressionMax());
        assertFalse(c.secondarySuppression());
        assertEquals("calendar-year", c.period());
        // the failsafe schema keeps "01" as text (a core schema would read the integer 1)
        assertEquals(Map.of("01", "adults"), c.codes("client_group"));
        assertEquals(dir.resolve("jsna.yaml"), c.configFile());
        Map<String, Object> m = c.asManifestSettings();
        assertEquals("calendar-year", m.get("period"));
        assertTrue(m.containsKey("client_groups"));
    }

    @Test
    void suppressionFalseTurnsItOff(@TempDir Path dir) throws Exception {
        dirWith(dir, "suppression: false\n");
        assertFalse(ConfigLoader.load(dir, null, null, null, null, null).suppressionEnabled());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "colums: {}|unknown key 'colums'",
        "suppression: {min: 1, maxx: 7}|unknown key 'suppression.maxx'",
        "columns: {referrals: {referal_id: X}}|unknown key 'columns.referrals.referal_id'",
        "codes: {gender: {Male: M}}|unknown key 'codes.gender'",
        "codes: {sex: {Male: Man}}|codes.sex.Male: value 'Man'",
        "period: weekly|period: value 'weekly'",
        "encoding: latin-1|encoding: value 'latin-1'",
        "date_format: qqq|date_format: value 'qqq'",
        "population_layout: wide|population_layout: value 'wide'",
        "client_groups: [{id: x, ages: 'old'}]|client_groups.ages: value 'old'",
        "'inputs: {population: [{path: a.csv, year: 2023}, b.csv]}'|either every item has a year or none has",
        "'a: [unclosed'|invalid YAML",
        // digits of other scripts, and a leading plus, which Integer.parseInt takes and the CSVs' numbers never are
        "'suppression: {min: \u0663, max: 7}'|suppression.min",
        "'client_groups: [{id: x, ages: \uff11\uff18-64}]'|client_groups.ages",
        "'client_groups: [{id: x, ages: +18-+64}]'|client_groups.ages",
    })
    void badConfigIsAUsageError(String yaml, String fragment, @TempDir Path dir) throws Exception {
        dirWith(dir, yaml);
        JsnaException e = assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
        assertEquals(2, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static JsnaException usageError(Path dir, String yaml) throws Exception {
        dirWith(dir, yaml);
        JsnaException e = assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
        assertEquals(2, e.exitCode(), e.getMessage());
        return e;
    }

    /** Every message about a key or a value names the file, the line and the column of the node at fault. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "inputs: {areas: a.csv}\\nperiod: weekly\\n|:2: column 9: period: value 'weekly'",
        "suppression:\\n  min: 1\\n  maxx: 7\\n|:3: column 3: unknown key 'suppression.maxx'",
        "codes:\\n  sex: {Male: Man}\\n|:2: column 15: codes.sex.Male: value 'Man'",
        "client_groups:\\n  - {id: x, ages: 'old'}\\n|:2: column 19: item 1 of client_groups ('x'): client_groups.ages: value 'old'",
        "columns:\\n  referrals: [a]\\n|:2: column 14: columns.referrals: a list: expected a map",
        "localities: [North, North]\\n|:1: column 21: item 2 of localities: localities: value 'North'",
        "suppression: {min: 9, max: 7}\\n|:1: column 14: suppression: min 9 is above max 7",
        "period: a\\nperiod: b\\n|:2: column 1: invalid YAML: the key 'period' is given twice in one map (first at line 1)",
        "period: !!int 5\\n|:1: column 9: invalid YAML: the tag 'tag:yaml.org,2002:int'",
    })
    void keyAndValueErrorsNameTheLineAndColumn(String yaml, String fragment, @TempDir Path dir) throws Exception {
        JsnaException e = usageError(dir, yaml.replace("\\n", "\n"));
        assertTrue(e.getMessage().contains(dir.resolve("jsna.yaml") + fragment), e.getMessage());
    }

    /** An error in an item of a list names the item: its place in the list, and its id or path when it has one. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "client_groups:\\n  - {id: a, ages: 18-64}\\n  - {id: older, ages: old}\\n"
            + "|:3: column 23: item 2 of client_groups ('older'): client_groups.ages: value 'old'",
        "client_groups:\\n  - {id: a, ages: 18-64}\\n  - {ages: 65+}\\n"
            + "|:3: column 5: item 2 of client_groups: client_groups: an item has no id",
        "client_groups:\\n  - {id: a, ages: 18-64}\\n  - {id: a, ages: 65+}\\n"
            + "|:3: column 10: item 2 of client_groups ('a'): client_groups.id: value 'a': expected a distinct, "
            + "non-empty id (item 1 has it too)",
        "client_groups: [{id: a, ages: 18-64, lable: x}]\\n|:1: column 38: item 1 of client_groups ('a'): unknown key "
            + "'client_groups.lable'",
        "localities: [North, South, North]\\n|:1: column 28: item 3 of localities: localities: value 'North': expected "
            + "distinct, non-empty locality names (item 1 is 'North' too)",
        "inputs:\\n  population:\\n    - {path: a.csv, year: 2023}\\n    - {path: b.csv, year: 2O24}\\n"
            + "|:4: column 27: item 2 of inputs.population ('b.csv'): inputs.population.year: value '2O24'",
        "inputs: {population: [{path: a.csv, year: 2023}, b.csv]}\\n|:1: column 22: inputs.population: either every "
            + "item has a year or none has (1 of 2 have one: item 1 ('a.csv') has one, item 2 ('b.csv') has none)",
    })
    void anErrorInAListItemNamesTheItem(String yaml, String fragment, @TempDir Path dir) throws Exception {
        JsnaException e = usageError(dir, yaml.replace("\\n", "\n"));
        assertTrue(e.getMessage().contains(dir.resolve("jsna.yaml") + fragment), e.getMessage());
    }

    /** A value of the wrong kind is told what it is and every kind allowed at its key (text or a map, say). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "encoding: [utf-8]\\n|encoding: a list: expected auto, utf-8 or windows-1252, or a map of input (population, "
            + "areas, referrals, services) to one",
        "date_format: [dd/MM/yyyy]\\n|date_format: a list: expected a java.time date pattern such as dd/MM/yyyy, or "
            + "a map of input",
        "suppression: [1, 7]\\n|suppression: a list: expected true or false, or a map of min, max, secondary",
        "suppression: off\\n|suppression: value 'off': expected true or false, or a map of min, max, secondary",
        "inputs: {population: [[a.csv]]}\\n|inputs.population: a list: expected a file path or {path, year}",
        "inputs: {population: }\\n|inputs.population: value '': expected a file path, a list of paths or of "
            + "{path, year} items, or {path, year}",
        "period: {a: b}\\n|period: a map: expected fiscal-year or calendar-year",
        "period:\\n|period: value '': expected fiscal-year or calendar-year",
        "client_groups: {id: x}\\n|client_groups: a map: expected a list of {id, label, ages} items",
        "codes: {source: {X: [a]}}\\n|codes.source.X: a list: expected one of ",
    })
    void aWrongKindOfValueListsWhatIsAllowed(String yaml, String fragment, @TempDir Path dir) throws Exception {
        JsnaException e = usageError(dir, yaml.replace("\\n", "\n"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("a text value"), e.getMessage());
    }

    /**
     * SnakeYAML's own errors become one line: file, line, column and the problem in words, without its class
     * names, its snippet of the file or its token names.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "inputs:\\n\\tareas: a.csv\\n|:2: column 1: invalid YAML: a tab, which YAML does not allow for indentation",
        "period: 'fiscal-year\\n|:1: column 9: invalid YAML: a quoted value that is never closed: expected a closing "
            + "quote",
        "suppression:\\n  min: 1\\n max: 7\\n|:3: column 2: invalid YAML: a line indented unlike the map it is in (it "
            + "opens at line 1, column 1)",
        "localities: [North, South\\n|:2: column 1: invalid YAML: a list in [ ] that is not closed, or items without "
            + "a comma between them (it opens at line 1, column 13): expected ',' or ']'",
        "period: fiscal-year\\nperiod: calendar-year\\n|:2: column 1: invalid YAML: the key 'period' is given twice",
        "codes: {sex: {Male: M: x}}\\n|:1: column 22: invalid YAML: a map in { } that is not closed",
        "localities: [@North]\\n|:1: column 14: invalid YAML: a value starting with '@'",
    })
    void parserErrorsAreOneLineInWords(String yaml, String fragment, @TempDir Path dir) throws Exception {
        JsnaException e = usageError(dir, yaml.replace("\\n", "\n").replace("\\t", "\t"));
        String m = e.getMessage();
        assertTrue(m.contains(dir.resolve("jsna.yaml") + fragment), m);
        for (String java : List.of("Exception", "snakeyaml", "<", "^", "\\u000a", " in " + dir)) {
            assertFalse(m.contains(java), java + " in " + m);
        }
    }

    /** A control character in a value is refused, not trimmed away; YAML's own spaces and line breaks at the ends are. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "period: \"calendar-year\\x01\"\\n|period: value 'calendar-year\\u0001': expected text without control "
            + "characters (found U+0001",
        "codes: {source: {X: \"other\\b\"}}\\n|codes.source.X: value 'other\\u0008': expected text without control",
        "encoding: \"utf-8\\x7f\"\\n|encoding: value 'utf-8\\u007f': expected text without control",
        "client_groups: [{id: a, label: \"A\\x85\", ages: 18+}]\\n|client_groups.label: value 'A\\u0085'",
    })
    void controlCharactersInAValueAreRefused(String yaml, String fragment, @TempDir Path dir) throws Exception {
        JsnaException e = usageError(dir, yaml.replace("\\n\"", "\n\"").replaceAll("\\\\n$", "\n"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void yamlSpacesAndLineBreaksAtTheEndsOfAValueAreLayout(@TempDir Path dir) throws Exception {
        // and a line break inside a column name stays: Excel's header cells may hold one
        dirWith(dir, "period: |\n  calendar-year\nlocalities: [\"\\tNorth \"]\n"
                + "columns: {referrals: {referral_date: \"Date of\\nreferral\"}}\n");
        JsnaConfig c = ConfigLoader.load(dir, null, null, null, null, null);
        assertEquals("calendar-year", c.period());
        assertEquals(List.of("North"), c.localities());
    }

    /**
     * A locality, a column name or a code's file value names data of the CSVs, which may hold a control character:
     * it is kept, never trimmed away (the CSV readers trim only spaces and tabs), so the name matches the data.
     */
    @Test
    void namesOfTheDataKeepTheirControlCharacters(@TempDir Path dir) throws Exception {
        dirWith(dir, "localities: [\"\\x01North\", \"ctl\\x01char\"]\ncodes: {sex: {\" \\x01Male\": M}}\n");
        JsnaConfig c = ConfigLoader.load(dir, null, null, null, null, null);
        assertEquals(List.of("\u0001North", "ctl\u0001char"), c.localities());
        assertEquals(Map.of("\u0001Male", "M"), c.codes("sex"));
    }

    /**
     * Under ons-wide a columns.population block is ignored with a warning (a config left from the long layout still
     * runs), but a bad value in it is as bad as in the long layout: refused, not only warned of.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{area_code: [LSOA]}|columns.population.area_code: a list: expected the file's column name",
        "{age: }|columns.population.age: value '': expected the file's column name",
    })
    void aBadColumnsPopulationValueIsRefusedUnderOnsWide(String block, String fragment, @TempDir Path dir)
            throws Exception {
        JsnaException e = usageError(dir, "population_layout: ons-wide\ncolumns:\n  population: " + block + "\n");
        assertTrue(e.getMessage().contains(":3: column "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        dirWith(Files.createDirectories(dir.resolve("ok")), "population_layout: ons-wide\n"
                + "columns: {population: {area_code: LSOA}}\n");
        assertEquals("ons-wide", ConfigLoader.load(dir.resolve("ok"), null, null, null, null, null).populationLayout());
    }

    @Test
    void explicitOptionsOverrideAndInputsAreRelativeToTheYaml(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        dirWith(sub, null);
        Path yaml = dir.resolve("other.yaml");
        Files.writeString(yaml, "inputs: {population: sub/population.csv, areas: sub/areas.csv, "
                + "referrals: sub/referrals.csv, services: sub/services.csv}\n");
        Path other = Fixtures.resource("rules/referrals_header_only.csv");
        JsnaConfig c = ConfigLoader.load(null, yaml, null, null, other, null);
        assertEquals(dir.resolve("sub/areas.csv"), c.areas());
        assertEquals(other, c.referrals());
        assertEquals(List.of(new JsnaConfig.PopulationInput(dir.resolve("sub/population.csv"), null)), c.population());
    }

    @Test
    void missingInputsAreIoErrors(@TempDir Path dir) throws Exception {
        assertEquals(4, assertThrows(JsnaException.class,
                () -> ConfigLoader.load(dir.resolve("nope"), null, null, null, null, null)).exitCode());
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertEquals(4, assertThrows(JsnaException.class,
                () -> ConfigLoader.load(file, null, null, null, null, null)).exitCode());
        // an empty folder: the canonical files are missing
        JsnaException e = assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("population.csv"), e.getMessage());
        assertEquals(4, assertThrows(JsnaException.class,
                () -> ConfigLoader.load(null, dir.resolve("no.yaml"), null, null, null, null)).exitCode());
    }

    /** A record keeps its group's number in a byte: 129 groups ended in an internal error on the first record. */
    @Test
    void atMost128ClientGroups(@TempDir Path dir) throws Exception {
        for (int n : new int[] {128, 129}) {
            StringBuilder yaml = new StringBuilder("client_groups:\n");
            for (int g = 0; g < n; g++) {
                yaml.append("  - {id: g").append(g).append(", ages: \"18-64\"}\n");
            }
            Path d = Files.createDirectories(dir.resolve("n" + n));
            dirWith(d, yaml.toString());
            if (n == 128) {
                assertEquals(128, ConfigLoader.load(d, null, null, null, null, null).clientGroups().size());
            } else {
                JsnaException e = assertThrows(JsnaException.class,
                        () -> ConfigLoader.load(d, null, null, null, null, null));
                assertEquals(2, e.exitCode());
                assertTrue(e.getMessage().contains("129 groups: expected at most 128"), e.getMessage());
            }
        }
    }

    @Test
    void noInputsAtAllIsAUsageError() {
        assertEquals(2, assertThrows(JsnaException.class,
                () -> ConfigLoader.load(null, null, null, null, null, null)).exitCode());
    }

    @Test
    void yamlWithByteOrderMarkOrWindows1252Text(@TempDir Path dir) throws Exception {
        dirWith(dir, null);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "localities: [North, South]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(dir.resolve("jsna.yaml"), all);
        assertEquals(List.of("North", "South"), ConfigLoader.load(dir, null, null, null, null, null).localities());
        Files.write(dir.resolve("jsna.yaml"), "localities: [Bishop\u2019s Stortford]\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        assertEquals(List.of("Bishop\u2019s Stortford"), ConfigLoader.load(dir, null, null, null, null, null).localities());
    }

    /**
     * A jsna.yaml in another encoding than UTF-8 or Windows-1252 is told to be saved as UTF-8, as the CSV readers
     * tell a UTF-16 file, instead of SnakeYAML's "special characters are not allowed".
     */
    @Test
    void yamlInUtf16OrAnotherEncodingIsToldToBeSavedAsUtf8(@TempDir Path dir) throws Exception {
        dirWith(dir, null);
        String yaml = "period: calendar-year\nlocalities: [North]\n";
        byte[] bomInvalid = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', (byte) 0xE9, '\n'};
        byte[] undefined = {'l', 'o', 'c', 'a', 'l', 'i', 't', 'i', 'e', 's', ':', ' ', '[', (byte) 0x81, ']', '\n'};
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put(": starts with a UTF-16 byte-order mark", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        files.put(": starts with a UTF-16 byte-order mark ", ("\uFEFF" + yaml).getBytes(
                java.nio.charset.StandardCharsets.UTF_16LE));
        files.put(":1: a NUL byte, as in a file saved as UTF-16", yaml.getBytes(
                java.nio.charset.StandardCharsets.UTF_16LE));
        files.put(":1: bytes that are not valid UTF-8 in a file that starts with a UTF-8 byte-order mark", bomInvalid);
        files.put(":1: a byte (0x81) that is neither UTF-8 nor Windows-1252", undefined);
        for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(dir.resolve("jsna.yaml"), f.getValue());
            JsnaException e = assertThrows(JsnaException.class,
                    () -> ConfigLoader.load(dir, null, null, null, null, null));
            assertEquals(2, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().startsWith(dir.resolve("jsna.yaml") + f.getKey().trim()), e.getMessage());
            assertTrue(e.getMessage().contains("save jsna.yaml as UTF-8"), e.getMessage());
        }
    }

    /** An empty jsna.yaml (or one of comments only) means no settings; it stopped with an internal error. */
    @ParameterizedTest
    @CsvSource(value = {"''", "'# nothing set yet\n'", "'---\n'"}, quoteCharacter = '\'')
    void emptyYamlIsNoSettings(String yaml, @TempDir Path dir) throws Exception {
        dirWith(dir, yaml.replace("\\n", "\n"));
        JsnaConfig c = ConfigLoader.load(dir, null, null, null, null, null);
        assertEquals("fiscal-year", c.period());
        assertEquals(6, c.clientGroups().size());
    }

    /** An empty value is empty text, reported as a bad value (exit 2) naming the key. */
    @Test
    void emptyValueIsABadValueNamingTheKey(@TempDir Path dir) throws Exception {
        dirWith(dir, "period:\n");
        JsnaException e = assertThrows(JsnaException.class, () -> ConfigLoader.load(dir, null, null, null, null, null));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("period"), e.getMessage());
        assertFalse(e.getMessage().contains("tag:yaml.org"), e.getMessage());
    }
}
