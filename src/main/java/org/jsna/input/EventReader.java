package org.jsna.input;

import java.util.Arrays;
import java.util.List;
import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvFile;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.input.csv.Reject;
import org.jsna.validate.AgeRule;
import org.jsna.validate.DateRule;
import org.jsna.validate.Duplicate;
import org.jsna.validate.Required;
import org.jsna.validate.RowShape;

/**
 * What referrals and services share (data.md): a unique identifier, checked right after the row's shape (a
 * repeat of an earlier valid row's id is the row's defect, whatever else is wrong with it), and a person. A valid
 * row gets a dense index in file order whatever the number of threads (its number among the file's valid rows),
 * and carries its id's and its person's bytes on to the aggregation, which groups a person's records.
 *
 * @param <C> the kind's chunk of rows, holding a batch of its passing rows
 */
abstract class EventReader<C extends EventReader.Events<?>> extends RowReader<C> {

    /** The passing rows of a chunk, in a batch that the finishing step compacts to the valid ones. */
    abstract static class Events<B extends RecordBatch> extends RowReader.Rows {
        final B batch;
        int[] idEntry;
        int[] idStart;
        int[] idEnd;
        int[] personStart;
        int[] personEnd;
        /** Per passing row: its id's 64-bit hash ({@link KeyTable#hash64}; the table's is {@link KeyTable#fold}ed). */
        long[] idHash;
        /** Per passing row, a key that is not ASCII as UTF-8 (null: the chunk's bytes are the key); made when needed. */
        byte[][] idText;
        byte[][] personText;
        int[] line;
        /** What the reads ahead of {@link EventReader#parsed} add up to: kept, so that they are not left out. */
        long touched;
        /** The first dense index of the chunk's valid rows. */
        int base;
        /** The current row passed its shape and has an id (a later defect is checked against earlier ids). */
        boolean idChecked;
        /** Per valid row (once {@link EventReader#finish} compacted the batch): its passing row. */
        int[] validRows;

        /** @param n rows to make room for (see {@link RowReader#expectedRows}); the batch has room for as many */
        Events(Chunk chunk, B batch, int n) {
            super(chunk);
            this.batch = batch;
            idEntry = new int[n];
            idStart = new int[n];
            idEnd = new int[n];
            personStart = new int[n];
            personEnd = new int[n];
            idHash = new long[n];
            line = new int[n];
        }

        @Override
        void reset(Chunk next) {
            super.reset(next);
            batch.size = 0;
            idText = null;
            personText = null;
            touched = 0;
            base = 0;
            idChecked = false;
        }

        /** The chunk's records for an {@link IdLedger}, empty, with room for {@code n}. */
        IdLedger.Batch ledger(int n) {
            if (ledger == null || ledger.hash.length < n) {
                ledger = new IdLedger.Batch(n);
            }
            ledger.n = 0;
            return ledger;
        }

        private IdLedger.Batch ledger;

        /** Room for one more passing row; returns its position in the batch. */
        int room() {
            int n = passed + 1;
            idEntry = grow(idEntry, n);
            idStart = grow(idStart, n);
            idEnd = grow(idEnd, n);
            personStart = grow(personStart, n);
            personEnd = grow(personEnd, n);
            idHash = grow(idHash, n);
            if (idText != null) {
                idText = grow(idText, n);
            }
            if (personText != null) {
                personText = grow(personText, n);
            }
            line = grow(line, n);
            return batch.next();
        }
    }

    int iId;
    int iPerson;
    /** Where and who: the area code, sex and age columns (age, birth_date or birth_year) both kinds have. */
    int iArea;
    int iSex;
    int[] ages;
    /** The kind's date format (and today, for dates in the future), and ages from it. */
    final DateRule dates;
    final AgeRule age;
    private final KeyTable ids;
    private final Duplicate duplicate;
    /** The ids that may repeat, from a first pass over the file; null: every id goes into {@link #ids}. */
    RepeatedIds repeats;
    private static final List<String> WITHHELD = List.of("referral_id", "person_id", "event_id", "birth_date",
            "birth_year");

