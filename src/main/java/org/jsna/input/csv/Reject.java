package org.jsna.input.csv;

/**
 * A row defect as a reading thread found it, before it becomes a {@link org.jsna.validate.Problem}: the
 * value is kept as bytes, because the file's encoding may be known only once the whole file is read.
 *
 * @param line     physical line where the record starts
 * @param column   the column at fault, -1 for a defect of the whole row
 * @param value    the value's bytes, or null when there is none
 * @param reason   the reason code
 * @param expected what was expected, in words
 */
public record Reject(long line, int column, byte[] value, String reason, String expected) {
}
