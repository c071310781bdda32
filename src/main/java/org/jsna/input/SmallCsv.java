package org.jsna.input;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsna.console.JsnaException;
import org.jsna.input.csv.TextCsv;

/**
 * A small CSV read whole, as text, through the CSV path of the report inputs ({@link TextCsv}: block
 * reading, encoding detection, size limits, physical line numbers): the header's names, and each row's cells
 * with its line, so that a reader of a small file (jsna project's projected population and prevalence rates)
 * names file, line and column in every error. Nothing is typed here: the reader parses each cell it uses.
 */
final class SmallCsv {

    /** A plain or scientific decimal, no thousands separators. */
    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    final String file;
    /** The file's encoding as the report's manifest names it ({@code UTF-8}, {@code windows-1252}). */
    final String encoding;
    final List<String> names;
    final List<String[]> rows;
    final long[] lines;
    private final Map<String, Integer> index = new HashMap<>();

    private SmallCsv(String file, String encoding, List<String> names, List<String[]> rows, long[] lines) {
        this.file = file;
        this.encoding = encoding;
        this.names = names;
        this.rows = rows;
        this.lines = lines;
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
    }

    /** The column's position, or -1. */
    int column(String name) {
        return index.getOrDefault(name, -1);
    }

    /** The column's position; an input error naming the columns found when it is missing. */
    int required(String name) {
        int i = column(name);
        if (i < 0) {
            throw JsnaException.input(JsnaException.where(file, 1, null) + ": column '" + name
                    + "' not found; the columns are " + String.join(", ", names));
        }
        return i;
    }

    /** An input error about row {@code r}'s cell in column {@code c}. */
    JsnaException error(int r, int c, String expected) {
        return JsnaException.input(file, lines[r], names.get(c), rows.get(r)[c], expected);
    }

    /**
     * A decimal from 0 to {@code max} (the cell trimmed); an input error when empty, not a number, negative or
     * above {@code max}.
     */
    double nonNegative(int r, int c, String what, double max) {
        String s = rows.get(r)[c].strip();
        if (s.isEmpty() || !NUMBER.matcher(s).matches()) {
            throw error(r, c, what);
        }
        double v = Double.parseDouble(s);
        if (v < 0 || !(v <= max)) {
            throw error(r, c, what);
        }
        return v;
    }

    /** Reads {@code path}; exit 4 when it is missing, unreadable or a folder; exit 3 for a malformed CSV. */
    static SmallCsv read(Path path, String option) {
        TextCsv t = TextCsv.readFile(path, option, "", false, (names, line) -> { });
        return new SmallCsv(t.file(), t.charset().name(), t.names(), t.rows(), t.lines());
    }

    /** The header's names and the encoding of {@code path}, no rows (every row is read, none kept). */
    static SmallCsv shape(Path path, String option) {
        Object stamp = org.jsna.input.csv.Cuts.stampOf(path);
        TextCsv t = TextCsv.shape(path, option, "", false);
        SmallCsv s = new SmallCsv(t.file(), t.charset().name(), t.names(), List.of(), new long[0]);
        s.stamp = stamp;
        return s;
    }

    /** Of a {@link #shape}: the file's stamp before it was read, for {@link #stream} to compare at its end. */
    private Object stamp;

    /**
     * Reads {@code path} (whose {@link #shape} is {@code shape}) a row at a time: {@code each} gets a view of the
     * file holding the current row only, as row 0, so that its messages name file, line and column as ever.
     */
    static void stream(Path path, String option, SmallCsv shape, java.util.function.Consumer<SmallCsv> each) {
        SmallCsv view = new SmallCsv(shape.file, shape.encoding, shape.names, new java.util.ArrayList<>(
                java.util.Collections.nCopies(1, (String[]) null)), new long[1]);
        TextCsv t = new TextCsv(shape.file, shape.names, List.of(), new long[0], java.nio.charset.Charset.forName(
                shape.encoding));
        TextCsv.stream(path, option, t, shape.stamp, false, (names, line) -> { }, (cells, line) -> {
            view.rows.set(0, cells);
            view.lines[0] = line;
            each.accept(view);
        });
    }

    /** The sex of a population-like row, mapped by codes.sex as population.csv's: 0 F, 1 M, else -1. */
    static int sex(String value, Map<String, String> codes) {
        String v = codes.getOrDefault(value, value);
        return v.equals("F") ? 0 : v.equals("M") ? 1 : -1;
    }
}
