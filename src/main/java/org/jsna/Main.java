package org.jsna;

import java.io.InputStream;
import java.io.PrintStream;
import org.jsna.cli.JsnaCommand;

/** Entry point: picocli wiring and exit codes only. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = JsnaCommand.run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs jsna in this JVM with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return JsnaCommand.run(args, in, out, err);
    }
}
