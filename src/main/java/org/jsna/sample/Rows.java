package org.jsna.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Comma-separated rows written straight to bytes (UTF-8, LF line ends), for the tens of millions of
 * rows of a national-scale sample. The sample's values never need RFC 4180 quoting (codes, ids,
 * dates, numbers and place names without commas or quotes); a value that would is a bug, refused
 * rather than written differently from a CSV printer.
 */
final class Rows implements Closeable {

    /** The first day whose text is kept ready: the start of the longest sample. */
    private static final int FIRST_DAY = (int) LocalDate.of(SampleGenerator.END.getYear()
            - SampleSettings.MAX_YEARS, 4, 1).toEpochDay();
    private static final byte[][] DATES = new byte[SampleGenerator.END_DAY - FIRST_DAY + 1][];

    static {
        for (int d = 0; d < DATES.length; d++) {
            DATES[d] = LocalDate.ofEpochDay(FIRST_DAY + d).toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private boolean first = true;
    private long bytes;

    Rows(OutputStream out) {
        this.out = out;
    }

    private void room(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        bytes += pos;
        pos = 0;
    }

    private void separator() throws IOException {
        room(1);
        if (!first) {
            buf[pos++] = ',';
        }
        first = false;
    }

    Rows text(String s) throws IOException {
        if (s.isEmpty() && first) {
            throw new IllegalStateException("an empty first cell would need quotes");
        }
        separator();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                throw new IllegalStateException("sample value needs quoting: " + s);
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > buf.length) {
            flushBuffer();
            out.write(b);
            bytes += b.length;
            return this;
        }
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    Rows empty() throws IOException {
        if (first) {
            throw new IllegalStateException("an empty first cell would need quotes");
        }
        separator();
        return this;
    }

    Rows number(long v) throws IOException {
        separator();
        digits(v);
        return this;
    }

    /** A letter and a whole number: an id such as R1000001. */
    Rows id(char prefix, long v) throws IOException {
        separator();
        room(1);
        buf[pos++] = (byte) prefix;
        digits(v);
        return this;
    }

    /** An ISO date given as an epoch day. */
    Rows date(int epochDay) throws IOException {
        separator();
        int d = epochDay - FIRST_DAY;
        byte[] b = d >= 0 && d < DATES.length ? DATES[d]
                : LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** A number of quarters as the shortest decimal: 10 -> 2.5, 12 -> 3, 9 -> 2.25. */
    Rows quarters(int q) throws IOException {
        separator();
        digits(q / 4);
        switch (q % 4) {
            case 1 -> ascii(".25");
            case 2 -> ascii(".5");
            case 3 -> ascii(".75");
            default -> {
            }
        }
        return this;
    }

    /** Pence as pounds with two decimals: 12345 -> 123.45. */
    Rows cents(int c) throws IOException {
        separator();
        digits(c / 100);
        room(3);
        buf[pos++] = '.';
        buf[pos++] = (byte) ('0' + c % 100 / 10);
        buf[pos++] = (byte) ('0' + c % 10);
        return this;
    }

    void endRow() throws IOException {
        room(1);
        buf[pos++] = '\n';
        first = true;
    }

    private void ascii(String s) throws IOException {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void digits(long v) throws IOException {
        room(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int startPos = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = startPos, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /** Bytes written so far (after {@link #close}: all). */
    long bytes() {
        return bytes + pos;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
