package org.jsna.input.csv;

import java.util.Arrays;
import org.jsna.validate.TextHash;

/**
 * Identifier text (as UTF-8 bytes) to entry, shared by the threads reading one run: referral ids, event ids,
 * person ids. Each entry keeps the smallest position (chunk and row, in file order) at which its key was
 * added, so that the row read first in the file wins whatever thread reached it first: that decides which
 * of two rows with one id is the duplicate, and which row a person first appears on. Each entry also has a
 * dense index set by the reader.
 *
 * <p>The table is split into segments, each an open-addressing table of (hash, entry) longs under its own
 * lock; per-entry data lives in pages that never move, so that an entry's dense index can be read without
 * the lock once it has been published.
 */
public final class KeyTable {
    private static final int SEG_BITS = 6;
    private static final int SEGS = 1 << SEG_BITS;
    private static final int PAGE_BITS = 10;
    private static final int PAGE = 1 << PAGE_BITS;
    /** Keys are kept in pages of at most 1 MiB, addressed by page and offset in one int (2,048 pages). */
    private static final int KEY_PAGE_BITS = 20;
    private static final int KEY_PAGE_MASK = (1 << KEY_PAGE_BITS) - 1;

    /** {@link #insert} wrote this into the row's flag: its position is (for now) the smallest of its key. */
    public static final byte FIRST = 1;
    /** The row's key was added at a smaller position: the row is not the first of its key. */
    public static final byte LATER = 2;

    /** Told the position a smaller one replaced (that row is not the first of its key after all). */
    @FunctionalInterface
    public interface Displaced {
        void displaced(long position);
    }

    private final Segment[] segs = new Segment[SEGS];
    private final boolean denseIndex;

    public KeyTable() {
        this(true);
    }

    /**
     * @param denseIndex whether each entry keeps the dense index a reader gives it ({@link #dense(int, int)}):
     *                   a table only asked about repeats and order (event ids) needs none, 4 bytes a key less
     */
    public KeyTable(boolean denseIndex) {
        this.denseIndex = denseIndex;
        for (int i = 0; i < SEGS; i++) {
            segs[i] = new Segment(denseIndex);
        }
    }

    /** A hash of the bytes (the 32 bits the table uses, folded from {@link #hash64}). */
    public static int hash(byte[] b, int s, int e) {
        return fold(hash64(b, s, e));
    }

    /** The table's 32-bit hash of a key from its {@link #hash64}. */
    public static int fold(long h) {
        return (int) (h ^ (h >>> 32));
    }

    /** A 64-bit hash of the bytes ({@link TextHash}: keyed afresh each run, so that no ids crowd one place). */
    public static long hash64(byte[] b, int s, int e) {
        return TextHash.hash64(b, s, e);
    }

    /**
     * Adds the key at {@code position} (if absent) and keeps the smallest position per key; writes
     * {@link #FIRST} or {@link #LATER} into {@code flags[at]} and tells {@code displaced} the position this one
     * replaced. Returns the entry.
     */
    public int insert(byte[] b, int s, int e, int h, long position, byte[] flags, int at, Displaced displaced) {
        Segment g = segs[h >>> (32 - SEG_BITS)];
        synchronized (g) {
            int slot = g.find(b, s, e, h);
            long v = g.slots[slot];
            int local;
            if (v == 0) {
                local = g.add(b, s, e, h, slot);
                g.setMin(local, position);
                flags[at] = FIRST;
            } else {
                local = (int) v - 1;
                long old = g.min(local);
                if (position < old) {
                    g.setMin(local, position);
                    flags[at] = FIRST;
                    displaced.displaced(old);
                } else {
                    flags[at] = LATER;
                }
            }
            return local << SEG_BITS | (h >>> (32 - SEG_BITS));
        }
    }

    /**
     * Reads, without taking the lock, the slot where the search for a key of hash {@code h} starts; returns
     * what it read, for the caller to add up and keep (so that the read is not left out). Done for a batch of
     * keys before they are added or found, it lets the memory fetch their slots side by side: in a table of
     * millions of keys nearly every slot is a wait for memory, and one key after another those waits add up.
     */
    public long touch(int h) {
        long[] sl = segs[h >>> (32 - SEG_BITS)].slots;
        return sl[h & (sl.length - 1)];
    }

