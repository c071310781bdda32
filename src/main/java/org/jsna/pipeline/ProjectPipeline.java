package org.jsna.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.indicators.DataQualityItem;
import org.jsna.input.JsnaConfig;
import org.jsna.input.PrevalenceRates;
import org.jsna.input.ProjectedPopulation;
import org.jsna.input.ReadSummary;
import org.jsna.input.csv.Sha256;
import org.jsna.output.table.CsvTables;
import org.jsna.output.table.ProjectionsCsv;
import org.jsna.projection.Measure;
import org.jsna.projection.Projector;
import org.jsna.projection.ShareOut;

/**
 * {@code jsna project} once its options are parsed (docs/projection.md): <b>read</b> the report inputs as
 * {@code jsna report} does ({@link ReportPipeline#read}), <b>aggregate</b> them with the counts by sex and age
 * band, take the <b>base</b> (the last N complete periods), read the projected population (and prevalence
 * rates), <b>project</b> ({@code projection/}) and <b>write</b> projections.csv, data-quality.csv and
 * manifest.json into a temporary folder that replaces {@code --out} only when all of it succeeded.
 */
public final class ProjectPipeline {

    /** What the command line asked for. */
    public record Options(JsnaConfig config, Path out, Path projections, List<String> projectionAreas,
            int basePeriods, Integer toYear, Path prevalence, boolean skipInvalidRows, int threads, LocalDate from,
            LocalDate to, String commandLine, LocalDate today) {
    }

    /** What the run wrote. */
    public record Outcome(int rows, List<String> basePeriods, int baseYear, List<Integer> years, long rejected,
            Path out, long lowBase) {
    }

    private ProjectPipeline() {
    }

    public static Outcome run(Options o, ReportPipeline.Progress progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ReportPipeline.refuseOutputOverInputs(o.config(), o.out());
        for (Path p : new Path[] {o.projections(), o.prevalence()}) {
            if (p != null && Files.isRegularFile(p) && real(p).startsWith(real(o.out()))) {
                throw JsnaException.io("--out " + o.out() + " holds the input " + p
                        + ": the output folder replaces it, so choose another folder");
            }
        }
        Outcome outcome = OutputFolder.write(o.out(), folder -> stages(o, progress, folder, started));
        if (outcome.rejected() > 0) {
            Log.info(outcome.rejected() + " invalid row" + (outcome.rejected() == 1 ? "" : "s") + " rejected: see "
                    + o.out().resolve("rejects.csv"));
        }
        if (outcome.lowBase() > 0) {
            // projections are not suppressed (projection.md), but a low base's base_value is the small count
            // itself, which jsna report suppresses
            Log.warnOnce(outcome.lowBase() + " projection row" + (outcome.lowBase() == 1 ? " rests" : "s rest")
                    + " on 1 to 7 base records (method: \"" + Projector.LOW_BASE + "\"): their base_value shows "
                    + "counts that jsna report suppresses, and so do value and the limits: projections.csv is not for "
                    + "publication without a disclosure review (docs/projection.md)");
        }
        Log.info("wrote " + outcome.rows() + " projection rows for " + outcome.years().get(0) + "–"
                + outcome.years().get(outcome.years().size() - 1) + " from base period(s) "
                + String.join(", ", outcome.basePeriods()) + " to " + o.out());
        return outcome;
    }

