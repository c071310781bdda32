package org.jsna.cli;

import java.nio.file.Path;
import org.jsna.input.ConfigLoader;
import org.jsna.input.JsnaConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs of {@code jsna report} and {@code jsna validate} (cli.md): a folder or jsna.yaml, and file overrides. */
final class InputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT_DIR",
            description = "Folder with jsna.yaml, or with population.csv, areas.csv, referrals.csv and services.csv.")
    Path inputDir;

    @Option(names = "--config", paramLabel = "FILE", description = "The jsna.yaml to use (its inputs are relative to it), e.g. --config council/jsna-2025.yaml.")
    Path config;

    @Option(names = "--population", paramLabel = "FILE", description = "Population file (overrides the config), e.g. --population ons/mid-2024.csv.")
    Path population;

    @Option(names = "--areas", paramLabel = "FILE", description = "Area lookup file (overrides the config), e.g. --areas lookup/lsoa-localities.csv.")
    Path areas;

    @Option(names = "--referrals", paramLabel = "FILE", description = "Referrals file (overrides the config), e.g. --referrals extracts/referrals-2025.csv.")
    Path referrals;

    @Option(names = "--services", paramLabel = "FILE", description = "Service events file (overrides the config), e.g. --services extracts/services-2025.csv.")
    Path services;

    /** The resolved configuration (exit 2 for a bad jsna.yaml, 4 for a missing file or folder). */
    JsnaConfig load() {
        return ConfigLoader.load(inputDir, config, population, areas, referrals, services);
    }
}
