package org.jsna.calc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import org.jsna.console.JsnaException;
import org.jsna.console.Streams;
import org.jsna.input.csv.TextCsv;
import org.jsna.validate.CsvLimits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * An aggregated input table of {@code jsna calc}: a CSV read by the CSV reader of the report inputs
 * ({@link CsvRecords}: UTF-8 with or without a byte-order mark, else Windows-1252; within the size limits of
 * {@link CsvLimits}; physical line numbers; header row required) into Tablesaw columns whose types are given by the
 * caller — the columns named as numeric become {@link DoubleColumn}s (a missing value, an empty cell
 * or {@code NA}, is NaN), every other column a {@link StringColumn} of the text exactly as written. Tablesaw never
 * guesses a type. Each row remembers the line of the file it came from, so every error names file, line,
 * column, value and what was expected (exit 3).
 *
 * <p>The columns are Tablesaw's typed columns, held by this class rather than by a Tablesaw {@code Table}:
 * {@code Table}'s static initialiser scans the class path with ClassGraph for Tablesaw's file readers, which
 * cost more than the whole of a {@code jsna calc} run may take (README, "Start-up"). Column names must
 * still differ in more than upper/lower case, as a {@code Table} requires.
 */
public final class CalcTable {

    /** How a number cell must look: plain or scientific decimal, no thousands separators, no hex. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String file;
    /** Per column of the file, in file order: a {@link DoubleColumn} or a {@link StringColumn}. */
    private final List<Column<?>> columns;
    private final List<String> names;
    private final Map<String, Integer> index;
    private final long[] lines;
    private final String[][] raw;

