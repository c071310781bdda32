package org.jsna.input.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsna.console.JsnaException;
import org.jsna.validate.Header;

/**
 * A small CSV read whole as text through the CSV path of the report inputs ({@link CsvRecords}: block reading,
 * encoding detection, size limits, physical line numbers): the header's names and each row's cells with its
 * line. For the aggregated inputs of {@code jsna calc} and the projected population and prevalence rates of
 * {@code jsna project}. The checks, in file order: the header's shape and names, then the caller's check of
 * the names (a missing column is named before any row is looked at), then each row's shape. Nothing is typed
 * or trimmed here: each reader parses the cells it uses.
 *
 * @param file     the file as named in messages
 * @param names    the header's names, trimmed
 * @param rows     each row's cells as read (quotes removed)
 * @param lines    the physical line each row starts on
 * @param charset  the encoding the file was read in (detected as the report inputs' are)
 */
public record TextCsv(String file, List<String> names, List<String[]> rows, long[] lines, Charset charset) {

    /** What a reader checks of the header's names (at {@code line}) before the rows are looked at. */
    @FunctionalInterface
    public interface NamesCheck {
        void check(List<String> names, long line);
    }

    /** A record's fields exactly as read, and its first shape defect. */
    private record Raw(long line, byte[][] cells, int defect, int defectField) {
    }

    /**
     * Reads a file named by option {@code option} whole, as {@link #read}: a folder, a device or pipe, a missing
     * or unreadable file is an I/O error (exit 4) naming the option and the path; {@code hint} ends the message
     * about a device or pipe (what to give instead).
     */
    public static TextCsv readFile(Path path, String option, String hint, boolean nameEveryColumn,
            NamesCheck check) {
        return readFile(path, option, hint, nameEveryColumn, check, false);
    }

