package org.jsna.input;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jsna.input.csv.PartitionFiles;

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

    /** The records of one chunk, gathered by a reading thread and then added at once ({@link #add}). */
    static final class Batch {
        final long[] hash;
        final int[] value;
        final int[] from;
        final int[] to;
        int n;

        Batch(int capacity) {
            hash = new long[capacity];
            value = new int[capacity];
            from = new int[capacity];
            to = new int[capacity];
        }

        /** A record whose id is the chunk's bytes {@code from..to} (of hash {@code h}). */
        void add(long h, int v, int s, int e) {
            hash[n] = h;
            value[n] = v;
            from[n] = s;
            to[n] = e;
            n++;
        }
    }

    private final PartitionFiles files;
    private final ByteBuffer[] buffers = new ByteBuffer[PARTS];

    IdLedger(Path scratch, String name) {
        files = new PartitionFiles(scratch, name, PARTS, "the ids");
    }

    /** Adds a batch's records, whose ids are in {@code bytes}. */
    synchronized void add(Batch b, byte[] bytes) {
        for (int i = 0; i < b.n; i++) {
            int k = (int) (b.hash[i] >>> (64 - BITS));
            int len = b.to[i] - b.from[i];
            ByteBuffer buf = buffers[k];
            if (buf == null || buf.remaining() < HEAD + len) {
                if (buf != null) {
                    buf.flip();
                    files.write(k, buf);
                    buf.clear();
                }
                if (buf == null || buf.capacity() < HEAD + len) {
                    buf = buffers[k] = ByteBuffer.allocate(Math.max(FLUSH, HEAD + len)).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            buf.putLong(b.hash[i]).putInt(b.value[i]).putInt(len).put(bytes, b.from[i], len);
        }
    }

    /** Partition k's records, read back in one buffer ({@code reuse} when it has room; its file is deleted). */
    private ByteBuffer load(int k, ByteBuffer reuse) {
        ByteBuffer rest = buffers[k];
        ByteBuffer all = files.load(k, rest == null ? 0 : rest.position(), reuse);
        if (rest != null) {
            rest.flip();
            all.put(rest);
            buffers[k] = null;
        }
        all.flip();
        return all;
    }

    /**
     * For each record of {@code second} whose id (the same bytes) is that of a record of {@code first}, tells
     * {@code found} the two values; returns how many records of {@code second} found none. The ids of
     * {@code first} must be distinct. Both ledgers are emptied. With {@code parallel}, the partitions are joined
     * on the common pool, two or more at a time; {@code found} is told one partition's matches at a time, under a
     * lock, in no set order.
     */
    static long join(IdLedger first, IdLedger second, Found found, boolean parallel) {
        java.util.concurrent.atomic.AtomicLong missing = new java.util.concurrent.atomic.AtomicLong();
        java.util.stream.IntStream parts = java.util.stream.IntStream.range(0, PARTS);
        // each thread's partitions share their buffers and tables (made anew for each of the 64 partitions, at
        // the L benchmark 1.5 GB of garbage in two seconds)
        Queue<Scratch> spare = new ConcurrentLinkedQueue<>();
        (parallel ? parts.parallel() : parts).forEach(k -> {
            Scratch s = spare.poll();
            if (s == null) {
                s = new Scratch();
            }
            ByteBuffer a = s.first = first.load(k, s.first);
            ByteBuffer b = s.second = second.load(k, s.second);
            if (b.hasRemaining()) {
                missing.addAndGet(joinPart(a, b, found, s));
            }
            spare.offer(s);
        });
        return missing.get();
    }

    /** What one thread's partitions of a join share: both partitions read back, the table, the matches. */
    private static final class Scratch {
        ByteBuffer first;
        ByteBuffer second;
        int[] slot = new int[0];
        int[] firsts = new int[1024];
        int[] seconds = new int[1024];
    }

    /** One partition of the join: the first's records in {@code a}, the second's in {@code b}. */
    private static long joinPart(ByteBuffer a, ByteBuffer b, Found found, Scratch s) {
        // the first's records: an open-addressing table of hash -> record offset
        int n = 0;
        for (int p = 0; p < a.limit(); p += HEAD + a.getInt(p + 12)) {
            n++;
        }
        int cap = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
        int mask = cap - 1;
        if (s.slot.length < cap) {
            s.slot = new int[cap];
        }
        int[] slot = s.slot;
        Arrays.fill(slot, 0, cap, -1);
        for (int p = 0; p < a.limit(); p += HEAD + a.getInt(p + 12)) {
            int i = (int) a.getLong(p) & mask;
            while (slot[i] >= 0) {
                i = (i + 1) & mask;
            }
            slot[i] = p;
        }
        byte[] ab = a.array();
        int ao = a.arrayOffset();
        byte[] bb = b.array();
        int bo = b.arrayOffset();
        int[] firsts = s.firsts;
        int[] seconds = s.seconds;
        int m = 0;
        long missing = 0;
        for (int q = 0; q < b.limit(); q += HEAD + b.getInt(q + 12)) {
            long h = b.getLong(q);
            int len = b.getInt(q + 12);
            int i = (int) h & mask;
            int match = -1;
            while (slot[i] >= 0) {
                int p = slot[i];
                if (a.getLong(p) == h && a.getInt(p + 12) == len && Arrays.equals(ab, ao + p + HEAD,
                        ao + p + HEAD + len, bb, bo + q + HEAD, bo + q + HEAD + len)) {
                    match = p;
                    break;
                }
                i = (i + 1) & mask;
            }
            if (match < 0) {
                missing++;
                continue;
            }
            if (m == firsts.length) {
                firsts = s.firsts = Arrays.copyOf(firsts, m * 2);
                seconds = s.seconds = Arrays.copyOf(seconds, m * 2);
            }
            firsts[m] = a.getInt(match + 8);
            seconds[m++] = b.getInt(q + 8);
        }
        synchronized (found) {
            for (int j = 0; j < m; j++) {
                found.found(firsts[j], seconds[j]);
            }
        }
        return missing;
    }

    @Override
    public void close() {
        Arrays.fill(buffers, null);
        files.close();
    }
}
