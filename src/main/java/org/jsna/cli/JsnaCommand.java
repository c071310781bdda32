package org.jsna.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.console.Streams;
import org.jsna.launch.ChildJvm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code jsna} command: global options, subcommands and the exit-code contract. */
@Command(
        name = "jsna",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Joint strategic needs assessment: demand and health-inequality indicators "
                + "with the official public-health statistics.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error (a bug); stack trace with --verbose",
            "  2  usage error: unknown option, missing argument, bad value",
            "  3  input data invalid: file, line, column, value and what was expected",
            "  4  I/O error: missing or unreadable file, output folder not writable or in use",
            "",
            "Example:",
            "  jsna report sample-data --out jsna-out"
        })
public final class JsnaCommand implements Runnable {

    /**
     * The commands, in the order {@code --help} lists them; each one's model is built only when it
     * runs ({@link LazyCommands}). A new command goes here; a new {@code calc} method in
     * {@link CalcCommand#METHODS}.
     */
    static final List<Class<?>> COMMANDS = List.of(
            ReportCommand.class,
            ProjectCommand.class,
            ValidateCommand.class,
            CalcCommand.class,
            IndicatorsCommand.class,
            SampleCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "Print errors only.")
    void setQuiet(boolean quiet) {
        Log.configure(Log.stream(), quiet, Log.verbose());
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print more detail, and the stack trace of an internal error.")
    void setVerbose(boolean verbose) {
        Log.configure(Log.stream(), Log.quiet(), verbose);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (report, project, validate, calc, indicators, sample)");
    }

    /** Parses and runs a command line; returns the exit code of cli.md. */
    public static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err) {
        return run(args, in, stdout, err, false);
    }

    /** {@link #run(String[], InputStream, OutputStream, PrintStream)}; with {@code eager}, every command's model is built. */
    static int run(String[] args, InputStream in, OutputStream stdout, PrintStream err, boolean eager) {
        Locale.setDefault(Locale.ROOT);
        PrintStream out = Streams.set(in, stdout);
        Log.configure(err, false, false);
        CommandLine cl;
        try {
            cl = commandLine(args, eager);
        } catch (RuntimeException e) {
            return report(e, err);
        }
        cl.setOut(new PrintWriter(err, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> usageError(ex, err));
        cl.setExecutionExceptionHandler((ex, sub, parseResult) -> report(ex, err));
        try {
            int code = cl.execute(args);
            try {
                out.flush();
            } catch (RuntimeException e) {
                return code != 0 ? code : report(e, err);
            }
            return code;
        } catch (Throwable t) {
            // An error outside picocli's execution (e.g. while printing help), or the report of an error that
            // ran out of memory itself while the heap was still full: still one line
            try {
                return report(t, err);
            } catch (OutOfMemoryError again) {
                lastWords = null;
                try {
                    return report(t, err);
                } catch (OutOfMemoryError twice) {
                    return JsnaException.Kind.INTERNAL.exitCode;
                }
            }
        }
    }

    /**
     * Memory set aside for the last words: let go before an out-of-memory error is reported, so that the
     * report (a formatted line) has room while the threads that filled the heap still hold it.
     */
    private static volatile byte[] lastWords = new byte[1 << 20];

    /**
     * The command tree for {@code args}: the full model of the commands named in {@code args} only,
     * stubs with a name and description for the rest; with {@code eager}, every command's model
     * (as picocli builds it from {@code @Command(subcommands = ...)}; used by the tests that check the
     * lazy tree behaves the same).
     */
    static CommandLine commandLine(String[] args, boolean eager) {
        CommandLine cl = new CommandLine(new JsnaCommand());
        LazyCommands.add(cl, COMMANDS, type -> type == CalcCommand.class ? CalcCommand.METHODS : null, args, 0, eager);
        cl.addSubcommand("help", new CommandLine(new HelpCommand()));
        // every path option and parameter of every command (registered after the commands are added, so it reaches
        // them all; an option's own converter, such as --out's, still wins)
        cl.registerConverter(java.nio.file.Path.class, new RunOptions.AnyPath());
        return cl;
    }

    /**
     * A usage error, exit 2: picocli's message; before it the unknown words when a required option is missing too
     * (picocli checks those first), after it a suggestion when a known word is close, the commands there after a
     * misspelt command, and where an option goes when it was put before its command's name.
     */
    private static int usageError(CommandLine.ParameterException ex, PrintStream err) {
        CommandLine sub = ex.getCommandLine();
        CommandLine.ParameterException shown = ex;
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !sub.getUnmatchedArguments().isEmpty()) {
            // picocli checks required options before unknown ones: "--numerater x" was reported as the missing
            // --numerator, never naming the misspelt word; the unknown words come first, with suggestions
            shown = new CommandLine.UnmatchedArgumentException(sub, sub.getUnmatchedArguments());
            err.println("jsna: error: " + shown.getMessage());
        }
        err.println("jsna: error: " + ex.getMessage() + JsnaException.localeHint(ex));
        if (shown instanceof CommandLine.UnmatchedArgumentException u) {
            PrintWriter w = new PrintWriter(err, true);
            CommandLine.UnmatchedArgumentException.printSuggestions(u, w);
            w.flush();
            List<String> words = u.getUnmatched();
            List<String> names = sub.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
            if (!names.isEmpty() && !words.isEmpty() && !words.get(0).startsWith("-")) {
                // a misspelt command or method: say which there are (the suggestion above only when one is close)
                err.println("The commands of '" + sub.getCommandSpec().qualifiedName() + "' are " + String.join(", ",
                        names) + ".");
            } else if (!names.isEmpty() && !words.isEmpty()) {
                // an option of a command put before the command's name (calc --confidence 95 proportion ...)
                String option = words.get(0).split("=", 2)[0];
                sub.getSubcommands().entrySet().stream()
                        .filter(e -> e.getValue().getCommandSpec().findOption(option) != null).findFirst()
                        .ifPresent(e -> err.println("A command's options go after its name, e.g. "
                                + sub.getCommandSpec().qualifiedName() + " " + e.getKey() + " " + option + " ..."));
            }
        }
        err.println("Try '" + sub.getCommandSpec().qualifiedName() + " --help' for more information.");
        return JsnaException.Kind.USAGE.exitCode;
    }

