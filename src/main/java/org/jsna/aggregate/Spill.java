package org.jsna.aggregate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jsna.input.RecordBatch;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.PartitionFiles;

/**
 * The records of a run too large to hold, kept on disk in {@value #PARTS} partitions of the people: a
 * person's referrals and events all go to the partition of the top bits of its id's hash, so that every person-level
 * fold (distinct people, repeat referrals, waits, cost per user) can be done one partition at a time, with
 * the memory of one partition. Each partition collects its records in a small buffer, written to its file
 * as a block when full; {@link #load} reads a partition back, in arrival order, and deletes its file.
 *
 * <p>The files live in a folder of their own inside the run's temporary output folder, so a failed or
 * stopped run loses them with that folder; {@link #close} deletes what is left.
 */
final class Spill implements AutoCloseable {

    static final int BITS = 6;
    static final int PARTS = 1 << BITS;

    private final PartitionFiles files;
    private final Records[] buffers = new Records[PARTS];
    private final long flushAt;
    /** Where blocks are put together before they are written: one for each thread writing one at the time. */
    private final java.util.Queue<java.nio.ByteBuffer> blocks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** A partition's buffer and file are used by one thread at a time: the one holding its lock. */
    private final Object[] locks = new Object[PARTS];
    /**
     * Partitions already folded, whose columns the next partitions are read back into: two sets of columns for
     * the whole fold, rather than new ones of tens of megabytes for each of the 64 partitions.
     */
    private final java.util.Queue<Records> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Bytes of records written to the files so far. */
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

    /** @param budget bytes of records the run may hold: the buffers together take about an eighth of it */
    Spill(Path parent, long budget) {
        files = new PartitionFiles(parent, "aggregation", PARTS, "the records");
        flushAt = Math.max(1 << 12, Math.min(1L << 20, budget / 8 / PARTS));
        for (int k = 0; k < PARTS; k++) {
            buffers[k] = new Records();
            locks[k] = new Object();
        }
    }

    /** The partition of a person, by the 64-bit hash of its id. */
    static int part(long personHash) {
        return (int) (personHash >>> (64 - BITS));
    }

    /** The buffer of the person's partition, to add one record to; then call {@link #added}. */
    Records buffer(long personHash) {
        return buffers[part(personHash)];
    }

    /** Writes the person's partition buffer to its file when it is full. */
    void added(long personHash) {
        int k = part(personHash);
        if (buffers[k].bytes() >= flushAt) {
            flush(k);
        }
    }

    /** Adds record i of a batch to {@code partition} (the buffer of the record's person's partition). */
    interface Add {
        void add(Records partition, int i);
    }

    /**
     * Adds every record of a batch to its person's partition: any thread, at the same time as others; the batch's
     * records are put in order of partition first, so that each partition is locked once per batch.
     */
    void add(RecordBatch b, Add add) {
        int n = b.size;
        int[] part = new int[n];
        int[] start = new int[PARTS + 1];
        for (int i = 0; i < n; i++) {
            part[i] = part(KeyTable.hash64(b.persons.bytes, b.persons.start(i), b.persons.end[i]));
            start[part[i] + 1]++;
        }
        for (int k = 0; k < PARTS; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[n];
        int[] next = java.util.Arrays.copyOf(start, PARTS);
        for (int i = 0; i < n; i++) {
            order[next[part[i]]++] = i;
        }
        for (int k = 0; k < PARTS; k++) {
            if (start[k] == start[k + 1]) {
                continue;
            }
            synchronized (locks[k]) {
                Records r = buffers[k];
                for (int q = start[k]; q < start[k + 1]; q++) {
                    add.add(r, order[q]);
                }
                if (r.bytes() >= flushAt) {
                    flush(k);
                }
            }
        }
    }

    /** Moves every record of {@code r} (held so far) to its partition, in order. */
    void addAll(Records r) {
        for (int i = 0; i < r.referrals(); i++) {
            long p = r.refPersonId.hash64(i);
            buffer(p).copyReferral(r, i);
            added(p);
        }
        for (int i = 0; i < r.events(); i++) {
            long p = r.evPersonId.hash64(i);
            buffer(p).copyEvent(r, i);
            added(p);
        }
    }

    /** Writes partition k's buffer to its file (under the partition's lock when records come from several threads). */
    private void flush(int k) {
        Records b = buffers[k];
        if (b.referrals() + b.events() == 0) {
            return;
        }
        java.nio.ByteBuffer block = blocks.poll();
        try {
            block = b.write(files.channel(k), block);
        } catch (IOException e) {
            throw files.failed("writing", e);
        }
        blocks.offer(block);
        written.addAndGet(b.bytes());
        b.clear();
    }

    /** Bytes of the records given to the partitions so far (on disk or still in a buffer). */
    long bytes() {
        long n = written.get();
        for (Records b : buffers) {
            n += b.bytes();
        }
        return n;
    }

    /**
     * Partition k's records, in the order they were added (the file's blocks, then the buffer); its file
     * is deleted.
     */
    Records load(int k) {
        Records r = spare.poll();
        if (r == null) {
            r = new Records(true);
        } else {
            r.clear();
        }
        try {
            if (files.exists(k)) {
                FileChannel f = files.channel(k);
                r.readAll(f, buffers[k]);
                files.delete(k);
            } else {
                r.readAll(null, buffers[k]);
            }
        } catch (IOException e) {
            throw files.failed("reading back", e);
        }
        buffers[k] = new Records();
        return r;
    }

    /** A partition read back, with its people numbered ({@link Records#numberPersons}). */
    private record Part(Records records, int persons) {
    }

    /**
     * Hands each partition in turn to {@code fold} with the number of its people, and deletes its file. The next
     * partition is read back and its people numbered on a thread of its own meanwhile, so that reading and
     * folding overlap; two partitions are held at a time.
     */
    void foldEach(java.util.function.ObjIntConsumer<Records> fold) {
        java.util.concurrent.ExecutorService ahead = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jsna-read-back");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.CompletableFuture<Part> next =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> part(0), ahead);
            for (int k = 0; k < PARTS; k++) {
                Part p = Tasks.joined(next);
                if (k + 1 < PARTS) {
                    int after = k + 1;
                    next = java.util.concurrent.CompletableFuture.supplyAsync(() -> part(after), ahead);
                }
                fold.accept(p.records(), p.persons());
                spare.offer(p.records());
            }
        } finally {
            // on a failure, the partition being read back is let go, and waited for: no file is touched once this
            // returns (close() then deletes them all)
            ahead.shutdownNow();
            try {
                ahead.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Part part(int k) {
        Records r = load(k);
        return new Part(r, r.numberPersons());
    }

    @Override
    public void close() {
        files.close();
        spare.clear(); // the columns the partitions were read back into
    }
}
