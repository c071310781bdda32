package org.jsna.calc;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.console.JsnaException;
import org.jsna.console.Streams;
import org.jsna.input.CsvLimits;
import org.jsna.input.JsnaConfig;
import org.jsna.input.TextEncoding;

/**
 * An aggregated input table of {@code jsna calc}: a CSV read with Commons CSV (UTF-8 with or without
 * a byte-order mark, else Windows-1252, detected as for the report inputs; within the size limits of
 * {@link CsvLimits}; header row required) into columns whose types are given by the caller — the
 * columns named as numeric become arrays of doubles (a missing value, an empty cell or {@code NA}, is
 * NaN), every other column stays text exactly as written. No type is ever guessed. Each row remembers
 * the line of the file it came from, so every error names file, line, column, value and what was
 * expected (exit 3).
 *
 * <p>Plain arrays rather than a data-frame library: a {@code jsna calc} run is one short process,
 * often one of hundreds in a script, and Tablesaw (which this class used to fill) scanned the whole
 * class path in its {@code Table} initialiser and brought Guava, fastutil and ICU4J into the jar
 * (README, "Start-up").
 */
public final class CalcTable {

    /** How a number cell must look: plain or scientific decimal, no thousands separators, no hex. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String file;
    /** Per column: its values when it was read as numeric (NaN = missing), else null. */
    private final double[][] numeric;
    private final List<String> names;
    private final Map<String, Integer> index;
    private final long[] lines;
    private final String[][] raw;