    static int report(Throwable ex, PrintStream err) {
        if (Streams.stdoutClosed(ex)) {
            // the reader of our standard output stopped early (`| head -1`): not an error
            return 0;
        }
        if (ex instanceof CommandLine.ParameterException pe) {
            err.println("jsna: error: " + pe.getMessage());
            return JsnaException.Kind.USAGE.exitCode;
        }
        // out of memory first, also when a stage wrapped it in its own error ("writing the outputs failed: ...")
        Throwable oom = outOfMemory(ex);
        if (oom != null) {
            lastWords = null;
            if (ChildJvm.retryOnOutOfMemory()) {
                // the heap jsna fitted to the input was too small: the JVM that started this one runs it again
                return ChildJvm.OUT_OF_FITTED_HEAP;
            }
            ex = oom;
            // not a bug in jsna but a heap too small for the extract: say how to give Java more
            double gib = Runtime.getRuntime().maxMemory() / (double) (1L << 30);
            int twice = Math.max(2, 2 * (int) Math.ceil(gib));
            String limit = gib < 1 ? String.format(Locale.ROOT, "%.0f MiB", gib * 1024)
                    : String.format(Locale.ROOT, "%.1f GiB", gib);
            err.println(String.format(Locale.ROOT, "jsna: error: out of memory (%s; Java's heap limit is %s, "
                    + "by default a quarter of the machine's memory): give Java more, e.g. "
                    + "JSNA_JAVA_OPTS=-Xmx%dg scripts/jsna ..., or java -Xmx%dg -jar jsna.jar ...",
                    ex.getMessage() == null ? "no detail" : firstLine(ex.getMessage()), limit, twice, twice));
            if (Log.verbose()) {
                ex.printStackTrace(err);
            }
            return JsnaException.Kind.INTERNAL.exitCode;
        }
        if (ex instanceof JsnaException je) {
            err.println("jsna: error: " + je.getMessage());
            if (Log.verbose() && je.kind() == JsnaException.Kind.INTERNAL) {
                // cli.md: the stack trace of an internal error only; a user's mistake or a signal has none
                ex.printStackTrace(err);
            }
            return je.exitCode();
        }
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof java.nio.file.InvalidPathException ip) {
                // a path named on the command line that this system cannot spell (calc's file options are text)
                err.println("jsna: error: cannot use the path '" + ip.getInput() + "' (" + ip.getReason() + ")"
                        + JsnaException.localeHint(ip));
                return JsnaException.Kind.USAGE.exitCode;
            }
        }
        String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()));
        err.println("jsna: internal error: " + what
                + (Log.verbose() ? "" : " (run with --verbose for the stack trace)"));
        if (Log.verbose()) {
            StringWriter sw = new StringWriter();
            ex.printStackTrace(new PrintWriter(sw));
            err.print(sw);
        }
        return JsnaException.Kind.INTERNAL.exitCode;
    }

    /**
     * The out-of-memory error {@code ex} is or comes from, else null: one wrapped on its way up (a task's
     * failure), or thrown twice (the JVM's preallocated error, met again while closing a resource: Java then
     * fails with "Self-suppression not permitted", the error as its cause).
     */
    static Throwable outOfMemory(Throwable ex) {
        Throwable t = ex;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (t instanceof OutOfMemoryError) {
                return t;
            }
            t = t.getCause();
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
