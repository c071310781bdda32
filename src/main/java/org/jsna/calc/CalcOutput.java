package org.jsna.calc;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsna.console.JsnaException;
import org.jsna.console.Streams;
import org.jsna.console.TempFiles;
import org.jsna.output.table.CellFormat;
import org.jsna.stats.Confidence;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The output table of a {@code jsna calc} command. Rows are filled cell by cell (numbers as doubles,
 * text as strings); {@link #typedColumns()} turns them into Tablesaw columns with an explicit type per
 * column (a {@code DoubleColumn} where every cell is a number, else a {@code StringColumn}), and
 * {@link #write} prints those columns as CSV with Commons CSV: UTF-8, one header row, {@code \n} line
 * ends, fields quoted only when needed. Numbers are spelled by {@link CellFormat#number} (missing = empty),
 * text by {@link CellFormat#text}. {@code value_note} is always the last column.
 */
public final class CalcOutput {

    /** The note column every calc output ends with. */
    public static final String VALUE_NOTE = "value_note";

    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    /** Cells per row: a Double, a String (already neutralised) or null (empty). */
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * An empty table with these columns (in this order) followed by {@code value_note}.
     *
     * @throws JsnaException an input error when two columns share a name (e.g. an input column
     *                       carried through is called like an output column)
     */
    public CalcOutput(List<String> columns) {
        List<String> cols = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String c : columns) {
            if (c.equals(VALUE_NOTE)) {
                continue;
            }
            if (!seen.add(c)) {
                throw JsnaException.input("the output would have two columns named '" + c
                        + "'; rename that column of the input");
            }
            cols.add(c);
        }
        cols.add(VALUE_NOTE);
        this.columns = List.copyOf(cols);
        for (int i = 0; i < this.columns.size(); i++) {
            index.put(this.columns.get(i), i);
        }
    }

    /**
     * An empty table with the {@code leading} columns, then the limit columns of {@link #limitColumns},
     * then {@code confidence, statistic, method} (and {@code value_note}): the layout of the methods with
     * confidence limits.
     */
    public static CalcOutput withLimits(List<String> leading, Confidence confidence) {
        List<String> cols = new ArrayList<>(leading);
        cols.addAll(limitColumns(confidence));
        cols.addAll(List.of("confidence", "statistic", "method"));
        return new CalcOutput(cols);
    }

    /** The column names, {@code value_note} last. */
    public List<String> columns() {
        return columns;
    }

    /** Adds a row, all cells empty; fill it with the returned {@link Row}. */
    public Row addRow() {
        Object[] cells = new Object[columns.size()];
        rows.add(cells);
        return new Row(cells);
    }

    /** Adds a row for a group of input rows, its {@code by} columns filled with the group's key. */
    public Row addRow(List<String> by, Group g) {
        Row row = addRow();
        for (int i = 0; i < by.size(); i++) {
            row.text(by.get(i), g.key().get(i));
        }
        return row;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The cell of a row (as it will be written). */
    public String cell(int row, String column) {
        return spell(rows.get(row)[indexOf(column)]);
    }

    private static String spell(Object cell) {
        if (cell == null) {
            return "";
        }
        return cell instanceof Double d ? CellFormat.number(d) : (String) cell;
    }

    /**
     * The output as Tablesaw columns with explicit types, in column order: a {@code DoubleColumn} (NaN = empty)
     * for a column whose cells are all numbers or empty, else a {@code StringColumn} of the cells as
     * they are written. Not gathered into a Tablesaw {@code Table}, whose initialiser scans the class path
     * (see {@link CalcTable}).
     */
    public List<Column<?>> typedColumns() {
        List<Column<?>> t = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            boolean numeric = !columns.get(c).equals(VALUE_NOTE);
            for (Object[] r : rows) {
                if (r[c] != null && !(r[c] instanceof Double)) {
                    numeric = false;
                    break;
                }
            }
            if (numeric) {
                DoubleColumn col = DoubleColumn.create(columns.get(c), rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    Object v = rows.get(i)[c];
                    col.set(i, v == null ? Double.NaN : (Double) v);
                }
                t.add(col);
            } else {
                StringColumn col = StringColumn.create(columns.get(c));
                for (Object[] r : rows) {
                    col.append(spell(r[c]));
                }
                t.add(col);
            }
        }
        return t;
    }

    private int indexOf(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no output column " + column);
        }
        return i;
    }

    /** One output row being filled. */
    public final class Row {
        private final Object[] cells;

        private Row(Object[] cells) {
            this.cells = cells;
        }

        /** A number cell (NaN = empty). */
        public Row number(String column, double value) {
            cells[indexOf(column)] = Double.isNaN(value) ? null : (Object) value;
            return this;
        }

        /** A text cell (null = empty; formula-like text neutralised). */
        public Row text(String column, String value) {
            cells[indexOf(column)] = value == null || value.isEmpty() ? null : CellFormat.text(value);
            return this;
        }

        /**
         * Copies one input cell into the column of the same name: numeric columns re-spelled as
         * numbers (missing = empty), text columns as written (formula-like text neutralised).
         */
        public Row carry(CalcTable table, int row, String column) {
            if (table.isNumeric(column)) {
                return number(column, table.number(row, column));
            }
            return text(column, table.text(row, column));
        }

        /** The lower and upper limit cells of {@code level} (column names from {@link #lowerColumn}). */
        public Row limits(Confidence confidence, double level, double lower, double upper) {
            number(lowerColumn(confidence, level), lower);
            return number(upperColumn(confidence, level), upper);
        }

        /**
         * Adds a reason to {@code value_note} (several reasons are joined with "; ", each once).
         */
        public Row note(String reason) {
            if (reason == null || reason.isEmpty()) {
                return this;
            }
            int i = indexOf(VALUE_NOTE);
            String cur = spell(cells[i]);
            if (cur.isEmpty()) {
                cells[i] = CellFormat.text(reason);
            } else if (!List.of(cur.split("; ")).contains(reason)) {
                cells[i] = cur + "; " + reason;
            }
            return this;
        }
    }

    /**
     * The names of the confidence-limit columns, lower then upper per level: {@code lowercl,
     * uppercl} for one level, {@code lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl} for two.
     */
    public static List<String> limitColumns(Confidence confidence) {
        List<String> out = new ArrayList<>();
        for (double level : confidence.levels()) {
            out.add(lowerColumn(confidence, level));
            out.add(upperColumn(confidence, level));
        }
        return out;
    }

    /** The lower-limit column name for {@code level}. */
    public static String lowerColumn(Confidence confidence, double level) {
        return confidence.isPair() ? "lower" + Confidence.columnSuffix(level) + "cl" : "lowercl";
    }

    /** The upper-limit column name for {@code level}. */
    public static String upperColumn(Confidence confidence, double level) {
        return confidence.isPair() ? "upper" + Confidence.columnSuffix(level) + "cl" : "uppercl";
    }

    /**
     * Writes the table to {@code target}: {@code -} = standard output; an existing target that is not a plain
     * file (a device such as /dev/null, a named pipe, a process substitution's /dev/fd/N) is written into as
     * it is, never replaced; otherwise a file, written to a hidden sibling and moved into place, so a failed
     * run leaves no half-written file. A symbolic link keeps pointing where it did: the file it names is the
     * one replaced. The new file has the permissions a new file gets (the umask's), or the replaced file's.
     * An unwritable target is an I/O error (exit 4).
     */
    public void write(String target) {
        if (OWN_STDOUT.contains(target)) {
            target = "-"; // this process's standard output by name: the same as "-" (never the file behind it)
        }
        if ("-".equals(target)) {
            Writer w = new BufferedWriter(new OutputStreamWriter(Streams.out(), StandardCharsets.UTF_8));
            try {
                print(w);
                w.flush();
            } catch (IOException e) {
                throw JsnaException.io("cannot write to standard output: " + e.getMessage(), e);
            }
            return;
        }
        if (target.endsWith("/") || target.endsWith(java.io.File.separator)) {
            throw JsnaException.io("--out " + target + ": names a folder, expected a file name");
        }
        Path given = Path.of(target).toAbsolutePath();
        if (Files.isDirectory(given)) {
            throw JsnaException.io("--out " + target + ": is a folder, expected a file name");
        }
        if (Files.exists(given) && (!Files.isRegularFile(given) || throughProc(given))) {
            // written into, as a shell's redirection would: a device, pipe or socket takes the bytes as they come,
            // a regular file reached through /proc (/dev/fd/N, a descriptor a shell opened) is added to
            OpenOption how = Files.isRegularFile(given) ? StandardOpenOption.APPEND : StandardOpenOption.WRITE;
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(given, how),
                    StandardCharsets.UTF_8))) {
                print(w);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            return;
        }
        Path path = given;
        try {
            if (Files.isSymbolicLink(given)) {
                path = given.toRealPath(); // an existing file through the link: replaced beside itself
            }
        } catch (IOException e) {
            // a dangling link: the file it names is made, as a shell's redirection would
            try {
                path = given.getParent().resolve(Files.readSymbolicLink(given)).toAbsolutePath().normalize();
            } catch (IOException | UnsupportedOperationException notALink) {
                path = given;
            }
        }
        Path dir = path.getParent();
        Path tmp = TempFiles.register(dir.resolve("." + path.getFileName() + "." + Long.toHexString(System.nanoTime())
                + Long.toHexString(Thread.currentThread().getId()) + ".tmp"));
        boolean made = false;
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8))) {
                made = true;
                print(w);
            }
            if (Files.isRegularFile(path)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(path));
                } catch (UnsupportedOperationException | IOException e) {
                    // not a POSIX file system, or not ours to read: the new file keeps the umask's permissions
                }
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            made = false;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        } finally {
            if (made) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
            TempFiles.release(tmp);
        }
    }

    /** The I/O error (exit 4) of a failed write to {@code --out target}. */
    private static JsnaException cannotWrite(String target, IOException e) {
        if (e instanceof NoSuchFileException) {
            return JsnaException.io("--out " + target + ": the folder does not exist");
        }
        if (e instanceof AccessDeniedException) {
            return JsnaException.io("--out " + target + ": permission denied");
        }
        return JsnaException.io("--out " + target + ": cannot write (" + e.getMessage() + ")", e);
    }

    /** Names of this process's standard output. */
    private static final java.util.Set<String> OWN_STDOUT = java.util.Set.of("/dev/stdout", "/dev/fd/1",
            "/proc/self/fd/1");

    /** Whether {@code p} is a symbolic link whose chain passes through /proc (a process's descriptors). */
    private static boolean throughProc(Path p) {
        Path at = p;
        for (int hops = 0; hops < 16 && Files.isSymbolicLink(at); hops++) {
            try {
                at = at.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(at)).normalize();
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            if (at.startsWith("/proc")) {
                return true;
            }
        }
        return false;
    }

    private void print(Writer w) throws IOException {
        List<Column<?>> t = typedColumns();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        CSVPrinter printer = new CSVPrinter(w, format);
        printer.printRecord(columns);
        String[] record = new String[columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < record.length; c++) {
                Column<?> col = t.get(c);
                record[c] = col instanceof DoubleColumn d ? CellFormat.number(d.getDouble(i)) : ((StringColumn) col).get(i);
                // an empty cell is written bare: Commons CSV quotes an empty first field ("") unless given null, and a
                // script's awk -F, or cut would read the quotes (the rows always have more than one column)
                if (record[c] != null && record[c].isEmpty()) {
                    record[c] = null;
                }
            }
            printer.printRecord((Object[]) record);
        }
        printer.flush();
    }
}
