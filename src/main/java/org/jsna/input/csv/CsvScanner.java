package org.jsna.input.csv;

import org.jsna.validate.CsvLimits;

/**
 * The RFC 4180 record reader of every CSV jsna reads, working on the bytes of a {@link Chunk}: it finds the
 * fields of one record at a time as byte ranges, removing quotes in place (a {@code ""} inside a quoted field
 * becomes one quote), so no String is made for a field. It accepts LF, CRLF and lone CR, skips blank lines,
 * counts physical lines (quoted newlines too), and flags per record the first unbalanced quote (a quote
 * inside an unquoted field, or text after a closing quote) or NUL byte. The size limits of
 * {@link CsvLimits} and a quoted field left open at the end of the file stop it with a {@link Stop}.
 * One instance per thread.
 */
public final class CsvScanner {

    public static final int OK = 0;
    public static final int UNBALANCED_QUOTE = org.jsna.validate.Fields.UNBALANCED_QUOTE;
    public static final int NUL = org.jsna.validate.Fields.NUL;

    /** Bytes that end or interrupt a plain run of an unquoted field. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (char c : new char[] {',', '\n', '\r', '"', 0}) {
            SPECIAL[c] = true;
        }
    }

    /** A whole-file defect found while scanning: a size limit, or an unterminated quoted field. */
    public static final class Stop extends RuntimeException {
        /**
         * {@code QUOTE_TOO_LONG}: a quoted field still open past a size limit, most likely a stray quote (reported
         * at the line of the quote, as an unterminated one).
         */
        public enum Kind { FIELD_TOO_LONG, ROW_TOO_LONG, TOO_MANY_FIELDS, UNTERMINATED_QUOTE, QUOTE_TOO_LONG }

        public final Kind kind;
        /** The line (relative to the chunk, 0 = its first line) where the record, or the open quoted field, starts. */
        public final long line;
        /** The field at fault, or -1. */
        public final int field;

        Stop(Kind kind, long line, int field) {
            super(kind.name(), null, false, false);
            this.kind = kind;
            this.line = line;
            this.field = field;
        }
    }

    private byte[] buf;
    private int pos;
    private int end;
    private boolean eof;
    private boolean truncated;
    private long lines;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;
    private int recordStart;
    private long recordLine;
    private int defect;
    private int defectField;
    private int total;

    /** Starts on the bytes of a chunk; lines count from 0 at its start. */
    public void reset(Chunk c) {
        reset(c.buf(), c.start(), c.end(), c.eof(), c.truncated());
    }

    /** Starts on {@code b[start..end)}; {@code eof}: the file ends there; {@code truncated}: see {@link Chunk}. */
    public void reset(byte[] b, int start, int end, boolean eof, boolean truncated) {
        this.buf = b;
        this.pos = start;
        this.end = end;
        this.eof = eof;
        this.truncated = truncated;
        this.lines = 0;
        this.count = 0;
    }

