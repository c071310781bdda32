package org.jsna.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsna.console.JsnaException;
import org.jsna.sample.SampleGenerator.Area;

/**
 * Writes a {@link SampleGenerator.SampleData} as the four canonical input files of data.md and a
 * {@code jsna.yaml} naming them: UTF-8 without BOM, LF line ends, ISO dates, fixed locale.
 */
public final class SampleWriter {

    public static final String POPULATION = "population.csv";
    public static final String AREAS = "areas.csv";
    public static final String REFERRALS = "referrals.csv";
    public static final String SERVICES = "services.csv";
    public static final String CONFIG = "jsna.yaml";

    public static final List<String> POPULATION_HEADER = List.of("area_code", "sex", "age", "year", "population");
    public static final List<String> AREAS_HEADER = List.of("area_code", "area_name", "locality", "imd_decile", "imd_score");
    public static final List<String> REFERRALS_HEADER = List.of("referral_id", "person_id", "referral_date",
            "client_group", "area_code", "sex", "age", "source", "outcome", "priority", "team");
    public static final List<String> SERVICES_HEADER = List.of("event_id", "person_id", "client_group", "service_type",
            "start_date", "end_date", "units", "cost", "funder", "referral_id", "area_code", "sex", "age");

    /** One file written: its name and number of data rows (header excluded). */
    public record Written(String file, long rows, long bytes) {
    }

    private SampleWriter() {
    }

