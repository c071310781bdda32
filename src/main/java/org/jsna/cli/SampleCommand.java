package org.jsna.cli;

import org.jsna.common.JsnaException;
import picocli.CommandLine.Command;

/** {@code jsna sample}: placeholder until its issue lands. */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class SampleCommand implements Runnable {
    @Override
    public void run() {
        throw new JsnaException(JsnaException.Kind.INTERNAL, "jsna sample is not built yet");
    }
}
