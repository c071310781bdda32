package org.jsna.input.csv;

import java.util.Arrays;

/**
 * Where a reading cut a file into chunks: the end of each chunk (a record boundary) as a file offset, and the
 * physical line there. A first pass over a file records them ({@link CsvFile#scan}); the reading proper of the
 * same file, with the same block size, replays them instead of searching the bytes for quotes and line ends
 * again ({@link CsvFile.Spec#cuts}). The cutting is a function of the bytes and the block size alone (not of the
 * threads, the hash or the rows' handler), so both passes cut at the same places.
 */
public final class Cuts {
    private long[] offsets = new long[64];
    private long[] lines = new long[64];
    private int n;
    /** The recording read the file to its end. */
    private boolean complete;

    Cuts() {
    }

    void add(long offset, long line) {
        if (n == offsets.length) {
            offsets = Arrays.copyOf(offsets, n * 2);
            lines = Arrays.copyOf(lines, n * 2);
        }
        offsets[n] = offset;
        lines[n] = line;
        n++;
    }

    void clear() {
        n = 0;
        complete = false;
    }

    void complete() {
        complete = true;
    }

    /** Whether these are every cut of the file: only then can a reading replay them. */
    public boolean isComplete() {
        return complete;
    }

    int size() {
        return n;
    }

    long offset(int i) {
        return offsets[i];
    }

    long line(int i) {
        return lines[i];
    }
}
