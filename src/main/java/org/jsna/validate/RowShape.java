package org.jsna.validate;

/**
 * The shape of a row, checked before any of its values (data.md): no unbalanced quote ({@code unbalanced_quote}:
 * a quote inside an unquoted field, or text after a closing quote), no NUL byte ({@code nul_byte}), and as many
 * fields as the header ({@code ragged_row}). rejects.csv holds no value for the first and last: there is no single
 * value at fault.
 */
public final class RowShape {

    private RowShape() {
    }

    /**
     * What an unbalanced quote is expected to be, in messages (also of {@code jsna calc}'s inputs): ` "1" ` and
     * `"A1" x` are unbalanced too, for the text outside the quotes.
     */
    public static final String BALANCED_QUOTES = "a field with balanced quotes (a quote inside a field is written \"\" "
            + "within a quoted field, and nothing, not even a space, comes before an opening quote or after a closing "
            + "one)";

    /** True when the row has the header's number of fields and no defect of its quotes or bytes. */
    public static boolean check(Fields f, int headerFields) {
        if (f.defect() == Fields.UNBALANCED_QUOTE) {
            return f.rejectRaw(f.defectField(), "unbalanced_quote", BALANCED_QUOTES);
        }
        if (f.defect() == Fields.NUL) {
            return f.rejectRaw(f.defectField(), "nul_byte", "text without NUL bytes");
        }
        if (f.fieldCount() != headerFields) {
            return f.rejectRow("ragged_row", headerFields + " fields as in the header, found " + f.fieldCount());
        }
        return true;
    }
}
