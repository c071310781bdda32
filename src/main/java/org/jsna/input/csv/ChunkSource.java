package org.jsna.input.csv;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;
import org.jsna.console.JsnaException;
import org.jsna.validate.CsvLimits;

/**
 * Reads a CSV file once, in large blocks into heap arrays, and cuts it into {@link Chunk}s at record
 * boundaries, so that the chunks can be parsed on several threads. The same single pass over the bytes
 * counts them, computes their SHA-256 and detects the encoding (data.md, "Encoding"): a UTF-8 byte-order
 * mark means UTF-8; otherwise bytes valid UTF-8 throughout mean UTF-8 and anything else Windows-1252; a
 * declared encoding wins; a UTF-16 byte-order mark is an input error.
 *
 * <p>Cutting needs the file's quoting from the start: a record boundary is a line end outside quotes, and a
 * quote opens a quoted field only at the start of a field (as {@link CsvScanner} reads it). The bytes are
 * searched eight at a time for quotes and line ends only, which also counts the physical lines, so every
 * chunk knows its first line. A chunk holds at most one block of new bytes and the part of a record carried
 * over from the block before; a stretch without a boundary longer than a record within the limits can be is
 * handed on alone ({@link Chunk#truncated}), where parsing stops at the limit it breaks. A second reading of the
 * same file can replay the cuts a complete first reading recorded ({@link Cuts}) instead of searching again.
 */
final class ChunkSource implements Closeable {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    private final ReadableByteChannel in;
    private final String name;
    private final BufferPool pool;
    private final MessageDigest sha;
    private final Utf8Validator utf8;
    /** Title rows are being skipped: their bytes are not checked as text ({@link #skipLines}). */
    private boolean skipping;
    /** The bytes must be UTF-8: declared so, or marked by a byte-order mark. */
    private boolean mustBeUtf8;
    private final boolean declaredUtf8;
    private volatile Charset charset;
    private final LongConsumer progress;

    private byte[] buf;
    /** Pending bytes are {@code buf[from..len)}; {@code buf[0]} is at file offset {@code bufOffset}. */
    private int from;
    private int len;
    private long bufOffset;
    private long bytesRead;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private JsnaException error;
    /** File offset where the bytes stop being usable (an invalid byte in a file that must be UTF-8). */
    private long stopAt = Long.MAX_VALUE;

    // the boundary search: classified up to scan
    private int scan;
    private long line = 1;
    private long fromLine = 1;
    private boolean inQuote;
    /** A quote inside a quoted field was the last byte classified: the next byte says whether it closes it. */
    private boolean quoteEnd;
    /** A line end outside quotes was a CR, the last byte classified: a boundary unless an LF follows. */
    private boolean crEnd;
    /** Index of the last CR seen (to count CR LF as one line end), or -2. */
    private int crAt = -2;
    /** Index just after the last record boundary found, and the line there. */
    private int boundary;
    private long boundaryLine = 1;

    /** Where this reading's chunks end, as it finds them (null: not recorded). */
    private final Cuts recorded;
    /** Where an earlier reading of the same bytes cut them, replayed instead of searching (null: search). */
    private final Cuts replayed;
    /** The next chunk end of {@link #replayed} not handed out yet. */
    private int replayAt;

    /** A source that searches for its cuts and records none. */
    ChunkSource(ReadableByteChannel in, String name, String declared, boolean hash, BufferPool pool,
            LongConsumer progress) {
        this(in, name, declared, hash, pool, progress, null, null);
    }

