package org.jsna.input.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import org.jsna.console.JsnaException;

/**
 * Where a reading cut a file into chunks: the end of each chunk (a record boundary) as a file offset, and the
 * physical line there. A first pass over a file records them ({@link CsvFile#scan}); the reading proper of the
 * same file, with the same block size, replays them instead of searching the bytes for quotes and line ends
 * again ({@link CsvFile.Spec#cuts}). The cutting is a function of the bytes and the block size alone (not of the
 * threads, the hash or the rows' handler), so both passes cut at the same places.
 */
public final class Cuts {
    /** The file as the recording found it (size, modification time, identity): a replay needs the same. */
    private Object stamp;
    private long[] offsets = new long[64];
    private long[] lines = new long[64];
    private int n;
    /** The recording read the bytes to their end. */
    private boolean ended;
    /** ... and the file was the same at its end as at its start: these are every cut of the file. */
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

    /** What identifies the state of {@code path}'s bytes without reading them; null when it cannot be read. */
    public static Object stampOf(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return Arrays.asList(a.size(), a.lastModifiedTime(), a.fileKey());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Records the state of the file the cuts are being recorded from (taken before its first byte is read). */
    void stamp(Object stamp) {
        this.stamp = stamp;
    }

    /**
     * Whether these cuts may be replayed over {@code path} now: recorded to the end of the file, and the file
     * the same (size, modification time and identity) as when the recording began and ended.
     */
    boolean replayableOver(Path path) {
        return complete && stamp != null && stamp.equals(stampOf(path));
    }

    /**
     * Stops with the input error of a file changed since these cuts were recorded (size, modification time or
     * identity not as they were): a reading that relies on what the recording found (its cuts, the ids it found
     * repeated) must not go on over other bytes. Does nothing while the file is as recorded.
     */
    public void requireUnchanged(Path path, String name) {
        if (!replayableOver(path)) {
            throw changed(name);
        }
    }

    /** The input error of a file whose bytes changed between the reading that recorded its cuts and a later one. */
    static JsnaException changed(String name) {
        return JsnaException.input(name + ": the file changed while jsna was reading it (its size, modification "
                + "time or identity changed, or a second reading found other bytes): run again once nothing writes "
                + "to it");
    }

    void clear() {
        n = 0;
        ended = false;
        complete = false;
    }

    /** The recording read the bytes to their end (see {@link #finish}). */
    void reachedEnd() {
        ended = true;
    }

    /**
     * After the recording: complete when it read {@code path} to its end and the file is still as it was when the
     * recording began (a file replaced or changed meanwhile is not replayed).
     */
    void finish(Path path) {
        finish(stampOf(path));
    }

    /** {@link #finish(Path)} with the file's state now ({@link #stampOf}; tests: any value). */
    void finish(Object stampNow) {
        complete = ended && stamp != null && stamp.equals(stampNow);
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