    private static Outcome stages(Options o, ReportPipeline.Progress progress, OutputFolder folder, Instant started)
            throws IOException {
        JsnaConfig cfg = o.config();
        PeriodScheme scheme = PeriodScheme.of(cfg.period());

        // 0. the prevalence rates first: a small file that needs nothing else, so a mistake in it is found
        // before the extracts are read
        PrevalenceRates prevalence = o.prevalence() == null ? null : PrevalenceRates.read(o.prevalence(),
                cfg.codes("sex"));

        // 1. read, as jsna report reads
        Aggregator agg = ReportPipeline.aggregator(cfg, o.from(), o.to(), folder.dir()).bySexAndBand();
        ReadSummary summary = ReportPipeline.read(cfg, o.today(), o.skipInvalidRows(), o.threads(), folder, progress,
                agg);

        // 2. aggregate, and the base periods: the last N complete ones
        folder.checkNotStopped();
        CountCube cube = agg.finish();
        Coverage coverage = Coverage.of(o.from(), o.to(), cfg, agg);
        Periods periods = Periods.of(cube, scheme, coverage);
        int[] base = basePeriods(cube, o.basePeriods());
        int last = base[base.length - 1];
        int baseYear = cube.populationYear[last] >= 0 ? cube.populationYear[last] : cube.periodYears[last];
        List<String> baseLabels = new ArrayList<>();
        for (int p : base) {
            baseLabels.add(cube.periodLabels.get(p));
        }

        // 3. the projected population, by locality
        List<String> localities = cube.localities;
        ProjectedPopulation pp = ProjectedPopulation.read(o.projections(), localities, agg::localityOfArea,
                cfg.codes("sex"), o.projectionAreas());
        List<Integer> years = years(pp, baseYear, o.toYear());
        double[][][] baseYearPopulation = agg.populationByAge(cube.populationYear[last]);
        Map<Integer, double[][][]> q = new TreeMap<>();
        for (int y : years) {
            q.put(y, pp.byLocality != null ? pp.byLocality.get(y) : ShareOut.of(pp.council.get(y), baseYearPopulation));
        }

        // 4. project
        folder.checkNotStopped();
        Projector.Result result = Projector.project(ProjectionBase.of(cube, agg, base), q,
                prevalence == null ? List.of() : prevalence.conditions);

        // 5. write
        Path dir = folder.dir();
        ProjectionsCsv.write(result.rows(), dir.resolve("projections.csv"));
        CsvTables.writeDataQuality(quality(summary, agg, pp, prevalence, result.quality()),
                dir.resolve("data-quality.csv"));
        Manifest manifest = new Manifest(o.commandLine(), started);
        Map<String, Object> settings = Manifest.settings(cfg, o.from(), o.to(), null, periods, coverage);
        // projection.md: projections are modelled values and are not put through disclosure control, so the
        // manifest must not read as if the council's suppression settings had been applied to them
        Map<String, Object> suppression = new java.util.LinkedHashMap<>();
        suppression.put("applied", false);
        suppression.put("note", "projections are not suppressed (projection.md); rows resting on 1 to 7 base records "
                + "say so in method; base counts the report suppresses can be read from them: not for publication "
                + "as they stand");
        suppression.put("report_settings", settings.get("suppression"));
        settings.put("suppression", suppression);
        settings.put("base_periods", baseLabels);
        settings.put("base_year", baseYear);
        settings.put("projection_years", years);
        settings.put("projections_layout", pp.layout);
        settings.put("projection_areas", pp.layout.equals(ProjectedPopulation.SNPP) ? pp.areas : null);
        manifest.put("settings", settings);
        manifest.inputs(summary, List.of());
        manifest.addInput(input("projections", o.projections(), pp.encoding, pp.rowsRead));
        if (prevalence != null) {
            manifest.addInput(input("prevalence", o.prevalence(), prevalence.encoding, prevalence.rowsRead));
        }
        folder.checkNotStopped();
        manifest.write(dir);
        folder.commit();
        long lowBase = result.rows().stream().filter(r -> r.method().endsWith(Projector.LOW_BASE)).count();
        return new Outcome(result.rows().size(), baseLabels, baseYear, years, summary.rowsRejected(),
                folder.target(), lowBase);
    }

