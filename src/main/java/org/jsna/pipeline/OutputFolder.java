package org.jsna.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsna.console.JsnaException;
import org.jsna.console.Log;
import org.jsna.console.TempFiles;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * The output folder of a run (cli.md, {@code --out}): written in a temporary sibling folder and
 * renamed into place at the end, replacing what was there only when that is safe.
 *
 * <p><b>What may be replaced.</b> {@code --out} is replaced only when it is missing, an empty folder,
 * or an earlier jsna output: a folder whose {@code manifest.json} parses as JSON with
 * {@code "tool": "jsna"} and in which every file is {@code manifest.json} or a path listed in that
 * manifest's {@code outputs}, and every folder holds such files (or is jsna's {@code charts}). Anything
 * else there — a file of the user's, a sub-folder, a link — and the run stops with exit 4 before it
 * creates anything, naming the folder and the first such entry. A path that is a file is refused too,
 * and so is the current folder or a folder holding it (renaming it would leave the shell in a
 * deleted folder). A link to a folder is followed: the folder it points to is the output.
 * The check is made again at the end, on the old folder after it has been renamed aside, and only
 * the files it lists are deleted; what appeared meanwhile is never deleted.
 *
 * <p><b>Concurrent and killed runs.</b> A lock file {@code .NAME.jsna-lock} beside the folder, holding
 * the PID of its run and held with an OS file lock for the whole run, makes a second run on the
 * same folder stop with exit 4. The temporary folder is {@code .NAME.jsna-tmp-PID-RANDOM}, a previous
 * output being replaced is renamed aside to {@code .NAME.jsna-old-PID-RANDOM} for a moment. A run
 * that holds the lock removes the temporary folders and lock of earlier runs on the same folder that
 * died (their process is gone; an OS lock is never held by a dead process), and puts back a previous
 * output that a run killed in the middle of the final renames had moved aside.
 *
 * <p><b>Signals.</b> On SIGTERM or SIGINT the JVM runs its shutdown hooks and exits 143 or 130. The
 * hook of this class stops every open folder: it renames the temporary folder aside, puts a plain
 * file in its place so that a thread still writing fails instead of re-creating it, deletes the
 * renamed folder, waits (at most {@link #STOP_WAIT_MILLIS}) for the run to leave the folder, then
 * removes that file and the lock. The run notices at its next {@link #checkNotStopped()} (called
 * while reading and between phases) or at its next write, and {@link #commit()} refuses, so the
 * previous output is untouched. {@link #close()} removes the temporary folder (when not committed)
 * and the lock, so nothing remains whether the run succeeds, fails or is stopped.
 */
public final class OutputFolder implements AutoCloseable {

    /** How long the signal handler waits for the run to stop writing before it finishes the cleanup. */
    static final long STOP_WAIT_MILLIS = 5000;
    static final String TMP = ".jsna-tmp-";
    static final String OLD = ".jsna-old-";
    static final String LOCK = ".jsna-lock";

    /**
     * The longest name in UTF-8 bytes that the lock and temporary folders carry whole: {@code .NAME} and the
     * longest suffix ({@code .jsna-tmp-PID-RANDOM}, under 45 bytes) stay within the 255 bytes a file name may have.
     */
    static final int WHOLE = 210;
    /** The bytes of a longer name's start that its stem keeps, before {@code ~} and 16 hex digits of its hash. */
    static final int STEM = 150;

    /**
     * The output folder's name as its lock and temporary folders carry it: the name itself when it fits ({@value
     * #WHOLE} bytes), else its first characters and 64 bits of its SHA-256, so that a 240-character --out (refused as
     * "not writable" before) has a lock and a temporary folder, and two long names that differ only after the start
     * still have their own (a 32-bit hash would let them share a lock and take each other's leftovers).
     */
    static String stem(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= WHOLE) {
            return name;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length();) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > STEM) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        byte[] sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256").digest(utf8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        b.append('~');
        for (int i = 0; i < 8; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%02x", sha[i]));
        }
        return b.toString();
    }
    /** Largest manifest.json read when recognising an earlier output. */
    static final long MAX_MANIFEST_BYTES = 64L << 20;
    /** jsna's own sub-folder, which may be empty when a run planned no chart. */
    static final String CHARTS = "charts";

    private static final long SELF = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code PID-16 hex digits}, or the UUID of folders left by jsna 0.1 (no PID). */
    private static final Pattern LEFTOVER = Pattern.compile(
            "(?:(\\d{1,19})-[0-9a-f]{16}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Set<OutputFolder> OPEN = ConcurrentHashMap.newKeySet();

    private enum State { WRITING, COMMITTED, STOPPED, CLOSED }

    private final Path target;
    private final Path parent;
    private final String name;
    private final String shown;
    private final Path temp;
    private final Lock lock;
    private State state = State.WRITING;
    /** The topmost folder above the output that this run made (null: none), removed if the run fails. */
    private Path madeParents;
    private boolean jobLeft;
    private boolean signalled;

    private OutputFolder(Path target, String shown, Path temp, Lock lock) {
        this.target = target;
        this.parent = target.getParent();
        this.name = stem(target.getFileName().toString());
        this.shown = shown;
        this.temp = temp;
        this.lock = lock;
    }

    /** What a command writes into the temporary folder (see {@link #write}). */
    @FunctionalInterface
    public interface Stages<T> {
        T run(OutputFolder folder) throws IOException;
    }

    /**
     * Runs a command's stages in the output folder {@code out} ({@link #open}), which is put in place when they
     * end and left as it was when they fail. An error while a signal stops the run is that signal's
     * ({@link #stoppedError()}), not its own; an I/O error is exit 4.
     */
    public static <T> T write(Path out, Stages<T> stages) {
        try (OutputFolder folder = open(out)) {
            try {
                return stages.run(folder);
            } catch (RuntimeException e) {
                // a signal stopped the run: whatever failed in the temporary folder is that, not its own error
                throw folder.stopped() ? folder.stoppedError() : e;
            }
        } catch (IOException e) {
            throw JsnaException.io(out + ": writing the output: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code out} may be replaced, locks it, clears what dead runs left beside it and
     * creates the temporary sibling folder to write into.
     */
    public static OutputFolder open(Path out) {
        String shown = out.toString().isEmpty() ? "." : out.toString();
        Path target = resolve(out);
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw JsnaException.io(shown + ": cannot write the output folder at the file-system root");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw JsnaException.io(shown + ": the output path is a file, not a folder; jsna writes a folder "
                    + "there: give the name of a new or empty folder");
        }
        Path cwd = resolve(Path.of(""));
        if (cwd.startsWith(target)) {
            throw JsnaException.io(shown + ": the output folder is the current folder"
                    + (cwd.equals(target) ? "" : " or holds it")
                    + "; jsna replaces the whole folder, which would leave you in a deleted folder: run jsna from "
                    + "the folder above and give --out " + target.getFileName());
        }
        try {
            Contents c = contents(target);
            if (c.refusal() != null) {
                throw JsnaException.io(shown + ": " + c.refusal());
            }
            refuseUnreplaceable(target, parent, shown, c);
        } catch (IOException e) {
            throw JsnaException.io(shown + ": cannot read the output folder (" + e.getMessage() + ")", e);
        }
        Path made; // the topmost folder this run makes for the output, removed again if the run fails
        try {
            made = TempFiles.createFolders(parent);
        } catch (IOException e) {
            throw JsnaException.io(parent + ": cannot create the folder for the output (" + e.getMessage() + ")", e);
        }
        String name = stem(target.getFileName().toString());
        Lock lock;
        try {
            lock = Lock.acquire(parent.resolve("." + name + LOCK), shown, parent);
        } catch (RuntimeException e) {
            TempFiles.deleteEmptyFolders(parent, made);
            throw e;
        }
        OutputFolder f = new OutputFolder(target, shown, parent.resolve("." + name + TMP + SELF + "-" + random()), lock);
        f.madeParents = made;
        Hook.register(f); // from here a signal removes the lock and the temporary folder
        try {
            synchronized (f) {
                if (f.state != State.WRITING) {
                    throw f.stoppedError();
                }
                clearLeftovers(parent, name, target);
                Files.createDirectory(f.temp);
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            if (e instanceof JsnaException je) {
                throw je;
            }
            throw JsnaException.io(parent + ": output folder not writable (" + e.getMessage() + ")", e);
        }
        return f;
    }

    /**
     * Refuses, before any work, an existing output that the run could not replace at its end: a mount point
     * (a folder of another file system than its parent cannot be renamed), or an earlier output whose files this
     * user may not delete (the new output would be in place and the old one left beside it, blocking later runs).
     */
    private static void refuseUnreplaceable(Path target, Path parent, String shown, Contents c) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (mountPoint(target, parent)) {
            throw JsnaException.io(shown + ": the output folder is a mount point (a file system, or a bind mount, of "
                    + "its own); jsna replaces the output folder by renaming it, which a mount point cannot be: give "
                    + "a folder inside it, e.g. --out " + target.resolve("jsna-out"));
        }
        if (!c.files().isEmpty() && Files.getFileStore(target).isReadOnly()) {
            throw JsnaException.io(shown + ": the earlier output there is on a read-only file system, so it cannot "
                    + "be replaced");
        }
        List<Path> folders = new ArrayList<>(c.dirs());
        folders.add(target);
        for (Path d : folders) {
            if (!c.files().isEmpty() && !Files.isWritable(d)) {
                throw JsnaException.io(shown + ": the earlier output there cannot be replaced by this user: '"
                        + d + "' is not writable, so its files could not be deleted; run as its owner, or give "
                        + "another --out");
            }
        }
    }

    /**
     * Whether {@code dir} is where a file system or a bind mount is mounted: listed in {@code /proc/self/mountinfo}
     * (Linux; a bind mount has its parent's device), else, where there is no such list, on another device than
     * its parent.
     */
    static boolean mountPoint(Path dir, Path parent) {
        Path info = Path.of("/proc/self/mountinfo");
        if (Files.isReadable(info)) {
            try {
                String real = dir.toRealPath().toString();
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ", 6);
                    if (f.length > 4 && unescapeMount(f[4]).equals(real)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException | RuntimeException e) {
                // fall back to the devices
            }
        }
        Object dev = device(dir);
        return dev != null && !dev.equals(device(parent));
    }

    /** A mount point as mountinfo writes it: space, tab, newline and backslash as octal escapes. */
    private static String unescapeMount(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 3 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: kept as it is
                }
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** The device of a file's file system (null when the platform does not say). */
    private static Object device(Path p) {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The temporary folder the run writes into. */
    public Path dir() {
        return temp;
    }

    /** The final folder. */
    public Path target() {
        return target;
    }

    /** True once a signal stopped the run. */
    public synchronized boolean stopped() {
        return signalled;
    }

    /** Ends the run (with the error {@link #stoppedError()}) when a signal has stopped it. */
    public void checkNotStopped() {
        if (stopped()) {
            throw stoppedError();
        }
    }

    /** The error a stopped run ends with (the JVM exits 143 or 130 whatever the run returns). */
    public JsnaException stoppedError() {
        return JsnaException.io(shown + ": stopped by a signal before the output was complete; "
                + "the previous output is unchanged");
    }

    /**
     * Moves the finished temporary folder into place. An existing output is first renamed aside and
     * checked again (it must still be empty or an earlier jsna output); only its listed files are then
     * deleted.
     */
    public synchronized void commit() {
        if (state != State.WRITING) {
            throw stoppedError();
        }
        try {
            Path old = null;
            Contents was = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = parent.resolve("." + name + OLD + SELF + "-" + random());
                move(target, old);
                was = contents(old);
                if (was.refusal() != null) {
                    move(old, target);
                    throw JsnaException.io(shown + ": changed during the run and is no longer safe to replace: "
                            + was.refusal());
                }
            }
            try {
                move(temp, target);
            } catch (IOException e) {
                if (old != null) {
                    move(old, target); // put the previous output back
                }
                throw e;
            }
            state = State.COMMITTED;
            if (old != null) {
                // the new output is in place: a previous one that cannot be deleted is said, not the run's failure
                try {
                    if (!deleteListed(old, was)) {
                        Log.warnOnce("kept " + old + ": files appeared in the previous output while it was replaced");
                    }
                } catch (IOException e) {
                    Log.warnOnce("the new output is in place, but the previous one could not be deleted and is kept "
                            + "at " + old + " (" + e.getMessage() + "); delete it when you can");
                }
            }
        } catch (IOException e) {
            throw JsnaException.io(shown + ": cannot move the output into place (" + e.getMessage() + ")", e);
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
    public synchronized void close() {
        OPEN.remove(this);
        if (state == State.STOPPED) {
            jobLeft = true; // the signal handler finishes the cleanup
            notifyAll();
            return;
        }
        if (state == State.WRITING) {
            try {
                TempFiles.deleteRecursively(temp);
            } catch (IOException e) {
                // best effort: a later run removes it
            }
        }
        boolean failed = state != State.COMMITTED;
        state = State.CLOSED;
        lock.release();
        if (failed) {
            TempFiles.deleteEmptyFolders(parent, madeParents);
        }
        notifyAll();
    }

    /**
     * What the signal handler does (also called by tests): stops the run, removes the temporary
     * folder although the run may still be writing into it, waits up to {@code waitMillis} for the
     * run to leave the folder, and releases the lock.
     */
    synchronized void stop(long waitMillis) {
        if (state == State.CLOSED || state == State.STOPPED) {
            return;
        }
        if (state == State.WRITING) {
            state = State.STOPPED;
            signalled = true;
            removeTempWhileWritten();
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            long left;
            while (!jobLeft && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try {
                TempFiles.deleteRecursively(temp); // the placeholder file, or whatever was re-created
            } catch (IOException e) {
                // best effort: a later run removes it
            }
        }
        state = State.CLOSED;
        OPEN.remove(this);
        lock.release();
        TempFiles.deleteEmptyFolders(parent, madeParents);
    }

    /**
     * Renames the temporary folder aside and puts a plain file at its name: a writer that builds a
     * path under the temporary folder now fails instead of creating files or re-creating the folder,
     * so the renamed folder can be deleted completely.
     */
    private void removeTempWhileWritten() {
        Path doomed = parent.resolve("." + name + TMP + SELF + "-" + random());
        try {
            move(temp, doomed);
            try {
                Files.createFile(temp);
            } catch (IOException e) {
                // a writer re-created the folder first: it is deleted below
            }
        } catch (IOException e) {
            doomed = temp;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                TempFiles.deleteRecursively(doomed);
                if (!Files.exists(doomed, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
            } catch (IOException e) {
                // a writer added a file meanwhile: try again
            }
        }
    }

    // ---------------------------------------------------------------- what --out holds

    /** The files and folders of an output folder that may be deleted, or why it may not be replaced. */
    record Contents(String refusal, List<Path> files, List<Path> dirs) {
        static Contents refuse(String why) {
            return new Contents(why, List.of(), List.of());
        }
    }

    /**
     * What {@code dir} holds: nothing to refuse when it is missing, empty, or an earlier jsna output
     * (see the class comment); otherwise the reason, naming the first entry jsna did not write.
     */
    static Contents contents(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new Contents(null, List.of(), List.of());
        }
        if (Files.isSymbolicLink(dir)) {
            return Contents.refuse("it is a link, not a folder jsna wrote");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Contents.refuse("it is a file, not a folder; give the name of a new or empty folder");
        }
        Path manifestFile = dir.resolve("manifest.json");
        boolean hasManifest = Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS);
        Set<String> listed = hasManifest ? manifestOutputs(manifestFile) : null;
        Set<String> folders = new HashSet<>();
        folders.add(CHARTS);
        if (listed != null) {
            for (String p : listed) {
                for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                    folders.add(p.substring(0, i));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        String[] foreign = new String[1];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                if (d.equals(dir)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = rel(dir, d);
                if (listed != null && folders.contains(rel)) {
                    dirs.add(d);
                    return FileVisitResult.CONTINUE;
                }
                foreign[0] = rel + "/";
                return FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                String rel = rel(dir, f);
                if (listed != null && a.isRegularFile() && (rel.equals("manifest.json") || listed.contains(rel))) {
                    files.add(f);
                    return FileVisitResult.CONTINUE;
                }
                foreign[0] = rel;
                return FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                throw e;
            }
        });
        if (foreign[0] == null) {
            return new Contents(null, files, dirs);
        }
        String entry = "'" + JsnaException.quote(foreign[0]) + "'";
        if (listed != null) {
            return Contents.refuse("it holds " + entry + ", which the earlier jsna output there did not write (it is "
                    + "not in that output's manifest.json); jsna never deletes what it did not write: move it away "
                    + "or give another --out");
        }
        return Contents.refuse("the folder is not empty and is not an earlier jsna output ("
                + (hasManifest ? "its manifest.json was not written by jsna"
                        : "no manifest.json written by jsna; it holds " + entry)
                + "); jsna replaces only a new or empty folder or its own earlier output, so give another --out");
    }

    private static String rel(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    /**
     * The {@code outputs[].path} of a manifest.json written by jsna ({@code "tool": "jsna"}), or null
     * when the file is not one (not JSON, another tool, too large).
     */
    static Set<String> manifestOutputs(Path manifest) {
        try {
            if (Files.size(manifest) > MAX_MANIFEST_BYTES) {
                return null;
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(manifest))).toString();
            LoadSettings settings = LoadSettings.builder().setSchema(new JsonSchema()).setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(0).setCodePointLimit((int) MAX_MANIFEST_BYTES).build();
            Object doc = new Load(settings).loadFromString(text);
            if (!(doc instanceof Map<?, ?> m) || !"jsna".equals(m.get("tool"))
                    || !(m.get("outputs") instanceof List<?> outputs)) {
                return null;
            }
            Set<String> paths = new HashSet<>();
            for (Object o : outputs) {
                if (o instanceof Map<?, ?> entry && entry.get("path") instanceof String p) {
                    paths.add(p);
                }
            }
            return paths;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /**
     * Deletes the files and folders {@code c} lists and then {@code dir}; a folder that is not empty
     * (something appeared in it) is kept. True when {@code dir} is gone.
     */
    static boolean deleteListed(Path dir, Contents c) throws IOException {
        for (Path f : c.files()) {
            Files.deleteIfExists(f);
        }
        List<Path> dirs = new ArrayList<>(c.dirs());
        dirs.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        dirs.add(dir);
        boolean all = true;
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                all = false;
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- what killed runs left

    /**
     * Removes the temporary folders of earlier runs on this folder whose process is gone, and puts
     * back (or deletes, when a newer output is in place) a previous output they had renamed aside.
     * Called with the lock held, so no live run of a jsna that locks is writing them.
     */
    private static void clearLeftovers(Path parent, String name, Path target) throws IOException {
        String tmp = "." + name + TMP;
        String old = "." + name + OLD;
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                String rest = f.startsWith(tmp) ? f.substring(tmp.length())
                        : f.startsWith(old) ? f.substring(old.length()) : null;
                Matcher m = rest == null ? null : LEFTOVER.matcher(rest);
                if (m == null || !m.matches() || ownerAlive(m.group(1), p)) {
                    continue;
                }
                if (f.startsWith(tmp)) {
                    try {
                        TempFiles.deleteRecursively(p);
                        Log.detail("removed " + p + ", left by a jsna run that was stopped");
                    } catch (IOException e) {
                        // another user's, or not writable: said, and no reason to refuse this run
                        Log.warnOnce("cannot remove " + p + ", left by a jsna run that was stopped (" + e.getMessage()
                                + ")");
                    }
                } else {
                    olds.add(p);
                }
            }
        }
        for (Path p : olds) {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                move(p, target);
                Log.warnOnce("put back the previous output " + target + ", which a stopped jsna run had moved to " + p);
                continue;
            }
            try {
                Contents c = contents(p);
                if (c.refusal() != null || !deleteListed(p, c)) {
                    Log.warnOnce("kept " + p + ", left by a stopped jsna run: it holds files jsna did not write");
                }
            } catch (IOException e) {
                Log.warnOnce("kept " + p + ", left by a stopped jsna run: it cannot be deleted (" + e.getMessage()
                        + ")");
            }
        }
    }

    /**
     * True when the process that made a leftover (PID from its name) still runs: not this process, and
     * started before the leftover was last changed (else the PID was reused). Names without a PID
     * (jsna 0.1) have no live owner, since the lock is held.
     */
    static boolean ownerAlive(String pidText, Path leftover) {
        if (pidText == null) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == SELF) {
            return false;
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        if (ph.isEmpty() || !ph.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = ph.get().info().startInstant();
        if (started.isPresent()) {
            try {
                FileTime changed = Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS);
                if (started.get().isAfter(changed.toInstant().plusSeconds(2))) {
                    return false;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- helpers

    private static Path resolve(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    private static String random() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * The lock file {@code .NAME.jsna-lock}: created, locked with an OS lock (of its last possible
     * byte, which also conflicts with the whole-file lock of jsna 0.1), and holding
     * {@code PID TOKEN}. Read back by name after locking: when another run deleted the file between our
     * open and our lock (it was releasing it), the token is not there and we try again, so two runs never
     * both hold a lock. Released by deleting the file while still holding the lock. Nothing in this
     * process may open and close the lock file meanwhile (POSIX would drop the lock).
     */
    static final class Lock {
        /**
         * A lock file this user may not write (a dead run's of another user, say root's before the cron account's):
         * read only, a shared lock of the byte a live run holds exclusively tells whether one does. None: the file is
         * a dead run's, so it is deleted (the folder's permissions allow it or not) and true returned; a live run's:
         * refused as any other run's lock.
         */
        static boolean removedStale(Path file, String shown) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
                return false;
            }
            try (FileChannel ro = FileChannel.open(file, StandardOpenOption.READ)) {
                FileLock probe;
                try {
                    probe = ro.tryLock(Long.MAX_VALUE - 1, 1, true);
                } catch (OverlappingFileLockException e) {
                    probe = null;
                }
                if (probe == null) {
                    throw JsnaException.io(shown + ": another jsna run" + holder(ro)
                            + " is writing this output folder; wait for it to finish");
                }
                // deleted while the probe holds it, as a lock file is always released: a run that opened it
                // meanwhile fails its own lock or finds its token gone, and tries again
                try {
                    Files.deleteIfExists(file);
                    return true;
                } catch (IOException e) {
                    return false;
                } finally {
                    probe.release();
                }
            } catch (IOException e) {
                return false;
            }
        }

        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final FileChannel check;
        private boolean released;

        private Lock(Path file, FileChannel channel, FileLock lock, FileChannel check) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.check = check;
        }

        static Lock acquire(Path file, String shown, Path parent) {
            for (int attempt = 0;; attempt++) {
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (java.nio.file.AccessDeniedException e) {
                    if (attempt < 3 && removedStale(file, shown)) {
                        continue;
                    }
                    throw JsnaException.io(parent + ": output folder not writable (" + e.getMessage() + ")", e);
                } catch (IOException e) {
                    throw JsnaException.io(parent + ": output folder not writable (" + e.getMessage() + ")", e);
                }
                FileLock l;
                try {
                    // the last byte of the largest range, not the whole file: where locks are mandatory
                    // (Windows) the token stays readable; it still conflicts with a whole-file lock
                    l = ch.tryLock(Long.MAX_VALUE - 1, 1, false);
                } catch (OverlappingFileLockException e) {
                    l = null;
                } catch (IOException e) {
                    closeQuietly(ch);
                    throw JsnaException.io(file + ": cannot lock the output folder (" + e.getMessage() + ")", e);
                }
                if (l == null) {
                    String holder = holder(ch);
                    closeQuietly(ch);
                    throw JsnaException.io(shown + ": another jsna run" + holder
                            + " is writing this output folder; wait for it to finish");
                }
                String token = SELF + " " + random() + "\n";
                // Read back through a second channel opened by name, kept open until the lock is released:
                // POSIX drops all of a process's locks on a file when it closes any descriptor of it.
                FileChannel check = null;
                String onDisk = null;
                try {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.US_ASCII)), 0);
                } catch (IOException e) {
                    // a full disk (the lock is ours, so nobody else writes the file): said, and the file goes
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // the next run removes a stale lock file
                    }
                    closeQuietly(ch);
                    throw JsnaException.io(parent + ": cannot write the output folder's lock file " + file.getFileName()
                            + " (" + e.getMessage() + ")", e);
                }
                try {
                    check = FileChannel.open(file, StandardOpenOption.READ);
                    onDisk = read(check);
                } catch (IOException e) {
                    // the file was removed meanwhile: try again
                }
                if (token.equals(onDisk)) {
                    return new Lock(file, ch, l, check);
                }
                try {
                    l.release();
                } catch (IOException e) {
                    // closing the channel releases it too
                }
                closeQuietly(ch);
                if (check != null) {
                    closeQuietly(check);
                }
                if (attempt >= 5) {
                    throw JsnaException.io(file + ": cannot lock the output folder (the lock file keeps changing)");
                }
            }
        }

        private static String read(FileChannel c) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(64);
            int n;
            long pos = 0;
            while (b.hasRemaining() && (n = c.read(b, pos)) > 0) {
                pos += n;
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        }

        /** {@code " (process N)"} from the lock file's content, or empty. */
        private static String holder(FileChannel c) {
            try {
                String s = read(c).trim();
                int sp = s.indexOf(' ');
                String pid = sp < 0 ? s : s.substring(0, sp);
                return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a later run takes the unlocked file over
            }
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
            closeQuietly(check);
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // ignore
        }
    }

    /** One JVM shutdown hook (SIGTERM, SIGINT) for every open output folder. */
    private static final class Hook {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Hook::stopAll, "jsna-output-cleanup"));
        }

        static void register(OutputFolder f) {
            OPEN.add(f);
        }

        static void stopAll() {
            for (OutputFolder f : List.copyOf(OPEN)) {
                f.stop(STOP_WAIT_MILLIS);
            }
        }
    }
}