    EventReader(InputReader in, String role, String name, KeyTable ids, Duplicate duplicate) {
        super(in, role, name);
        this.dates = new DateRule(in.cfg.dateFormat(role), in.today);
        this.age = new AgeRule(dates);
        this.ids = ids;
        this.duplicate = duplicate;
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

    /** The area code, sex and age columns, found in that order (after the kind's own). */
    void placeColumns() {
        iArea = col("area_code", true);
        iSex = col("sex", true);
        ages = in.ageColumns(this);
    }

    C register(C c) {
        c.keyFlags = flags(c.chunk, header.size(), c.keyFlags);
        in.register(c);
        return c;
    }

    @Override
    C reuse(C c, Chunk chunk) {
        c.reset(chunk);
        return register(c); // the flags, and the chunk's place among those in flight
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

    /**
     * Keeps a passing row (its batch values are set): its id goes into the table once the chunk is read
     * ({@link #parsed}); its person's id is kept to hand on.
     */
    void keep(C c, CsvRow r, int i, long line) {
        c.line[i] = (int) (line - c.chunk.startLine());
        c.idText = key(r, iId, i, c.idStart, c.idEnd, c.idHash, c.idText);
        c.personText = key(r, iPerson, i, c.personStart, c.personEnd, null, c.personText);
        c.passed++;
    }

    /**
     * Notes row {@code i}'s key in column {@code col}: where it is and its 64-bit hash (when {@code hash} is not
     * null); a key that is
     * not ASCII is kept as UTF-8 in {@code text} (so that a Windows-1252 file finds the same keys), made when
     * first needed with room for the row arrays' length. Returns {@code text}.
     */
    static byte[][] key(CsvRow r, int col, int i, int[] start, int[] end, long[] hash, byte[][] text) {
        byte[] b = r.bytes();
        int s = r.start(col);
        int e = r.end(col);
        start[i] = s;
        end[i] = e;
        if (org.jsna.validate.TextLookup.isAscii(b, s, e)) {
            if (hash != null) {
                hash[i] = KeyTable.hash64(b, s, e);
            }
            return text;
        }
        byte[] u = r.utf8(col);
        byte[][] t = text != null ? text : new byte[start.length][];
        t[i] = u;
        if (hash != null) {
            hash[i] = KeyTable.hash64(u, 0, u.length);
        }
        return t;
    }

    /** Rows whose keys are fetched from memory together (see {@link KeyTable#touch}). */
    private static final int BATCH = 16;

    /**
     * The chunk is read: the ids of its passing rows go into the table (those that may repeat), {@value #BATCH}
     * rows at a time, each batch's slots read first side by side. In tables of millions
     * of keys nearly every key's slot is a wait for memory; one key after another, those waits were most of
     * the reading's time.
     */
    @Override
    void parsed(C c) {
        byte[] buf = c.chunk.buf();
        long sink = 0;
        for (int from = 0; from < c.passed; from += BATCH) {
            int to = Math.min(c.passed, from + BATCH);
            for (int i = from; i < to; i++) {
                sink += repeats == null ? ids.touch(KeyTable.fold(c.idHash[i])) : 0;
            }
            sink += touchMore(c, from, to);
            for (int i = from; i < to; i++) {
                long pos = c.position(i);
                byte[] t = c.idText == null ? null : c.idText[i];
                if (t == null && repeats != null && !repeats.mayRepeat(c.idHash[i])) {
                    // the only row of the file with this id: first of it, and no entry in the table
                    c.idEntry[i] = -1;
                    c.keyFlags[i] = KeyTable.FIRST;
                } else {
                    c.idEntry[i] = t == null
                            ? ids.insert(buf, c.idStart[i], c.idEnd[i], KeyTable.fold(c.idHash[i]), pos, c.keyFlags, i,
                                    in.keyDisplaced)
                            : ids.insert(t, 0, t.length, KeyTable.fold(c.idHash[i]), pos, c.keyFlags, i,
                                    in.keyDisplaced);
                }
            }
            resolveMore(c, from, to);
        }
        c.touched = sink;
    }

    /** Reads ahead what a kind looks up for passing rows {@code from} to {@code to} (exclusive) beside its keys. */
    long touchMore(C c, int from, int to) {
        return 0;
    }

    /** Looks up what {@link #touchMore} read ahead. */
    void resolveMore(C c, int from, int to) {
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
        c.base = next(c.valid);
        in.unregister(c);
    }

    /**
     * The chunk's {@code n} valid rows are in its batch (row j of the batch is passing row {@link #validRow} j):
     * what a kind does with them besides handing them on. Any thread.
     */
    void valid(C c, int n) {
    }

    /** The passing row that is valid row {@code j} of a chunk (after {@link #finish} compacted its batch). */
    static int validRow(Events<?> c, int j) {
        return c.validRows[j];
    }

    /** Reserves {@code n} dense indices of the kind's valid rows; returns the first. */
    abstract int next(int n);

    /** Sets the dense index of batch row {@code j}. */
    abstract void index(C c, int j, int index);

    /** Hands the batch to the aggregation. */
    abstract void send(C c);

    @Override
    public void finish(C c) {
        int j = 0;
        long idBytes = 0;
        long personBytes = 0;
        if (c.validRows == null || c.validRows.length < c.passed) {
            c.validRows = new int[c.passed];
        }
        for (int i = 0; i < c.passed; i++) {
            if (c.keyFlags[i] == KeyTable.LATER) {
                continue;
            }
            if (i != j) {
                c.batch.move(i, j);
            }
            c.validRows[j] = i;
            int index = c.base + j;
            index(c, j, index);
            if (c.idEntry[i] >= 0) {
                ids.dense(c.idEntry[i], index);
            }
            idBytes += c.idEnd[i] - c.idStart[i];
            personBytes += c.personEnd[i] - c.personStart[i];
            j++;
        }
        c.batch.size = j;
        valid(c, j);
        // each record carries its id's and its person's UTF-8 bytes on: the aggregation groups a person's
        // records by the one and breaks their ties by the other (IdOrder)
        texts(c, c.batch.ids, idBytes, c.idStart, c.idEnd, c.idText);
        texts(c, c.batch.persons, personBytes, c.personStart, c.personEnd, c.personText);
        send(c);
        recycle(c);
    }

    /** Sets the texts of the batch's valid rows: each the chunk's bytes start..end, or its UTF-8 form in text. */
    private static void texts(Events<?> c, RecordBatch.Texts to, long bytes, int[] start, int[] end, byte[][] text) {
        int n = c.batch.size;
        to.room(n, (int) Math.min(Integer.MAX_VALUE - 8, bytes + bytes / 4));
        byte[] buf = c.chunk.buf();
        for (int j = 0; j < n; j++) {
            int i = c.validRows[j];
            byte[] t = text == null ? null : text[i];
            if (t == null) {
                to.set(j, buf, start[i], end[i]);
            } else {
                to.set(j, t, 0, t.length);
            }
        }
    }
}
