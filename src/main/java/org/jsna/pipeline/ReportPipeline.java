package org.jsna.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.CountCube;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.indicators.Comparison;
import org.jsna.indicators.DataQualityItem;
import org.jsna.indicators.Disclosure;
import org.jsna.indicators.Indicator;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.IndicatorTable;
import org.jsna.indicators.Inequalities;
import org.jsna.indicators.InequalityRow;
import org.jsna.indicators.PopulationCell;
import org.jsna.indicators.RecentTrend;
import org.jsna.indicators.ReportData;
import org.jsna.input.ClientGroup;
import org.jsna.input.InputReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;
import org.jsna.output.table.CsvTables;

/**
 * {@code jsna report} once its options are parsed, as the stages of the pipeline in order:
 * <ol>
 *   <li><b>read and validate</b> the four inputs ({@code input/}, {@code validate/}); invalid rows stop the
 *       run or go to rejects.csv;</li>
 *   <li><b>aggregate</b> the records into counts per period, client group and place ({@code aggregate/});</li>
 *   <li><b>indicators</b>: every row of the catalogue, compared with the area ({@code indicators/});</li>
 *   <li><b>disclosure control</b> over the whole table, then the inequality measures from published
 *       decile rows;</li>
 *   <li><b>write</b> every format asked for ({@code output/}) and the manifest into a temporary folder that
 *       replaces {@code --out} only when all of it succeeded ({@link OutputFolder}).</li>
 * </ol>
 */
public final class ReportPipeline {

    /** What the command line asked for. */
    public record Options(JsnaConfig config, Path out, Set<String> formats, boolean skipInvalidRows, int threads,
            LocalDate from, LocalDate to, long seed, String commandLine, LocalDate today) {
    }

    /** What the run did, also said on stderr at the end. */
    public record Outcome(ReportData data, ReadSummary summary, long rejected, Path out) {
    }

    /** How far the reading has got, e.g. for a progress bar on a terminal. */
    public interface Progress extends InputReader.Progress {
        /** The reading is over, whether it succeeded or not: nothing more will be reported. */
        void done();
    }

    /**
     * System property: bytes of records held in memory before they go to disk (default an eighth of the
     * maximum heap); for tests and diagnosis.
     */
    public static final String SPILL_ABOVE = "jsna.spillAbove";
    /**
     * The most records a run holds in memory before they go to disk, whatever the heap: with a heap of gigabytes
     * an eighth of it would let the records alone take more than a national run needs in all (issue 8).
     */
    static final long SPILL_MAX = 256L << 20;

    /** More periods than a JSNA reports (two decades): the run warns of a placeholder date. */
    static final int MANY_PERIODS = 20;

    private ReportPipeline() {
    }

    public static Outcome run(Options o) {
        return run(o, null);
    }

    /** As {@link #run(Options)}, reporting reading progress to {@code progress} (null for none). */
    public static Outcome run(Options o, Progress progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        refuseOutputOverInputs(o.config(), o.out());
        Outcome outcome = OutputFolder.write(o.out(), folder -> stages(o, progress, folder, started));
        long rejected = outcome.rejected();
        if (rejected > 0) {
            Log.info(rejected + " invalid row" + (rejected == 1 ? "" : "s") + " rejected: see "
                    + o.out().resolve("rejects.csv"));
        }
        Log.info("wrote " + outcome.data().indicators().size() + " indicator rows for "
                + outcome.data().periods().size() + " period(s) to " + o.out());
        return outcome;
    }

    /**
     * The aggregation of a run over the report inputs: the configured groups, localities and periods, the
     * dates used, and the records past an eighth of the heap (at most {@link #SPILL_MAX}) on disk in {@code dir}
     * (the run's temporary folder).
     */
    static Aggregator aggregator(JsnaConfig cfg, LocalDate from, LocalDate to, Path dir) {
        return new Aggregator(cfg.clientGroups(), cfg.localities(), PeriodScheme.of(cfg.period()), from, to)
                .populationSource(populationFiles(cfg))
                .spillAbove(Long.getLong(SPILL_ABOVE, Math.min(SPILL_MAX, Runtime.getRuntime().maxMemory() / 8)), dir);
    }

