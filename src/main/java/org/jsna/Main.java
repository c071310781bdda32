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
        int code = JsnaCommand.run(args, System.in, stdout, System.err);
        System.exit(code);
    }

    /** Runs jsna in this JVM with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        return JsnaCommand.run(args, in, out, err);
    }
}
