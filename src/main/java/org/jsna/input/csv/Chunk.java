package org.jsna.input.csv;

/**
 * A stretch of a CSV file that starts and ends at record boundaries (outside quotes), so that it can be
 * parsed on its own: {@code buf[start..end)}, whose first byte is on physical line {@code startLine}.
 *
 * @param eof       the stretch ends the file: a quoted field may be left open in it (an input error)
 * @param truncated the stretch is the start of one record longer than any record within the size limits can
 *                  be ({@link org.jsna.validate.CsvLimits#MAX_RECORD_BYTES}): parsing it must hit a limit
 * @param seq       the chunk's number, increasing in file order across every file of a run
 */
public record Chunk(byte[] buf, int start, int end, long startLine, boolean eof, boolean truncated, long seq) {

    Chunk withSeq(long n) {
        return new Chunk(buf, start, end, startLine, eof, truncated, n);
    }

    Chunk from(int newStart, long newStartLine) {
        return new Chunk(buf, newStart, end, newStartLine, eof, truncated, seq);
    }
}
