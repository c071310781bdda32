package org.jsna.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, read from {@code jsna-version.properties} written by the build. */
public final class Version {

    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/jsna-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