    /** Reads the next record; false when the bytes hold no more (blank lines are skipped and counted). */
    public boolean next() {
        final byte[] b = buf;
        int p = pos;
        final int e = end;
        while (p < e) {
            byte c = b[p];
            if (c == '\n') {
                p++;
                lines++;
            } else if (c == '\r') {
                p++;
                if (p < e && b[p] == '\n') {
                    p++;
                }
                lines++;
            } else {
                break;
            }
        }
        count = 0;
        defect = OK;
        total = 0;
        if (p >= e) {
            pos = p;
            return false;
        }
        recordStart = p;
        recordLine = lines;
        while (true) {
            int cs;
            int ce;
            if (p < e && b[p] == '"') {
                long quoteLine = lines;
                p++;
                cs = p;
                int w = p;
                while (true) {
                    if (p >= e) {
                        ce = w;
                        if (truncated) {
                            // still open past the longest record: a stray quote far more often than a field of
                            // megabytes, so said as such, at the quote's line
                            try {
                                limits(ce - cs);
                            } catch (Stop tooLong) {
                                throw new Stop(Stop.Kind.QUOTE_TOO_LONG, quoteLine, count);
                            }
                            throw new IllegalStateException("a record cut at its longest was within the limits");
                        }
                        // open at the end of the file: unterminated, however long the rest of the file is
                        throw new Stop(Stop.Kind.UNTERMINATED_QUOTE, quoteLine, count);
                    }
                    byte c = b[p];
                    if (c == '"') {
                        if (p + 1 < e && b[p + 1] == '"') {
                            b[w++] = '"';
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (c == '\n') {
                        lines++;
                    } else if (c == '\r') {
                        if (p + 1 >= e || b[p + 1] != '\n') {
                            lines++;
                        }
                    } else if (c == 0) {
                        flag(NUL);
                    }
                    b[w++] = c;
                    p++;
                }
                // text after the closing quote, up to the separator: kept, and flagged
                while (p < e) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    flag(c == 0 ? NUL : UNBALANCED_QUOTE);
                    b[w++] = c;
                    p++;
                }
                ce = w;
            } else {
                cs = p;
                while (p < e) {
                    byte c = b[p];
                    if (SPECIAL[c & 0xff]) {
                        if (c == '"') {
                            flag(UNBALANCED_QUOTE);
                        } else if (c == 0) {
                            flag(NUL);
                        } else {
                            break;
                        }
                    }
                    p++;
                }
                ce = p;
            }
            if (p >= e && truncated) {
                limits(ce - cs);
                throw new IllegalStateException("a record cut at its longest was within the limits");
            }
            limits(ce - cs);
            total += ce - cs;
            if (count == CsvLimits.MAX_FIELDS) {
                throw new Stop(Stop.Kind.TOO_MANY_FIELDS, recordLine, -1);
            }
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = cs;
            ends[count] = ce;
            count++;
            if (p >= e) {
                pos = p;
                return true;
            }
            byte c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            p++;
            if (c == '\r' && p < e && b[p] == '\n') {
                p++;
            }
            lines++;
            pos = p;
            return true;
        }
    }

    /**
     * Stops when the field being read ({@code n} bytes) breaks a limit, as reading it byte by byte would find
     * first: the field limit at its byte MAX_FIELD + 1, the row limit at the byte that takes the row past
     * MAX_RECORD (the field limit first when both fall on the same byte).
     */
    /** The wanted field's trimmed bounds after {@link #nextField}; -1 when the record has no such field. */
    private int wantedStart = -1;
    private int wantedEnd = -1;

    /**
     * The next record, as {@link #next()} finds it, when only field {@code column} is wanted (the first pass over
     * an id column): a record without quotes is read up to that field, and its rest only searched for the line
     * end, eight bytes at a time; a record with a quote, or long enough to pass a limit, goes through
     * {@link #next()}, which stops as it always does. After it, {@link #wantedStart()} and {@link #wantedEnd()}
     * are the field's bounds as {@link #start}/{@link #end} give them; the other fields are not kept.
     */
    public boolean nextField(int column) {
        final byte[] b = buf;
        int p = pos;
        final int e = end;
        if (p >= e || truncated || b[p] == '\n' || b[p] == '\r') {
            return nextFieldSlowly(column); // the end, a cut record, or blank lines before the record
        }
        int rs = p;
        int f = 0;
        int fs = p;
        while (p < e) {
            byte c = b[p];
            if (SPECIAL[c & 0xff]) {
                if (c == ',') {
                    if (f == column) {
                        break;
                    }
                    f++;
                    fs = p + 1;
                } else if (c == '"') {
                    return nextFieldSlowly(column);
                } else if (c != 0) {
                    break; // the line end (a NUL is part of the field, as in next())
                }
            }
            p++;
        }
        int fe = p;
        int q = f == column ? ChunkSource.nextSpecial(b, p, e) : p;
        // a record under the fewest bytes that can pass a limit (too many fields needs that many commas)
        if ((q < e && b[q] == '"') || q - rs >= Math.min(CsvLimits.MAX_FIELDS, CsvLimits.MAX_FIELD_CHARS)) {
            return nextFieldSlowly(column);
        }
        if (f == column) {
            wantedStart = trimmedStart(b, fs, fe);
            wantedEnd = trimmedEnd(b, wantedStart, fe);
        } else {
            wantedStart = wantedEnd = -1;
        }
        count = 0;
        defect = OK;
        recordStart = rs;
        recordLine = lines;
        if (q < e) {
            byte c = b[q++];
            if (c == '\r' && q < e && b[q] == '\n') {
                q++;
            }
            lines++;
        }
        pos = q;
        return true;
    }

    private boolean nextFieldSlowly(int column) {
        boolean more = next();
        if (more && column < count) {
            wantedStart = start(column);
            wantedEnd = end(column);
        } else {
            wantedStart = wantedEnd = -1;
        }
        return more;
    }

    /** Start of the wanted field after {@link #nextField}, -1 when the record has none. */
    public int wantedStart() {
        return wantedStart;
    }

    /** End (exclusive) of the wanted field after {@link #nextField}, -1 when the record has none. */
    public int wantedEnd() {
        return wantedEnd;
    }

    private void limits(int n) {
        int fieldAt = n > CsvLimits.MAX_FIELD_CHARS ? CsvLimits.MAX_FIELD_CHARS + 1 : Integer.MAX_VALUE;
        long rowAt = (long) total + n > CsvLimits.MAX_RECORD_CHARS ? CsvLimits.MAX_RECORD_CHARS - total + 1
                : Long.MAX_VALUE;
        if (fieldAt == Integer.MAX_VALUE && rowAt == Long.MAX_VALUE) {
            return;
        }
        if (fieldAt <= rowAt) {
            throw new Stop(Stop.Kind.FIELD_TOO_LONG, recordLine, count);
        }
        throw new Stop(Stop.Kind.ROW_TOO_LONG, recordLine, -1);
    }

    private void flag(int kind) {
        if (defect == OK) {
            defect = kind;
            defectField = count;
        }
    }

    /** The bytes the field ranges point into. */
    public byte[] bytes() {
        return buf;
    }

    /** Offset of the current record's first byte. */
    public int recordStart() {
        return recordStart;
    }

    /** Offset just after the current record (its line end included): where the next one starts. */
    public int position() {
        return pos;
    }

    /** Line of the current record's start, relative to the start of the bytes (0 = the first line). */
    public long recordLine() {
        return recordLine;
    }

    /** Line ends passed so far (blank lines and quoted newlines included). */
    public long lines() {
        return lines;
    }

    public int fieldCount() {
        return count;
    }

    /** {@link #OK}, {@link #UNBALANCED_QUOTE} or {@link #NUL}: the first defect of the record. */
    public int defect() {
        return defect;
    }

    public int defectField() {
        return defectField;
    }

    /** Start of field {@code i}'s text as read (quotes removed, nothing trimmed). */
    public int rawStart(int i) {
        return starts[i];
    }

    public int rawEnd(int i) {
        return ends[i];
    }

    /** Start of field {@code i} with spaces and tabs around it removed; {@code start == end} for an empty or absent field. */
    public int start(int i) {
        if (i < 0 || i >= count) {
            return 0;
        }
        return trimmedStart(buf, starts[i], ends[i]);
    }

    /** End (exclusive) of field {@code i}'s trimmed text; never before {@link #start}. */
    public int end(int i) {
        if (i < 0 || i >= count) {
            return 0;
        }
        return trimmedEnd(buf, start(i), ends[i]);
    }

    /** Past the spaces and tabs that start {@code b[s..e)}. */
    private static int trimmedStart(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        return s;
    }

    /** Before the spaces and tabs that end {@code b[s..e)}. */
    private static int trimmedEnd(byte[] b, int s, int e) {
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return e;
    }

    /** True when field {@code i} is absent or holds only spaces and tabs. */
    public boolean blank(int i) {
        return start(i) >= end(i);
    }
}
