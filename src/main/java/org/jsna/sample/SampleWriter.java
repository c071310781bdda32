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
import org.jsna.console.TempFiles;
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
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw JsnaException.io(dir + ": not a folder");
        }
        for (String name : List.of(POPULATION, AREAS, REFERRALS, SERVICES, CONFIG)) {
            Path f = dir.resolve(name);
            if (Files.exists(f) && !Files.isRegularFile(f)) {
                // found before anything is written, not when four files are already in place
                throw JsnaException.io(f + ": not a file, so it cannot be replaced by the sample's " + name);
            }
            if (Files.exists(f) && !replaceable(dir, f)) {
                throw JsnaException.io(f + ": another user's file in a shared folder (one with the sticky bit, "
                        + "such as /tmp), which this user cannot replace; give another --out");
            }
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw JsnaException.io(dir + ": the folder is not writable");
        }
        dir = dir.toAbsolutePath().normalize();
        Path made = null;
        if (!Files.isDirectory(dir)) {
            try {
                made = TempFiles.createFolders(dir);
            } catch (IOException e) {
                throw JsnaException.io(dir + ": cannot create the output folder (" + e.getMessage() + ")", e);
            }
            for (Path p = dir; p != null && p.startsWith(made); p = p.getParent()) {
                TempFiles.register(p); // a stopped run removes them too, when empty
            }
        }
        boolean done = false;
        try {
            List<Written> written = writeSet(dir, settings);
            done = true;
            return written;
        } finally {
            if (made != null) {
                if (!done) {
                    TempFiles.deleteEmptyFolders(dir, made);
                }
                for (Path p = dir; p != null && p.startsWith(made); p = p.getParent()) {
                    TempFiles.release(p);
                }
            }
        }
    }

    /**
     * Whether this user may rename over {@code f} in {@code dir}: in a folder with the sticky bit only the file's
     * or the folder's owner (or root) may; elsewhere writing the folder is enough. True when it cannot be told.
     */
    private static boolean replaceable(Path dir, Path f) {
        try {
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            if ((mode & 01000) == 0) {
                return true;
            }
            int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return me == 0 || me == (Integer) Files.getAttribute(f, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || me == (Integer) Files.getAttribute(dir, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static List<Written> writeSet(Path dir, SampleSettings settings) {
        SampleGenerator.SampleData data = SampleGenerator.generate(settings);
        // every file is written beside its place under a name of this run's, and the five are moved into place
        // only once all are written: a failed or stopped run (a full disk, SIGTERM) leaves the folder as it was,
        // never a mix of two sets
        List<Pending> out = new ArrayList<>();
        try {
            writeAll(dir, settings, data, out);
            List<Written> written = new ArrayList<>();
            for (Pending p : out) {
                written.add(p.moveIntoPlace());
            }
            return written;
        } finally {
            for (Pending p : out) {
                p.discard();
            }
        }
    }

    private static void writeAll(Path dir, SampleSettings settings, SampleGenerator.SampleData data,
            List<Pending> out) {
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

    /** A file written beside its place, to be moved there (or deleted when the run fails). */
    private static final class Pending {
        final Path tmp;
        final Path target;
        long rows;
        boolean moved;

        Pending(Path dir, String name) {
            this.target = dir.resolve(name);
            this.tmp = TempFiles.register(dir.resolve("." + name + "." + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime()) + ".tmp"));
        }

        JsnaException failed(IOException e) {
            return JsnaException.io(target + ": cannot write (" + (e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied" : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.getMessage()) + ")", e);
        }

        Written moveIntoPlace() {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
                TempFiles.release(tmp);
                return new Written(target.getFileName().toString(), rows, Files.size(target));
            } catch (IOException e) {
                throw failed(e);
            }
        }

        void discard() {
            if (!moved) {
                deleteQuietly(tmp);
            }
            TempFiles.release(tmp);
        }
    }

    private static Pending writeCsv(Path dir, String name, List<String> header, Body body) {
        Pending p = new Pending(dir, name);
        try (Rows w = new Rows(Files.newOutputStream(p.tmp))) {
            for (String h : header) {
                w.text(h);
            }
            w.endRow();
            p.rows = body.print(w);
        } catch (IOException e) {
            p.discard();
            throw p.failed(e);
        }
        return p;
    }

    private static Pending writeText(Path dir, String name, String text) {
        Pending p = new Pending(dir, name);
        try {
            Files.writeString(p.tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.discard();
            throw p.failed(e);
        }
        return p;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the original error is the one reported
        }
    }
}
