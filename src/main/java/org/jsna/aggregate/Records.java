package org.jsna.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The referrals and service events the person-level folds need, a few primitive values each, column by
 * column: all of them, or those of one partition of the people (see {@link Spill}). A block of them can be
 * written to a file and read back in the same order, value for value.
 */
final class Records {

    // referrals: their slot in arrival order (for the waits found while the services were read), date, client
    // group, dense person index, area index (-1 none), age, source and outcome code (-1 unknown), and the id's
    // UTF-8 bytes (opaque, for ties: IdOrder), one after another, each ending at its refIdEnd
    final GrowableArrays.Ints refSlot = new GrowableArrays.Ints();
    final GrowableArrays.Ints refDate = new GrowableArrays.Ints();
    final GrowableArrays.Bytes refGroup = new GrowableArrays.Bytes();
    final GrowableArrays.Ints refPerson = new GrowableArrays.Ints();
    final GrowableArrays.Ints refArea = new GrowableArrays.Ints();
    final GrowableArrays.Bytes refAge = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes refSource = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes refOutcome = new GrowableArrays.Bytes();
    final GrowableArrays.Ints refIdEnd = new GrowableArrays.Ints();
    final GrowableArrays.Bytes refIdBytes = new GrowableArrays.Bytes();
    /** Sex: 0 F, 1 M, 2 U (for jsna project's cells by sex). */
    final GrowableArrays.Bytes refSex = new GrowableArrays.Bytes();

    // service events: start, client group, person, area, cost (NaN unknown), funder, whether it carries no
    // referral id (it may then be the first service of a referral of its person and group), the id's bytes
    final GrowableArrays.Ints evStart = new GrowableArrays.Ints();
    final GrowableArrays.Bytes evGroup = new GrowableArrays.Bytes();
    final GrowableArrays.Ints evPerson = new GrowableArrays.Ints();
    final GrowableArrays.Ints evArea = new GrowableArrays.Ints();
    final GrowableArrays.Doubles evCost = new GrowableArrays.Doubles();
    final GrowableArrays.Bytes evFunder = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes evFree = new GrowableArrays.Bytes();
    final GrowableArrays.Ints evIdEnd = new GrowableArrays.Ints();
    final GrowableArrays.Bytes evIdBytes = new GrowableArrays.Bytes();
    /** Age at the start and sex (0 F, 1 M, 2 U), for jsna project's cells by sex and age band. */
    final GrowableArrays.Bytes evAge = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes evSex = new GrowableArrays.Bytes();

    // the columns by kind and width, in file order: a new column goes into one of these lists (and the
    // byte counts below), and is then sized, emptied, written and read back with the others; the ids' bytes
    // are the one column of variable width
    private final GrowableArrays.Ints[] refInts = {refSlot, refDate, refPerson, refArea, refIdEnd};
    private final GrowableArrays.Bytes[] refBytes = {refGroup, refAge, refSource, refOutcome, refSex};
    private final GrowableArrays.Ints[] evInts = {evStart, evPerson, evArea, evIdEnd};
    private final GrowableArrays.Bytes[] evBytes = {evGroup, evFunder, evFree, evAge, evSex};

    /** Bytes a referral and an event take here (and in a file), besides their ids' bytes. */
    static final int REFERRAL_BYTES = 5 * 4 + 5;
    static final int EVENT_BYTES = 4 * 4 + 8 + 5;

    int referrals() {
        return refDate.size;
    }

    int events() {
        return evStart.size;
    }

    /** Bytes of the records held (not of the arrays' spare room). */
    long bytes() {
        return (long) referrals() * REFERRAL_BYTES + (long) events() * EVENT_BYTES + refIdBytes.size
                + evIdBytes.size;
    }

    /** Where referral i's id starts in {@link #refIdBytes} (it ends at refIdEnd[i]). */
    int refIdStart(int i) {
        return i == 0 ? 0 : refIdEnd.a[i - 1];
    }

    /** Where event i's id starts in {@link #evIdBytes}. */
    int evIdStart(int i) {
        return i == 0 ? 0 : evIdEnd.a[i - 1];
    }

    /** The referral's id is {@code id[idFrom..idTo)}. */
    void addReferral(int slot, int date, int group, int person, int area, int age, int source, int outcome,
            byte[] id, int idFrom, int idTo, int sex) {
        refSlot.add(slot);
        refDate.add(date);
        refGroup.add(group);
        refPerson.add(person);
        refArea.add(area);
        refAge.add(age);
        refSource.add(source);
        refOutcome.add(outcome);
        refIdBytes.add(id, idFrom, idTo);
        refIdEnd.add(refIdBytes.size);
        refSex.add(sex);
    }

    /** The event's id is {@code id[idFrom..idTo)}. */
    void addEvent(int start, int group, int person, int area, double cost, int funder, boolean free, byte[] id,
            int idFrom, int idTo, int age, int sex) {
        evStart.add(start);
        evGroup.add(group);
        evPerson.add(person);
        evArea.add(area);
        evCost.add(cost);
        evFunder.add(funder);
        evFree.add(free ? 1 : 0);
        evIdBytes.add(id, idFrom, idTo);
        evIdEnd.add(evIdBytes.size);
        evAge.add(age);
        evSex.add(sex);
    }