    private CalcTable(String file, double[][] numeric, List<String> names, long[] lines, String[][] raw) {
        this.file = file;
        this.numeric = numeric;
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
            try (Stdin in = Stdin.read(Streams.in())) {
                return parse(in::open, display, required, numeric);
            } catch (IOException e) {
                throw JsnaException.io(role + " -: cannot read standard input (" + e.getMessage() + ")", e);
            }
        }
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw JsnaException.io(role + " " + path + ": is a folder, expected a CSV file");
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            // read twice: a device never ends (/dev/zero would hang), a pipe is empty the second time
            throw JsnaException.io(role + " " + path + ": is not a regular file (a device or a pipe): expected a "
                    + "CSV file, or '-' with the data on standard input");
        }
        try {
            return parse(() -> Files.newInputStream(p), display, required, numeric);
        } catch (NoSuchFileException e) {
            throw JsnaException.io(role + " " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw JsnaException.io(role + " " + path + ": permission denied");
        } catch (IOException e) {
            throw JsnaException.io(role + " " + path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Opens the bytes of an input from the start; called once per pass. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Standard input read to the end and kept, so that it can be read twice as a file is (encoding
     * detection needs every byte first): in memory up to {@link #IN_MEMORY} bytes, beyond that in a
     * temporary file that is deleted on {@link #close}.
     */
    private static final class Stdin implements java.io.Closeable {
        static final int IN_MEMORY = 8 << 20;
        private final byte[] bytes;
        private final Path temp;

        private Stdin(byte[] bytes, Path temp) {
            this.bytes = bytes;
            this.temp = temp;
        }

        static Stdin read(InputStream in) throws IOException {
            byte[] head = in.readNBytes(IN_MEMORY + 1);
            if (head.length <= IN_MEMORY) {
                return new Stdin(head, null);
            }
            Path t = Files.createTempFile("jsna-stdin-", ".csv");
            t.toFile().deleteOnExit();
            try (java.io.OutputStream out = Files.newOutputStream(t)) {
                out.write(head);
                in.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(t);
                throw e;
            }
            return new Stdin(null, t);
        }

        InputStream open() throws IOException {
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : Files.newInputStream(temp);
        }

        @Override
        public void close() throws IOException {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Parses a CSV stream (read whole into memory: it is read more than once); see {@link #read}. */
    public static CalcTable parse(InputStream in, String display, Collection<String> required, Collection<String> numeric) {
        try {
            byte[] bytes = in.readAllBytes();
            return parse(() -> new java.io.ByteArrayInputStream(bytes), display, required, numeric);
        } catch (IOException e) {
            throw JsnaException.input(display + ": not a readable CSV file (" + e.getMessage() + ")");
        }
    }

    /**
     * Parses the CSV that {@code source} opens, in three passes: the encoding as the report inputs
     * are detected ({@link TextEncoding}: UTF-8, else Windows-1252; a UTF-16 file is an input error),
     * the size limits of {@link CsvLimits} (a field, a row, the number of columns), then the records.
     */
    static CalcTable parse(Source source, String display, Collection<String> required, Collection<String> numeric)
            throws IOException {
        Charset charset;
        try (InputStream in = source.open()) {
            charset = TextEncoding.detect(in, display, JsnaConfig.ENCODING_AUTO, false).charset();
        }
        try (InputStream in = source.open()) {
            CsvLimits.check(TextEncoding.reader(in, charset), display);
        } catch (CharacterCodingException e) {
            throw changed(display);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (InputStream raw = source.open()) {
            PushbackReader pb = new PushbackReader(TextEncoding.reader(raw, charset), 1);
            int first = pb.read();
            if (first != -1 && first != '\uFEFF') {
                pb.unread(first);
            }
            try (CSVParser parser = CSVParser.parse(pb, format)) {
                var it = parser.iterator();
                if (!it.hasNext()) {
                    throw JsnaException.input(display + ": the file is empty; expected a header row with column names");
                }
                CSVRecord head = it.next();
                List<String> names = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (String h : head) {
                    String name = h.strip();
                    if (name.isEmpty()) {
                        throw JsnaException.input(display, 1, null, h, "a column name in every header cell");
                    }
                    if (!seen.add(name)) {
                        throw JsnaException.input(display, 1, name, name, "each column name once in the header");
                    }
                    names.add(name);
                }
                for (String r : required) {
                    if (!seen.contains(r)) {
                        throw JsnaException.input(JsnaException.where(display, 1, null) + ": column '" + r
                                + "' not found; the columns are " + String.join(", ", names));
                    }
                }
                for (String r : numeric) {
                    if (!seen.contains(r)) {
                        throw JsnaException.input(JsnaException.where(display, 1, null) + ": column '" + r
                                + "' not found; the columns are " + String.join(", ", names));
                    }
                }
                List<String[]> rows = new ArrayList<>();
                List<Long> lineList = new ArrayList<>();
                while (true) {
                    long before = parser.getCurrentLineNumber();
                    if (!it.hasNext()) {
                        break;
                    }
                    CSVRecord rec = it.next();
                    long line = before + 1;
                    if (rec.size() != names.size()) {
                        throw JsnaException.input(JsnaException.where(display, line, null) + ": " + rec.size()
                                + " fields; expected " + names.size() + " as in the header");
                    }
                    String[] cells = new String[names.size()];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = rec.get(i);
                    }
                    rows.add(cells);
                    lineList.add(line);
                }
                return build(display, names, rows, lineList, numeric);
            }
        } catch (CharacterCodingException e) {
            throw changed(display);
        } catch (CSVException e) {
            throw JsnaException.input(display + ": not a readable CSV file (" + e.getMessage() + ")");
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw changed(display);
            }
            throw JsnaException.input(display + ": not a readable CSV file (" + e.getCause().getMessage() + ")");
        } catch (IllegalStateException e) {
            throw JsnaException.input(display + ": not a readable CSV file (" + e.getMessage() + ")");
        }
    }

    /**
     * Invalid UTF-8 in text read as UTF-8: the file starts with a UTF-8 byte-order mark (which says UTF-8)
     * and then holds other bytes (or it changed while it was read).
     */
    private static JsnaException changed(String display) {
        return JsnaException.input(display + ": bytes that are not valid UTF-8 in a file that starts with a UTF-8 "
                + "byte-order mark: expected UTF-8 text throughout (or save it without the byte-order mark)");
    }

    private static CalcTable build(String display, List<String> names, List<String[]> rows, List<Long> lineList,
            Collection<String> numeric) {
        int n = rows.size();
        String[][] raw = rows.toArray(new String[0][]);
        long[] lines = lineList.stream().mapToLong(Long::longValue).toArray();
        double[][] values = new double[names.size()][];
        Set<String> numericSet = new LinkedHashSet<>(numeric);
        Set<String> folded = new HashSet<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (numericSet.contains(name)) {
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = parseNumber(raw[r][c], display, lines[r], name);
                }
                values[c] = v;
            }
            // column names must differ in more than upper/lower case (as when the columns were a Tablesaw table)
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw JsnaException.input(display, 1, name, name,
                        "column names that differ in more than upper/lower case");
            }
        }
        return new CalcTable(display, values, names, lines, raw);
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
        return numeric[col(column)] != null;
    }

    /** A numeric column's value (NaN when missing). The column must have been read as numeric. */
    public double number(int row, String column) {
        double[] c = numeric[col(column)];
        if (c == null) {
            throw new IllegalStateException("column " + column + " was not read as numeric");
        }
        return c[row];
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
