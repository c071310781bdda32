package org.jsna.common;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams of this run: data on {@link #out()}, humans on {@link Log}. */
public final class Streams {

    private static volatile InputStream in = System.in;
    private static volatile PrintStream out = System.out;

    private Streams() {
    }

    public static void set(InputStream stdin, PrintStream stdout) {
        in = stdin;
        out = stdout;
    }

    public static InputStream in() {
        return in;
    }

    public static PrintStream out() {
        return out;
    }
}