    /** Generates the set for {@code settings} and writes it into {@code dir} (created if missing). */
    public static List<Written> write(Path dir, SampleSettings settings) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw JsnaException.io(dir + ": cannot create the output folder (" + e.getMessage() + ")", e);
        }
        if (!Files.isDirectory(dir)) {
            throw JsnaException.io(dir + ": not a folder");
        }
        SampleGenerator.SampleData data = SampleGenerator.generate(settings);
        List<Written> out = new ArrayList<>();
        out.add(writeCsv(dir, POPULATION, POPULATION_HEADER, w -> {
            long n = 0;
            for (Area a : data.areas()) {
                for (int y = 0; y < data.years.length; y++) {
                    for (int s = 0; s < 2; s++) {
                        for (int age = 0; age <= SampleGenerator.MAX_AGE; age++) {
                            w.text(a.code).text(s == 0 ? "F" : "M").number(age).number(data.years[y])
                                    .number(a.population[y][s][age]).endRow();
                            n++;
                        }
                    }
                }
            }
            return n;
        }));
        out.add(writeCsv(dir, AREAS, AREAS_HEADER, w -> {
            long n = 0;
            for (Area a : data.lookupAreas()) {
                w.text(a.code).text(a.name).text(a.locality).number(a.decile)
                        .text(String.format(Locale.ROOT, "%.3f", a.imdScore)).endRow();
                n++;
            }
            return n;
        }));
        SampleGenerator.People people = data.people;
        List<Area> lookup = data.lookupAreas();
        String[] teams = new String[SampleGenerator.GROUPS.size() * (lookup.size() + 1)];
        out.add(writeCsv(dir, REFERRALS, REFERRALS_HEADER, w -> {
            SampleGenerator.Referrals r = data.referrals;
            for (int i = 0; i < r.size; i++) {
                int p = r.person[i];
                int g = people.group[p];
                w.id('R', 1_000_001 + i).id('P', people.id[p]).date(r.date[i]).text(SampleGenerator.GROUPS.get(g));
                areaCode(w, people.area[p], lookup);
                w.text(people.sex[p] == 0 ? "F" : "M").number(SampleGenerator.age(people.birth[p], r.date[i]))
                        .text(r.source[i] < 0 ? "" : SampleGenerator.SOURCES[r.source[i]])
                        .text(r.outcome[i] < 0 ? "" : SampleGenerator.OUTCOMES[r.outcome[i]])
                        .text(r.priority[i] < 0 ? "" : r.priority[i] == SampleGenerator.URGENT ? "urgent" : "routine")
                        .text(team(teams, g, people.area[p], lookup)).endRow();
            }
            return r.size;
        }));
        out.add(writeCsv(dir, SERVICES, SERVICES_HEADER, w -> {
            SampleGenerator.Events e = data.events;
            for (int row = 0; row < e.count; row++) {
                int i = e.order[row];
                int p = e.person[i];
                w.id('S', 1_000_001 + row).id('P', people.id[p]).text(SampleGenerator.GROUPS.get(people.group[p]))
                        .text(SampleGenerator.TYPES[e.type[i]].name()).date(e.start[i]);
                if (e.end[i] < 0) {
                    w.empty();
                } else {
                    w.date(e.end[i]);
                }
                if (e.quarters[i] < 0) {
                    w.empty();
                } else {
                    w.quarters(e.quarters[i]);
                }
                if (e.cents[i] < 0) {
                    w.empty();
                } else {
                    w.cents(e.cents[i]);
                }
                w.text(e.funder[i] < 0 ? "" : SampleGenerator.FUNDERS[e.funder[i]]);
                int ref = e.ref[i];
                if (ref >= 0) {
                    w.id('R', 1_000_001 + ref);
                } else if (ref == -1) {
                    w.empty();
                } else {
                    w.id('R', data.foreignIdBase + (-2 - ref));
                }
                areaCode(w, people.area[p], lookup);
                w.text(people.sex[p] == 0 ? "F" : "M").number(SampleGenerator.age(people.birth[p], e.start[i])).endRow();
            }
            return e.count;
        }));
        out.add(writeText(dir, CONFIG, config(settings, data.localities())));
        return out;
    }

    private static void areaCode(Rows w, int area, List<Area> lookup) throws IOException {
        if (area >= 0) {
            w.text(lookup.get(area).code);
        } else if (area == SampleGenerator.NO_AREA) {
            w.empty();
        } else {
            w.text(SampleGenerator.OUTSIDE_AREAS[-2 - area]);
        }
    }

    /** The team of a referral, one string per group and area (made once). */
    private static String team(String[] teams, int group, int area, List<Area> lookup) {
        int k = group * (lookup.size() + 1) + (area >= 0 ? area + 1 : 0);
        String t = teams[k];
        if (t == null) {
            t = SampleGenerator.team(group, area >= 0 ? lookup.get(area) : null);
            teams[k] = t;
        }
        return t;
    }

    /** The jsna.yaml of the set: the four inputs and the localities in reporting order. */
    static String config(SampleSettings s, List<String> localities) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Synthetic council made by: jsna sample --areas ").append(s.areas())
                .append(" --referrals ").append(s.referrals()).append(" --services ").append(s.services())
                .append(" --seed ").append(s.seed());
        if (!s.namedLocalities()) {
            sb.append(" --localities ").append(s.localities());
        }
        sb.append('\n');
        sb.append("# Not real people: see docs/sample.md.\n");
        sb.append("inputs:\n");
        sb.append("  population: ").append(POPULATION).append('\n');
        sb.append("  areas: ").append(AREAS).append('\n');
        sb.append("  referrals: ").append(REFERRALS).append('\n');
        sb.append("  services: ").append(SERVICES).append('\n');
        sb.append("localities: [").append(String.join(", ", localities)).append("]\n");
        return sb.toString();
    }

    private interface Body {
        long print(Rows rows) throws IOException;
    }

    private static Written writeCsv(Path dir, String name, List<String> header, Body body) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        long rows;
        try (Rows w = new Rows(Files.newOutputStream(tmp))) {
            for (String h : header) {
                w.text(h);
            }
            w.endRow();
            rows = body.print(w);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw JsnaException.io(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        return moveIntoPlace(tmp, target, rows);
    }

    private static Written writeText(Path dir, String name, String text) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw JsnaException.io(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        return moveIntoPlace(tmp, target, 0);
    }

    private static Written moveIntoPlace(Path tmp, Path target, long rows) {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return new Written(target.getFileName().toString(), rows, Files.size(target));
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw JsnaException.io(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error is the one reported
        }
    }
}
