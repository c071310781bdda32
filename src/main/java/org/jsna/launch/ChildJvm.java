package org.jsna.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a JVM with the heap {@link FittedHeap} chose (README, "Memory"): the same java, the same
 * JVM options and jar, the same arguments, standard streams and working folder, plus {@code -Xmx}. This JVM
 * waits and ends with the child's exit code. A signal that stops this JVM (SIGTERM, SIGINT, SIGHUP) stops the
 * child the same way, and this JVM waits while it cleans up; if this JVM is killed outright, the child sees it
 * go and stops as on SIGTERM ({@link #watchParent}). When the child runs out of a heap jsna chose, it ends
 * with {@link #OUT_OF_FITTED_HEAP} having left nothing behind, and the command runs again here, with the
 * JVM's default heap.
 */
public final class ChildJvm {

    /** The child's exit code when it ran out of its fitted heap: never seen by the user. */
    public static final int OUT_OF_FITTED_HEAP = 75;
    /** System property of the child: the pid of the JVM that started it. */
    public static final String PARENT = "jsna.parent";
    /** System property of the child: exit with {@link #OUT_OF_FITTED_HEAP} when out of memory. */
    public static final String RETRY = "jsna.heap.retry";

    private ChildJvm() {
    }

    /**
     * Runs {@code args} in a child JVM when the plan says so and returns its exit code; empty when the command
     * is to run in this JVM (no plan, or the child ran out of its fitted heap). {@code err}: notes and errors.
     */
    public static Optional<Integer> run(String[] args, PrintStream err) {
        if (System.getProperty(PARENT) != null || !FittedHeap.readsExtract(List.of(args))) {
            return Optional.empty(); // a child itself, or a short command: no need to read the process's options
        }
        List<String> argv = ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(List.of());
        int jar = argv.indexOf("-jar");
        List<String> jvmOptions = jar < 0 || jar + 1 >= argv.size() ? null : argv.subList(0, jar);
        FittedHeap.Plan plan;
        try {
            plan = FittedHeap.decide(List.of(args), jvmOptions, System.getenv(), Runtime.getRuntime().maxMemory(),
                    FittedHeap::inputBytes);
        } catch (IllegalArgumentException e) {
            err.println("jsna: error: " + e.getMessage());
            return Optional.of(2);
        }
        if (!plan.child()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Xmx" + plan.heap() / FittedHeap.MIB + "m");
        if (!FittedHeap.userChoosesCollector(jvmOptions, System.getenv())) {
            // in a heap this size the serial collector is as fast as G1 with Java's default heap, where G1 in the
            // same heap is 4% slower (README, "Memory")
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.add("-D" + PARENT + "=" + ProcessHandle.current().pid());
        if (plan.retry()) {
            cmd.add("-D" + RETRY + "=true");
        }
        cmd.add("-jar");
        cmd.add(argv.get(jar + 1));
        cmd.addAll(List.of(args));
        boolean verbose = List.of(args).contains("--verbose");
        boolean quiet = List.of(args).contains("--quiet");
        if (verbose) {
            err.println("jsna: running in a Java heap of " + plan.heap() / FittedHeap.MIB
                    + " MiB (README, \"Memory\"; JSNA_HEAP=jvm runs in Java's own)");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        int code;
        try {
            code = waitFor(pb.start());
        } catch (IOException e) {
            // no child: run here as started
            if (verbose) {
                err.println("jsna: could not start a Java for the fitted heap (" + e.getMessage() + "); running here");
            }
            return Optional.empty();
        }
        if (code == OUT_OF_FITTED_HEAP && plan.retry()) {
            if (!quiet) {
                err.println(String.format(Locale.ROOT, "jsna: the input needed more than the %d MiB of heap jsna "
                        + "gave it; running again with Java's default limit (%.1f GiB)",
                        plan.heap() / FittedHeap.MIB, Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
            }
            return Optional.empty();
        }
        if (code == 128 + 9 && !STOPPING.get()) {
            // killed outright, not by us (a signal to this JVM stops the child with SIGTERM): most often the
            // system's out-of-memory killer; say so, or a cron log holds nothing but the exit code
            err.println("jsna: error: the Java process doing the work was killed (SIGKILL), often by the system when "
                    + "memory runs out; its temporary files are removed by the next run into the same --out");
        }
        return Optional.of(code);
    }

    /** Set when this JVM shuts down (a signal): the child is then stopped by it. */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

    /** Waits for the child; a shutdown of this JVM (a signal) stops the child first and waits for its cleanup. */
    private static int waitFor(Process child) {
        Thread hook = new Thread(() -> {
            STOPPING.set(true); // a SIGKILL of the child from here (after 60 s) is ours, not the system's
            if (child.isAlive()) {
                child.destroy();
                try {
                    if (!child.waitFor(60, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }
        }, "jsna-child-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook finds the child gone
                }
                return code;
            } catch (InterruptedException e) {
                // nothing interrupts the main thread on purpose: keep waiting
            }
        }
    }

    /**
     * In a child: when the JVM that started it is gone (killed outright), stop as on SIGTERM, so that the
     * output folder's cleanup runs. The JDK polls for a process that is not one's own child, within seconds.
     */
    public static void watchParent() {
        String parent = System.getProperty(PARENT);
        if (parent == null) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(parent);
        } catch (NumberFormatException e) {
            return; // not set by jsna: nothing to watch
        }
        ProcessHandle.of(pid).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> System.exit(143)), () -> System.exit(143));
        // the JDK counts a killed parent that its own parent has not reaped yet (a zombie: Python's communicate(),
        // a supervisor reading the pipes to the end first) as alive, so onExit never comes; but this process is
        // given a new parent the moment that one dies, reaped or not
        Thread reparented = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != pid) {
                    System.exit(143);
                }
            }
        }, "jsna-parent-watch");
        reparented.setDaemon(true);
        reparented.start();
    }

    /** In a child: whether running out of memory ends the run with {@link #OUT_OF_FITTED_HEAP} (and no message). */
    public static boolean retryOnOutOfMemory() {
        return Boolean.getBoolean(RETRY);
    }
}
