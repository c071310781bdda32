package org.jsna.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;

/**
 * The referrals and service events the person-level folds need, a few primitive values each, column by
 * column: all of them, or those of one partition of the people (see {@link Spill}). A block of them can be
 * written to a file and read back in the same order, value for value.
 *
 * <p>A record's person comes as its id's bytes ({@code refPersonId}, {@code evPersonId}); the folds number the
 * people of a set of records from 0 ({@link #numberPersons}) into {@code refPerson} and {@code evPerson}, which
 * are not written.
 */
final class Records {

    // referrals: their slot in arrival order (for the waits found while the services were read), date, client
    // group, area index (-1 none), age, source and outcome code (-1 unknown), sex, the id's UTF-8 bytes (opaque,
    // for ties: IdOrder) and the person's
    final GrowableArrays.Ints refSlot = new GrowableArrays.Ints();
    final GrowableArrays.Ints refDate = new GrowableArrays.Ints();
    final GrowableArrays.Bytes refGroup = new GrowableArrays.Bytes();
    final GrowableArrays.Ints refArea = new GrowableArrays.Ints();
    final GrowableArrays.Bytes refAge = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes refSource = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes refOutcome = new GrowableArrays.Bytes();
    /** Sex: 0 F, 1 M, 2 U (for jsna project's cells by sex). */
    final GrowableArrays.Bytes refSex = new GrowableArrays.Bytes();
    final GrowableArrays.Texts refId = new GrowableArrays.Texts();
    final GrowableArrays.Texts refPersonId = new GrowableArrays.Texts();
    /** The referral's person numbered within this set of records ({@link #numberPersons}). */
    final GrowableArrays.Ints refPerson = new GrowableArrays.Ints();

    // service events: start, client group, area, cost (NaN unknown), funder, whether it carries no referral id (it
    // may then be the first service of a referral of its person and group), age at the start and sex, the id's
    // bytes and the person's
    final GrowableArrays.Ints evStart = new GrowableArrays.Ints();
    final GrowableArrays.Bytes evGroup = new GrowableArrays.Bytes();
    final GrowableArrays.Ints evArea = new GrowableArrays.Ints();
    final GrowableArrays.Doubles evCost = new GrowableArrays.Doubles();
    final GrowableArrays.Bytes evFunder = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes evFree = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes evAge = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes evSex = new GrowableArrays.Bytes();
    final GrowableArrays.Texts evId = new GrowableArrays.Texts();
    final GrowableArrays.Texts evPersonId = new GrowableArrays.Texts();
    final GrowableArrays.Ints evPerson = new GrowableArrays.Ints();

    // the written columns by kind and width, in file order: a new column goes into one of these lists (and the
    // byte counts below), and is then sized, emptied, written and read back with the others
    private final GrowableArrays.Ints[] refInts = {refSlot, refDate, refArea};
    private final GrowableArrays.Bytes[] refBytes = {refGroup, refAge, refSource, refOutcome, refSex};
    private final GrowableArrays.Texts[] refTexts = {refId, refPersonId};
    private final GrowableArrays.Ints[] evInts = {evStart, evArea};
    private final GrowableArrays.Bytes[] evBytes = {evGroup, evFunder, evFree, evAge, evSex};
    private final GrowableArrays.Texts[] evTexts = {evId, evPersonId};

    /** Records that keep nothing between one {@link #numberPersons} and the next. */
    Records() {
        this(false);
    }

    /**
     * @param keepScratch whether {@link #numberPersons} keeps its working arrays for the next set of records these
     *                    columns hold (a spilled run reads its partitions back into two sets of columns in turn)
     */
    Records(boolean keepScratch) {
        this.keepScratch = keepScratch;
    }

    /** Bytes a referral and an event take here (and in a file), besides their texts' bytes. */
    static final int REFERRAL_BYTES = 3 * 4 + 5 + 2 * 4;
    static final int EVENT_BYTES = 2 * 4 + 8 + 5 + 2 * 4;
    /** Bytes of a block's head: its counts of referrals and events, and of each text column's bytes. */
    private static final int HEAD = 8 + 4 * 4;

