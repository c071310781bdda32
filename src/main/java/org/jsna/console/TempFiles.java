package org.jsna.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files a command writes beside its output before moving them into place ({@code calc --out FILE},
 * {@code jsna sample}), and folders it made for them: registered while they exist, so that a run stopped by SIGTERM, SIGINT or SIGHUP (the
 * JVM's shutdown) deletes them instead of leaving hidden files of any size beside the user's. (The report's
 * output folder has its own, {@code pipeline/OutputFolder}.)
 */
public final class TempFiles {

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "jsna-temp-cleanup"));
    }

    private TempFiles() {
    }

    /**
     * Registers {@code p}, to be deleted if the JVM shuts down before {@link #release} (a folder only when empty,
     * after the files in it); returns it.
     */
    public static Path register(Path p) {
        OPEN.add(p);
        return p;
    }

    /** {@code p} was moved into place or deleted: nothing to do for it at shutdown. */
    public static void release(Path p) {
        OPEN.remove(p);
    }

    private static final Set<Path> TREES = ConcurrentHashMap.newKeySet();

    /**
     * A scratch folder this command made for itself (a new, uniquely named temporary folder): deleted with
     * everything in it by {@link #deleteTree}, or at shutdown. Returns it.
     */
    public static Path registerTree(Path dir) {
        TREES.add(dir);
        return dir;
    }

    /** Deletes a folder of {@link #registerTree} with everything in it (best effort) and forgets it. */
    public static void deleteTree(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            // best effort: a scratch folder in the system's temporary folder
        }
        TREES.remove(dir);
    }

    /** Deletes a folder and everything in it (no links followed: a link is unlinked); a file is deleted too. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteRecursively(c);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(p);
    }

    /** Deletes every registered file and scratch folder (the shutdown hook; tests). */
    static void deleteAll() {
        for (Path t : java.util.List.copyOf(TREES)) {
            deleteTree(t);
        }
        // the deepest first: a file before the folder it is in (a folder goes only when empty)
        java.util.List<Path> all = new java.util.ArrayList<>(OPEN);
        all.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                // best effort while the JVM shuts down
            }
            OPEN.remove(p);
        }
    }

    /**
     * Creates {@code dir} with its missing parents; returns the topmost folder this made (null when {@code dir}
     * was there), for {@link #deleteEmptyFolders} when the run fails.
     */
    public static Path createFolders(Path dir) throws IOException {
        Path top = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            top = p;
        }
        Files.createDirectories(dir);
        return top;
    }

    /** Deletes the folders from {@code dir} up to {@code top} (those a failed run made) while they are empty. */
    public static void deleteEmptyFolders(Path dir, Path top) {
        if (top == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty: something else is there now
            }
        }
    }

    /** Files registered now (tests). */
    static Set<Path> registered() {
        return Set.copyOf(OPEN);
    }
}
