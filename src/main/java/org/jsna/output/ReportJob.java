package org.jsna.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.Codes;
import org.jsna.aggregate.Cubes;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.common.JsnaException;
import org.jsna.common.Log;
import org.jsna.common.Version;
import org.jsna.indicators.Comparison;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Disclosure;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.IndicatorTable;
import org.jsna.indicators.Inequalities;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.ReportData;
import org.jsna.input.ClientGroup;
import org.jsna.input.ExtractReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;
import org.jsna.output.table.CsvTables;

/**
 * The whole {@code jsna report} run once its options are parsed: read and fold the inputs, build
 * the indicator table, compare, apply disclosure control, compute inequalities, and write every
 * output into a temporary folder that replaces {@code --out} only when all of it succeeded.
 */
public final class ReportJob {

    /** What the command line asked for. */
    public record Options(JsnaConfig config, Path out, Set<String> formats, boolean skipInvalidRows, int threads,
            LocalDate from, LocalDate to, long seed, String commandLine, LocalDate today) {
    }

    /** Writes the formats that other parts of jsna draw (xlsx, charts, html) from the finished data. */
    public interface Renderer {
        void render(ReportData data, Path dir, Options options) throws IOException;
    }

    /** What the run did, for the summary on stderr. */
    public record Outcome(ReportData data, ReadSummary summary, long rejected, Path out) {
    }

    private ReportJob() {
    }

    public static Outcome run(Options o, Renderer renderer) {
        return run(o, renderer, null);
    }

    /** As {@link #run(Options, Renderer)}, reporting reading progress to {@code progress} (null for none). */
    public static Outcome run(Options o, Renderer renderer, ExtractReader.Progress progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsnaConfig cfg = o.config();
        refuseOutputOverInputs(cfg, o.out());
        try (OutputFolder folder = OutputFolder.open(o.out())) {
            try {
                return write(o, cfg, renderer, progress, folder, started);
            } catch (RuntimeException e) {
                // a signal stopped the run: whatever failed in the temporary folder is that, not its own error
                throw folder.stopped() ? folder.stoppedError() : e;
            }
        }
    }