    /**
     * @param declared  {@code auto}, {@code utf-8} or {@code windows-1252} (names of JsnaConfig)
     * @param hash      compute the SHA-256 of the bytes
     * @param progress  told the number of bytes read after each block (may be null)
     * @param record    where the chunk ends found are recorded (may be null)
     * @param replay    the chunk ends a complete earlier reading of these bytes with this block size found,
     *                  handed out again without a search (null: search; {@link CsvFile} decides)
     */
    ChunkSource(ReadableByteChannel in, String name, String declared, boolean hash, BufferPool pool,
            LongConsumer progress, Cuts record, Cuts replay) {
        this.in = in;
        this.recorded = record;
        this.replayed = replay;
        this.name = name;
        this.pool = pool;
        this.progress = progress;
        try {
            this.sha = hash ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.declaredUtf8 = Encoding.UTF8.equals(declared);
        this.mustBeUtf8 = declaredUtf8;
        if (Encoding.CP1252.equals(declared)) {
            charset = Encoding.WINDOWS_1252;
            utf8 = null;
        } else {
            charset = declaredUtf8 ? StandardCharsets.UTF_8 : null;
            utf8 = new Utf8Validator();
        }
        this.buf = pool.take(pool.size());
    }

    /** The encoding, once it is known (declared, a byte-order mark, an invalid byte, or the end); else null. */
    Charset charset() {
        return charset;
    }

    long bytes() {
        return bytesRead;
    }

    /** The SHA-256 of the bytes in lower-case hex, once the whole file is read (null when not hashing). */
    String sha256() {
        return sha == null ? null : Sha256.hex(sha.digest());
    }

    boolean bom() {
        return mustBeUtf8 && !declaredUtf8;
    }

    // ------------------------------------------------------------------ reading

    /** Reads until the buffer is full or the file ends; checks, hashes and counts the new bytes. */
    private void fill() throws IOException {
        if (eof) {
            return;
        }
        if (len == buf.length) {
            throw new IllegalStateException("fill with a full buffer");
        }
        int before = len;
        ByteBuffer bb = ByteBuffer.wrap(buf, len, buf.length - len);
        while (bb.hasRemaining()) {
            int n = in.read(bb);
            if (n < 0) {
                eof = true;
                break;
            }
        }
        len = bb.position();
        int start = -1;
        if (!started) {
            started = true;
            start = firstBytes();
        }
        if (sha != null) {
            sha.update(buf, before, len - before);
        }
        if (!skipping) {
            checkText(before);
        }
        bytesRead += len - before;
        if (progress != null) {
            progress.accept(bytesRead);
        }
        if (start > from) {
            // the text starts after the byte-order mark
            from = start;
            scan = start;
            boundary = start;
        }
    }

    /**
     * Checks {@code buf[at..len)} as UTF-8 while the encoding is open or must be UTF-8 (an invalid byte makes an
     * open encoding Windows-1252, or stops a UTF-8 file there); at the end of a file still open, UTF-8.
     */
    private void checkText(int at) {
        if (utf8 != null && stopAt == Long.MAX_VALUE && (charset == null || mustBeUtf8)) {
            if (!utf8.update(buf, at, len, bufOffset + at)) {
                invalid(utf8.invalidAt());
            }
            if (eof && !utf8.finish()) {
                invalid(utf8.invalidAt());
            }
        }
        if (eof && charset == null) {
            charset = StandardCharsets.UTF_8;
        }
    }

    /** The byte-order marks at the start of the file; returns where the text starts. */
    private int firstBytes() {
        if (len >= 2 && ((buf[0] & 0xff) == 0xFF && (buf[1] & 0xff) == 0xFE
                || (buf[0] & 0xff) == 0xFE && (buf[1] & 0xff) == 0xFF)) {
            throw Encoding.utf16(name);
        }
        if (len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            if (charset == null) {
                charset = StandardCharsets.UTF_8;
                mustBeUtf8 = true;
            }
            return 3;
        }
        return 0;
    }

    private void invalid(long offset) {
        if (mustBeUtf8) {
            stopAt = offset;
        } else if (charset == null) {
            charset = Encoding.WINDOWS_1252;
        }
    }

    /** Makes room after the pending bytes: moves them to the front of a buffer (a larger one if they need it). */
    private void room() {
        int pending = len - from;
        byte[] target = buf;
        if (pending * 2 > buf.length) {
            target = pool.take(Math.max(pool.size(), pending * 2));
        }
        System.arraycopy(buf, from, target, 0, pending);
        if (target != buf) {
            pool.release(buf);
        }
        shift(from);
        buf = target;
    }

    /** Indices move {@code by} to the left (the bytes before {@code from} are gone). */
    private void shift(int by) {
        bufOffset += by;
        len -= by;
        scan -= by;
        boundary -= by;
        crAt = crAt - by < -1 ? -2 : crAt - by;
        from -= by;
    }

    // ------------------------------------------------------------------ skipping title rows

    /**
     * Skips {@code n} physical lines unread (ONS title rows; no quotes, no limits, bounded memory).
     * Returns false when the file ends first.
     */
    boolean skipLines(int n) throws IOException {
        // the title rows are neither checked as UTF-8 nor taken as a sign of the encoding (data.md: skipped
        // unread, whatever they hold): the check starts after them
        skipping = true;
        start();
        int left = n;
        boolean cr = false;
        while (left > 0 || cr) {
            if (from == len) {
                if (eof) {
                    skipping = false;
                    checkText(from);
                    return left == 0;
                }
                from = len = scan = boundary = 0;
                crAt = -2;
                bufOffset = bytesRead;
                fill();
                continue;
            }
            byte c = buf[from];
            if (cr) {
                cr = false;
                if (c == '\n') {
                    from++;
                }
                continue;
            }
            from++;
            if (c == '\n') {
                left--;
            } else if (c == '\r') {
                left--;
                cr = true;
            }
        }
        scan = boundary = from;
        line = fromLine = boundaryLine = 1 + n;
        skipping = false;
        checkText(from);
        return true;
    }

    /** Reads the bytes before the first chunk (the byte-order mark) so that {@link #skipLines} can start. */
    void start() throws IOException {
        if (!started) {
            fill();
        }
    }

    // ------------------------------------------------------------------ chunks

    /** The next chunk, or null at the end of the file. */
    Chunk next() throws IOException {
        if (finished) {
            return null;
        }
        start();
        while (true) {
            if (replayed != null) {
                replay(limit());
            } else {
                classify(limit());
            }
            if (stopAt != Long.MAX_VALUE && bufOffset + scan >= stopAt) {
                if (replayed != null) {
                    // the recording read the same bytes without stopping: they changed in between
                    throw Cuts.changed(name);
                }
                if (boundary > from) {
                    return emit(boundary, false, false);
                }
                finished = true;
                throw bom() ? Encoding.invalidAfterBom(name, line) : Encoding.invalidDeclared(name, line);
            }
            if (eof && scan == len) {
                finished = true;
                if (recorded != null) {
                    recorded.reachedEnd();
                }
                if (from == len) {
                    release();
                    return null;
                }
                return emit(len, true, false);
            }
            if (boundary > from) {
                return emit(boundary, false, false);
            }
            if (len - from > CsvLimits.MAX_RECORD_BYTES) {
                finished = true;
                return emit(len, false, true);
            }
            if (len == buf.length) {
                room();
            }
            fill();
        }
    }

    private int limit() {
        long stop = stopAt - bufOffset;
        return stop < len ? (int) Math.max(stop, scan) : len;
    }

    /** Hands out {@code buf[from..end)}; the rest moves to a fresh buffer. */
    private Chunk emit(int end, boolean atEof, boolean truncated) throws IOException {
        Chunk c = new Chunk(buf, from, end, fromLine, atEof, truncated, -1);
        if (!atEof && !truncated) {
            if (recorded != null) {
                recorded.add(bufOffset + end, boundaryLine);
            }
            if (replayed != null) {
                replayAt++;
            }
        }
        if (atEof || truncated) {
            buf = null;
            return c;
        }
        byte[] next = pool.take(Math.max(pool.size(), (len - end) * 2));
        System.arraycopy(buf, end, next, 0, len - end);
        from = end;
        shift(end);
        buf = next;
        fromLine = boundaryLine;
        return c;
    }

    private void release() {
        pool.release(buf);
        buf = null;
    }

    /**
     * What {@link #classify} would find in {@code buf[scan..limit)}, from the recorded chunk ends: the next one,
     * once its bytes are read, is the last record boundary classifying them finds before the chunk is handed out.
     */
    private void replay(int limit) {
        scan = limit;
        if (replayAt < replayed.size()) {
            long end = replayed.offset(replayAt) - bufOffset;
            // a CR at the end of the bytes read so far is a line end of its own only if no LF follows it: the
            // search (and so the recording) takes that boundary once the next byte is read, and so does this
            if (end < limit || end == limit && (end == 0 || buf[(int) end - 1] != '\r')) {
                if (end <= from || buf[(int) end - 1] != '\n' && buf[(int) end - 1] != '\r') {
                    // a record boundary follows a line end: these are not the bytes the cuts were recorded from
                    throw Cuts.changed(name);
                }
                boundary = (int) end;
                boundaryLine = replayed.line(replayAt);
            }
        }
    }

    /**
     * Classifies {@code buf[scan..limit)}: quotes, line ends and record boundaries. Only quotes, LF and CR
     * matter; the bytes between them are skipped eight at a time.
     */
    private void classify(int limit) {
        int i = scan;
        byte[] b = buf;
        if (i < limit && quoteEnd) {
            quoteEnd = false;
            if (b[i] == '"') {
                i++; // an escaped quote: still inside
            } else {
                inQuote = false;
            }
        }
        if (i < limit && crEnd) {
            crEnd = false;
            if (b[i] != '\n') {
                boundary = i;
                boundaryLine = line;
            }
        }
        while (true) {
            if (!inQuote) {
                i = plainWords(b, i, limit);
            }
            i = nextSpecial(b, i, limit);
            if (i >= limit) {
                break;
            }
            byte c = b[i];
            if (c == '"') {
                if (inQuote) {
                    if (i + 1 < limit) {
                        if (b[i + 1] == '"') {
                            i += 2;
                        } else {
                            inQuote = false;
                            i++;
                        }
                    } else {
                        quoteEnd = true;
                        i++;
                    }
                } else {
                    if (i == boundary || b[i - 1] == ',') {
                        inQuote = true;
                    }
                    i++;
                }
            } else if (c == '\n') {
                if (crAt != i - 1) {
                    line++;
                }
                i++;
                if (!inQuote) {
                    boundary = i;
                    boundaryLine = line;
                }
            } else {
                line++;
                crAt = i;
                i++;
                if (!inQuote) {
                    if (i < limit) {
                        if (b[i] != '\n') {
                            boundary = i;
                            boundaryLine = line;
                        }
                    } else {
                        crEnd = true;
                    }
                }
            }
        }
        scan = limit;
    }

    /**
     * Outside quotes, the words of eight bytes from {@code i} that hold no quote and no CR, however many LFs: their
     * LFs counted as lines at once and the last one taken as the boundary, where the search one special byte at a
     * time would stop at each (a record is about a hundred bytes, so most words need no stop). Returns where the
     * search one byte at a time goes on: the first word with a quote or a CR, or the last bytes short of a word.
     */
    private int plainWords(byte[] b, int i, int limit) {
        while (i + 8 <= limit) {
            long w = (long) LONG.get(b, i);
            if ((zeroBytes(w ^ QUOTES) | zeroBytes(w ^ CRS)) != 0) {
                break;
            }
            if (zeroBytes(w ^ LFS) != 0) {
                long lf = exactZeros(w ^ LFS);
                int n = Long.bitCount(lf);
                if ((lf & 0x80L) != 0 && crAt == i - 1) {
                    n--; // the LF of a CR LF whose CR ended the bytes before: its line is counted
                }
                line += n;
                boundary = i + ((63 - Long.numberOfLeadingZeros(lf)) >>> 3) + 1;
                boundaryLine = line;
            }
            i += 8;
        }
        return i;
    }

    /**
     * Not 0 exactly when a byte of {@code x} is zero; the lowest bit set is the first zero byte's high bit, but bits
     * above it may mark bytes that are not zero (a borrow), so only {@link #exactZeros} may be counted.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The high bit of each byte of {@code x} that is zero, and only those (no borrow from a byte below). */
    private static long exactZeros(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
    }

    /** The index of the first quote, LF or CR in {@code b[i..limit)}, or {@code limit}. */
    static int nextSpecial(byte[] b, int i, int limit) {
        while (i + 8 <= limit) {
            long w = (long) LONG.get(b, i);
            long m = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ LFS) | zeroBytes(w ^ CRS);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i < limit) {
            byte c = b[i];
            if (c == '"' || c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return limit;
    }

    /**
     * Reads the rest of the file without cutting it, only to finish the count, the hash and the encoding
     * detection (when the encoding must be known before a value can be shown or compared).
     */
    void drain() throws IOException {
        finished = true;
        if (buf == null) {
            buf = pool.take(pool.size());
        }
        while (!eof) {
            from = len = scan = boundary = 0;
            crAt = -2;
            bufOffset = bytesRead;
            fill();
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        release();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
