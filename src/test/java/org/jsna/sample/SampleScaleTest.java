package org.jsna.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jsna sample} at national scale (issue 8, item 5): the option sets valid before it keep their
 * bytes, {@code --localities N} makes N plausible, distinct localities that follow the schema, and the
 * new limits are enforced.
 */
class SampleScaleTest {

    /**
     * SHA-256 of the files written by the generator as it was before --localities and the national-scale
     * limits (commit 920142e), for option sets that take different paths through it: a small council,
     * no referrals (every event unlinked), and fewer events than served referrals.
     */
    static final Map<String, String[]> EARLIER = Map.of(
            "--areas 30 --referrals 3000 --services 4000 --seed 7", new String[] {
                "eec371ae107b6d7d3c3d8f4d6d9dd0337e3b816504868e105123c459380ebd76",
                "1c22400698110e46c6c120ed2247fda2216a4c7fc20aeb4fb118e9928bcb01e0",
                "6885aab23d276392aaf8f7ccbe29de952b1647bacaf4dd06159da6234ce46a8b",
                "2b0e907744f4400594116a3d61eb4f98388d9e3ec2306887a14a8c7d1edb376c",
                "cd16d4a6be6feeac26bec4a4c15f08dbed9b69585dc78c9a3f01955ccd384f36"},
            "--areas 10 --referrals 0 --services 100 --seed 2", new String[] {
                "8cc3beef7b31f9f36ffac5f2865a93949318aaeb2599fe5ddcb9b987b55bf66d",
                "ff61fae0e31b310f02d1bcc0521c9e628aecbcf274d9222d645df90e2aa94fc1",
                "5f698de0d64a05be731e7ab48181937d2a03e975b617af040a046f2dfb48de9e",
                "383821f4f13a7a78c0c081a74eb8ee4f9e0559d4d02b6cc9b90a52878f2d9499",
                "245fe4a217302feafc88b763b88086b65c90e662d5ea60caab45ac2aa6f3e198"},
            "--areas 10 --referrals 1000 --services 50 --seed 4", new String[] {
                "5b1baa2334637b6b5cafa2d8572b72aaf27766a92e03cd42e66fc06eae37c440",
                "61f596128686766e3cbc695a73169fc9ffe6f04ced3e324aa2e0a581e63f326b",
                "d54a6129f160adadc0ba856c732295c945df2d4e8b603060a2ad367ed9b4c9c9",
                "2683469c2937182ff50516dd57a69e4adb3b4796601eb916d598086110ca274a",
                "9c26cbdc2e46420b5395b536ecf105f2a5cfb5e49dce2bfa68b7ba599f7a59a7"});

    static final Pattern PLACE_NAME = Pattern.compile("[A-Z][a-z]+");

    static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    static SampleCommandTest.Result sample(Path dir, String options) {
        List<String> args = new ArrayList<>(List.of("sample", "--out", dir.toString()));
        args.addAll(List.of(options.split(" ")));
        return SampleCommandTest.run(args.toArray(String[]::new));
    }

    @Test
    void optionSetsValidBeforeKeepTheirBytes(@TempDir Path tmp) throws Exception {
        int k = 0;
        for (Map.Entry<String, String[]> e : EARLIER.entrySet()) {
            Path dir = tmp.resolve("s" + k++);
            SampleCommandTest.Result r = sample(dir, e.getKey());
            assertEquals(0, r.code(), r.err());
            for (int i = 0; i < SampleCommandTest.FILES.size(); i++) {
                String f = SampleCommandTest.FILES.get(i);
                assertEquals(e.getValue()[i], sha256(dir.resolve(f)), e.getKey() + ": " + f);
            }
        }
    }

