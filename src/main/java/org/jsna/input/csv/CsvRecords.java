package org.jsna.input.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.util.List;
import org.jsna.validate.Header;

/**
 * The records of a CSV one after another, on the calling thread: the same block reading, encoding detection,
 * line numbers and size limits as the report inputs ({@link ChunkSource}, {@link CsvScanner}), for readers of
 * small files ({@code jsna calc}). The encoding is final once the last record is read ({@link #charset}), so
 * a reader keeps the bytes of the fields it needs and decodes them at the end.
 */
public final class CsvRecords implements Closeable {
    private final ChunkSource src;
    private final BufferPool pool;
    private final String name;
    private final CsvScanner sc = new CsvScanner();
    private Chunk chunk;
    private Header header;

    /** Reads {@code in} (closed with this), named {@code name} in messages, with the encoding detected. */
    public CsvRecords(ReadableByteChannel in, String name) {
        this.name = name;
        this.pool = new BufferPool(1 << 16);
        this.src = new ChunkSource(in, name, Encoding.AUTO, false, pool, null);
    }

    /** Column names for messages about the later records (the field over a limit, the open quote). */
    public void header(List<String> names) {
        this.header = new Header(name, 1, names);
    }

    /** The next record; false at the end of the file. */
    public boolean next() throws IOException {
        while (true) {
            if (chunk != null) {
                try {
                    if (sc.next()) {
                        return true;
                    }
                } catch (CsvScanner.Stop s) {
                    throw CsvFile.error(s, name, chunk.startLine(), header);
                }
                pool.release(chunk.buf());
                chunk = null;
            }
            Chunk c = src.next();
            if (c == null) {
                return false;
            }
            chunk = c;
            sc.reset(c);
        }
    }

    /** The record's fields. */
    public CsvScanner scanner() {
        return sc;
    }

    /** Physical line where the record starts (the first line is 1). */
    public long line() {
        return chunk.startLine() + sc.recordLine();
    }

    /** The encoding: known for certain once {@link #next} has returned false. */
    public Charset charset() {
        Charset cs = src.charset();
        return cs != null ? cs : java.nio.charset.StandardCharsets.UTF_8;
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
