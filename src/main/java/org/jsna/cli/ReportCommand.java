package org.jsna.cli;

import org.jsna.common.JsnaException;
import picocli.CommandLine.Command;

/** {@code jsna report}: placeholder until its issue lands. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw new JsnaException(JsnaException.Kind.INTERNAL, "jsna report is not built yet");
    }
}