    private static Outcome write(Options o, JsnaConfig cfg, Renderer renderer, ExtractReader.Progress progress,
            OutputFolder folder, Instant started) {
        try {
            Path dir = folder.dir();
            Path rejectsFile = dir.resolve("rejects.csv");
            CsvTables.Rejects[] rejects = new CsvTables.Rejects[1];
            ExtractReader reader = new ExtractReader(cfg, o.today(), o.skipInvalidRows(), p -> {
                try {
                    if (rejects[0] == null) {
                        rejects[0] = new CsvTables.Rejects(rejectsFile);
                    }
                    rejects[0].add(p.file(), p.line(), p.column(), p.reason(), p.rejectValue());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).withProgress((role, file, done, total) -> {
                folder.checkNotStopped();
                if (progress != null) {
                    progress.update(role, file, done, total);
                }
            });
            Aggregator agg = new Aggregator(cfg.clientGroups(), cfg.localities(), PeriodScheme.of(cfg.period()),
                    o.from(), o.to()).populationSource(populationFiles(cfg));
            ReadSummary summary;
            long t0 = System.nanoTime();
            try {
                summary = reader.read(agg);
            } finally {
                if (rejects[0] != null) {
                    rejects[0].close();
                }
            }
            requireValidRows(summary, JsnaConfig.AREAS, "area");
            requireValidRows(summary, JsnaConfig.POPULATION, "population row");
            reader.checkLocalityOrder();
            Log.detail(String.format(java.util.Locale.ROOT, "read the inputs in %.1f s", (System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            folder.checkNotStopped();
            Cubes cubes = agg.finish();
            if (cubes.periodYears.length == 0) {
                Log.warnOnce("no referral or service event dates to report: the indicator tables are empty");
            }
            Coverage coverage = coverage(o, cfg, agg);
            Map<String, String> partPeriods = new LinkedHashMap<>();
            Map<String, String> populationNotes = new LinkedHashMap<>();
            PeriodScheme scheme = PeriodScheme.of(cfg.period());
            for (int i = 0; i < cubes.periodYears.length; i++) {
                if (coverage != null) {
                    cubes.partNote[i] = scheme.partNote(cubes.periodYears[i], coverage.from(), coverage.to());
                }
                if (cubes.partNote[i] != null) {
                    partPeriods.put(cubes.periodLabels.get(i), cubes.partNote[i]);
                }
                if (cubes.populationNote[i] != null) {
                    populationNotes.put(cubes.periodLabels.get(i), cubes.populationNote[i]);
                }
            }
            List<IndicatorRow> rows = IndicatorTable.build(cubes);
            Comparison.apply(rows);
            boolean suppression = cfg.suppressionEnabled();
            if (suppression) {
                Disclosure.apply(rows, cfg.suppressionMin(), cfg.suppressionMax(), cfg.secondarySuppression(),
                        new Disclosure.Geography(agg.decilesByLocality()));
            }
            Log.detail(String.format(java.util.Locale.ROOT, "computed %d indicator rows in %.1f s", rows.size(),
                    (System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            List<InequalityRow> inequalities = Inequalities.compute(cubes, rows, o.seed());
            for (InequalityRow q : inequalities) {
                String note = partPeriods.get(q.period);
                if (note != null) {
                    q.valueNote = q.valueNote.isEmpty() ? note : q.valueNote + "; " + note;
                }
            }
            Log.detail(String.format(java.util.Locale.ROOT, "computed %d inequality rows in %.1f s", inequalities.size(),
                    (System.nanoTime() - t0) / 1e9));
            List<Indicator.FileTotal> exposed = suppression ? Disclosure.exposedFileTotals(rows) : List.of();
            List<DataQualityItem> quality = withhold(dataQuality(summary, agg), summary, exposed);
            if (!exposed.isEmpty()) {
                Log.info("some counts of data-quality.csv and manifest.json are withheld: with one period and client "
                        + "group they would give back a suppressed count (docs/disclosure.md)");
            }

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("tool", "jsna");
            manifest.put("version", Version.VERSION);
            manifest.put("command_line", o.commandLine());
            manifest.put("started", started.toString());
            manifest.put("finished", null);
            manifest.put("seed", o.seed());
            Map<String, Object> supp = new LinkedHashMap<>();
            supp.put("enabled", suppression);
            if (suppression) {
                supp.put("min", cfg.suppressionMin());
                supp.put("max", cfg.suppressionMax());
                supp.put("secondary", cfg.secondarySuppression());
            }
            manifest.put("suppression", supp);
            Map<String, Object> settings = new LinkedHashMap<>(cfg.asManifestSettings());
            settings.put("from", o.from() == null ? null : o.from().toString());
            settings.put("to", o.to() == null ? null : o.to().toString());
            settings.put("formats", List.copyOf(o.formats()));
            settings.put("periods", cubes.periodLabels);
            Map<String, Object> cov = new LinkedHashMap<>();
            cov.put("from", coverage == null ? null : coverage.from().toString());
            cov.put("to", coverage == null ? null : coverage.to().toString());
            cov.put("source", coverage == null ? null : coverage.source());
            cov.put("part_periods", new LinkedHashMap<>(partPeriods));
            settings.put("coverage", cov);
            Map<String, Object> popYears = new LinkedHashMap<>();
            for (int i = 0; i < cubes.periodYears.length; i++) {
                Map<String, Object> py = new LinkedHashMap<>();
                py.put("population_year", cubes.populationYear[i] < 0 ? null : cubes.populationYear[i]);
                py.put("note", cubes.populationNote[i]);
                popYears.put(cubes.periodLabels.get(i), py);
            }
            settings.put("population_years", popYears);
            manifest.put("settings", settings);
            List<Object> inputs = new ArrayList<>();
            for (ReadSummary.FileSummary f : summary.files()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("role", f.role());
                m.put("path", f.path().toString());
                m.put("bytes", f.bytes());
                m.put("sha256", f.sha256());
                m.put("encoding", f.encoding());
                boolean withheldRows = withheld(exposed, f.role(), "rows_used");
                m.put("rows_read", withheldRows ? null : f.rowsRead());
                m.put("rows_used", withheldRows ? null : f.rowsUsed());
                m.put("rows_rejected", f.rowsRejected());
                if (withheldRows) {
                    m.put("rows_withheld", "rows read and used are withheld: they would give back a suppressed count");
                }
                inputs.add(m);
            }
            manifest.put("inputs", inputs);

            Map<String, String> groups = new LinkedHashMap<>();
            for (ClientGroup g : cfg.clientGroups()) {
                groups.put(g.id(), g.label());
            }
            ReportData data = new ReportData(List.copyOf(rows), List.copyOf(inequalities), population(agg),
                    quality, cubes.localities, groups, cubes.periodLabels, suppression, manifest,
                    Map.copyOf(partPeriods), Map.copyOf(populationNotes));

            folder.checkNotStopped();
            if (o.formats().contains("csv")) {
                CsvTables.writeIndicators(rows, dir.resolve("indicators.csv"));
                CsvTables.writeInequalities(inequalities, dir.resolve("inequalities.csv"));
                CsvTables.writeDataQuality(quality, dir.resolve("data-quality.csv"));
            }
            manifest.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            folder.checkNotStopped();
            if (renderer != null) {
                renderer.render(data, dir, o);
            }
            folder.checkNotStopped();
            manifest.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            manifest.put("outputs", describeOutputs(dir));
            Files.writeString(dir.resolve("manifest.json"), Json.write(manifest));
            folder.commit();
            return new Outcome(data, summary, summary.rowsRejected(), folder.target());
        } catch (IOException e) {
            throw JsnaException.io("writing the output: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw JsnaException.io("writing rejects.csv: " + e.getCause().getMessage(), e);
        }
    }

    /** The extract's coverage and where it came from ({@code --from/--to}, {@code jsna.yaml} or {@code data}). */
    record Coverage(LocalDate from, LocalDate to, String source) {
    }

    /**
     * The coverage of indicators.md's "Part periods": each end from --from/--to, else jsna.yaml's
     * {@code coverage}, else the whole months from the earliest to the latest referral date or service
     * start date; null when there is no record and nothing says.
     */
    static Coverage coverage(Options o, JsnaConfig cfg, Aggregator agg) {
        LocalDate[] data = agg.dataCoverage();
        LocalDate from = o.from() != null ? o.from() : cfg.coverageFrom() != null ? cfg.coverageFrom()
                : data == null ? null : data[0];
        LocalDate to = o.to() != null ? o.to() : cfg.coverageTo() != null ? cfg.coverageTo()
                : data == null ? null : data[1];
        if (from == null || to == null) {
            return null;
        }
        String source = o.from() != null || o.to() != null ? "--from/--to"
                : cfg.coverageFrom() != null || cfg.coverageTo() != null ? "jsna.yaml" : "data";
        return new Coverage(from, to, source);
    }

    /** True when an exposed file total of this input role gives {@code item} away. */
    static boolean withheld(List<Indicator.FileTotal> exposed, String role, String item) {
        for (Indicator.FileTotal t : exposed) {
            if (t.role().equals(role) && t.items().contains(item)) {
                return true;
            }
        }
        return false;
    }

    /** The data-quality items with the counts that would give a suppressed count back withheld. */
    static List<DataQualityItem> withhold(List<DataQualityItem> items, ReadSummary summary,
            List<Indicator.FileTotal> exposed) {
        if (exposed.isEmpty()) {
            return items;
        }
        Map<String, String> roleOfFile = new LinkedHashMap<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            roleOfFile.putIfAbsent(fileName(f.path()), f.role());
        }
        List<DataQualityItem> out = new ArrayList<>();
        for (DataQualityItem q : items) {
            String role = roleOfFile.get(q.file());
            out.add(role != null && withheld(exposed, role, q.item()) ? q.withholding() : q);
        }
        return out;
    }

    /** data-quality.csv rows: per input file its row counts and rejection reasons, then the counters. */
    static List<DataQualityItem> dataQuality(ReadSummary summary, Aggregator agg) {
        List<DataQualityItem> out = new ArrayList<>();
        Map<String, String> fileOfRole = new LinkedHashMap<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            String name = fileName(f.path());
            fileOfRole.putIfAbsent(f.role(), name);
            out.add(new DataQualityItem(name, "rows_read", f.rowsRead()));
            out.add(new DataQualityItem(name, "rows_used", f.rowsUsed()));
            out.add(new DataQualityItem(name, "rows_rejected", f.rowsRejected()));
            for (Map.Entry<String, Long> e : f.rejectedByReason().entrySet()) {
                out.add(new DataQualityItem(name, "rejected:" + e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, Map<String, Long>> role : agg.dataQuality().entrySet()) {
            if (role.getKey().equals(Aggregator.POPULATION)) {
                // one count per population file, not the sum under the first file's name
                for (ReadSummary.FileSummary f : summary.files()) {
                    if (f.role().equals(JsnaConfig.POPULATION)) {
                        out.add(new DataQualityItem(fileName(f.path()), "population_outside_lookup",
                                agg.populationOutsideLookup().getOrDefault(f.path().toString(), 0L)));
                    }
                }
                continue;
            }
            String name = fileOfRole.getOrDefault(role.getKey(), role.getKey());
            for (Map.Entry<String, Long> e : role.getValue().entrySet()) {
                out.add(new DataQualityItem(name, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    /**
     * With --on-error skip, an areas or population input whose every row was rejected leaves nothing to
     * report on: stop with that plainly rather than with a puzzling error further on.
     */
    static void requireValidRows(ReadSummary summary, String role, String what) {
        long read = 0;
        long used = 0;
        List<String> files = new ArrayList<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            if (f.role().equals(role)) {
                read += f.rowsRead();
                used += f.rowsUsed();
                files.add(f.path().toString());
            }
        }
        if (read > 0 && used == 0) {
            throw JsnaException.input(String.join(", ", files) + ": all " + read + " rows are invalid (jsna validate "
                    + "lists them): expected at least one valid " + what);
        }
    }

    /**
     * Refuses (usage error) an {@code --out} that is or holds the folder of an input file or of the
     * jsna.yaml, e.g. {@code jsna report data --out data}. {@link OutputFolder} would refuse most such
     * folders too (they are not earlier jsna outputs, exit 4), but this check comes first because its
     * message names the actual mistake, and it also covers inputs kept inside an earlier output.
     */
    static void refuseOutputOverInputs(JsnaConfig cfg, Path out) {
        Path o = real(out);
        List<Path> inputs = new ArrayList<>();
        for (JsnaConfig.PopulationInput p : cfg.population()) {
            inputs.add(p.path());
        }
        inputs.add(cfg.areas());
        inputs.add(cfg.referrals());
        inputs.add(cfg.services());
        inputs.add(cfg.configFile());
        for (Path p : inputs) {
            if (p != null && real(p).startsWith(o)) {
                throw JsnaException.usage("--out " + out + " holds the input " + p
                        + ": the output folder replaces it, so choose another folder");
            }
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The population file or files as given, for messages about the population as a whole. */
    public static String populationFiles(JsnaConfig cfg) {
        List<String> paths = new ArrayList<>();
        for (JsnaConfig.PopulationInput p : cfg.population()) {
            paths.add(p.path().toString());
        }
        return String.join(", ", paths);
    }

    private static String fileName(Path p) {
        Path f = p.getFileName();
        return f == null ? p.toString() : f.toString();
    }

    static List<PopulationCell> population(Aggregator agg) {
        List<PopulationCell> out = new ArrayList<>();
        for (Aggregator.PopulationBand b : agg.populationBands()) {
            out.add(new PopulationCell(b.year(), b.locality(), b.sex(), Codes.BANDS.get(b.band()), b.population()));
        }
        return out;
    }

    /** Every file under dir except manifest.json: relative path with '/', bytes, sha256; in path order. */
    static List<Object> describeOutputs(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Object> out = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            if (rel.equals("manifest.json")) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", rel);
            m.put("bytes", Files.size(f));
            m.put("sha256", sha256(f));
            out.add(m);
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
