package org.jsna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsna.sample.SampleSettings;
import org.jsna.sample.SampleWriter;

/** The input folder of the JMH benchmarks: given, or made once by jsna sample (seed 1) under java.io.tmpdir. */
final class Inputs {

    private Inputs() {
    }

    static Path resolve(String dir, int referrals) throws IOException {
        Path input;
        if (!dir.isEmpty()) {
            input = Path.of(dir);
        } else {
            input = Path.of(System.getProperty("java.io.tmpdir"), "jsna-jmh-" + referrals);
            if (!Files.isRegularFile(input.resolve("jsna.yaml"))) {
                SampleWriter.write(input, new SampleSettings(300, referrals, 3 * referrals, 1));
            }
        }
        long bytes = 0;
        for (String f : new String[] {"population.csv", "areas.csv", "referrals.csv", "services.csv"}) {
            bytes += Files.size(input.resolve(f));
        }
        System.out.printf("%ninput %s: referrals.csv %.1f MB, services.csv %.1f MB, all four files %.1f MB%n", input,
                Files.size(input.resolve("referrals.csv")) / 1e6, Files.size(input.resolve("services.csv")) / 1e6, bytes / 1e6);
        return input;
    }
}