    int referrals() {
        return refDate.size;
    }

    int events() {
        return evStart.size;
    }

    /** Bytes of the records held (not of the arrays' spare room). */
    long bytes() {
        return (long) referrals() * REFERRAL_BYTES + (long) events() * EVENT_BYTES + refId.bytes.size
                + refPersonId.bytes.size + evId.bytes.size + evPersonId.bytes.size;
    }

    /** The referral's id is {@code id[idFrom..idTo)}, its person's {@code person[personFrom..personTo)}. */
    void addReferral(int slot, int date, int group, int area, int age, int source, int outcome, int sex, byte[] id,
            int idFrom, int idTo, byte[] person, int personFrom, int personTo) {
        refSlot.add(slot);
        refDate.add(date);
        refGroup.add(group);
        refArea.add(area);
        refAge.add(age);
        refSource.add(source);
        refOutcome.add(outcome);
        refSex.add(sex);
        refId.add(id, idFrom, idTo);
        refPersonId.add(person, personFrom, personTo);
    }

    /** The event's id is {@code id[idFrom..idTo)}, its person's {@code person[personFrom..personTo)}. */
    void addEvent(int start, int group, int area, double cost, int funder, boolean free, int age, int sex, byte[] id,
            int idFrom, int idTo, byte[] person, int personFrom, int personTo) {
        evStart.add(start);
        evGroup.add(group);
        evArea.add(area);
        evCost.add(cost);
        evFunder.add(funder);
        evFree.add(free ? 1 : 0);
        evAge.add(age);
        evSex.add(sex);
        evId.add(id, idFrom, idTo);
        evPersonId.add(person, personFrom, personTo);
    }

    /** Copies referral i of {@code from} here. */
    void copyReferral(Records from, int i) {
        addReferral(from.refSlot.get(i), from.refDate.get(i), from.refGroup.get(i), from.refArea.get(i),
                from.refAge.get(i), from.refSource.get(i), from.refOutcome.get(i), from.refSex.get(i),
                from.refId.bytes.a, from.refId.start(i), from.refId.end(i), from.refPersonId.bytes.a,
                from.refPersonId.start(i), from.refPersonId.end(i));
    }

    /** Copies event i of {@code from} here. */
    void copyEvent(Records from, int i) {
        addEvent(from.evStart.get(i), from.evGroup.get(i), from.evArea.get(i), from.evCost.get(i),
                from.evFunder.get(i), from.evFree.get(i) != 0, from.evAge.get(i), from.evSex.get(i),
                from.evId.bytes.a, from.evId.start(i), from.evId.end(i), from.evPersonId.bytes.a,
                from.evPersonId.start(i), from.evPersonId.end(i));
    }

    /**
     * Numbers the people of these records from 0 into {@link #refPerson} and {@link #evPerson} (two records have
     * one number when their persons' ids are the same bytes); returns how many people there are. The records are
     * first grouped by the top bits of their person's hash, so that each group's people are numbered in a table
     * that stays in the caches, then renumbered in the order they first come. What the folds compute does not
     * depend on the numbers' order (counts, exact sums, and the users' totals and waits sorted at the end).
     */
    int numberPersons() {
        int nr = referrals();
        int n = nr + events();
        if (scratchHash.length < n) {
            int cap = keepScratch ? n + n / 16 : n;
            long[] h = new long[cap];
            int[] o = new int[cap];
            int[] p = new int[cap];
            if (keepScratch) {
                scratchHash = h;
                scratchOrder = o;
                scratchPerson = p;
            } else {
                return numberPersons(nr, n, h, o, p);
            }
        }
        return numberPersons(nr, n, scratchHash, scratchOrder, scratchPerson);
    }

