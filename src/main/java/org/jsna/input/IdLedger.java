package org.jsna.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jsna.console.JsnaException;

/**
 * Identifiers with a value each (a referral's dense index, or the start of an event naming a referral), kept on
 * disk in {@value #PARTS} partitions by the top bits of the identifier's 64-bit hash, so that two ledgers can be
 * joined one partition at a time ({@link #join}) in the memory of one partition. Records are added a chunk at a
 * time from any reading thread; the files live in a folder of their own inside the run's temporary folder.
 */
final class IdLedger implements AutoCloseable {

    static final int BITS = 6;
    static final int PARTS = 1 << BITS;
    /** Bytes a partition collects before it writes them to its file. */
    private static final int FLUSH = 1 << 16;
    /** Bytes of a record besides its id's: hash, value, the id's length. */
    private static final int HEAD = 16;

    /** Told each record of the second ledger whose id is in the first: the first's value, the second's. */
    interface Found {
        void found(int first, int second);
    }

    private final Path dir;
    private final ByteBuffer[] buffers = new ByteBuffer[PARTS];
    private final FileChannel[] files = new FileChannel[PARTS];
    private long records;

    IdLedger(Path scratch, String name) {
        try {
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, ".jsna-" + name + "-");
        } catch (IOException e) {
            throw JsnaException.io("cannot make a temporary folder in " + scratch + " for the ids: "
                    + e.getMessage(), e);
        }
    }

    /** Records kept so far. */
    synchronized long size() {
        return records;
    }

    /**
     * Adds {@code n} records: the id of record i is {@code bytes[from[i]..to[i])} (hash {@code hash[i]}, of those
     * bytes), its value {@code value[i]}.
     */
    synchronized void add(long[] hash, int[] value, byte[] bytes, int[] from, int[] to, int n) {
        for (int i = 0; i < n; i++) {
            int k = (int) (hash[i] >>> (64 - BITS));
            int len = to[i] - from[i];
            ByteBuffer b = buffers[k];
            if (b == null || b.remaining() < HEAD + len) {
                flush(k);
                b = buffers[k] = buffers[k] != null && buffers[k].capacity() >= HEAD + len ? buffers[k]
                        : ByteBuffer.allocate(Math.max(FLUSH, HEAD + len)).order(ByteOrder.LITTLE_ENDIAN);
            }
            b.putLong(hash[i]).putInt(value[i]).putInt(len).put(bytes, from[i], len);
            records++;
        }
    }

    private void flush(int k) {
        ByteBuffer b = buffers[k];
        if (b == null || b.position() == 0) {
            return;
        }
        b.flip();
        try {
            if (files[k] == null) {
                files[k] = FileChannel.open(dir.resolve("part-" + k), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            while (b.hasRemaining()) {
                files[k].write(b);
            }
        } catch (IOException e) {
            throw JsnaException.io("writing ids to a temporary file in " + dir + ": " + e.getMessage(), e);
        }
        b.clear();
    }

    /** Partition k's records, read back in one buffer (its file is deleted). */
    private ByteBuffer load(int k) {
        try {
            ByteBuffer rest = buffers[k];
            int tail = rest == null ? 0 : rest.position();
            long size = files[k] == null ? 0 : files[k].size();
            if (size + tail > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than 2 GB of ids in one partition");
            }
            ByteBuffer all = ByteBuffer.allocate((int) size + tail).order(ByteOrder.LITTLE_ENDIAN);
            if (files[k] != null) {
                FileChannel f = files[k];
                f.position(0);
                while (all.position() < size) {
                    if (f.read(all) < 0) {
                        throw new IOException("a temporary file of the ids ends early");
                    }
                }
                f.close();
                files[k] = null;
                Files.deleteIfExists(dir.resolve("part-" + k));
            }
            if (tail > 0) {
                rest.flip();
                all.put(rest);
            }
            buffers[k] = null;
            all.flip();
            return all;
        } catch (IOException e) {
            throw JsnaException.io("reading back a temporary file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * For each record of {@code second} whose id (the same bytes) is that of a record of {@code first}, tells
     * {@code found} the two values; returns how many records of {@code second} found none. The ids of
     * {@code first} must be distinct. Both ledgers are emptied.
     */
    static long join(IdLedger first, IdLedger second, Found found) {
        long missing = 0;
        for (int k = 0; k < PARTS; k++) {
            ByteBuffer a = first.load(k);
            ByteBuffer b = second.load(k);
            if (!b.hasRemaining()) {
                continue;
            }
            // the first's records of this partition: an open-addressing table of hash -> record offset
            int n = 0;
            for (int p = 0; p < a.limit(); p += HEAD + a.getInt(p + 12)) {
                n++;
            }
            int cap = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
            int mask = cap - 1;
            int[] slot = new int[cap];
            Arrays.fill(slot, -1);
            for (int p = 0; p < a.limit(); p += HEAD + a.getInt(p + 12)) {
                int i = (int) a.getLong(p) & mask;
                while (slot[i] >= 0) {
                    i = (i + 1) & mask;
                }
                slot[i] = p;
            }
            for (int q = 0; q < b.limit(); q += HEAD + b.getInt(q + 12)) {
                long h = b.getLong(q);
                int len = b.getInt(q + 12);
                int i = (int) h & mask;
                int match = -1;
                while (slot[i] >= 0) {
                    int p = slot[i];
                    if (a.getLong(p) == h && a.getInt(p + 12) == len
                            && a.slice(p + HEAD, len).equals(b.slice(q + HEAD, len))) {
                        match = p;
                        break;
                    }
                    i = (i + 1) & mask;
                }
                if (match >= 0) {
                    found.found(a.getInt(match + 8), b.getInt(q + 8));
                } else {
                    missing++;
                }
            }
        }
        return missing;
    }

    @Override
    public void close() {
        for (int k = 0; k < PARTS; k++) {
            if (files[k] != null) {
                try {
                    files[k].close();
                } catch (IOException e) {
                    // deleted below all the same
                }
                files[k] = null;
            }
            buffers[k] = null;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // the folder is inside the run's temporary output folder, which goes with it
        }
    }
}