    /** Copies referral i of {@code from} here. */
    void copyReferral(Records from, int i) {
        addReferral(from.refSlot.get(i), from.refDate.get(i), from.refGroup.get(i), from.refPerson.get(i),
                from.refArea.get(i), from.refAge.get(i), from.refSource.get(i), from.refOutcome.get(i),
                from.refIdBytes.a, from.refIdStart(i), from.refIdEnd.get(i), from.refSex.get(i));
    }

    /** Copies event i of {@code from} here. */
    void copyEvent(Records from, int i) {
        addEvent(from.evStart.get(i), from.evGroup.get(i), from.evPerson.get(i), from.evArea.get(i),
                from.evCost.get(i), from.evFunder.get(i), from.evFree.get(i) != 0, from.evIdBytes.a,
                from.evIdStart(i), from.evIdEnd.get(i), from.evAge.get(i), from.evSex.get(i));
    }

    /** Room for {@code referrals} and {@code events} records in all. */
    void ensure(long referrals, long events) {
        for (GrowableArrays.Ints a : refInts) {
            a.ensure(referrals);
        }
        for (GrowableArrays.Bytes a : refBytes) {
            a.ensure(referrals);
        }
        for (GrowableArrays.Ints a : evInts) {
            a.ensure(events);
        }
        for (GrowableArrays.Bytes a : evBytes) {
            a.ensure(events);
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
        evCost.size = 0;
        refIdBytes.size = 0;
        evIdBytes.size = 0;
    }

    /** Writes the records as one block: the two counts and the two ids' byte counts, then each column. */
    void write(FileChannel out) throws IOException {
        int nr = referrals();
        int ne = events();
        ByteBuffer b = ByteBuffer.allocate(HEAD + (int) bytes()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(nr).putInt(ne).putInt(refIdBytes.size).putInt(evIdBytes.size);
        put(b, refInts, refBytes, nr);
        b.put(refIdBytes.a, 0, refIdBytes.size);
        b.asDoubleBuffer().put(evCost.a, 0, ne);
        b.position(b.position() + 8 * ne);
        put(b, evInts, evBytes, ne);
        b.put(evIdBytes.a, 0, evIdBytes.size);
        b.flip();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Bytes of a block's head: its counts of referrals, events, and their ids' bytes. */
    private static final int HEAD = 16;

    /** Appends every block of a file {@link #write} wrote. */
    void readAll(FileChannel in) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            head.clear();
            if (!fill(in, head)) {
                return;
            }
            int nr = head.getInt(0);
            int ne = head.getInt(4);
            int nrb = head.getInt(8);
            int neb = head.getInt(12);
            ByteBuffer b = ByteBuffer.allocate(nr * REFERRAL_BYTES + ne * EVENT_BYTES + nrb + neb)
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (!fill(in, b)) {
                throw new IOException("a temporary file of the aggregation ends early");
            }
            ensure((long) referrals() + nr, (long) events() + ne);
            int r0 = referrals();
            int rb0 = refIdBytes.size;
            get(b, refInts, refBytes, nr);
            getIds(b, refIdBytes, nrb, refIdEnd, r0, rb0);
            b.asDoubleBuffer().get(evCost.a, evCost.size, ne);
            b.position(b.position() + 8 * ne);
            evCost.size += ne;
            int e0 = events();
            int eb0 = evIdBytes.size;
            get(b, evInts, evBytes, ne);
            getIds(b, evIdBytes, neb, evIdEnd, e0, eb0);
        }
    }

    /**
     * Appends {@code n} ids' bytes from b; the ends read with the block (from {@code first} on) counted from the
     * block's start become ends in the whole column, which held {@code before} bytes.
     */
    private static void getIds(ByteBuffer b, GrowableArrays.Bytes bytes, int n, GrowableArrays.Ints end, int first,
            int before) {
        bytes.ensure((long) bytes.size + n);
        b.get(bytes.a, bytes.size, n);
        bytes.size += n;
        for (int i = first; i < end.size; i++) {
            end.a[i] += before;
        }
    }

    /** Puts the first n values of each column into b, at its position. */
    private static void put(ByteBuffer b, GrowableArrays.Ints[] ints, GrowableArrays.Bytes[] bytes, int n) {
        for (GrowableArrays.Ints a : ints) {
            b.asIntBuffer().put(a.a, 0, n);
            b.position(b.position() + 4 * n);
        }
        for (GrowableArrays.Bytes a : bytes) {
            b.put(a.a, 0, n);
        }
    }

    /** Appends n values to each column from b, at its position (room made beforehand). */
    private static void get(ByteBuffer b, GrowableArrays.Ints[] ints, GrowableArrays.Bytes[] bytes, int n) {
        for (GrowableArrays.Ints a : ints) {
            b.asIntBuffer().get(a.a, a.size, n);
            b.position(b.position() + 4 * n);
            a.size += n;
        }
        for (GrowableArrays.Bytes a : bytes) {
            b.get(a.a, a.size, n);
            a.size += n;
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
