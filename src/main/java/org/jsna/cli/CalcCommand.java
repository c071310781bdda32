package org.jsna.cli;

import org.jsna.common.JsnaException;
import picocli.CommandLine.Command;

/** {@code jsna calc}: placeholder until its issue lands. */
@Command(name = "calc", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class CalcCommand implements Runnable {
    @Override
    public void run() {
        throw new JsnaException(JsnaException.Kind.INTERNAL, "jsna calc is not built yet");
    }
}
