package org.jsna.cli;

import org.jsna.common.JsnaException;
import picocli.CommandLine.Command;

/** {@code jsna validate}: placeholder until its issue lands. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not built yet.")
public final class ValidateCommand implements Runnable {
    @Override
    public void run() {
        throw new JsnaException(JsnaException.Kind.INTERNAL, "jsna validate is not built yet");
    }
}
