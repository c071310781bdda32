package org.jsna.input;

import java.io.IOException;
import java.io.Reader;

/**
 * The size limits of every CSV jsna reads (docs/data.md, "Limits"), so that a hostile or broken file —
 * a gigabyte without a line end, a field of megabytes, a header of a million columns — ends in one
 * clear input error (exit 3) naming the file and line, in bounded memory, instead of filling the heap.
 * Each limit is far above what any real extract holds. Lengths are counted in characters of the decoded
 * text, quotes and separators not included.
 */
public final class CsvLimits {

    /** Characters in one field: 1 MiB. */
    public static final int MAX_FIELD_CHARS = 1 << 20;
    /** Characters in one record (row), all its fields together: 4 MiB. */
    public static final int MAX_RECORD_CHARS = 4 << 20;
    /** Fields in one record (so also columns in a header). */
    public static final int MAX_FIELDS = 10_000;

    private CsvLimits() {
    }

    /**
     * Reads the whole CSV text through the same scanner as the report inputs, so that a limit is an
     * input error here, and so is a quoted field left open at the end (exit 3). For readers that hold
     * a file in memory with another CSV parser ({@code jsna calc}): check first, then parse.
     */
    public static void check(Reader in, String file) throws IOException {
        try (CsvScanner sc = new CsvScanner(in, file)) {
            boolean header = true;
            while (sc.next()) {
                if (header) {
                    String[] names = new String[sc.fieldCount()];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = sc.field(i);
                    }
                    sc.header(names);
                    header = false;
                }
            }
        }
    }
}
