package org.jsna.input;

import java.util.Arrays;
import java.util.List;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.Reject;
import org.jsna.validate.Duplicate;
import org.jsna.validate.Required;
import org.jsna.validate.RowShape;

/**
 * What referrals and services share (data.md): a unique identifier, checked right after the row's shape (a
 * repeat of an earlier valid row's id is the row's defect, whatever else is wrong with it), a person, and
 * the dense indices that replace both. Identifiers become dense indices in file order whatever the number of
 * threads: a valid row's index is its number among the file's valid rows, a person's the order of the first
 * row (among rows that passed their rules) on which it appears, referrals before services.
 *
 * @param <C> the kind's chunk of rows, holding a batch of its passing rows
 */
abstract class EventReader<C extends EventReader.Events<?>> extends RowReader<C> {

    /** The passing rows of a chunk, in a batch that the finishing step compacts to the valid ones. */
    abstract static class Events<B extends RecordBatch> extends RowReader.Rows {
        final B batch;
        int[] idEntry = new int[64];
        int[] personEntry = new int[64];
        int[] idStart = new int[64];
        int[] idEnd = new int[64];
        int[] line = new int[64];
        /** The first dense index of the chunk's valid rows. */
        int base;
        /** The current row passed its shape and has an id (a later defect is checked against earlier ids). */
        boolean idChecked;

        Events(Chunk chunk, B batch) {
            super(chunk);
            this.batch = batch;
        }

        /** Room for one more passing row; returns its position in the batch. */
        int room() {
            int n = passed + 1;
            idEntry = grow(idEntry, n);
            personEntry = grow(personEntry, n);
            idStart = grow(idStart, n);
            idEnd = grow(idEnd, n);
            line = grow(line, n);
            return batch.next();
        }
    }

    int iId;
    int iPerson;
    private final KeyTable ids;
    private final Duplicate duplicate;
    private final PagedInts entries;
    private static final List<String> WITHHELD = List.of("referral_id", "person_id", "event_id", "birth_date",
            "birth_year");

    EventReader(InputReader in, String role, String name, KeyTable ids, Duplicate duplicate, PagedInts entries) {
        super(in, role, name);
        this.ids = ids;
        this.duplicate = duplicate;
        this.entries = entries;
    }

    @Override
    public void header(org.jsna.validate.Header h, CsvFile.Text t, CsvFile.Out out) {
        super.header(h, t, out);
        out.withhold(withheld());
    }

    /** The columns whose values rejects.csv never holds: identifiers, birth dates and years of birth. */
    private boolean[] withheld() {
        boolean[] w = new boolean[header.size()];
        for (String id : WITHHELD) {
            int i = header.find(in.cfg.column(role, id));
            if (i >= 0) {
                w[i] = true;
            }
        }
        return w;
    }

    C register(C c) {
        c.keyFlags = flags(c.chunk, header.size());
        c.personFlags = flags(c.chunk, header.size());
        in.register(c);
        return c;
    }

    /** The row's shape and its identifier (present; a repeat is found in file order later). */
    boolean shapeAndId(C c, CsvRow r) {
        c.idChecked = false;
        if (!RowShape.check(r, header.size()) || !Required.present(r, iId)) {
            return false;
        }
        c.idChecked = true;
        return true;
    }

    /** Keeps a passing row (its batch values are set): its id and person go into the tables. */
    void keep(C c, CsvRow r, int i, long line) {
        byte[] b = r.bytes();
        c.line[i] = (int) (line - c.chunk.startLine());
        c.idStart[i] = r.start(iId);
        c.idEnd[i] = r.end(iId);
        long pos = c.position(i);
        c.idEntry[i] = insert(ids, c, r, iId, pos, c.keyFlags, i, in.keyDisplaced);
        c.personEntry[i] = insert(in.persons, c, r, iPerson, pos, c.personFlags, i, in.personDisplaced);
        c.passed++;
    }

    private static int insert(KeyTable t, RowReader.Rows c, CsvRow r, int col, long pos, byte[] flags, int i,
            KeyTable.Displaced d) {
        byte[] b = r.bytes();
        int s = r.start(col);
        int e = r.end(col);
        if (!org.jsna.validate.TextLookup.isAscii(b, s, e)) {
            b = r.utf8(col);
            s = 0;
            e = b.length;
        }
        return t.insert(b, s, e, KeyTable.hash(b, s, e), pos, flags, i, d);
    }

    @Override
    Key keyOfFailedRow(C c, CsvRow r) {
        if (!c.idChecked) {
            return null;
        }
        byte[] b = r.bytes();
        int s = r.start(iId);
        int e = r.end(iId);
        byte[] asRead = Arrays.copyOfRange(b, s, e);
        return new Key(org.jsna.validate.TextLookup.isAscii(b, s, e) ? asRead : r.utf8(iId), asRead);
    }

    @Override
    public void ordered(C c, CsvFile.Out out) {
        report(c, out, new Dup<>() {
            @Override
            public boolean duplicate(C e, int i) {
                return e.keyFlags[i] == KeyTable.LATER;
            }

            @Override
            public Reject reject(C e, int i) {
                return new Reject(e.chunk.startLine() + e.line[i], iId,
                        Arrays.copyOfRange(e.chunk.buf(), e.idStart[i], e.idEnd[i]), duplicate.reason,
                        duplicate.expected(0));
            }

            @Override
            public Reject failedDuplicate(C e, Failed f, long position) {
                int entry = ids.get(f.key(), 0, f.key().length, f.hash());
                if (entry >= 0 && ids.min(entry) < position) {
                    return new Reject(f.reject().line(), iId, f.keyAsRead(), duplicate.reason, duplicate.expected(0));
                }
                return null;
            }
        });
        for (int i = 0; i < c.passed; i++) {
            if (c.personFlags[i] == KeyTable.FIRST) {
                in.persons.dense(c.personEntry[i], in.personCount++);
            }
        }
        c.base = next(c.valid);
        entries.ensure(c.base + c.valid);
        in.unregister(c);
    }

    /** Reserves {@code n} dense indices of the kind's valid rows; returns the first. */
    abstract int next(int n);

    /** Sets the dense indices of batch row {@code j}: its own and its person's. */
    abstract void indices(C c, int j, int index, int person);

    /** Hands the batch to the aggregation. */
    abstract void send(C c);

    @Override
    public void finish(C c) {
        int j = 0;
        for (int i = 0; i < c.passed; i++) {
            if (c.keyFlags[i] == KeyTable.LATER) {
                continue;
            }
            if (i != j) {
                c.batch.move(i, j);
            }
            int index = c.base + j;
            indices(c, j, index, in.persons.dense(c.personEntry[i]));
            ids.dense(c.idEntry[i], index);
            entries.set(index, c.idEntry[i]);
            j++;
        }
        c.batch.size = j;
        send(c);
    }
}