    /**
     * After {@link #touch}: when that slot holds a key of hash {@code h}, reads its entry's smallest position,
     * dense index and key reference the same way. What another thread changes meanwhile only makes the read
     * useless.
     */
    public long touchEntry(int h) {
        Segment g = segs[h >>> (32 - SEG_BITS)];
        int local = touchedEntry(g, h);
        int page = local >>> PAGE_BITS;
        long[][] m = g.mins;
        int[][] d = g.dense;
        int[][] r = g.keyRefs;
        if (local < 0 || page >= m.length || page >= r.length || m[page] == null || r[page] == null) {
            return 0;
        }
        long sum = m[page][local & (PAGE - 1)] + r[page][local & (PAGE - 1)];
        if (d != null && page < d.length && d[page] != null) {
            sum += d[page][local & (PAGE - 1)];
        }
        return sum;
    }

    /** After {@link #touchEntry}: reads the first byte of that entry's key the same way. */
    public long touchKey(int h) {
        Segment g = segs[h >>> (32 - SEG_BITS)];
        int local = touchedEntry(g, h);
        int page = local >>> PAGE_BITS;
        int[][] r = g.keyRefs;
        if (local < 0 || page >= r.length || r[page] == null) {
            return 0;
        }
        int ref = r[page][local & (PAGE - 1)];
        int p = ref >>> KEY_PAGE_BITS;
        byte[][] kp = g.keyPages;
        if (p >= kp.length || kp[p] == null || (ref & KEY_PAGE_MASK) >= kp[p].length) {
            return 0;
        }
        return kp[p][ref & KEY_PAGE_MASK];
    }

    /** The entry in the slot where the search for hash {@code h} starts, when it has that hash; else -1. */
    private static int touchedEntry(Segment g, int h) {
        long[] sl = g.slots;
        long v = sl[h & (sl.length - 1)];
        return v == 0 || (int) (v >>> 32) != h ? -1 : (int) v - 1;
    }

    /** Adds the key if absent; returns its entry (no positions kept). */
    public int intern(byte[] b, int s, int e, int h) {
        Segment g = segs[h >>> (32 - SEG_BITS)];
        synchronized (g) {
            int slot = g.find(b, s, e, h);
            long v = g.slots[slot];
            int local = v == 0 ? g.add(b, s, e, h, slot) : (int) v - 1;
            return local << SEG_BITS | (h >>> (32 - SEG_BITS));
        }
    }

    /** The entry of the key, or -1. */
    public int get(byte[] b, int s, int e, int h) {
        Segment g = segs[h >>> (32 - SEG_BITS)];
        synchronized (g) {
            long v = g.slots[g.find(b, s, e, h)];
            return v == 0 ? -1 : ((int) v - 1) << SEG_BITS | (h >>> (32 - SEG_BITS));
        }
    }

    /** The smallest position at which the entry's key was added. */
    public long min(int entry) {
        Segment g = segs[entry & (SEGS - 1)];
        synchronized (g) {
            return g.min(entry >>> SEG_BITS);
        }
    }

    /** Sets the entry's dense index (by one thread at a time; read by others after it is published). */
    public void dense(int entry, int index) {
        if (!denseIndex) {
            return;
        }
        Segment g = segs[entry & (SEGS - 1)];
        int local = entry >>> SEG_BITS;
        g.dense[local >>> PAGE_BITS][local & (PAGE - 1)] = index;
    }

    public int dense(int entry) {
        Segment g = segs[entry & (SEGS - 1)];
        int local = entry >>> SEG_BITS;
        return g.dense[local >>> PAGE_BITS][local & (PAGE - 1)];
    }

    /** Lets every key go (a table no longer needed after the reading). */
    public void clear() {
        for (int i = 0; i < SEGS; i++) {
            segs[i] = new Segment(denseIndex);
        }
    }

    /** Number of keys. */
    public int size() {
        int n = 0;
        for (Segment g : segs) {
            synchronized (g) {
                n += g.size;
            }
        }
        return n;
    }