    private int numberPersons(int nr, int n, long[] hash, int[] order, int[] person) {
        for (int i = 0; i < n; i++) {
            hash[i] = i < nr ? refPersonId.hash64(i) : evPersonId.hash64(i - nr);
        }
        int bits = Math.max(0, Math.min(16, 63 - Long.numberOfLeadingZeros(Math.max(1, n / 4096))));
        int groups = 1 << bits;
        int[] start = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            start[group(hash[i], bits) + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] next = Arrays.copyOf(start, groups);
        for (int i = 0; i < n; i++) {
            order[next[group(hash[i], bits)]++] = i;
        }
        // each group's people numbered from 0 within it (the groups side by side: they share no one), then
        // the groups' numbers put one after another
        int[] count = new int[groups];
        // the groups in a few runs side by side, each run's groups one after another in one table (a table per
        // group was the aggregation's largest garbage at the L benchmark: half a gigabyte)
        int runs = Math.min(groups, 4 * java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 4);
        java.util.stream.IntStream.range(0, runs).parallel().forEach(run -> {
            int[] slotRecord = new int[0]; // the first record of the person in the slot, -1 for none
            for (int g = (int) ((long) groups * run / runs); g < (int) ((long) groups * (run + 1) / runs); g++) {
                slotRecord = numberGroup(g, start, order, hash, person, count, nr, slotRecord);
            }
        });
        return renumber(nr, n, groups, bits, hash, person, count);
    }

    /**
     * Numbers the people of group g from 0 within it, into {@code person}, and their count into {@code count[g]},
     * in {@code slotRecord} when it is large enough (returns the table used).
     */
    private int[] numberGroup(int g, int[] start, int[] order, long[] hash, int[] person, int[] count, int nr,
            int[] slotRecord) {
        int lo = start[g];
        int hi = start[g + 1];
        int size = Integer.highestOneBit(Math.max(4, (hi - lo) * 2)) << 1;
        int mask = size - 1;
        if (slotRecord.length < size) {
            slotRecord = new int[size];
        }
        Arrays.fill(slotRecord, 0, size, -1);
        int local = 0;
        for (int q = lo; q < hi; q++) {
            int i = order[q];
            int sl = (int) hash[i] & mask;
            int r;
            while ((r = slotRecord[sl]) >= 0 && !(hash[r] == hash[i] && samePerson(r, i, nr))) {
                sl = (sl + 1) & mask;
            }
            if (r < 0) {
                slotRecord[sl] = i;
                person[i] = local++;
            } else {
                person[i] = person[r];
            }
        }
        count[g] = local;
        return slotRecord;
    }

    /** The groups' numbers one after another, then in the order the people first come; returns how many. */
    private int renumber(int nr, int n, int groups, int bits, long[] hash, int[] person, int[] count) {
        int persons = 0;
        int[] offset = new int[groups];
        for (int g = 0; g < groups; g++) {
            offset[g] = persons;
            persons += count[g];
        }
        for (int i = 0; i < n; i++) {
            person[i] += offset[group(hash[i], bits)];
        }
        // renumbered in the order the people first come, so that the folds, which visit the people in number
        // order, meet the records of neighbouring people near each other in memory
        int[] renumber = new int[persons];
        Arrays.fill(renumber, -1);
        int seen = 0;
        refPerson.size = 0;
        evPerson.size = 0;
        refPerson.ensure(nr);
        evPerson.ensure(n - nr);
        for (int i = 0; i < n; i++) {
            int p = person[i];
            if (renumber[p] < 0) {
                renumber[p] = seen++;
            }
            (i < nr ? refPerson : evPerson).add(renumber[p]);
        }
        return persons;
    }

    /** What {@link #numberPersons} works in, when kept. */
    private final boolean keepScratch;
    private long[] scratchHash = new long[0];
    private int[] scratchOrder = new int[0];
    private int[] scratchPerson = new int[0];

    private static int group(long hash, int bits) {
        return bits == 0 ? 0 : (int) (hash >>> (64 - bits));
    }

    /** Whether records r and i (referrals below {@code nr}, then events) have the same person's id. */
    private boolean samePerson(int r, int i, int nr) {
        GrowableArrays.Texts u = r < nr ? refPersonId : evPersonId;
        GrowableArrays.Texts t = i < nr ? refPersonId : evPersonId;
        int j = r < nr ? r : r - nr;
        int k = i < nr ? i : i - nr;
        return Arrays.equals(u.bytes.a, u.start(j), u.end(j), t.bytes.a, t.start(k), t.end(k));
    }

