package org.jsna.input.csv;

/**
 * How many records a chunk of a file holds, from the bytes per record of the chunks parsed before it, so that a
 * chunk's arrays are sized once instead of doubling from a few dozen entries (at millions of rows, most of the
 * reading's garbage). One per file and pass; any reading thread may use it.
 */
public final class RowEstimate {
    /** Bytes per record of the chunks seen so far; 0 until one is. */
    private volatile double bytesPerRecord;

    /**
     * The records to make room for in {@code chunk}: its bytes by the bytes per record so far, with a little
     * spare, else a guess of four bytes a field (of {@code fields}); never more than the chunk can hold, never
     * under 16. Arrays sized by it must still grow past it.
     */
    public int rows(Chunk chunk, int fields) {
        int bytes = chunk.end() - chunk.start();
        int f = Math.max(1, fields);
        double per = bytesPerRecord;
        long guess = per > 0 ? (long) (bytes / per * 1.05) : bytes / (4L * f);
        return (int) Math.max(16, Math.min(guess + 16, bytes / f + 2));
    }

    /** Notes that {@code chunk} held {@code records} records (a chunk cut at its longest record tells nothing). */
    public void saw(Chunk chunk, long records) {
        if (records > 0 && !chunk.truncated()) {
            bytesPerRecord = (double) (chunk.end() - chunk.start()) / records;
        }
    }
}
