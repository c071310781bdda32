package org.jsna.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jsna.console.Streams;
import org.jsna.output.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jsna indicators}: the indicator catalogue, as data on stdout. Options only; the forms are {@link Catalogue}. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        versionProvider = org.jsna.cli.VersionProvider.class,
        description = "List the indicator catalogue: id, name, numerator, denominator, unit, method, polarity, "
                + "decile (whether deprivation-decile rows are made), category_type and base (the records it "
                + "counts: referrals or services). Written to stdout (UTF-8).",
        footerHeading = "%nExample:%n",
        footer = {"  jsna indicators --format csv > catalogue.csv"})
public final class IndicatorsCommand implements Runnable {

    /** Output formats. */
    @SuppressWarnings("java:S115") // lower case so that messages list the values as they are typed
    enum Format { text, csv, json }

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public void run() {
        PrintStream out = new PrintStream(Streams.out(), false, StandardCharsets.UTF_8);
        out.print(switch (format) {
            case csv -> Catalogue.csv();
            case json -> Catalogue.json();
            default -> Catalogue.text();
        });
        // A reader that stops early (`jsna indicators | head -3`) closes the pipe: that is not an
        // error (style.md), so a failed write to stdout ends quietly with exit 0.
        out.flush();
    }
}
