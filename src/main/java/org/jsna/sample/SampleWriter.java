package org.jsna.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.console.JsnaException;
import org.jsna.sample.SampleGenerator.Area;
import org.jsna.sample.SampleGenerator.Event;
import org.jsna.sample.SampleGenerator.Referral;

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

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    /** One file written: its name and number of data rows (header excluded). */
    public record Written(String file, long rows, long bytes) {
    }

    private SampleWriter() {
    }

    /** Generates the set for {@code settings} and writes it into {@code dir} (created if missing). */
    public static List<Written> write(Path dir, SampleSettings settings) {
        SampleGenerator.SampleData data = SampleGenerator.generate(settings);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw JsnaException.io(dir + ": cannot create the output folder (" + e.getMessage() + ")", e);
        }
        if (!Files.isDirectory(dir)) {
            throw JsnaException.io(dir + ": not a folder");
        }
        List<Written> out = new ArrayList<>();
        out.add(writeCsv(dir, POPULATION, POPULATION_HEADER, p -> {
            long n = 0;
            for (Area a : data.areas()) {
                for (int y = 0; y < SampleGenerator.YEARS.length; y++) {
                    for (int s = 0; s < 2; s++) {
                        for (int age = 0; age <= SampleGenerator.MAX_AGE; age++) {
                            p.printRecord(a.code, s == 0 ? "F" : "M", age, SampleGenerator.YEARS[y], a.population[y][s][age]);
                            n++;
                        }
                    }
                }
            }
            return n;
        }));
        out.add(writeCsv(dir, AREAS, AREAS_HEADER, p -> {
            long n = 0;
            for (Area a : data.lookupAreas()) {
                p.printRecord(a.code, a.name, a.locality, a.decile, String.format(Locale.ROOT, "%.3f", a.imdScore));
                n++;
            }
            return n;
        }));
        out.add(writeCsv(dir, REFERRALS, REFERRALS_HEADER, p -> {
            for (Referral r : data.referrals()) {
                p.printRecord(r.id, r.person.id, date(r.date), SampleGenerator.GROUPS.get(r.person.group),
                        r.person.areaCode, r.person.sex, r.person.ageOn(r.date), r.source, r.outcome, r.priority, r.team);
            }
            return data.referrals().size();
        }));
        out.add(writeCsv(dir, SERVICES, SERVICES_HEADER, p -> {
            for (Event e : data.events()) {
                p.printRecord(e.id, e.person.id, SampleGenerator.GROUPS.get(e.person.group), e.serviceType,
                        date(e.start), date(e.end), decimal(e.units),
                        Double.isNaN(e.cost) ? "" : String.format(Locale.ROOT, "%.2f", e.cost), e.funder,
                        e.referralId == null ? "" : e.referralId, e.person.areaCode, e.person.sex, e.person.ageOn(e.start));
            }
            return data.events().size();
        }));
        out.add(writeText(dir, CONFIG, config(settings)));
        return out;
    }

    /** The jsna.yaml of the set: the four inputs and the localities in reporting order. */
    static String config(SampleSettings s) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Synthetic council made by: jsna sample --areas ").append(s.areas())
                .append(" --referrals ").append(s.referrals()).append(" --services ").append(s.services())
                .append(" --seed ").append(s.seed()).append('\n');
        sb.append("# Not real people: see docs/sample.md.\n");
        sb.append("inputs:\n");
        sb.append("  population: ").append(POPULATION).append('\n');
        sb.append("  areas: ").append(AREAS).append('\n');
        sb.append("  referrals: ").append(REFERRALS).append('\n');
        sb.append("  services: ").append(SERVICES).append('\n');
        sb.append("localities: [").append(String.join(", ", SampleGenerator.LOCALITIES)).append("]\n");
        return sb.toString();
    }

    private interface Body {
        long print(CSVPrinter printer) throws IOException;
    }

    private static Written writeCsv(Path dir, String name, List<String> header, Body body) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        long rows;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16);
                CSVPrinter p = new CSVPrinter(w, FORMAT)) {
            p.printRecord(header);
            rows = body.print(p);
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

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String decimal(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