    @Test
    void sixLocalitiesAreTheNamedOnes(@TempDir Path tmp) throws IOException {
        assertEquals(0, sample(tmp.resolve("a"), "--areas 20 --referrals 500 --services 700").code());
        assertEquals(0, sample(tmp.resolve("b"), "--areas 20 --referrals 500 --services 700 --localities 6").code());
        for (String f : SampleCommandTest.FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void manyLocalitiesHavePlaceNamesAreasAndPeople(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("n");
        SampleCommandTest.Result r = sample(dir, "--areas 120 --referrals 6000 --services 9000 --localities 40 --seed 3");
        assertEquals(0, r.code(), r.err());
        SampleDataTest.Set4 s = new SampleDataTest.Set4(dir);
        SampleDataTest.checkSchema(s);
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) s.yaml.get("localities");
        assertEquals(40, order.size());
        assertEquals(40, new HashSet<>(order).size());
        Map<String, Integer> areas = new HashMap<>();
        for (CSVRecord a : s.areas) {
            areas.merge(a.get("locality"), 1, Integer::sum);
            assertTrue(a.get("area_name").startsWith(a.get("locality") + " "), a.toString());
        }
        assertEquals(Set.copyOf(order), areas.keySet(), "every locality has a small area");
        for (String name : order) {
            assertTrue(PLACE_NAME.matcher(name).matches(), name);
            assertFalse(SampleGenerator.LOCALITIES.contains(name), name);
        }
        // referrals reach most localities, and teams name them
        Set<String> referred = new HashSet<>();
        for (CSVRecord ref : s.referrals) {
            referred.add(s.locality(ref.get("area_code")));
        }
        assertTrue(referred.containsAll(order), "every locality has referrals: " + referred.size());
        assertTrue(Files.readString(dir.resolve("jsna.yaml")).startsWith(
                "# Synthetic council made by: jsna sample --areas 120 --referrals 6000 --services 9000 --seed 3 --localities 40\n"));
    }

    @Test
    void generatedLocalitiesAreDeterministicAndFollowTheSeed(@TempDir Path tmp) throws IOException {
        String opts = "--areas 30 --referrals 300 --services 400 --localities 9";
        assertEquals(0, sample(tmp.resolve("a"), opts + " --seed 5").code());
        assertEquals(0, sample(tmp.resolve("b"), opts + " --seed 5").code());
        assertEquals(0, sample(tmp.resolve("c"), opts + " --seed 6").code());
        for (String f : SampleCommandTest.FILES) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        assertFalse(Files.readString(tmp.resolve("a").resolve("jsna.yaml")).lines().skip(7).toList()
                .equals(Files.readString(tmp.resolve("c").resolve("jsna.yaml")).lines().skip(7).toList()));
    }

    @Test
    void thereAreEnoughDistinctNames() {
        List<String> all = LocalityNames.all();
        assertTrue(all.size() >= SampleSettings.MAX_LOCALITIES, "names: " + all.size());
        assertEquals(all.size(), new HashSet<>(all).size());
        assertFalse(all.contains("Millley"));
        assertFalse(all.contains("Woodwood"));
    }

    @Test
    void limitsAreUsageErrors(@TempDir Path tmp) {
        for (String bad : List.of("--localities 0", "--localities 1001", "--areas 10 --localities 11", "--areas 50001",
                "--referrals 50000001", "--services 50000001", "--localities x")) {
            SampleCommandTest.Result r = sample(tmp, bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertTrue(r.err().startsWith("jsna: error: "), r.err());
        }
        assertEquals(0, sample(tmp.resolve("one"), "--areas 10 --referrals 50 --services 50 --localities 1").code());
    }

    @Test
    void rowsRefuseAValueThatWouldNeedQuotes() throws IOException {
        try (Rows w = new Rows(new ByteArrayOutputStream())) {
            w.text("a");
            assertThrows(IllegalStateException.class, () -> w.text("b,c"));
            assertThrows(IllegalStateException.class, () -> w.text("say \"hi\""));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Rows w = new Rows(out)) {
            w.id('R', 1_000_001).empty().quarters(10).quarters(12).quarters(9).quarters(0).cents(12345).cents(7).number(-3).endRow();
        }
        assertEquals("R1000001,,2.5,3,2.25,0,123.45,0.07,-3\n", out.toString(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
