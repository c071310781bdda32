package org.jsna.stats;

/**
 * Funnel-plot input that the method cannot use (a negative or missing count, a denominator of
 * zero, ...). Carries the offending row (0-based index into the arrays passed in, or -1 when the
 * problem concerns the whole table), the input it concerns and the value found, so that the
 * caller can name file, line and column. The message says what was expected.
 */
public final class FunnelDataException extends IllegalArgumentException {

    /** The input a problem concerns. */
    public enum Field {
        NUMERATOR, DENOMINATOR, RATE
    }

    private final int row;
    private final Field field;
    private final double value;

    public FunnelDataException(int row, Field field, double value, String expected) {
        super(expected);
        this.row = row;
        this.field = field;
        this.value = value;
    }

    /** 0-based row index into the input arrays; -1 for a problem of the whole table. */
    public int row() {
        return row;
    }

    /** The input concerned; null for a problem of the whole table. */
    public Field field() {
        return field;
    }

    /** The value found (NaN for a missing value). */
    public double value() {
        return value;
    }

    /** What was expected, one plain sentence. */
    public String expected() {
        return getMessage();
    }
}
