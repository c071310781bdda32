package org.jsna.validate;

/** A required value must not be empty ({@code missing_value}); spaces and tabs alone are empty. */
public final class Required {

    private Required() {
    }

    /** True when field {@code i} has a value; otherwise reports it missing. */
    public static boolean present(Fields f, int i) {
        if (f.blank(i)) {
            return missing(f, i);
        }
        return true;
    }

    /** Reports field {@code i} missing; returns false. */
    public static boolean missing(Fields f, int i) {
        return f.reject(i, "missing_value", "a value (the column is required)");
    }
}
