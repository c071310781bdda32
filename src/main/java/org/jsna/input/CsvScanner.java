package org.jsna.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import org.jsna.console.JsnaException;

/**
 * A streaming RFC 4180 record reader, shared by every input file so all are read the same way.
 * It keeps one record at a time in reusable buffers and creates a String only for a field that is
 * asked for. It tracks the physical line where each record starts (quoted newlines count), accepts LF,
 * CRLF and lone CR, skips blank lines and a leading byte-order mark, and flags per record the first
 * unbalanced quote or NUL character. A quote left open at the end of the file is a whole-file error
 * reported at the line where the quoted field starts.
 */
final class CsvScanner implements Closeable {

    static final int OK = 0;
    static final int UNBALANCED_QUOTE = 1;
    static final int NUL = 2;

    private final Reader in;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private long line = 1;

    private char[] data = new char[4096];
    private int dataLen;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;
    /** Where the field being read starts in {@link #data}. */
    private int fieldStart;
    /** {@link #data} may fill up to here before {@link #grow} is needed: its length, or where a limit is hit. */
    private int cap;
    private long recordLine;
    private int defect;
    private int defectField;
    private String[] header;

    CsvScanner(Reader in, String file) throws IOException {
        this.in = in;
        this.file = file;
        fill();
        if (pos < lim && buf[pos] == '\uFEFF') {
            pos++;
        }
    }

