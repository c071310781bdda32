package org.jsna.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reaches jsna's package-private CSV scanner from the benchmark (same package on the class path;
 * the benchmark is never part of the product). Only {@link org.jsna.bench.JsnaRead} calls it.
 */
public final class ScannerAccess {

    private ScannerAccess() {
    }

    /** Tokenises a UTF-8 CSV file with {@link CsvScanner}: every record, no validation. Returns the fields seen. */
    public static long scan(Path file) throws IOException {
        long fields = 0;
        try (CsvScanner sc = new CsvScanner(TextEncoding.reader(Files.newInputStream(file), StandardCharsets.UTF_8),
                file.toString())) {
            while (sc.next()) {
                fields += sc.fieldCount();
            }
        }
        return fields;
    }
}
