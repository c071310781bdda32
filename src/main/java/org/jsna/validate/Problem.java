package org.jsna.validate;

import org.jsna.console.JsnaException;

/**
 * One invalid row of an input file (data.md, "Validation rules").
 *
 * @param file    the file as named in messages
 * @param line    physical line where the record starts (header = 1)
 * @param column  the column at fault as the file names it, or null for a whole-row defect
 * @param value   the value found (may be long; {@link #message()} cuts it), or null
 * @param expected what was expected, in words
 * @param reason  a short stable code (e.g. {@code bad_date}); data-quality.csv writes {@code rejected:<reason>}
 * @param rejectValue the offending value as rejects.csv may hold it (data.md, "Errors and rejects"): empty for a
 *                defect of the row's shape (ragged row, unbalanced quote, NUL byte) and when the value is an
 *                identifier (referral_id, person_id, event_id, or the columns mapped onto them), a birth date or
 *                a year of birth; never the rest of the row
 */
public record Problem(String file, long line, String column, String value, String expected, String reason,
        String rejectValue) {

    /**
     * A problem whose rejects.csv value follows data.md ("Errors and rejects"): the offending value alone,
     * a NUL shown as {@code \u0000}; empty for a defect of the row's shape (a ragged row, an unbalanced
     * quote: no single value) and for a value of a withheld column (an identifier, a birth date, a year of
     * birth: person-level). Never any other field of the row.
     *
     * @param withheld the column's values are person-level
     */
    public static Problem of(String file, long line, String column, String value, String expected, String reason,
            boolean withheld) {
        String reject = value == null || column == null || withheld || reason.equals("unbalanced_quote")
                || reason.equals("ragged_row") ? "" : value.replace("\0", "\\u0000");
        return new Problem(file, line, column, value, expected, reason, reject);
    }

    /** The one-line text: {@code file:line: column 'c': value 'v': expected ...}. */
    public String message() {
        String where = JsnaException.where(file, line, column);
        return value == null ? where + ": expected " + expected : where + ": " + JsnaException.describe(value, expected);
    }

    /** The input-data exception (exit 3) that stops a run on this problem. */
    public JsnaException toException() {
        return JsnaException.input(message());
    }
}
