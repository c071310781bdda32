package org.jsna.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.jsna.console.Log;
import org.jsna.pipeline.ReportPipeline;

/**
 * A one-line progress bar on stderr while the inputs are read. Only made when stderr is a
 * terminal and neither {@code --quiet} nor {@code --no-progress} was given (cli.md).
 */
final class ProgressBar implements ReportPipeline.Progress {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private String current;
    private int lastPercent = -1;

    private ProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A progress bar when one may be drawn, else null. */
    static ProgressBar maybe(boolean noProgress) {
        return noProgress || !Log.progressAllowed() ? null : new ProgressBar(Log.stream());
    }

    @Override
    public void update(String role, Path file, long bytesDone, long bytesTotal) {
        int percent = bytesTotal <= 0 ? 100 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
        String name = file.getFileName().toString();
        if (name.equals(current) && percent == lastPercent) {
            return;
        }
        current = name;
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print(String.format(Locale.ROOT, "\rjsna: reading %-24.24s [%s%s] %3d%%", name,
                "#".repeat(filled), " ".repeat(WIDTH - filled), percent));
        err.flush();
    }

    /** Clears the bar's line. */
    @Override
    public void done() {
        if (current != null) {
            err.print("\r" + " ".repeat(WIDTH + 48) + "\r");
            err.flush();
        }
    }
}
