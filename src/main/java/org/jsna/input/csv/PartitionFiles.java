package org.jsna.input.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jsna.console.JsnaException;

/**
 * A run's temporary partition files: a folder of its own made inside the run's temporary output folder (so a
 * failed or stopped run loses it with that folder), one file per partition opened when first written, read back
 * whole and deleted, and {@link #close} deleting whatever is left. Used for the ids' hashes and ledgers
 * (input) and the records past the memory budget (aggregate).
 */
public final class PartitionFiles implements AutoCloseable {

    private final Path dir;
    private final String what;
    private final FileChannel[] files;

    /**
     * @param parent where the folder is made
     * @param name   the folder's name starts {@code .jsna-<name>-}
     * @param parts  number of partitions
     * @param what   what the files hold, for messages (e.g. "the records")
     */
    public PartitionFiles(Path parent, String name, int parts, String what) {
        this.what = what;
        this.files = new FileChannel[parts];
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, ".jsna-" + name + "-");
        } catch (IOException e) {
            throw JsnaException.io("cannot make a temporary folder in " + parent + " for " + what + ": "
                    + e.getMessage(), e);
        }
    }

    /** The open file of partition k (made when first asked for). */
    public FileChannel channel(int k) {
        if (files[k] == null) {
            try {
                files[k] = FileChannel.open(dir.resolve("part-" + k), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw failed("writing", e);
            }
        }
        return files[k];
    }

    /** Whether partition k has a file. */
    public boolean exists(int k) {
        return files[k] != null;
    }

    /** Appends the buffer's remaining bytes to partition k's file. */
    public void write(int k, ByteBuffer b) {
        FileChannel f = channel(k);
        try {
            while (b.hasRemaining()) {
                f.write(b);
            }
        } catch (IOException e) {
            throw failed("writing", e);
        }
    }

    /**
     * Partition k's file read back whole, with room for {@code extra} bytes more after it (position at its end,
     * little-endian); the file is deleted. An empty buffer when the partition has no file. Read into {@code reuse}
     * when it has room (cleared first; null: a new buffer): one buffer for every partition a thread reads back,
     * rather than a new one of megabytes each time.
     */
    public ByteBuffer load(int k, int extra, ByteBuffer reuse) {
        try {
            long size = files[k] == null ? 0 : files[k].size();
            if (size + extra > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than 2 GB of " + what + " in one temporary file");
            }
            int need = (int) size + extra;
            // a new buffer gets room to spare, for the next partition a little larger than this one
            ByteBuffer all = reuse != null && reuse.capacity() >= need ? reuse.clear().limit(need)
                    : ByteBuffer.allocate(need + need / 8).limit(need);
            all.order(ByteOrder.LITTLE_ENDIAN);
            if (files[k] != null) {
                FileChannel f = files[k];
                f.position(0);
                while (all.position() < size) {
                    if (f.read(all) < 0) {
                        throw new IOException("a temporary file of " + what + " ends early");
                    }
                }
                delete(k);
            }
            return all;
        } catch (IOException e) {
            throw failed("reading back", e);
        }
    }

    /** Closes and deletes partition k's file, if it has one. */
    public void delete(int k) throws IOException {
        if (files[k] != null) {
            files[k].close();
            files[k] = null;
            Files.deleteIfExists(dir.resolve("part-" + k));
        }
    }

    /** The error of a failed read or write of a temporary file. */
    public JsnaException failed(String doing, IOException e) {
        return JsnaException.io(doing + " " + what + " in a temporary file in " + dir + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        for (int k = 0; k < files.length; k++) {
            if (files[k] != null) {
                try {
                    files[k].close();
                } catch (IOException e) {
                    // deleted below all the same
                }
                files[k] = null;
            }
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
