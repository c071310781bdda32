package org.jsna;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import org.jsna.cli.JsnaCommand;

/** Entry point: picocli wiring and exit codes only. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
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
