package org.jsna.validate;

/**
 * One record of an input file as the rules read it. Its fields are byte ranges of the file's text,
 * quotes removed, so that a rule parses a date, a number or a code without making a String of it. A
 * rule that finds a defect reports it here; only the first defect of a row counts (data.md: one row,
 * one reason), and every reporting method returns false so that a rule can end with it.
 */
public interface Fields {

    /** {@link #defect()}: a quote inside an unquoted field, or text after a closing quote. */
    int UNBALANCED_QUOTE = 1;
    /** {@link #defect()}: a NUL byte in a field. */
    int NUL = 2;

    /** The bytes the ranges below point into. */
    byte[] bytes();

    /** Fields in the record. */
    int fieldCount();

    /**
     * Start of field {@code i} with the spaces and tabs around it removed; with {@link #end}, an empty range
     * when the field is empty, blank, or absent ({@code i < 0}, or beyond the end of the row).
     */
    int start(int i);

    /** End (exclusive) of field {@code i}'s trimmed text. */
    int end(int i);

    /** True when field {@code i} is empty, blank or absent. */
    default boolean blank(int i) {
        return start(i) >= end(i);
    }

    /** 0, {@link #UNBALANCED_QUOTE} or {@link #NUL}: the first defect of the row's shape, in {@link #defectField}. */
    int defect();

    int defectField();

    /**
     * Field {@code i}'s trimmed text as UTF-8 bytes, for a field that is not plain ASCII (an ASCII field is
     * its own UTF-8); null while the file's encoding is not known yet.
     */
    byte[] utf8(int i);

    /** Reports a defect of field {@code i}, quoting its trimmed text. */
    boolean reject(int i, String reason, String expected);

    /** Reports a defect of field {@code i}, quoting its text exactly as read (spaces kept). */
    boolean rejectRaw(int i, String reason, String expected);

    /** Reports a defect of the whole row: no column, no value. */
    boolean rejectRow(String reason, String expected);
}