    /** The last {@code n} periods wholly inside the coverage, oldest first; a usage error when fewer. */
    static int[] basePeriods(CountCube cube, int n) {
        List<Integer> complete = new ArrayList<>();
        for (int p = 0; p < cube.periods(); p++) {
            if (cube.partNote[p] == null) {
                complete.add(p);
            }
        }
        if (complete.size() < n) {
            throw JsnaException.usage("--base-periods " + n + ": the data cover " + complete.size() + " complete "
                    + "period" + (complete.size() == 1 ? "" : "s") + (complete.isEmpty() ? "" : " ("
                    + String.join(", ", complete.stream().map(cube.periodLabels::get).toList()) + ")")
                    + "; a base period must lie wholly inside the coverage (part periods are left out)");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = complete.get(complete.size() - n + i);
        }
        return out;
    }

    /** The years written: after the base year up to --to-year (default the file's last), each in the file. */
    static List<Integer> years(ProjectedPopulation pp, int baseYear, Integer toYear) {
        int lastInFile = pp.years.get(pp.years.size() - 1);
        int to;
        if (toYear != null) {
            if (toYear <= baseYear) {
                throw JsnaException.usage("--to-year " + toYear + " is not after the base year " + baseYear
                        + " (the population year of the latest base period)");
            }
            if (toYear > lastInFile) {
                throw JsnaException.usage("--to-year " + toYear + " is after the last year of " + pp.file + " ("
                        + lastInFile + ")");
            }
            to = toYear;
        } else {
            to = lastInFile;
            if (to <= baseYear) {
                throw JsnaException.input(pp.file + ": the last year is " + lastInFile + ", not after the base year "
                        + baseYear + ": expected projected years after it");
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int y = baseYear + 1; y <= to; y++) {
            if (!pp.years.contains(y)) {
                throw JsnaException.input(pp.file + ": no projected population for " + y + " (years in the file: "
                        + String.join(", ", pp.years.stream().map(String::valueOf).toList())
                        + "): expected every year from " + (baseYear + 1) + " to " + to);
            }
            out.add(y);
        }
        return out;
    }

    private static List<DataQualityItem> quality(ReadSummary summary, Aggregator agg, ProjectedPopulation pp,
            PrevalenceRates prevalence, Projector.Quality q) {
        List<DataQualityItem> out = new ArrayList<>(DataQuality.items(summary, agg));
        String referrals = null;
        String services = null;
        for (ReadSummary.FileSummary f : summary.files()) {
            if (f.role().equals(JsnaConfig.REFERRALS) && referrals == null) {
                referrals = DataQuality.label(summary, f.path());
            } else if (f.role().equals(JsnaConfig.SERVICES) && services == null) {
                services = DataQuality.label(summary, f.path());
            }
        }
        for (Measure m : Measure.values()) {
            String file = m == Measure.REFERRALS ? referrals : services;
            int i = m.ordinal();
            out.add(new DataQualityItem(file, "projection_sex_unknown:" + m.label, q.sexUnknown()[i]));
            out.add(new DataQualityItem(file, "projection_all_sex_unknown:" + m.label, q.allSexUnknown()[i]));
            out.add(new DataQualityItem(file, "projection_no_population:" + m.label, q.noPopulation()[i]));
        }
        String name = DataQuality.label(summary, Path.of(pp.file));
        out.add(new DataQualityItem(name, "rows_read", pp.rowsRead));
        if (pp.layout.equals(ProjectedPopulation.LONG)) {
            out.add(new DataQualityItem(name, "population_outside_lookup", pp.outsideLookup));
        }
        if (prevalence != null) {
            out.add(new DataQualityItem(DataQuality.label(summary, Path.of(prevalence.file)), "rows_read",
                    prevalence.rowsRead));
        }
        return out;
    }

    /**
     * A manifest input with the keys of the report's (cli.md). The file is read whole and its first invalid
     * value stops the run, so every row read was used (rows outside the lookup included, as for population.csv)
     * and none rejected.
     */
    private static Map<String, Object> input(String role, Path path, String encoding, long rows) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("path", path.toString());
        m.put("bytes", Files.size(path));
        m.put("sha256", Sha256.of(path));
        m.put("encoding", encoding);
        m.put("rows_read", rows);
        m.put("rows_used", rows);
        m.put("rows_rejected", 0L);
        return m;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
