package org.jsna.cli.calc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jsna.calc.CalcOutput;
import org.jsna.calc.CalcTable;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.stats.Confidence;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every {@code jsna calc} method shares, as a picocli mixin:
 * {@code --input FILE|-}, {@code --out FILE|-}, {@code --by COL[,COL...]}, {@code --confidence}.
 * Use with {@code @Mixin CalcOptions common;} and read the input with {@link #read}.
 */
public final class CalcOptions {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Input CSV (UTF-8, else read as Windows-1252; header row; '-' reads standard input). "
                    + "A missing value is an empty cell or NA.")
    String input;

    @Option(names = "--out", defaultValue = "-", paramLabel = "FILE",
            description = "Output CSV ('-', the default, writes to standard output).")
    String out;

    @Option(names = "--by", split = ",", paramLabel = "COL",
            description = "Group rows by these columns (comma-separated), e.g. --by area,sex.")
    List<String> by = new ArrayList<>();

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL", converter = ConfidenceConverter.class,
            description = "Confidence level in [0.9, 1) (also 90-99.9), or the pair 0.95,0.998, e.g. --confidence "
                    + "99.8. Default: ${DEFAULT-VALUE}. Not for funnel (its limits are always 95%% and 99.8%%); quantile "
                    + "and trend do not use it.")
    Confidence confidence;

    /** The input path ({@code -} = standard input). */
    public String input() {
        return input;
    }

    /** The output path ({@code -} = standard output). */
    public String out() {
        return out;
    }

    /** The grouping columns, in order, without duplicates or blanks. */
    public List<String> by() {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(by.stream().map(String::strip).toList()));
        if (out.contains("")) {
            throw JsnaException.usage("--by: empty column name");
        }
        if (out.contains(CalcOutput.VALUE_NOTE)) {
            // an input's value_note is carried into the output's notes (one calc's output fed to another), so it
            // cannot also be a group column
            throw JsnaException.usage("--by " + CalcOutput.VALUE_NOTE + ": the output's note column; group by "
                    + "another column");
        }
        return out;
    }

    public Confidence confidence() {
        return confidence;
    }

    /**
     * Reads {@code --input}; the {@code --by} columns and {@code required} columns must exist,
     * {@code numeric} columns are parsed as numbers.
     */
    public CalcTable read(Collection<String> required, Collection<String> numeric) {
        List<String> req = new ArrayList<>(by());
        req.addAll(required);
        CalcTable t = CalcTable.read(input, "--input", req, numeric);
        if (t.rowCount() == 0) {
            Log.warnOnce(t.file() + " has a header but no data rows; the output has no rows");
        }
        return t;
    }

    /**
     * What every calc command does once its options are checked: {@link #read} the input, apply the
     * method and write the result to {@code --out}. Returns the exit code 0.
     */
    public int run(Collection<String> required, Collection<String> numeric, Function<CalcTable, CalcOutput> method) {
        if (input.isEmpty()) {
            throw JsnaException.usage("--input: an empty file name (give a file, or - for standard input)");
        }
        if (out.isEmpty()) {
            throw JsnaException.usage("--out: an empty file name (give a file, or - for standard output)");
        }
        if (Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0").contains(out)) {
            // written through, it replaced (or added to) the file the shell gave as input, or hung on a pipe
            throw JsnaException.usage("--out " + out + " is standard input: give a file, or - for standard output");
        }
        for (Collection<String> columns : List.of(required, numeric)) {
            for (String c : columns) {
                if (c != null && c.isBlank()) {
                    throw JsnaException.usage("a column option names no column (an empty name)");
                }
            }
        }
        readsFile("--input", input);
        for (String b : by()) {
            if (numeric.contains(b)) {
                // a column both grouped by and summed or computed on: two options naming one column
                throw JsnaException.usage("--by " + b + ": the method reads column '" + b
                        + "' as numbers (a count, population or value option names it); group by other columns");
            }
        }
        method.apply(read(required, numeric)).write(out);
        return 0;
    }

    /** The option that reads standard input, once one does (only one may). */
    private String stdinReader;

    /**
     * Says that {@code option} reads {@code file}. A usage error (exit 2) when {@code --out} names that file (the
     * same file by any path or link): the output would replace the user's input; or when another option already
     * reads standard input and this one does too. Standard input and output never clash.
     */
    public void readsFile(String option, String file) {
        if ("-".equals(file)) {
            // --input is registered when the table is read, after an option such as --standard has read its file:
            // so its '-' is known from the start, before standard input is read for the other one
            String other = stdinReader != null ? stdinReader
                    : !"--input".equals(option) && "-".equals(input) ? "--input" : null;
            if (other != null && !other.equals(option)) {
                throw JsnaException.usage(other + " and " + option + " both read standard input ('-'): only "
                        + "one of them can; give the other a file");
            }
            stdinReader = option;
            return;
        }
        if (file == null || "-".equals(out)) {
            return;
        }
        Path o = Path.of(out);
        Path f = Path.of(file);
        boolean same;
        try {
            same = Files.exists(o) && Files.exists(f) && Files.isSameFile(o, f);
        } catch (IOException | SecurityException e) {
            same = o.toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize());
        }
        if (same) {
            throw JsnaException.usage("--out " + out + " is the " + option + " file: the output would replace it, "
                    + "so choose another file");
        }
    }

    /** A usage error (exit 2) unless {@code value} is a finite number above 0. */
    public static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw JsnaException.usage(option + " must be a number greater than 0 (got " + value + ")");
        }
        return value;
    }

    /** Converts {@code --confidence} text; a bad value is a usage error (exit 2). */
    public static final class ConfidenceConverter implements ITypeConverter<Confidence> {
        @Override
        public Confidence convert(String value) {
            try {
                return Confidence.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
