package org.jsna.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Whether jsna runs a command in a JVM of its own with a heap fitted to the input, and how big (README,
 * "Memory"). Java's default heap limit is a quarter of the machine's memory, and its collector grows the
 * heap towards it whenever collections come close together, however little the run keeps: a national
 * extract that needs 256 MiB took 1.0 to 2.2 GiB. A heap limit keeps it where the run needs it.
 *
 * <p>A run gets a fitted heap when it was started as {@code java -jar} with no heap option of the user's
 * ({@code -Xmx}, {@code -XX:MaxRAMPercentage}..., on the command line or in {@code JAVA_TOOL_OPTIONS},
 * {@code JDK_JAVA_OPTIONS}, {@code _JAVA_OPTIONS}: the user's choice wins) and {@code JSNA_HEAP} says
 * {@code auto} (or nothing) for a command that reads an extract of {@link #FROM_BYTES} or more (a report only
 * when it draws no charts: {@link #chartsAsked}), or names a size.
 * {@code JSNA_HEAP=jvm} runs every command in the JVM as started. Pure: the process is {@link ChildJvm}'s.
 */
public final class FittedHeap {

    static final long MIB = 1L << 20;
    /** Extracts from this size on get a fitted heap in auto mode; smaller ones grow the default heap little. */
    static final long FROM_BYTES = 256 * MIB;
    /** The least fitted heap: ample for S (80 MiB needed) and for the workbook of a big council (190 MiB). */
    static final long FLOOR = 256 * MIB;
    /** The commands that read an extract. */
    private static final Set<String> COMMANDS = Set.of("report", "validate", "project");
    /** JVM options by which a user sets the heap: with any of them, jsna leaves the heap alone. */
    private static final List<String> HEAP_OPTIONS = List.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:InitialHeapSize",
            "-XX:MaxRAM", "-XX:MinRAM", "-XX:InitialRAM", "-XX:SoftMaxHeapSize");
    /** JVM options that watch or record the JVM: with any of them, the run stays in one JVM. */
    private static final List<String> OBSERVER_OPTIONS = List.of("-javaagent:", "-agentlib:", "-agentpath:", "-Xlog",
            "-verbose", "-Xloggc", "-XX:StartFlightRecording", "-XX:FlightRecorderOptions", "-XX:+FlightRecorder",
            "-XX:+Print", "-XX:+Log", "-XX:+UnlockDiagnosticVMOptions", "-XX:NativeMemoryTracking", "-Xrunjdwp",
            "-XX:+HeapDumpOnOutOfMemoryError");
    /** Environment variables the java launcher or the JVM reads options from. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private FittedHeap() {
    }

    /**
     * The plan for a run: {@code heap} bytes for the child JVM, or 0 to run in this JVM; {@code retry}: when the
     * child runs out of that heap, run again with the JVM's default.
     */
    public record Plan(long heap, boolean retry) {
        static final Plan HERE = new Plan(0, false);

        public boolean child() {
            return heap > 0;
        }
    }

    /**
     * The heap a run needs, from the size of its input, with a quarter to spare: measured at 80 MiB for 409 MiB of
     * CSV (1M referrals, 3M events) and 256 MiB for 4.4 GiB (10M, 30M; README, "Memory"), i.e. 64 MiB and a
     * 24th of the input; at least {@link #FLOOR}; rounded up to 32 MiB.
     */
    static long fitted(long inputBytes) {
        double need = 64 * MIB + inputBytes / 24.0;
        long heap = Math.max(FLOOR, (long) Math.ceil(1.25 * need));
        long step = 32 * MIB;
        return (heap + step - 1) / step * step;
    }

    /**
     * Decides for {@code args} (jsna's arguments), {@code jvmOptions} (the JVM's options before {@code -jar}, or
     * null when it was not started with {@code -jar}), the environment, the JVM's default heap limit and a way
     * to measure the input. Throws {@link IllegalArgumentException} for a {@code JSNA_HEAP} it cannot read.
     */
    static Plan decide(List<String> args, List<String> jvmOptions, Map<String, String> env, long defaultMax,
            ToLongFunction<List<String>> inputBytes) {
        if (!readsExtract(args)) {
            return Plan.HERE;
        }
        String given = env.getOrDefault("JSNA_HEAP", "").trim();
        String setting = given.toLowerCase(Locale.ROOT);
        long asked = setting.isEmpty() || setting.equals("auto") || setting.equals("jvm") ? 0 : size(given);
        if (setting.equals("jvm") || jvmOptions == null || userSetsHeap(jvmOptions, env)
                || userObservesJvm(jvmOptions, env)) {
            return Plan.HERE;
        }
        if (asked > 0) {
            return new Plan(asked, asked < defaultMax);
        }
        if ("report".equals(command(args)) && chartsAsked(args)) {
            return Plan.HERE;
        }
        long bytes = inputBytes.applyAsLong(args);
        if (bytes < FROM_BYTES) {
            return Plan.HERE;
        }
        long heap = fitted(bytes);
        return heap < defaultMax / 4 * 3 ? new Plan(heap, true) : Plan.HERE;
    }

    /**
     * Whether a report is to draw charts (png, svg or html; all three when {@code --formats} is not given). Their
     * memory grows with the number of localities, which no file size tells: 400 localities × 6 years (a 129 MB
     * extract that needs 256 MiB for its tables) runs out of 512 MiB with every format. A fitted heap would so
     * often be too small that the run would be made twice; such a report keeps Java's default heap.
     */
    static boolean chartsAsked(List<String> args) {
        boolean given = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals("--formats") && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith("--formats=")) {
                value = a.substring("--formats=".length());
            }
            if (value != null) {
                given = true;
                String v = value.toLowerCase(Locale.ROOT);
                if (v.contains("png") || v.contains("svg") || v.contains("html")) {
                    return true;
                }
            }
        }
        return !given;
    }

    /** Whether {@code args} run a command that reads an extract (not its help): the only ones that may get a heap. */
    static boolean readsExtract(List<String> args) {
        String command = command(args);
        return command != null && COMMANDS.contains(command);
    }

    /** The command of {@code args}, or null for help, the version or no command. */
    static String command(List<String> args) {
        String command = null;
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
            if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        return command;
    }

    static boolean userSetsHeap(List<String> jvmOptions, Map<String, String> env) {
        return anyOption(jvmOptions, env, FittedHeap::heapOption);
    }

    /**
     * Whether an option watches or records the JVM (an agent, {@code -Xlog}, {@code -verbose}, a flight recording,
     * {@code -XX:+Print...}, {@code -XX:+Log...}): then the run stays in the JVM they started, where what they watch
     * is the run (in a second JVM a profiler would see an idle first one, and both would write the same log file).
     */
    static boolean userObservesJvm(List<String> jvmOptions, Map<String, String> env) {
        return anyOption(jvmOptions, env, FittedHeap::observerOption);
    }

    private static boolean observerOption(String option) {
        if (option.startsWith("-Xlog") && (option.endsWith("=off") || option.equals("-Xlog:disable"))) {
            return false; // turns logging off (scripts/jsna's -Xlog:cds*=off)
        }
        for (String o : OBSERVER_OPTIONS) {
            if (option.startsWith(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the user picked a garbage collector, or ruled one out ({@code -XX:+UseG1GC}, {@code -XX:-UseSerialGC}, ...): the child then
     * gets no {@code -XX:+UseSerialGC} of jsna's (two collectors chosen stop the JVM).
     */
    static boolean userChoosesCollector(List<String> jvmOptions, Map<String, String> env) {
        return anyOption(jvmOptions, env, FittedHeap::collectorOption);
    }

    /** Whether one of the JVM's options, on its command line or in the variables it reads them from, is {@code wanted}. */
    private static boolean anyOption(List<String> jvmOptions, Map<String, String> env, Predicate<String> wanted) {
        for (String o : jvmOptions) {
            if (wanted.test(o)) {
                return true;
            }
        }
        for (String name : OPTION_VARIABLES) {
            String value = env.get(name);
            if (value != null) {
                for (String o : value.trim().split("\\s+")) {
                    if (wanted.test(o)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean collectorOption(String option) {
        return (option.startsWith("-XX:+Use") || option.startsWith("-XX:-Use")) && option.endsWith("GC");
    }

    private static boolean heapOption(String option) {
        for (String h : HEAP_OPTIONS) {
            if (option.startsWith(h)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 512m}, {@code 2g}, {@code 65536k} or bytes; at least 16 MiB. */
    static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            t = "?";
        }
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? MIB : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n <= 0 || n > (1L << 50) / unit || n * unit < 16 * MIB) {
            throw new IllegalArgumentException("JSNA_HEAP=" + text + ": expected auto, jvm or a heap size of 16m or "
                    + "more, such as 512m or 2g");
        }
        return n * unit;
    }

    /**
     * The bytes of the input a command names: every argument (or option value after {@code =}) that is a file,
     * and the files directly in every argument that is a folder, but not the output folder.
     */
    static long inputBytes(List<String> args) {
        long total = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out")) {
                i++;
                continue;
            }
            if (a.startsWith("--out=")) {
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            total += bytes(eq < 0 ? a : a.substring(eq + 1));
        }
        return total;
    }

    private static long bytes(String name) {
        try {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                return Files.size(p);
            }
            if (Files.isDirectory(p)) {
                long sum = 0;
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f)) {
                            sum += Files.size(f);
                        }
                    }
                }
                return sum;
            }
        } catch (IOException | InvalidPathException | SecurityException e) {
            // not readable here: the run itself says so
        }
        return 0;
    }
}
