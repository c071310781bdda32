package org.jsna.input.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test access to the records of a CSV text through the reader of every input ({@link CsvRecords}), as text. */
public final class CsvText implements AutoCloseable {
    private final CsvRecords recs;
    private final CsvScanner sc;

    public CsvText(String text) {
        this(text.getBytes(StandardCharsets.UTF_8));
    }

    public CsvText(byte[] bytes) {
        this(Channels.newChannel(new java.io.ByteArrayInputStream(bytes)));
    }

    public CsvText(ReadableByteChannel in) {
        this.recs = new CsvRecords(in, "t.csv");
        this.sc = recs.scanner();
    }

    /** As {@link #CsvText(ReadableByteChannel)}, naming the file in messages. */
    public CsvText(ReadableByteChannel in, String name) {
        this.recs = new CsvRecords(in, name);
        this.sc = recs.scanner();
    }

    public boolean next() {
        try {
            return recs.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void header(List<String> names) {
        recs.header(names);
    }

    public long line() {
        return recs.line();
    }

    public int count() {
        return sc.fieldCount();
    }

    /** Field i trimmed, "" when absent. */
    public String field(int i) {
        return i < 0 || i >= sc.fieldCount() ? "" : new String(sc.bytes(), sc.start(i), sc.end(i) - sc.start(i),
                recs.charset());
    }

    /** Field i exactly as read (quotes removed). */
    public String raw(int i) {
        return new String(sc.bytes(), sc.rawStart(i), sc.rawEnd(i) - sc.rawStart(i), recs.charset());
    }

    public boolean blank(int i) {
        return sc.blank(i);
    }

    public int defect() {
        return sc.defect();
    }

    public int defectField() {
        return sc.defectField();
    }

    @Override
    public void close() throws IOException {
        recs.close();
    }

    /** A channel of {@code head}, then {@code n} times {@code unit}, then {@code tail} (ASCII), without holding it all. */
    public static ReadableByteChannel repeated(String head, String unit, long n, String tail) {
        return new ReadableByteChannel() {
            private long left = n;
            private byte[] cur = head.getBytes(StandardCharsets.US_ASCII);
            private final byte[] u = unit.getBytes(StandardCharsets.US_ASCII);
            private int pos;
            private boolean tailDone;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) {
                int written = 0;
                while (dst.hasRemaining()) {
                    if (pos >= cur.length) {
                        if (left > 0) {
                            // many units at once, for speed
                            long k = Math.min(left, Math.max(1, (1 << 16) / Math.max(1, u.length)));
                            byte[] b = new byte[(int) (k * u.length)];
                            for (int i = 0; i < k; i++) {
                                System.arraycopy(u, 0, b, i * u.length, u.length);
                            }
                            left -= k;
                            cur = b;
                        } else if (!tailDone) {
                            tailDone = true;
                            cur = tail.getBytes(StandardCharsets.US_ASCII);
                        } else {
                            return written == 0 ? -1 : written;
                        }
                        pos = 0;
                        continue;
                    }
                    int k = Math.min(dst.remaining(), cur.length - pos);
                    dst.put(cur, pos, k);
                    pos += k;
                    written += k;
                }
                return written;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }
}