    private CalcTable(String file, List<Column<?>> columns, List<String> names, long[] lines, String[][] raw) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        this.lines = lines;
        this.raw = raw;
    }

    /**
     * Reads {@code path} ({@code -} = standard input).
     *
     * @param path     a file, or {@code -}
     * @param role     what the file is, for messages (e.g. "--input")
     * @param required columns that must exist (exit 3 naming the missing one otherwise)
     * @param numeric  columns to parse as numbers (each must be among the columns; a bad number is exit 3)
     */
    public static CalcTable read(String path, String role, Collection<String> required, Collection<String> numeric) {
        String display = "-".equals(path) ? "<stdin>" : path;
        if ("-".equals(path)) {
            try {
                return parse(new java.io.FilterInputStream(Streams.in()) {
                    @Override
                    public void close() {
                        // standard input stays open: it is not this reader's
                    }
                }, display, required, numeric);
            } catch (IOException e) {
                throw JsnaException.io(role + " -: cannot read standard input (" + e.getMessage() + ")", e);
            }
        }
        TextCsv t = TextCsv.readFile(Path.of(path), role, ", or '-' with the data on standard input", true,
                names(display, required, numeric));
        return build(display, t.names(), t.rows(), t.lines(), numeric);
    }

    /**
     * Parses a CSV stream (not closed) through the CSV reader of the report inputs ({@link TextCsv}): the
     * encoding detected as theirs are (UTF-8, else Windows-1252; a UTF-16 file is an input error), the size limits
     * of {@link CsvLimits}, physical line numbers; then the header (every column named, once), the columns the
     * method needs, and the rows are checked in file order.
     */
    public static CalcTable parse(InputStream in, String display, Collection<String> required,
            Collection<String> numeric) throws IOException {
        TextCsv t = TextCsv.read(Channels.newChannel(in), display, true, names(display, required, numeric));
        return build(display, t.names(), t.rows(), t.lines(), numeric);
    }

    /** The header must name every column the method reads: else an input error naming the columns found. */
    private static TextCsv.NamesCheck names(String display, Collection<String> required, Collection<String> numeric) {
        return (names, line) -> {
            for (Collection<String> cols : List.of(required, numeric)) {
                for (String r : cols) {
                    if (!names.contains(r)) {
                        throw JsnaException.input(JsnaException.where(display, line, null) + ": column '" + r
                                + "' not found; the columns are " + String.join(", ", names));
                    }
                }
            }
        };
    }

    private static CalcTable build(String display, List<String> names, List<String[]> rows, long[] lines,
            Collection<String> numeric) {
        int n = rows.size();
        String[][] raw = rows.toArray(new String[0][]);
        List<Column<?>> columns = new ArrayList<>(names.size());
        Set<String> folded = new HashSet<>();
        Set<String> numericSet = new LinkedHashSet<>(numeric);
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            Column<?> col;
            if (numericSet.contains(name)) {
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = parseNumber(raw[r][c], display, lines[r], name);
                }
                col = DoubleColumn.create(name, v);
            } else {
                String[] v = new String[n];
                for (int r = 0; r < n; r++) {
                    v[r] = raw[r][c];
                }
                col = StringColumn.create(name, v);
            }
            // checked after the column's numbers, in the order a Table's addColumns would refuse it
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw JsnaException.input(display, 1, name, name,
                        "column names that differ in more than upper/lower case");
            }
            columns.add(col);
        }
        return new CalcTable(display, columns, names, lines, raw);
    }

    /** True for a missing cell: empty (after trimming) or {@code NA}. */
    public static boolean isMissing(String cell) {
        String s = cell.strip();
        return s.isEmpty() || s.equals("NA");
    }

    private static double parseNumber(String cell, String file, long line, String column) {
        if (isMissing(cell)) {
            return Double.NaN;
        }
        String s = cell.strip();
        if (!NUMBER.matcher(s).matches()) {
            throw JsnaException.input(file, line, column, cell, "a number (e.g. 12 or 0.5), or an empty cell or NA for a missing value");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw JsnaException.input(file, line, column, cell, "a finite number");
        }
        return v;
    }

    /** The name of the file for messages ({@code <stdin>} for standard input). */
    public String file() {
        return file;
    }

    /** The column (file order): a {@link DoubleColumn} when read as numeric, else a {@link StringColumn}. */
    public Column<?> column(String column) {
        return columns.get(col(column));
    }

    /** The column names in file order. */
    public List<String> columnNames() {
        return names;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    public int rowCount() {
        return lines.length;
    }

    /** The line of the file the row (0-based) came from (the header is line 1). */
    public long line(int row) {
        return lines[row];
    }

    /** True when the column was read as numeric. */
    public boolean isNumeric(String column) {
        return columns.get(col(column)) instanceof DoubleColumn;
    }

    /** A numeric column's value (NaN when missing). The column must have been read as numeric. */
    public double number(int row, String column) {
        Column<?> c = columns.get(col(column));
        if (!(c instanceof DoubleColumn d)) {
            throw new IllegalStateException("column " + column + " was not read as numeric");
        }
        return d.getDouble(row);
    }

    /** A cell exactly as written in the file. */
    public String text(int row, String column) {
        return raw[row][col(column)];
    }

    /** The values of a numeric column for the given rows. */
    public double[] numbers(String column, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = number(rows[i], column);
        }
        return out;
    }

    private int col(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalStateException("no column " + column);
        }
        return i;
    }

    /** An input error (exit 3) about one cell: file, line, column, the cell's text and what was expected. */
    public JsnaException error(int row, String column, String expected) {
        return JsnaException.input(file, lines[row], column, text(row, column), expected);
    }

    /**
     * Checks every non-missing value of a numeric column; the first that fails {@code ok} is an
     * input error (exit 3) saying {@code expected}.
     */
    public void check(String column, DoublePredicate ok, String expected) {
        for (int r = 0; r < rowCount(); r++) {
            double v = number(r, column);
            if (!Double.isNaN(v) && !ok.test(v)) {
                throw error(r, column, expected);
            }
        }
    }

    /** Every value of a numeric column must be present; the first missing one is an input error (exit 3). */
    public void requirePresent(String column, String expected) {
        for (int r = 0; r < rowCount(); r++) {
            if (Double.isNaN(number(r, column))) {
                throw error(r, column, expected);
            }
        }
    }

    /**
     * The rows grouped by the text of the {@code by} columns, groups sorted by their keys (as the
     * reference package orders grouped output); rows keep file order within a group. With no
     * {@code by} columns the whole table is one group with an empty key; a table without rows has
     * no groups.
     */
    public List<Group> groups(List<String> by) {
        for (String b : by) {
            col(b);
        }
        Map<List<String>, List<Integer>> map = new TreeMap<>(KEY_ORDER);
        for (int r = 0; r < rowCount(); r++) {
            List<String> key = new ArrayList<>(by.size());
            for (String b : by) {
                key.add(text(r, b).strip());
            }
            map.computeIfAbsent(List.copyOf(key), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>(map.size());
        for (Map.Entry<List<String>, List<Integer>> e : map.entrySet()) {
            out.add(new Group(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** Group keys compared column by column, as numbers when both cells are numbers, else as text. */
    public static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareCells(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareCells(String a, String b) {
        if (NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()) {
            int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    /** The rows of this table as a map from the {@code key} column's label to rows, checking labels are unique. */
    public Map<String, Integer> uniqueIndex(String key, String what) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int r = 0; r < rowCount(); r++) {
            String k = text(r, key).strip();
            if (out.putIfAbsent(k, r) != null) {
                throw error(r, key, "each " + what + " once (it is also on line " + line(out.get(k)) + ")");
            }
        }
        return out;
    }
}