    /** Column names used in the unterminated-quote message (set once the header is read). */
    void header(String[] names) {
        this.header = names;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private int read() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    /** Skips {@code n} physical lines unread (ONS title rows). Returns false when the file ends first. */
    boolean skipLines(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            int c;
            do {
                c = read();
            } while (c >= 0 && c != '\n' && c != '\r');
            if (c < 0) {
                return false;
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            line++;
        }
        return true;
    }

    private void append(int c) {
        if (dataLen == cap) {
            grow(1);
        }
        data[dataLen++] = (char) c;
    }

    private void appendRange(int from, int to) {
        int n = to - from;
        if (dataLen + n > cap) {
            grow(n);
        }
        System.arraycopy(buf, from, data, dataLen, n);
        dataLen += n;
    }

    /**
     * Makes room for {@code n} more characters, or stops at a limit: the record buffer never grows past
     * {@link CsvLimits#MAX_RECORD_CHARS}, so memory stays bounded whatever the file holds.
     */
    private void grow(int n) {
        long need = (long) dataLen + n;
        if (need - fieldStart > CsvLimits.MAX_FIELD_CHARS) {
            String col = header != null && count < header.length ? header[count] : null;
            throw JsnaException.input(JsnaException.where(file, recordLine, col) + ": a field longer than "
                    + CsvLimits.MAX_FIELD_CHARS + " characters: expected a field of at most "
                    + CsvLimits.MAX_FIELD_CHARS + " characters (1 MiB)");
        }
        if (need > CsvLimits.MAX_RECORD_CHARS) {
            throw JsnaException.input(JsnaException.where(file, recordLine, null) + ": a row longer than "
                    + CsvLimits.MAX_RECORD_CHARS + " characters: expected a row of at most "
                    + CsvLimits.MAX_RECORD_CHARS + " characters (4 MiB) in all its fields together");
        }
        if (need > data.length) {
            int size = (int) Math.min(Math.max(need, 2L * data.length), CsvLimits.MAX_RECORD_CHARS);
            char[] d = new char[size];
            System.arraycopy(data, 0, d, 0, dataLen);
            data = d;
        }
        updateCap();
    }

    private void updateCap() {
        cap = (int) Math.min(data.length, Math.min((long) fieldStart + CsvLimits.MAX_FIELD_CHARS,
                CsvLimits.MAX_RECORD_CHARS));
    }

    private void endField(int start) {
        if (count == CsvLimits.MAX_FIELDS) {
            throw JsnaException.input(JsnaException.where(file, recordLine, null) + ": more than "
                    + CsvLimits.MAX_FIELDS + " fields in a row: expected at most " + CsvLimits.MAX_FIELDS
                    + " columns");
        }
        if (count == starts.length) {
            int[] s = new int[count * 2];
            int[] e = new int[count * 2];
            System.arraycopy(starts, 0, s, 0, count);
            System.arraycopy(ends, 0, e, 0, count);
            starts = s;
            ends = e;
        }
        starts[count] = start;
        ends[count] = dataLen;
        count++;
    }

    private void flag(int kind) {
        if (defect == OK) {
            defect = kind;
            defectField = count;
        }
    }

    /** Reads the next record; false at the end of the file. */
    boolean next() throws IOException {
        count = 0;
        dataLen = 0;
        defect = OK;
        int c;
        while (true) {
            c = peek();
            if (c < 0) {
                return false;
            }
            if (c == '\n') {
                read();
                line++;
            } else if (c == '\r') {
                read();
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else {
                break;
            }
        }
        recordLine = line;
        while (true) {
            fieldStart = dataLen;
            updateCap();
            c = read();
            if (c == '"') {
                long quoteLine = line;
                while (true) {
                    c = read();
                    if (c < 0) {
                        String col = header != null && count < header.length ? header[count] : null;
                        throw JsnaException.input(JsnaException.where(file, quoteLine, col)
                                + ": unterminated quoted field: expected a closing quote before the end of the file");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            append('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    } else if (c == '\r') {
                        if (peek() != '\n') {
                            line++;
                        }
                    } else if (c == 0) {
                        flag(NUL);
                    }
                    append(c);
                }
                c = read();
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    flag(c == 0 ? NUL : UNBALANCED_QUOTE);
                    append(c);
                    c = read();
                }
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (c == '"') {
                        flag(UNBALANCED_QUOTE);
                    } else if (c == 0) {
                        flag(NUL);
                    }
                    append(c);
                    // copy the plain run that follows in one go (the common case: the rest of the field)
                    int p = pos;
                    final int l = lim;
                    final char[] b = buf;
                    while (p < l) {
                        char ch = b[p];
                        if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"' || ch == 0) {
                            break;
                        }
                        p++;
                    }
                    if (p > pos) {
                        appendRange(pos, p);
                        pos = p;
                    }
                    c = read();
                }
            }
            endField(fieldStart);
            if (c == ',') {
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return true;
        }
    }

    /** Physical line where the current record starts (header = 1). */
    long recordLine() {
        return recordLine;
    }

    int fieldCount() {
        return count;
    }

    /** {@link #OK}, {@link #UNBALANCED_QUOTE} or {@link #NUL}: the first defect of the record. */
    int defect() {
        return defect;
    }

    int defectField() {
        return defectField;
    }

    /** Field {@code i} with surrounding spaces and tabs removed; "" when empty or absent. */
    String field(int i) {
        if (i < 0 || i >= count) {
            return "";
        }
        int s = trimmedStart(i);
        int e = trimmedEnd(i); // not above s when the field is empty or all spaces and tabs
        return s >= e ? "" : new String(data, s, e - s);
    }

    /** The record buffer; a field's trimmed text is {@code data()[trimmedStart(i) .. trimmedEnd(i))}. */
    char[] data() {
        return data;
    }

    int trimmedStart(int i) {
        int s = starts[i];
        int e = ends[i];
        while (s < e && (data[s] == ' ' || data[s] == '\t')) {
            s++;
        }
        return s;
    }

    int trimmedEnd(int i) {
        int s = starts[i];
        int e = ends[i];
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t')) {
            e--;
        }
        return e;
    }

    /** Index of the trimmed field in the table, or -1. */
    int lookup(IdTable t, int i) {
        return t.get(data, trimmedStart(i), trimmedEnd(i));
    }

    /** Adds the trimmed field to the table and returns its index. */
    int add(IdTable t, int i) {
        return t.add(data, trimmedStart(i), trimmedEnd(i));
    }

    /** True when field {@code i} is absent or blank. */
    boolean blank(int i) {
        if (i < 0 || i >= count) {
            return true;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (data[k] != ' ' && data[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Field {@code i} exactly as read (quotes removed, nothing trimmed). */
    String rawField(int i) {
        return new String(data, starts[i], ends[i] - starts[i]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
