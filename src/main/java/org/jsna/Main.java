package org.jsna;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import org.jsna.cli.JsnaCommand;
import org.jsna.launch.ChildJvm;

/** Entry point: the JVM to run in (launch/), picocli wiring and exit codes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // a big extract on Java's default heap: run it in a JVM with a heap fitted to it (README, "Memory")
        Optional<Integer> child = ChildJvm.run(args, System.err);
        if (child.isPresent()) {
            System.exit(child.get());
        }
        ChildJvm.watchParent();
        System.setProperty("java.awt.headless", "true");
        // data goes straight to file descriptor 1, so that a closed pipe is seen (System.out hides it)
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        int code = JsnaCommand.run(args, stdinClosedByTheCaller() ? CLOSED : System.in, stdout, System.err);
        System.exit(code);
    }

    /** Standard input as a caller that closed it ({@code <&-}) left it: reading it is an error saying so. */
    private static final InputStream CLOSED = new InputStream() {
        @Override
        public int read() throws java.io.IOException {
            throw new java.io.IOException("standard input is closed (the command was started with it closed)");
        }
    };

    /**
     * True when file descriptor 0 is a file the JVM opened for itself: started with standard input closed, the
     * JVM's first open file (its class library, a jar) takes descriptor 0, and reading {@code -} read that file's
     * bytes as CSV. Linux only (its {@code /proc}); elsewhere false.
     */
    static boolean stdinClosedByTheCaller() {
        String target = org.jsna.console.Streams.descriptorTarget(0);
        if (target == null) {
            return false;
        }
        try {
            String home = java.nio.file.Path.of(System.getProperty("java.home")).toRealPath().toString();
            if (target.startsWith(home + "/") || target.startsWith(System.getProperty("java.home") + "/")) {
                return true;
            }
            for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty() && target.equals(java.nio.file.Path.of(entry).toRealPath().toString())) {
                    return true; // the jar being run
                }
            }
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs jsna in this JVM with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        return JsnaCommand.run(args, in, out, err);
    }
}