    private static int len(byte[] page, int off) {
        return (page[off] & 0xff) | (page[off + 1] & 0xff) << 8 | (page[off + 2] & 0xff) << 16;
    }

    /** One segment: slots (the key's hash and its entry + 1; 0 for an empty slot), and per-entry pages that never move. */
    private static final class Segment {
        long[] slots = new long[16];
        int size;
        /** Per entry: its key's page and offset ({@link #KEY_PAGE_BITS} bits of offset). */
        int[][] keyRefs = new int[1][];
        long[][] mins = new long[1][];
        /** Null in a table without dense indices. */
        int[][] dense;
        byte[][] keyPages = new byte[1][];
        int keyPage = -1;
        int keyUsed;

        Segment(boolean denseIndex) {
            dense = denseIndex ? new int[1][] : null;
        }

        /** The slot of the key, or the empty slot where it would go. */
        int find(byte[] b, int s, int e, int h) {
            long[] sl = slots;
            int mask = sl.length - 1;
            int i = h & mask;
            int len = e - s;
            while (true) {
                long v = sl[i];
                if (v == 0) {
                    return i;
                }
                if ((int) (v >>> 32) == h) {
                    int ref = keyRef((int) v - 1);
                    byte[] page = keyPages[ref >>> KEY_PAGE_BITS];
                    int off = ref & KEY_PAGE_MASK;
                    if (len(page, off) == len && Arrays.equals(page, off + 3, off + 3 + len, b, s, e)) {
                        return i;
                    }
                }
                i = (i + 1) & mask;
            }
        }

        int keyRef(int local) {
            return keyRefs[local >>> PAGE_BITS][local & (PAGE - 1)];
        }

        long min(int local) {
            return mins[local >>> PAGE_BITS][local & (PAGE - 1)];
        }

        void setMin(int local, long p) {
            mins[local >>> PAGE_BITS][local & (PAGE - 1)] = p;
        }

        int add(byte[] b, int s, int e, int h, int slot) {
            int local = size++;
            int page = local >>> PAGE_BITS;
            if (page == keyRefs.length) {
                keyRefs = Arrays.copyOf(keyRefs, page * 2);
                mins = Arrays.copyOf(mins, page * 2);
                if (dense != null) {
                    dense = Arrays.copyOf(dense, page * 2);
                }
            }
            if (keyRefs[page] == null) {
                keyRefs[page] = new int[PAGE];
                mins[page] = new long[PAGE];
                if (dense != null) {
                    dense[page] = new int[PAGE];
                }
            }
            int len = e - s;
            if (keyPage < 0 || keyUsed + len + 3 > keyPages[keyPage].length) {
                keyPage++;
                if (keyPage == keyPages.length) {
                    keyPages = Arrays.copyOf(keyPages, keyPage * 2);
                }
                int prev = keyPage == 0 ? 1 << 11 : keyPages[keyPage - 1].length;
                // a key longer than a page gets a page of its own (at offset 0)
                keyPages[keyPage] = new byte[Math.max(Math.min(prev * 2, KEY_PAGE_MASK + 1), len + 3)];
                keyUsed = 0;
            }
            byte[] kp = keyPages[keyPage];
            kp[keyUsed] = (byte) len;
            kp[keyUsed + 1] = (byte) (len >>> 8);
            kp[keyUsed + 2] = (byte) (len >>> 16);
            System.arraycopy(b, s, kp, keyUsed + 3, len);
            keyRefs[page][local & (PAGE - 1)] = keyPage << KEY_PAGE_BITS | keyUsed;
            keyUsed += len + 3;
            slots[slot] = (long) h << 32 | (local + 1L);
            // at most three quarters full: linear probing stays short, and a slot costs 11-21 bytes per key
            if (size * 4L > slots.length * 3L) {
                rehash();
            }
            return local;
        }

        private void rehash() {
            long[] old = slots;
            long[] sl = new long[old.length * 2];
            int mask = sl.length - 1;
            for (long v : old) {
                if (v != 0) {
                    int i = (int) (v >>> 32) & mask;
                    while (sl[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    sl[i] = v;
                }
            }
            slots = sl;
        }
    }
}
