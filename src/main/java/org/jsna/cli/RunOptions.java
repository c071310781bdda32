package org.jsna.cli;

import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a run over the report inputs takes beside the inputs themselves, for {@code jsna report} and
 * {@code jsna project} (cli.md): the dates used, what an invalid row does, and the progress bar.
 */
final class RunOptions {

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            description = "fail (default): the first invalid row stops the run with exit 3; skip: invalid rows go "
                    + "to OUT/rejects.csv and the run goes on. E.g. --on-error skip.")
    ReportChoices.OnError onError;

    @Option(names = "--from", paramLabel = "DATE", converter = IsoDate.class,
            description = "First date used (yyyy-MM-dd), by referral and event date, e.g. --from 2022-04-01.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = IsoDate.class,
            description = "Last date used (yyyy-MM-dd), by referral and event date, e.g. --to 2025-03-31.")
    LocalDate to;

    @Option(names = "--no-progress", description = "Never draw a progress bar (one is drawn only when stderr is a "
            + "terminal), e.g. jsna report council --no-progress.")
    boolean noProgress;

    /** Whether invalid rows go to rejects.csv (else the first one stops the run). */
    boolean skipInvalidRows() {
        return onError == ReportChoices.OnError.SKIP;
    }

    /** A usage error (exit 2) when --from is after --to. */
    void check(CommandLine cl) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new CommandLine.ParameterException(cl, "--from " + from + " is after --to " + to);
        }
    }

    /**
     * A file or folder named on the command line: an empty name is refused (a script's unset variable, {@code
     * --population "$POP"}, would otherwise be the current folder).
     */
    static final class AnyPath implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            if (value.isEmpty()) {
                throw new CommandLine.TypeConversionException("an empty name (expected a file or folder)");
            }
            return java.nio.file.Path.of(value);
        }
    }

    /**
     * The output folder of report, project and sample: as {@link AnyPath}, and not {@code -}, which elsewhere means
     * standard output: a folder cannot be written there, and a folder named {@code -} is surely not what was meant.
     */
    static final class OutFolder implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            if (value.equals("-")) {
                throw new CommandLine.TypeConversionException("'-' (this command writes a folder, not to standard "
                        + "output: name the folder, e.g. --out ./-, if a folder called - is really meant)");
            }
            return new AnyPath().convert(value);
        }
    }

    /** --from/--to: a real ISO date, with a message that says so instead of a Java exception name. */
    static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' (expected a real date as yyyy-MM-dd)");
            }
        }
    }
}
