package org.jsna.cli;

import java.nio.file.Path;
import java.util.List;
import org.jsna.console.Log;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jsna sample}: writes a deterministic synthetic input set (population, areas, referrals, services). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class,
        description = {
            "Write a realistic synthetic input set: population.csv, areas.csv, referrals.csv, services.csv "
                    + "and a jsna.yaml naming them. Fiscal years 2022/23 to 2024/25 (or --years N ending with "
                    + "2024/25), six localities (or --localities N), the six default client groups. The same options always give the same bytes.",
            "Files of the same names in DIR are replaced; nothing else in DIR is touched."},
        footerHeading = "%nExample:%n",
        footer = {"  jsna sample --out sample-data", "  jsna report sample-data --out jsna-out",
            "  jsna sample --out big --areas 33000 --localities 300 --referrals 10000000",
            "  jsna sample --out six-years --years 6 --referrals 40000 --services 60000"})
public final class SampleCommand implements Runnable {

    @Option(names = "--out", required = true, paramLabel = "DIR", converter = RunOptions.OutFolder.class, description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--areas", paramLabel = "N",
            description = "Number of small areas (LSOAs), 10 to 50000 (default: ${DEFAULT-VALUE}).")
    int areas = SampleSettings.DEFAULT_AREAS;

    @Option(names = "--referrals", paramLabel = "N",
            description = "Rows of referrals.csv, 0 to 50000000 (default: ${DEFAULT-VALUE}).")
    int referrals = SampleSettings.DEFAULT_REFERRALS;

    @Option(names = "--services", paramLabel = "N",
            description = "Rows of services.csv, 0 to 50000000 (default: ${DEFAULT-VALUE}).")
    int services = SampleSettings.DEFAULT_SERVICES;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generator (default: ${DEFAULT-VALUE}); another seed, another council, "
            + "e.g. --seed 7.")
    long seed = SampleSettings.DEFAULT_SEED;

    @Option(names = "--localities", paramLabel = "N",
            description = "Number of localities, 1 to 1000 and at most --areas (default: ${DEFAULT-VALUE}, the six "
                    + "named localities of sample-data; any other number gets generated place names).")
    int localities = SampleSettings.DEFAULT_LOCALITIES;

    @Option(names = "--years", paramLabel = "N",
            description = "Fiscal years of data, 1 to 10, ending with 2024/25 (default: ${DEFAULT-VALUE}: 2022/23 to "
                    + "2024/25); five or more complete years give the recent-trend marker a series.")
    int years = SampleSettings.DEFAULT_YEARS;

    @Override
    public void run() {
        SampleSettings settings = new SampleSettings(areas, referrals, services, seed, localities, years);
        List<SampleWriter.Written> written = SampleWriter.write(out, settings);
        for (SampleWriter.Written w : written) {
            Log.detail(w.file() + ": " + w.rows() + " rows, " + w.bytes() + " bytes");
        }
        long bytes = written.stream().mapToLong(SampleWriter.Written::bytes).sum();
        Log.info("wrote a synthetic input set to " + out + " (" + written.size() + " files, " + bytes + " bytes, seed " + seed + ")");
    }
}
