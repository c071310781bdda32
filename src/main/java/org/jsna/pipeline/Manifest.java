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
import java.util.stream.Stream;
import org.jsna.console.Version;
import org.jsna.indicators.Indicator;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;
import org.jsna.input.csv.Sha256;
import org.jsna.output.Json;

/**
 * manifest.json (cli.md): tool, version, command line, times, seed, disclosure settings, the resolved
 * settings, every input with its hash and row counts, and every output with its hash. Kept as ordered
 * key/values so that the report can show it as it is written.
 */
final class Manifest {

    private final Map<String, Object> map = new LinkedHashMap<>();

    Manifest(ReportPipeline.Options o, Instant started) {
        map.put("tool", "jsna");
        map.put("version", Version.VERSION);
        map.put("command_line", o.commandLine());
        map.put("started", started.toString());
        map.put("finished", null);
        map.put("seed", o.seed());
    }

    /** A manifest without a seed (jsna project: nothing random). */
    Manifest(String commandLine, Instant started) {
        map.put("tool", "jsna");
        map.put("version", Version.VERSION);
        map.put("command_line", commandLine);
        map.put("started", started.toString());
        map.put("finished", null);
    }

    /** Sets a top-level key (e.g. {@code settings} of jsna project). */
    void put(String key, Object value) {
        map.put(key, value);
    }

    /** Adds one input to {@code inputs} (after {@link #inputs}): a file read outside the report's four. */
    @SuppressWarnings("unchecked")
    void addInput(Map<String, Object> input) {
        ((List<Object>) map.get("inputs")).add(input);
    }

    /** The manifest as ordered key/values (read-only use: the report shows it). */
    Map<String, Object> map() {
        return map;
    }

    void suppression(JsnaConfig cfg) {
        Map<String, Object> supp = new LinkedHashMap<>();
        supp.put("enabled", cfg.suppressionEnabled());
        if (cfg.suppressionEnabled()) {
            supp.put("min", cfg.suppressionMin());
            supp.put("max", cfg.suppressionMax());
            supp.put("secondary", cfg.secondarySuppression());
        }
        map.put("suppression", supp);
    }

    /** {@code settings}: the resolved configuration, options, periods, coverage and population years. */
    void settings(JsnaConfig cfg, ReportPipeline.Options o, Periods periods, Coverage coverage) {
        map.put("settings", settings(cfg, o.from(), o.to(), List.copyOf(o.formats()), periods, coverage));
    }

    /**
     * The settings of a run over the report inputs (report's, and project's before its own keys): the resolved
     * configuration, the dates used, the formats (null: none, not written), periods, coverage with its part
     * periods, and population years.
     */
    static Map<String, Object> settings(JsnaConfig cfg, LocalDate from, LocalDate to, List<String> formats,
            Periods periods, Coverage coverage) {
        Map<String, Object> settings = new LinkedHashMap<>(cfg.asManifestSettings());
        settings.put("from", from == null ? null : from.toString());
        settings.put("to", to == null ? null : to.toString());
        if (formats != null) {
            settings.put("formats", formats);
        }
        settings.put("periods", periods.labels());
        Map<String, Object> cov = new LinkedHashMap<>();
        cov.put("from", coverage == null ? null : coverage.from().toString());
        cov.put("to", coverage == null ? null : coverage.to().toString());
        cov.put("source", coverage == null ? null : coverage.source());
        cov.put("part_periods", new LinkedHashMap<>(periods.partNotes()));
        settings.put("coverage", cov);
        settings.put("population_years", periods.populationYears());
        return settings;
    }

    /** {@code inputs}: every file read, with rows read and used (and its size) withheld where they would reveal a count. */
    void inputs(ReadSummary summary, List<Indicator.FileTotal> exposed) {
        List<Object> inputs = new ArrayList<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", f.role());
            m.put("path", f.path().toString());
            boolean withheld = DataQuality.withheld(exposed, f.role(), "rows_used");
            // a file of a few rows is a header and about a hundred bytes a row: its size tells its rows
            m.put("bytes", withheld ? null : f.bytes());
            m.put("sha256", f.sha256());
            m.put("encoding", f.encoding());
            m.put("rows_read", withheld ? null : f.rowsRead());
            m.put("rows_used", withheld ? null : f.rowsUsed());
            m.put("rows_rejected", f.rowsRejected());
            if (withheld) {
                m.put("rows_withheld", "rows read and used, and the file's size, are withheld: they would give back a suppressed count");
            }
            inputs.add(m);
        }
        map.put("inputs", inputs);
    }

    /** Stamps the finishing time. */
    void finished() {
        map.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Lists every output file of {@code dir} with its hash and writes manifest.json there. */
    void write(Path dir) throws IOException {
        finished();
        map.put("outputs", describeOutputs(dir));
        Files.writeString(dir.resolve("manifest.json"), Json.write(map));
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
            m.put("sha256", Sha256.of(f));
            out.add(m);
        }
        return out;
    }
}
