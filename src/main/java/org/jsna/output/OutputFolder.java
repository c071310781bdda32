package org.jsna.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.jsna.common.JsnaException;

/**
 * The output folder of a run, replaced atomically (cli.md): the run writes into a temporary
 * sibling folder and {@link #commit()} renames it into place, replacing an existing folder only
 * then. A lock file beside the folder, held with an OS file lock for the whole run, makes a second
 * concurrent run on the same folder fail with exit 4. {@link #close()} removes the temporary folder
 * (when not committed) and the lock file, so nothing remains whether the run succeeds or fails.
 */
public final class OutputFolder implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean committed;

    private OutputFolder(Path target, Path temp, Path lockFile, FileChannel channel, FileLock lock) {
        this.target = target;
        this.temp = temp;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code out} and creates the temporary sibling folder to write into. */
    public static OutputFolder open(Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw JsnaException.io(out + ": the output path exists and is not a folder");
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw JsnaException.io(out + ": cannot write the output folder at the file-system root");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw JsnaException.io(parent + ": cannot create the folder for the output (" + e.getMessage() + ")", e);
        }
        String name = target.getFileName().toString();
        Path lockFile = parent.resolve("." + name + ".jsna-lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw JsnaException.io(parent + ": output folder not writable (" + e.getMessage() + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw JsnaException.io(lockFile + ": cannot lock the output folder (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw JsnaException.io(out + ": another jsna run is writing this output folder");
        }
        Path temp = parent.resolve("." + name + ".jsna-tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            releaseAndDelete(lock, channel, lockFile);
            throw JsnaException.io(parent + ": output folder not writable (" + e.getMessage() + ")", e);
        }
        return new OutputFolder(target, temp, lockFile, channel, lock);
    }

    /** The temporary folder the run writes into. */
    public Path dir() {
        return temp;
    }

    /** The final folder. */
    public Path target() {
        return target;
    }

    /** Moves the finished temporary folder into place, replacing an existing output folder. */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = target.resolveSibling("." + target.getFileName() + ".jsna-old-" + UUID.randomUUID());
                move(target, old);
            }
            try {
                move(temp, target);
            } catch (IOException e) {
                if (old != null) {
                    move(old, target); // put the previous output back
                }
                throw e;
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw JsnaException.io(target + ": cannot move the output into place (" + e.getMessage() + ")", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(temp);
            } catch (IOException e) {
                // best effort; the lock is still released below
            }
        }
        releaseAndDelete(lock, channel, lockFile);
    }

    private static void releaseAndDelete(FileLock lock, FileChannel channel, Path lockFile) {
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // ignore
        }
        try {
            lock.release();
        } catch (IOException e) {
            // ignore
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // ignore
        }
    }

    /** Deletes a folder and everything in it (no links followed). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }
}