    /** {@link #readFile}; {@code shapeOnly}: the header and the encoding only, every row read but none kept. */
    private static TextCsv readFile(Path path, String option, String hint, boolean nameEveryColumn,
            NamesCheck check, boolean shapeOnly) {
        String display = path.toString();
        if (Files.isDirectory(path)) {
            throw JsnaException.io(option + " " + display + ": is a folder, expected a CSV file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // a device never ends (/dev/zero would read until a limit)
            throw JsnaException.io(option + " " + display + ": is not a regular file (a device or a pipe): expected "
                    + "a CSV file" + hint);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, display, nameEveryColumn, check, shapeOnly);
        } catch (NoSuchFileException e) {
            throw JsnaException.io(option + " " + display + ": no such file");
        } catch (AccessDeniedException e) {
            throw JsnaException.io(option + " " + display + ": permission denied");
        } catch (IOException e) {
            throw JsnaException.io(option + " " + display + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the channel (not closed) whole.
     *
     * @param nameEveryColumn whether an empty header cell is an input error (else empty names are let be,
     *                        and never count as repeated)
     */
    public static TextCsv read(ReadableByteChannel in, String display, boolean nameEveryColumn, NamesCheck check)
            throws IOException {
        return read(in, display, nameEveryColumn, check, false);
    }

    private static TextCsv read(ReadableByteChannel in, String display, boolean nameEveryColumn, NamesCheck check,
            boolean shapeOnly) throws IOException {
        Raw head = null;
        List<Raw> raw = new ArrayList<>();
        Charset cs;
        try (CsvRecords recs = new CsvRecords(in, display)) {
            while (recs.next()) {
                Raw r = raw(recs);
                if (head == null) {
                    head = r;
                    List<String> names = new ArrayList<>();
                    for (byte[] c : r.cells()) {
                        names.add(new String(c, StandardCharsets.UTF_8).strip());
                    }
                    recs.header(names);
                } else if (!shapeOnly) {
                    raw.add(r);
                }
            }
            cs = recs.charset();
        }
        List<String> names = names(head, cs, display, nameEveryColumn);
        check.check(names, head.line());
        List<String[]> rows = new ArrayList<>(raw.size());
        long[] lines = new long[raw.size()];
        for (int k = 0; k < raw.size(); k++) {
            Raw r = raw.get(k);
            rows.add(cells(r, names, cs, display));
            lines[k] = r.line();
        }
        return new TextCsv(display, List.copyOf(names), rows, lines, cs);
    }

    /** The header's column names; an input error for an empty file, a bad cell, an empty or repeated name. */
    private static List<String> names(Raw head, Charset cs, String display, boolean nameEveryColumn) {
        if (head == null) {
            throw JsnaException.input(display + ": the file is empty; expected a header row with column names");
        }
        if (head.defect() != CsvScanner.OK) {
            throw Header.badCell(display, head.line(), head.defectField(),
                    text(head.cells()[head.defectField()], cs), head.defect() == CsvScanner.NUL);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (byte[] c : head.cells()) {
            String h = text(c, cs);
            String name = h.strip();
            if (name.isEmpty() && nameEveryColumn) {
                throw JsnaException.input(display, head.line(), null, h, "a column name in every header cell");
            }
            if (!name.isEmpty() && !seen.add(name)) {
                throw JsnaException.input(display, head.line(), name, name, "each column name once in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** A record's cells as text; an input error for a NUL, an unbalanced quote or a field count not the header's. */
    private static String[] cells(Raw r, List<String> names, Charset cs, String display) {
        if (r.defect() != CsvScanner.OK) {
            int f = r.defectField();
            throw JsnaException.input(display, r.line(), f < names.size() ? names.get(f) : null,
                    text(r.cells()[f], cs), r.defect() == CsvScanner.NUL ? "text without NUL bytes"
                            : org.jsna.validate.RowShape.BALANCED_QUOTES);
        }
        if (r.cells().length != names.size()) {
            throw JsnaException.input(JsnaException.where(display, r.line(), null) + ": " + r.cells().length
                    + " fields; expected " + names.size() + " as in the header");
        }
        String[] c = new String[names.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = text(r.cells()[i], cs);
        }
        return c;
    }

    private static Raw raw(CsvRecords recs) {
        CsvScanner sc = recs.scanner();
        byte[][] cells = new byte[sc.fieldCount()][];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = Arrays.copyOfRange(sc.bytes(), sc.rawStart(i), sc.rawEnd(i));
        }
        return new Raw(recs.line(), cells, sc.defect(), sc.defectField());
    }

    /**
     * The header's names and the file's encoding, every row read (and checked for its shape only when streamed)
     * but none kept: what {@link #stream} needs first.
     */
    public static TextCsv shape(Path path, String option, String hint, boolean nameEveryColumn) {
        // (take stampOf(path) before this, for stream to compare at its end)
        return readFile(path, option, hint, nameEveryColumn, (n, l) -> { }, true);
    }

    /** Takes the rows of {@link #stream}, one at a time, in file order. */
    @FunctionalInterface
    public interface RowSink {
        void row(String[] cells, long line);
    }

    /**
     * Reads a file as {@link #readFile} does (same checks and messages) but holds one row at a time: the rows go to
     * {@code sink} as they are decoded, with the encoding {@link #shape} found from all of the file's bytes (as
     * {@link #read} decides it); a file whose {@link Cuts#stampOf stamp} (taken before {@link #shape}) is not the same
     * at the end, or whose header is not the shape's, changed meanwhile: an input error. For a file too large to hold as
     * text (a projected population by area: millions of rows). Returns {@code shape}.
     */
    public static TextCsv stream(Path path, String option, TextCsv shape, Object stamp, boolean nameEveryColumn,
            NamesCheck check, RowSink sink) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                CsvRecords recs = new CsvRecords(ch, path.toString())) {
            List<String> names = null;
            while (recs.next()) {
                Raw r = raw(recs);
                if (names == null) {
                    names = names(r, shape.charset(), shape.file(), nameEveryColumn);
                    if (!names.equals(shape.names())) {
                        throw Cuts.changed(path.toString()); // another header than the one the rows are read by
                    }
                    List<String> header = new ArrayList<>();
                    for (byte[] c : r.cells()) {
                        header.add(new String(c, StandardCharsets.UTF_8).strip());
                    }
                    recs.header(header);
                    check.check(names, r.line());
                } else {
                    sink.row(cells(r, names, shape.charset(), shape.file()), r.line());
                }
            }
        } catch (IOException e) {
            throw JsnaException.io(option + " " + path + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (stamp != null && !stamp.equals(Cuts.stampOf(path))) {
            throw Cuts.changed(path.toString());
        }
        return shape;
    }

    private static String text(byte[] b, Charset cs) {
        return Encoding.decode(b, 0, b.length, cs);
    }
}
