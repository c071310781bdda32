package org.jsna.console;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Messages for humans, all on stderr (cli.md): {@code --quiet} keeps errors only,
 * {@code --verbose} adds detail. Distinct warnings are printed once.
 */
public final class Log {

    private static volatile PrintStream err = System.err;
    private static volatile boolean quiet;
    private static volatile boolean verbose;
    private static final Set<String> WARNED = new LinkedHashSet<>();

    private Log() {
    }

    public static void configure(PrintStream stream, boolean isQuiet, boolean isVerbose) {
        err = stream;
        quiet = isQuiet;
        verbose = isVerbose;
        synchronized (WARNED) {
            WARNED.clear();
        }
    }

    public static boolean quiet() {
        return quiet;
    }

    public static boolean verbose() {
        return verbose;
    }

    public static PrintStream stream() {
        return err;
    }

    /**
     * Progress bars are drawn only on a terminal and never when quiet (cli.md): the JVM sees a terminal
     * ({@code System.console()}, standard input and output), and standard error, where the bars go, is one too
     * (on Linux, where {@code /proc} says; {@code 2> log} with a terminal otherwise filled the log with bars).
     */
    public static boolean progressAllowed() {
        return !quiet && System.console() != null && stderrMayBeATerminal();
    }

    /** False when file descriptor 2 is known not to be a terminal; true when it is one or cannot be told. */
    static boolean stderrMayBeATerminal() {
        String target = Streams.descriptorTarget(2);
        return target == null || target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                || target.equals("/dev/console");
    }

    public static void info(String message) {
        if (!quiet) {
            err.println("jsna: " + JsnaException.oneLine(message));
        }
    }

    public static void detail(String message) {
        if (verbose && !quiet) {
            err.println("jsna: " + message);
        }
    }

    /** A warning, printed the first time this exact text is seen in the run. */
    public static void warnOnce(String message) {
        synchronized (WARNED) {
            if (!WARNED.add(message)) {
                return;
            }
        }
        if (!quiet) {
            err.println("jsna: warning: " + JsnaException.oneLine(message));
        }
    }

    public static void error(String message) {
        err.println("jsna: error: " + JsnaException.oneLine(message));
    }
}
