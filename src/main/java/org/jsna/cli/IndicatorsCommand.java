package org.jsna.cli;

import org.jsna.common.JsnaException;
import picocli.CommandLine.Command;

/** {@code jsna indicators}: placeholder until its issue lands. */
@Command(name = "indicators", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class IndicatorsCommand implements Runnable {
    @Override
    public void run() {
        throw new JsnaException(JsnaException.Kind.INTERNAL, "jsna indicators is not built yet");
    }
}
