package org.jsna.validate;

import org.jsna.console.JsnaException;

/**
 * The size limits of every CSV jsna reads (docs/data.md, "Limits"), so that a hostile or broken file —
 * a gigabyte without a line end, a field of megabytes, a header of a million columns — ends in one
 * clear input error (exit 3) naming the file and line, in bounded memory, instead of filling the heap.
 * Each limit is far above what any real extract holds. Lengths are counted in bytes of a field's text,
 * quotes and separators not included: one byte is one character in ASCII and Windows-1252 text, and a
 * UTF-8 letter outside ASCII counts two or three. Going past a limit is a whole-file defect: it stops the
 * run even when invalid rows are skipped.
 */
public final class CsvLimits {

    /** Characters (bytes) in one field: 1 MiB. */
    public static final int MAX_FIELD_CHARS = 1 << 20;
    /** Characters (bytes) in one record (row), all its fields together: 4 MiB. */
    public static final int MAX_RECORD_CHARS = 4 << 20;
    /** Fields in one record (so also columns in a header). */
    public static final int MAX_FIELDS = 10_000;
    /**
     * The most bytes one record within the limits can take in the file: every character of its text
     * doubled (a quote is written {@code ""}), plus two quotes and a separator per field and a line end.
     * A stretch without a record boundary longer than this is over a limit, so a reader never needs to
     * hold more of one record to find out which.
     */
    public static final int MAX_RECORD_BYTES = 2 * MAX_RECORD_CHARS + 3 * MAX_FIELDS + 16;

    private CsvLimits() {
    }

    /** A field over {@link #MAX_FIELD_CHARS}; {@code column} is null in a header. */
    public static JsnaException fieldTooLong(String file, long line, String column) {
        return JsnaException.input(JsnaException.where(file, line, column) + ": a field longer than "
                + MAX_FIELD_CHARS + " characters: expected a field of at most " + MAX_FIELD_CHARS
                + " characters (1 MiB)");
    }

    /** A record over {@link #MAX_RECORD_CHARS}. */
    public static JsnaException rowTooLong(String file, long line) {
        return JsnaException.input(JsnaException.where(file, line, null) + ": a row longer than "
                + MAX_RECORD_CHARS + " characters: expected a row of at most " + MAX_RECORD_CHARS
                + " characters (4 MiB) in all its fields together");
    }

    /** A record of more than {@link #MAX_FIELDS} fields. */
    public static JsnaException tooManyFields(String file, long line) {
        return JsnaException.input(JsnaException.where(file, line, null) + ": more than " + MAX_FIELDS
                + " fields in a row: expected at most " + MAX_FIELDS + " columns");
    }

    /**
     * A quoted field still open past {@link #MAX_FIELD_CHARS} (or past the row's limit), reported at the line of its
     * opening quote: a stray quote far more often than a field of megabytes.
     */
    public static JsnaException quoteTooLong(String file, long line, String column) {
        return JsnaException.input(JsnaException.where(file, line, column) + ": a quoted field with no closing quote "
                + "within " + MAX_FIELD_CHARS + " characters: expected a closing quote (is a quote unbalanced? a "
                + "quote inside a field is written \"\" within a quoted field; a field is at most 1 MiB)");
    }

    /** A quoted field still open at the end of the file, reported at the line where it starts. */
    public static JsnaException unterminatedQuote(String file, long line, String column) {
        return JsnaException.input(JsnaException.where(file, line, column)
                + ": unterminated quoted field: expected a closing quote before the end of the file");
    }
}
