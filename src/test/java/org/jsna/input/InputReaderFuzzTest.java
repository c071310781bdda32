package org.jsna.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.jsna.console.JsnaException;
import org.jsna.fuzz.Fuzz;
import org.jsna.fuzz.FuzzTries;

/**
 * The readers of the four input files on damaged copies of a valid set: hostile cells, quotes, line
 * ends, NUL bytes, byte-order marks, truncation, repeated stretches, other encodings and random bytes.
 * Reading as {@code report} does (first defect stops) may end only in an input error (exit 3), and
 * {@code jsna validate} only in exit 0 or 3 — never an internal error or a hang.
 */
@AddLifecycleHook(FuzzTries.class)
class InputReaderFuzzTest {

    static final List<String> ROLES = List.of("areas", "population", "referrals", "services");
    /** Extra shapes of the valid files, so that the other age, band and date columns are reached too. */
    static final Map<String, List<String>> VARIANTS = Map.of(
            "population", List.of("area_code,sex,age_band,population\nE01000001,F,30-34,100\nE01000002,M,90+,7\n"),
            "referrals", List.of("referral_id,person_id,referral_date,client_group,area_code,sex,birth_date,birth_year,"
                    + "end_date\nR1,P1,2023-05-01,mental_health,E01000001,F,1990-02-28,,2023-06-01\n"
                    + "R2,P2,2024-02-29,older_people,E01000002,M,,1950,\n"),
            "services", List.of("event_id,person_id,client_group,service_type,start_date,units,unit_cost,"
                    + "area_code,sex,birth_year,referral_id\nE1,P1,mental_health,x,2023-05-10,4,12.5,E01000001,F,"
                    + "1990,R1\nE2,P2,older_people,y,2023-05-11,1e2,0,E01000003,M,1940,\n"));

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-reader-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Damage(String role, boolean variant, List<Fuzz.Mutation> mutations, Fuzz.Encoding encoding) {
        String text() {
            String base = variant && VARIANTS.containsKey(role) ? VARIANTS.get(role).get(0) : valid(role);
            return Fuzz.mutate(base, mutations);
        }

        @Override
        public String toString() {
            return role + " (" + encoding + "):\n" + text();
        }
    }

    static String valid(String role) {
        try {
            return Files.readString(Fixtures.valid().resolve(role + ".csv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(ROLES), Arbitraries.of(false, true),
                Fuzz.mutations().list().ofMinSize(1).ofMaxSize(8), Fuzz.encodings()).as(Damage::new);
    }

    /** Writes the valid set with {@code role} replaced by {@code bytes}. */
    static Path inputs(String role, byte[] bytes) throws IOException {
        for (String r : ROLES) {
            Files.writeString(DIR.resolve(r + ".csv"), valid(r), StandardCharsets.UTF_8);
        }
        Files.write(DIR.resolve(role + ".csv"), bytes);
        return DIR;
    }

    static void check(Path dir, Object what) {
        for (boolean skip : new boolean[] {false, true}) {
            Fuzz.onlyInputErrors(() -> {
                JsnaConfig cfg = ConfigLoader.load(dir, null, null, null, null, null);
                new InputReader(cfg, Fixtures.TODAY, skip, p -> { }).read(new Fixtures.TextSink());
            }, Set.of(JsnaException.Kind.INPUT), what);
        }
        Fuzz.Run r = Fuzz.run(new byte[0], List.of("validate", dir.toString()));
        Statistics.label("validate exit").collect(r.code());
        Fuzz.assertContract(r, Set.of(0, 3), what);
    }

    @Property(tries = 60)
    void damagedFilesEndInRowsOrAnInputError(@ForAll("damage") Damage d) throws IOException {
        check(inputs(d.role(), d.encoding().encode(d.text())), d);
    }

    @Property(tries = 30)
    void randomBytesEndInAnInputError(@ForAll("roles") String role, @ForAll byte[] bytes, @ForAll boolean afterHeader)
            throws IOException {
        byte[] all = bytes;
        if (afterHeader) {
            // after a valid header and first row, so the rows' readers see the bytes
            byte[] head = valid(role).substring(0, valid(role).indexOf('\n', valid(role).indexOf('\n') + 1) + 1)
                    .getBytes(StandardCharsets.UTF_8);
            all = new byte[head.length + bytes.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(bytes, 0, all, head.length, bytes.length);
        }
        check(inputs(role, all), role + ": " + java.util.Arrays.toString(all));
    }

    @Provide
    Arbitrary<String> roles() {
        return Arbitraries.of(ROLES);
    }
}
