package org.jsna.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jsna.common.Log;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportJob;

/** Draws the formats of {@code jsna report} that come from the chart, table and report writers. */
final class ReportRenderers {

    private ReportRenderers() {
    }

    static void render(ReportData data, Path dir, ReportJob.Options o) throws IOException {
        for (String f : o.formats()) {
            if (!f.equals("csv")) {
                Log.warnOnce("format " + f + " is not available in this build yet");
            }
        }
    }
}