    /** Room for {@code referrals} and {@code events} records in all. */
    void ensure(long referrals, long events) {
        for (GrowableArrays.Ints a : refInts) {
            a.ensure(referrals);
        }
        for (GrowableArrays.Bytes a : refBytes) {
            a.ensure(referrals);
        }
        for (GrowableArrays.Texts a : refTexts) {
            a.end.ensure(referrals);
        }
        for (GrowableArrays.Ints a : evInts) {
            a.ensure(events);
        }
        for (GrowableArrays.Bytes a : evBytes) {
            a.ensure(events);
        }
        for (GrowableArrays.Texts a : evTexts) {
            a.end.ensure(events);
        }
        evCost.ensure(events);
    }

    /** Empties the columns, keeping their room. */
    void clear() {
        for (GrowableArrays.Ints[] ints : List.of(refInts, evInts)) {
            for (GrowableArrays.Ints a : ints) {
                a.size = 0;
            }
        }
        for (GrowableArrays.Bytes[] bytes : List.of(refBytes, evBytes)) {
            for (GrowableArrays.Bytes a : bytes) {
                a.size = 0;
            }
        }
        for (GrowableArrays.Texts[] texts : List.of(refTexts, evTexts)) {
            for (GrowableArrays.Texts a : texts) {
                a.clear();
            }
        }
        evCost.size = 0;
        refPerson.size = 0;
        evPerson.size = 0;
    }

    /**
     * Writes the records as one block: the counts of records and of each text column's bytes, then each column.
     * The block is put together in {@code scratch} when it is large enough, else in a new buffer; returns the
     * buffer used, for the next block.
     */
    ByteBuffer write(FileChannel out, ByteBuffer scratch) throws IOException {
        int nr = referrals();
        int ne = events();
        int size = HEAD + (int) bytes();
        ByteBuffer b = scratch != null && scratch.capacity() >= size ? scratch.clear()
                : ByteBuffer.allocate(Math.max(size, scratch == null ? 0 : scratch.capacity() * 2));
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(nr).putInt(ne);
        for (GrowableArrays.Texts[] texts : List.of(refTexts, evTexts)) {
            for (GrowableArrays.Texts t : texts) {
                b.putInt(t.bytes.size);
            }
        }
        put(b, refInts, refBytes, refTexts, nr);
        b.asDoubleBuffer().put(evCost.a, 0, ne);
        b.position(b.position() + 8 * ne);
        put(b, evInts, evBytes, evTexts, ne);
        b.flip();
        while (b.hasRemaining()) {
            out.write(b);
        }
        return b;
    }

    /**
     * Appends every block of a file {@link #write} wrote (none when {@code in} is null), then every record of
     * {@code after}. The blocks' heads are read first, so that each column is sized once for all of them: sized
     * block by block, each column was copied whole for every block (at national scale, gigabytes copied for
     * each partition).
     */
    void readAll(FileChannel in, Records after) throws IOException {
        long nr = 0;
        long ne = 0;
        long[] textBytes = new long[4];
        long largest = 0;
        if (in != null) {
            ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
            long size = in.size();
            for (long at = 0; at < size; ) {
                in.position(at);
                head.clear();
                if (!fill(in, head)) {
                    break;
                }
                long body = body(head);
                nr += head.getInt(0);
                ne += head.getInt(4);
                for (int k = 0; k < 4; k++) {
                    textBytes[k] += head.getInt(8 + 4 * k);
                }
                largest = Math.max(largest, body);
                at += HEAD + body;
            }
        }
        // a thirty-second to spare: the columns are read into again for the next partitions, a little larger or smaller
        long refs = referrals() + nr + after.referrals();
        long evs = events() + ne + after.events();
        ensure(refs + refs / 32, evs + evs / 32);
        GrowableArrays.Texts[] texts = {refId, refPersonId, evId, evPersonId};
        GrowableArrays.Texts[] afterTexts = {after.refId, after.refPersonId, after.evId, after.evPersonId};
        for (int k = 0; k < 4; k++) {
            long m = texts[k].bytes.size + textBytes[k] + afterTexts[k].bytes.size;
            texts[k].bytes.ensure(m + m / 32);
        }
        if (in != null && largest > 0) {
            if (largest > Integer.MAX_VALUE - 8) {
                throw new IOException("a block of more than 2 GB in a temporary file of the aggregation");
            }
            in.position(0);
            ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer b = ByteBuffer.allocate((int) largest).order(ByteOrder.LITTLE_ENDIAN);
            while (true) {
                head.clear();
                if (!fill(in, head)) {
                    break;
                }
                int bnr = head.getInt(0);
                int bne = head.getInt(4);
                int[] blockText = {head.getInt(8), head.getInt(12), head.getInt(16), head.getInt(20)};
                b.clear().limit((int) body(head));
                if (!fill(in, b)) {
                    throw new IOException("a temporary file of the aggregation ends early");
                }
                get(b, refInts, refBytes, refTexts, blockText, 0, bnr);
                b.asDoubleBuffer().get(evCost.a, evCost.size, bne);
                b.position(b.position() + 8 * bne);
                evCost.size += bne;
                get(b, evInts, evBytes, evTexts, blockText, 2, bne);
            }
        }
        for (int i = 0; i < after.referrals(); i++) {
            copyReferral(after, i);
        }
        for (int i = 0; i < after.events(); i++) {
            copyEvent(after, i);
        }
    }