    private static Outcome stages(Options o, Progress progress, OutputFolder folder, Instant started)
            throws IOException {
        JsnaConfig cfg = o.config();
        Path dir = folder.dir();

        // 1. read and validate
        long t0 = System.nanoTime();
        Aggregator agg = aggregator(cfg, o.from(), o.to(), dir);
        ReadSummary summary = read(o, folder, progress, agg);
        lap(t0, "read the inputs");
        // the SII simulations' random deviates, made while the records are aggregated (the reading's memory is free)
        org.jsna.stats.Sii.Draws draws = Inequalities.draws(o.seed());

        // 2. aggregate
        t0 = System.nanoTime();
        folder.checkNotStopped();
        CountCube cubes = agg.finish();
        if (agg.spilled() > 0) {
            Log.detail(String.format(Locale.ROOT, "kept %.0f MiB of records on disk, by partition of the people (more "
                    + "than the records' share of the memory), and folded one partition at a time",
                    agg.spilled() / 1048576.0));
        }
        if (cubes.periodYears.length == 0) {
            Log.warnOnce("no referral or service event dates to report: the indicator tables are empty");
        }
        if (cubes.periodYears.length > MANY_PERIODS && o.from() == null) {
            // one placeholder date (1900-01-01, 0001-01-01) makes a period of every year since: said, not refused
            int n = cubes.periodYears.length;
            Log.warnOnce("the records' dates span " + n + " periods, from " + cubes.periodLabels.get(0) + " to "
                    + cubes.periodLabels.get(n - 1) + ", and every one is reported: if the earliest dates are "
                    + "placeholders, leave them out with --from");
        }
        long noPopulation = agg.areasWithoutPopulation();
        if (noPopulation > 0) {
            Log.warnOnce(noPopulation + " area" + (noPopulation == 1 ? "" : "s") + " of the lookup "
                    + (noPopulation == 1 ? "has" : "have") + " no population row: any records of "
                    + (noPopulation == 1 ? "it" : "them") + " count in the numerators but "
                    + (noPopulation == 1 ? "its" : "their") + " residents in no denominator "
                    + "(data-quality.csv: areas_without_population; do the lookup and the population use the same "
                    + "area codes?)");
        }
        Coverage coverage = Coverage.of(o.from(), o.to(), cfg, agg);
        if (coverage != null && coverage.to().isBefore(coverage.from())) {
            // e.g. --from after the last record: the periods reported hold no records at all
            Log.warnOnce("the report starts on " + coverage.from() + ", after the extract's coverage ends on "
                    + coverage.to() + ": the periods reported hold no records (a --from too late?)");
        }
        if (coverage != null && o.today() != null && coverage.to().isAfter(o.today())) {
            // a coverage end to come (coverage.to or --to in the future) makes the periods up to it look complete
            Log.warnOnce("the extract's coverage is said to end on " + coverage.to() + ", after today (" + o.today()
                    + "): periods up to then count as covered by data that cannot hold them yet");
        }
        Periods periods = Periods.of(cubes, PeriodScheme.of(cfg.period()), coverage);
        lap(t0, "aggregated the records");
        t0 = System.nanoTime();

        // 3. indicators, compared with the area
        List<IndicatorRow> rows = IndicatorTable.build(cubes);
        Comparison.apply(rows);
        lap(t0, "computed " + rows.size() + " indicator rows");
        t0 = System.nanoTime();

        // 4. disclosure control, then the inequality measures from the published decile rows
        boolean suppression = cfg.suppressionEnabled();
        List<Indicator.FileTotal> exposed = suppression ? Disclosure.apply(rows, cfg.suppressionMin(),
                cfg.suppressionMax(), cfg.secondarySuppression(), known(agg))
                : List.of();
        lap(t0, "applied disclosure control");
        // 4b. recent trends, from the published rows only (a suppressed point gives no marker)
        RecentTrend.apply(rows, periods.partNotes().keySet());
        t0 = System.nanoTime();
        List<InequalityRow> inequalities = Inequalities.compute(cubes, rows, draws);
        for (InequalityRow q : inequalities) {
            q.note(periods.partNotes().get(q.period));
        }
        lap(t0, "computed " + inequalities.size() + " inequality rows");
        List<DataQualityItem> quality = DataQuality.withhold(DataQuality.items(summary, agg), summary, exposed);
        if (!exposed.isEmpty()) {
            Log.info("some counts of data-quality.csv and manifest.json are withheld: they would give back a "
                    + "suppressed count (docs/disclosure.md)");
        }

        // 5. write
        Manifest manifest = new Manifest(o, started);
        manifest.suppression(cfg);
        manifest.settings(cfg, o, periods, coverage);
        manifest.inputs(summary, exposed);
        Map<String, String> groups = new LinkedHashMap<>();
        for (ClientGroup g : cfg.clientGroups()) {
            groups.put(g.id(), g.label());
        }
        ReportData data = new ReportData(List.copyOf(rows), List.copyOf(inequalities), population(agg), quality,
                cubes.localities, groups, periods.labels(), suppression, manifest.map(), periods.partNotes(),
                periods.populationNotes());
        manifest.finished();
        folder.checkNotStopped();
        Outputs.write(data, dir, o.formats(), o.threads(), folder);
        folder.checkNotStopped();
        manifest.write(dir);
        folder.commit();
        return new Outcome(data, summary, summary.rowsRejected(), folder.target());
    }

