package org.jsna.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The standard streams of this run: data on {@link #out()}, humans on {@link Log}.
 *
 * <p>{@link #out()} does not swallow write errors as a plain {@link PrintStream} does: a reader that
 * went away ({@code jsna indicators --format csv | head -1}: the pipe is closed, EPIPE) ends the
 * command with {@link StdoutClosed}, which the command line turns into a quiet exit 0; any other
 * failure (a full disk behind {@code > file}) is an I/O error, exit 4.
 */
public final class Streams {

    private static volatile InputStream in = System.in;
    private static volatile PrintStream out = System.out;

    private Streams() {
    }

    /** Sets the streams; {@code stdout} is wrapped so that its failures are seen (see the class comment). */
    public static PrintStream set(InputStream stdin, OutputStream stdout) {
        in = stdin;
        PrintStream p = stdout instanceof DataOut d ? d : new DataOut(stdout);
        out = p;
        return p;
    }

    /**
     * What file descriptor {@code fd} of this process is open on, as Linux's {@code /proc/self/fd} names it (a
     * path, {@code /dev/pts/3}, {@code pipe:[123]}); null where that cannot be read (not Linux, no such descriptor).
     */
    public static String descriptorTarget(int fd) {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static InputStream in() {
        return in;
    }

    public static PrintStream out() {
        return out;
    }

    /** Standard output was closed by its reader: not an error (the command ends quietly, exit 0). */
    public static final class StdoutClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StdoutClosed(IOException cause) {
            super("standard output was closed by its reader", cause, false, false);
        }
    }

    /** True when {@code t} or one of its causes is {@link StdoutClosed}. */
    public static boolean stdoutClosed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StdoutClosed) {
                return true;
            }
        }
        return false;
    }

    /** A closed pipe: EPIPE on Unix ("Broken pipe"), "The pipe is being closed" / "has been ended" on Windows. */
    static boolean brokenPipe(IOException e) {
        String m = e.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains("pipe");
    }

    /** A PrintStream whose write errors end the command instead of being swallowed. */
    static final class DataOut extends PrintStream {
        DataOut(OutputStream raw) {
            super(raw, false, StandardCharsets.UTF_8);
        }

        private static RuntimeException failure(IOException e) {
            if (brokenPipe(e)) {
                return new StdoutClosed(e);
            }
            return JsnaException.io("cannot write to standard output (" + e.getMessage() + ")", e);
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }
}
