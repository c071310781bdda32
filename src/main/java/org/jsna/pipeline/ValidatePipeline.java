package org.jsna.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.PeriodScheme;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.console.TempFiles;
import org.jsna.input.InputReader;
import org.jsna.input.JsnaConfig;
import org.jsna.input.ReadSummary;
import org.jsna.validate.Problem;

/**
 * {@code jsna validate} once its options are parsed: the first stages of {@link ReportPipeline} without
 * writing anything. The inputs are read through the same readers and rules ({@code input/}, {@code validate/})
 * with every invalid row kept going, each problem listed on stderr in file order (at most
 * {@value #LIST_PER_FILE} per file, then a count of the rest), a summary line per file, and the population
 * years that {@code report} would need checked too.
 */
public final class ValidatePipeline {

    /** The start of the name of validate's scratch folder in the system's temporary folder, then its PID. */
    static final String SCRATCH = "jsna-validate-";

    /**
     * Deletes the scratch folders of validate runs killed outright (SIGKILL leaves them; every other end deletes
     * its own): this user's {@code jsna-validate-PID-*} folders whose process is gone.
     */
    static void clearStaleScratch() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(tmp, SCRATCH + "*")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(SCRATCH.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        && Long.parseLong(rest.substring(0, dash)) != ProcessHandle.current().pid()
                        && !OutputFolder.ownerAlive(rest.substring(0, dash), p)) {
                    TempFiles.deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: another user's folder, or none can be listed
        }
    }

    /** Problems listed per file before the rest are only counted. */
    static final int LIST_PER_FILE = 100;

    private ValidatePipeline() {
    }

    /**
     * Validates the inputs of {@code cfg}; returns the exit code: 0 when every file is valid, 3 otherwise.
     * A missing or unreadable file (4) and a locality of jsna.yaml the lookup does not have (2) are thrown.
     */
    public static int run(JsnaConfig cfg, LocalDate today) {
        Map<String, Integer> listed = new HashMap<>();
        InputReader reader = new InputReader(cfg, today, true, p -> list(p, listed));
        // report also needs a population year for every period of the data: check it here too
        Aggregator periods = new Aggregator(cfg.clientGroups(), cfg.localities(), PeriodScheme.of(cfg.period()),
                null, null).populationSource(ReportPipeline.populationFiles(cfg)).countOnly();
        // a defect of a whole file stops that file's checks, and the next file is checked
        int[] stopped = {0};
        reader.keepGoingAfterFileDefects(e -> {
            stopped[0]++;
            Log.error(e.getMessage());
            Log.error("validation of that file stopped: this defect concerns the whole file");
        });
        // report keeps its scratch files in its output folder; validate writes none, so a folder of its own in the
        // system's temporary folder, without which every referral and event id would be held (a memory review:
        // validate needed more memory than report on the same input)
        Path scratch = null;
        try {
            clearStaleScratch();
            scratch = TempFiles.registerTree(Files.createTempDirectory(SCRATCH + ProcessHandle.current().pid() + "-"));
            reader.scratch(scratch);
        } catch (IOException | RuntimeException e) {
            Log.detail("no temporary folder for the ids' first pass (" + e.getMessage() + "): every id is held");
        }
        ReadSummary summary;
        try {
            summary = reader.read(periods);
        } catch (JsnaException e) {
            return inputError(e, "validation stopped: this defect concerns the whole file");
        } finally {
            if (scratch != null) {
                TempFiles.deleteTree(scratch);
            }
        }
        reader.checkLocalityOrder();
        if (summarise(summary, cfg) > 0 || stopped[0] > 0) {
            if (stopped[0] > 0) {
                Log.error(stopped[0] + " file" + (stopped[0] == 1 ? "" : "s") + " could not be read to the end");
            }
            return JsnaException.Kind.INPUT.exitCode;
        }
        try {
            periods.checkPopulationYears();
        } catch (JsnaException e) {
            return inputError(e, null);
        }
        Log.info("all inputs are valid");
        return 0;
    }

    /**
     * A line per file, in the order of the inputs, then the count of invalid rows when there are any; returns that
     * count. A file whose check a defect of the whole file stopped has a line too, saying so (it has no counts).
     */
    private static long summarise(ReadSummary summary, JsnaConfig cfg) {
        Map<Path, ReadSummary.FileSummary> read = new LinkedHashMap<>();
        for (ReadSummary.FileSummary f : summary.files()) {
            read.put(f.path(), f);
        }
        Map<Path, String> inputs = new LinkedHashMap<>();
        inputs.put(cfg.areas(), JsnaConfig.AREAS);
        for (JsnaConfig.PopulationInput p : cfg.population()) {
            inputs.putIfAbsent(p.path(), JsnaConfig.POPULATION);
        }
        inputs.putIfAbsent(cfg.referrals(), JsnaConfig.REFERRALS);
        inputs.putIfAbsent(cfg.services(), JsnaConfig.SERVICES);
        long rejected = 0;
        int badFiles = 0;
        for (Map.Entry<Path, String> in : inputs.entrySet()) {
            ReadSummary.FileSummary f = read.remove(in.getKey());
            if (f == null) {
                Log.error(in.getKey() + " (" + in.getValue() + "): not checked to the end: see its error above");
                continue;
            }
            line(f);
            rejected += f.rowsRejected();
            badFiles += f.rowsRejected() > 0 ? 1 : 0;
        }
        for (ReadSummary.FileSummary f : read.values()) {
            line(f);
            rejected += f.rowsRejected();
            badFiles += f.rowsRejected() > 0 ? 1 : 0;
        }
        if (rejected > 0) {
            Log.error(rejected + " invalid row" + (rejected == 1 ? "" : "s") + " in " + badFiles + " file"
                    + (badFiles == 1 ? "" : "s"));
        }
        return rejected;
    }

    /** A file's summary line (after the count of its problems not listed, if any). */
    private static void line(ReadSummary.FileSummary f) {
        if (f.rowsRejected() > LIST_PER_FILE) {
            Log.error(f.path() + ": … and " + (f.rowsRejected() - LIST_PER_FILE) + " more problems not listed");
        }
        Log.info(String.format(Locale.ROOT, "%s (%s, %s): %d rows read, %d valid, %d invalid",
                f.path(), f.role(), f.encoding(), f.rowsRead(), f.rowsUsed(), f.rowsRejected()));
    }

    /** An input error is listed like the rows' problems (exit 3); any other kind goes on up. */
    private static int inputError(JsnaException e, String then) {
        if (e.kind() != JsnaException.Kind.INPUT) {
            throw e;
        }
        Log.error(e.getMessage());
        if (then != null) {
            Log.error(then);
        }
        return JsnaException.Kind.INPUT.exitCode;
    }

    private static void list(Problem p, Map<String, Integer> listed) {
        int n = listed.merge(p.file(), 1, Integer::sum);
        if (n <= LIST_PER_FILE) {
            Log.error(p.message());
        }
    }
}
