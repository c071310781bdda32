package org.jsna.validate;

import java.util.List;
import org.jsna.console.JsnaException;

/**
 * The header row of an input file and the whole-file rules about it (data.md, "Validation rules"): a
 * required column, or one named in {@code columns:} of jsna.yaml, must be present (named, with the header
 * found, at the header's line). Names are matched exactly first, then ignoring case; a column jsna reads that
 * the header names twice (two cells of the same name, or, with none of the exact name, two that differ only in
 * case) is an error of the whole file: which copy holds the data cannot be told, and taking the first silently
 * turned a repeated header into thousands of rejected rows, or into data read from the wrong column.
 */
public final class Header {
    private final String file;
    private final long line;
    private final List<String> names;

    /**
     * @param file  the file as named in messages
     * @param line  the physical line of the header row
     * @param names the column names, spaces and tabs around them removed
     */
    public Header(String file, long line, List<String> names) {
        this.file = file;
        this.line = line;
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public long line() {
        return line;
    }

    /** The name of column {@code i}, or null when there is none. */
    public String name(int i) {
        return i >= 0 && i < names.size() ? names.get(i) : null;
    }

    /**
     * Index of a column by name: exact match first, then ignoring case; -1 when absent. Throws an input error when
     * the name matches two cells at the same step.
     */
    public int find(String name) {
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                found = once(name, found, i);
            }
        }
        if (found >= 0) {
            return found;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found = once(name, found, i);
            }
        }
        return found;
    }

    private int once(String name, int found, int i) {
        if (found >= 0) {
            throw JsnaException.input(file, line, name, names.get(i), "the column '" + name + "' once in the header "
                    + "(it is header fields " + (found + 1) + " and " + (i + 1) + ")");
        }
        return i;
    }

    /**
     * Index of a canonical column, found under its configured name; -1 when absent and allowed to be.
     *
     * @param name      the name the file should use (the canonical name unless {@code columns:} maps it)
     * @param canonical the canonical name
     * @param role      the input (areas, population, referrals, services), for the message
     * @param required  the column is required
     * @param mapped    {@code columns:} names it: then it must be present even when optional (a typo is caught)
     */
    public int column(String name, String canonical, String role, boolean required, boolean mapped) {
        int i = find(name);
        if (i < 0 && (required || mapped)) {
            throw JsnaException.input(at() + ": missing required column '" + name + "'"
                    + (mapped ? " (given for " + canonical + " in columns." + role + ")" : "")
                    + ": the header has " + list());
        }
        return i;
    }

    /** A required column missing with its alternatives, e.g. {@code age (or birth_date or birth_year)}. */
    public JsnaException missingOneOf(String first, List<String> others) {
        StringBuilder sb = new StringBuilder("'").append(first).append("' (or ");
        for (int k = 0; k < others.size(); k++) {
            if (k > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(others.get(k)).append('\'');
        }
        return JsnaException.input(at() + ": missing required column " + sb + "): the header has " + list());
    }

    /** A required column missing, as {@link #column} reports it. */
    public JsnaException missing(String name) {
        return JsnaException.input(at() + ": missing required column '" + name + "': the header has " + list());
    }

    /** {@code file:line} of the header row, where whole-file defects about its columns or rows are reported. */
    public String at() {
        return JsnaException.where(file, line, null);
    }

    /** A file with no row after its header where rows are required ({@code what}: e.g. "population rows"). */
    public JsnaException noRows(String what) {
        return JsnaException.input(at() + ": no rows after the header: expected " + what);
    }

    /** The column names for a message, quoted and cut after about 200 characters. */
    public String list() {
        StringBuilder sb = new StringBuilder();
        for (String h : names) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (sb.length() > 200) {
                sb.append("…");
                break;
            }
            sb.append(JsnaException.quote(h));
        }
        return sb.toString();
    }

    /** A file without any row, not even a header (line 1). */
    public static JsnaException emptyFile(String file) {
        return JsnaException.input(JsnaException.where(file, 1, null)
                + ": empty file: expected a header row with the column names");
    }

    /** A header cell with an unbalanced quote or a NUL byte: no column name can be read from it. */
    public static JsnaException badCell(String file, long line, int field, String raw, boolean nul) {
        return JsnaException.input(JsnaException.where(file, line, null) + ": header field " + (field + 1) + " '"
                + JsnaException.quote(raw) + "': expected " + (nul ? "a column name without NUL bytes"
                        : "a column name with balanced quotes"));
    }

    /** An ONS export that ends within the title rows to skip. */
    public static JsnaException endsWithinSkippedRows(String file, int skipRows) {
        return JsnaException.input(file + ": the file ends within the " + skipRows + " rows to skip "
                + "(ons_wide.skip_rows): expected a header after them");
    }

    /** A population file whose valid rows are all 0 (data.md: a population file may not be all zero). */
    public static JsnaException allZeroPopulation(String file) {
        return JsnaException.input(file + ": every population value is 0: expected a resident population");
    }
}
