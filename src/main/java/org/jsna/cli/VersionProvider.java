package org.jsna.cli;

import org.jsna.console.Version;
import picocli.CommandLine;

/** {@code jsna --version}: the version baked into the jar at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"jsna " + Version.VERSION};
    }
}