    /** Reads every input into the aggregation; invalid rows go to rejects.csv when skipped. */
    private static ReadSummary read(Options o, OutputFolder folder, Progress progress, Aggregator agg)
            throws IOException {
        return read(o.config(), o.today(), o.skipInvalidRows(), o.threads(), folder, progress, agg);
    }

    /** Reads every input into the aggregation as {@code jsna report} does (also for {@code jsna project}). */
    static ReadSummary read(JsnaConfig cfg, LocalDate today, boolean skipInvalidRows, int threads,
            OutputFolder folder, Progress progress, Aggregator agg) throws IOException {
        Path rejectsFile = folder.dir().resolve("rejects.csv");
        CsvTables.Rejects[] rejects = new CsvTables.Rejects[1];
        InputReader reader = new InputReader(cfg, today, skipInvalidRows, p -> {
            try {
                if (rejects[0] == null) {
                    rejects[0] = new CsvTables.Rejects(rejectsFile);
                }
                rejects[0].add(p.file(), p.line(), p.column(), p.reason(), p.rejectValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).threads(threads).scratch(folder.dir()).withProgress((role, file, done, total) -> {
            folder.checkNotStopped();
            if (progress != null) {
                progress.update(role, file, done, total);
            }
        });
        ReadSummary summary;
        try {
            summary = reader.read(agg);
        } catch (UncheckedIOException e) {
            throw JsnaException.io("writing rejects.csv: " + e.getCause().getMessage(), e);
        } finally {
            if (progress != null) {
                progress.done();
            }
            if (rejects[0] != null) {
                rejects[0].close();
            }
        }
        requireValidRows(summary, JsnaConfig.AREAS, "area");
        requireValidRows(summary, JsnaConfig.POPULATION, "population row");
        reader.checkLocalityOrder();
        return summary;
    }

    private static void lap(long t0, String what) {
        Log.detail(String.format(java.util.Locale.ROOT, "%s in %.1f s", what, (System.nanoTime() - t0) / 1e9));
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
                throw JsnaException.io("--out " + (out.toString().isEmpty() ? "'' (the current folder)" : out)
                        + " holds the input " + p
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

    /** What data-quality.csv and the public lookup tell an intruder besides the indicator table. */
    private static Disclosure.Known known(Aggregator agg) {
        Long uncosted = agg.dataQuality().getOrDefault(Aggregator.SERVICES, Map.of()).get("cost_unknown");
        return new Disclosure.Known(agg.decilesByLocality(), uncosted == null ? Double.NaN : uncosted);
    }

    static List<PopulationCell> population(Aggregator agg) {
        List<PopulationCell> out = new ArrayList<>();
        for (Aggregator.PopulationBand b : agg.populationBands()) {
            out.add(new PopulationCell(b.year(), b.locality(), b.sex(), org.jsna.stats.Dsr.ESP2013_BANDS.get(b.band()), b.population()));
        }
        return out;
    }

}