    /** The bytes of a block after its head. */
    private static long body(ByteBuffer head) {
        return (long) head.getInt(0) * REFERRAL_BYTES + (long) head.getInt(4) * EVENT_BYTES + head.getInt(8)
                + head.getInt(12) + head.getInt(16) + head.getInt(20);
    }

    /** Puts the first n values of each column into b, at its position. */
    private static void put(ByteBuffer b, GrowableArrays.Ints[] ints, GrowableArrays.Bytes[] bytes,
            GrowableArrays.Texts[] texts, int n) {
        for (GrowableArrays.Ints a : ints) {
            b.asIntBuffer().put(a.a, 0, n);
            b.position(b.position() + 4 * n);
        }
        for (GrowableArrays.Bytes a : bytes) {
            b.put(a.a, 0, n);
        }
        for (GrowableArrays.Texts t : texts) {
            b.asIntBuffer().put(t.end.a, 0, n);
            b.position(b.position() + 4 * n);
            b.put(t.bytes.a, 0, t.bytes.size);
        }
    }

    /**
     * Appends n values to each column from b, at its position (room made beforehand); the texts' ends, counted
     * from the block's start, become ends in the whole column. {@code textBytes[first + k]}: text column k's bytes.
     */
    private static void get(ByteBuffer b, GrowableArrays.Ints[] ints, GrowableArrays.Bytes[] bytes,
            GrowableArrays.Texts[] texts, int[] textBytes, int first, int n) {
        for (GrowableArrays.Ints a : ints) {
            b.asIntBuffer().get(a.a, a.size, n);
            b.position(b.position() + 4 * n);
            a.size += n;
        }
        for (GrowableArrays.Bytes a : bytes) {
            b.get(a.a, a.size, n);
            a.size += n;
        }
        for (int k = 0; k < texts.length; k++) {
            GrowableArrays.Texts t = texts[k];
            int before = t.bytes.size;
            int from = t.end.size;
            b.asIntBuffer().get(t.end.a, from, n);
            b.position(b.position() + 4 * n);
            t.end.size += n;
            for (int i = from; i < t.end.size; i++) {
                t.end.a[i] += before;
            }
            int m = textBytes[first + k];
            t.bytes.ensure((long) before + m);
            b.get(t.bytes.a, before, m);
            t.bytes.size += m;
        }
    }

    /** Reads until {@code b} is full; false when the file ended before its first byte. */
    private static boolean fill(FileChannel in, ByteBuffer b) throws IOException {
        boolean any = false;
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                if (any) {
                    throw new IOException("a temporary file of the aggregation ends early");
                }
                return false;
            }
            any = true;
        }
        b.flip();
        return true;
    }
}
