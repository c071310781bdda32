package org.jsna.input;

import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvRow;
import org.jsna.input.csv.KeyTable;
import org.jsna.validate.AgeRule;
import org.jsna.validate.CodeRule;
import org.jsna.validate.DateRule;
import org.jsna.validate.Duplicate;
import org.jsna.validate.NumberRule;
import org.jsna.validate.Required;

/**
 * services.csv (data.md): {@code event_id} (unique), {@code person_id}, {@code client_group},
 * {@code service_type}, {@code start_date}; optional {@code end_date}, {@code units}, {@code cost},
 * {@code unit_cost}, {@code funder}, {@code referral_id}; {@code area_code}, {@code sex} and an age column. The
 * cost is {@code cost}, or {@code unit_cost} × {@code units} when the cost is empty; a {@code referral_id} links
 * to a valid referral, or is counted as not found.
 */
final class ServicesReader extends EventReader<ServicesReader.Rows> {

    static final class Rows extends EventReader.Events<ServiceBatch> {
        /** Per passing row: its referral_id (start -1 when blank), looked up once the chunk is read. */
        int[] refStart;
        int[] refEnd;
        long[] refHash;
        /** A referral_id that is not ASCII, as UTF-8; made when needed. */
        byte[][] refText;

        Rows(Chunk chunk, int n) {
            super(chunk, new ServiceBatch(n), n);
            refStart = new int[n];
            refEnd = new int[n];
            refHash = new long[n];
        }

        @Override
        void reset(Chunk next) {
            super.reset(next);
            refText = null;
        }

        @Override
        int room() {
            int n = passed + 1;
            refStart = grow(refStart, n);
            refEnd = grow(refEnd, n);
            refHash = grow(refHash, n);
            if (refText != null) {
                refText = grow(refText, n);
            }
            return super.room();
        }
    }

    private int iGroup;
    private int iType;
    private int iStart;
    private int iEnd;
    private int iUnits;
    private int iCost;
    private int iUnitCost;
    private int iFunder;
    private int iRef;

    ServicesReader(InputReader in, String name) {
        super(in, JsnaConfig.SERVICES, name, in.eventIds, Duplicate.EVENT_ID);
    }

    @Override
    void columns() {
        iId = col("event_id", true);
        iPerson = col("person_id", true);
        iGroup = col("client_group", true);
        iType = col("service_type", true);
        iStart = col("start_date", true);
        iEnd = col("end_date", false);
        iUnits = col("units", false);
        iCost = col("cost", false);
        iUnitCost = col("unit_cost", false);
        iFunder = col("funder", false);
        iRef = col("referral_id", false);
        placeColumns();
    }

    @Override
    Rows newRows(Chunk chunk) {
        return register(new Rows(chunk, expectedRows(chunk)));
    }

    @Override
    boolean row(RowReader.Rows rows, CsvRow r, long line) {
        Rows c = (Rows) rows;
        if (!shapeAndId(c, r) || !Required.present(r, iPerson)) {
            return false;
        }
        int group = in.groupCodes.required(r, iGroup);
        if (group == CodeRule.FAILED || !Required.present(r, iType)) {
            return false;
        }
        int start = dates.date(r, iStart, true);
        if (start == DateRule.FAILED || dates.endDate(r, iEnd, start, "start date") == DateRule.FAILED) {
            return false;
        }
        double units = NumberRule.decimal(r, iUnits, "units");
        if (units == NumberRule.FAILED) {
            return false;
        }
        double cost = NumberRule.decimal(r, iCost, "cost");
        if (cost == NumberRule.FAILED) {
            return false;
        }
        double unitCost = NumberRule.decimal(r, iUnitCost, "unit_cost");
        if (unitCost == NumberRule.FAILED) {
            return false;
        }
        if (Double.isNaN(cost) && !Double.isNaN(unitCost) && !Double.isNaN(units)) {
            cost = NumberRule.cost(r, iUnitCost, unitCost, units);
            if (cost == NumberRule.FAILED) {
                return false;
            }
        }
        int funder = in.funderCodes.optional(r, iFunder);
        if (funder == CodeRule.FAILED) {
            return false;
        }
        int area = in.area(r, iArea);
        int sex = in.sexCodes.required(r, iSex);
        if (sex == CodeRule.FAILED) {
            return false;
        }
        int a = age.age(r, ages, start, "start date");
        if (a == AgeRule.FAILED) {
            return false;
        }
        int i = c.room();
        c.refStart[i] = -1;
        if (!r.blank(iRef)) {
            c.refText = key(r, iRef, i, c.refStart, c.refEnd, c.refHash, c.refText);
        }
        ServiceBatch b = c.batch;
        b.start[i] = start;
        b.group[i] = (byte) group;
        b.area[i] = area;
        b.age[i] = (byte) Math.min(a, 120);
        b.sex[i] = (byte) sex;
        b.cost[i] = cost;
        b.funder[i] = (byte) funder;
        b.referral[i] = ServiceBatch.NO_REFERRAL;
        keep(c, r, i, line);
        return true;
    }

    @Override
    long touchMore(Rows c, int from, int to) {
        KeyTable t = in.referralIds;
        long sink = 0;
        for (int i = from; i < to; i++) {
            if (c.refStart[i] >= 0) {
                sink += t.touch(KeyTable.fold(c.refHash[i]));
            }
        }
        for (int i = from; i < to; i++) {
            if (c.refStart[i] >= 0) {
                sink += t.touchEntry(KeyTable.fold(c.refHash[i]));
            }
        }
        for (int i = from; i < to; i++) {
            if (c.refStart[i] >= 0) {
                sink += t.touchKey(KeyTable.fold(c.refHash[i]));
            }
        }
        return sink;
    }

    /**
     * The referral each row names: its dense index, or not found (a valid referral has that id); or, for an ASCII
     * id that no two referral rows share ({@link RepeatedIds}), whose referral is then not in the id table, looked
     * up once the services are read ({@link ServiceBatch#REFERRAL_LATER}, {@link IdLedger#join}).
     */
    @Override
    void resolveMore(Rows c, int from, int to) {
        KeyTable t = in.referralIds;
        RepeatedIds repeated = in.referralRepeats;
        byte[] buf = c.chunk.buf();
        for (int i = from; i < to; i++) {
            if (c.refStart[i] < 0) {
                continue;
            }
            byte[] u = c.refText == null ? null : c.refText[i];
            if (u == null && repeated != null && !repeated.mayRepeat(c.refHash[i])) {
                c.batch.referral[i] = ServiceBatch.REFERRAL_LATER;
                continue;
            }
            int h = KeyTable.fold(c.refHash[i]);
            int entry = u == null ? t.get(buf, c.refStart[i], c.refEnd[i], h) : t.get(u, 0, u.length, h);
            c.batch.referral[i] = entry < 0 ? ServiceBatch.REFERRAL_NOT_FOUND : t.dense(entry);
        }
    }

    /** The valid rows whose referral is looked up later go to the links' ledger with their start. */
    @Override
    void valid(Rows c, int n) {
        IdLedger ledger = in.linkLedger;
        if (ledger == null) {
            return;
        }
        IdLedger.Batch b = c.ledger(n);
        for (int j = 0; j < n; j++) {
            if (c.batch.referral[j] == ServiceBatch.REFERRAL_LATER) {
                int i = validRow(c, j);
                b.add(c.refHash[i], c.batch.start[j], c.refStart[i], c.refEnd[i]);
            }
        }
        ledger.add(b, c.chunk.buf());
    }

    @Override
    int next(int n) {
        int base = in.eventCount;
        in.eventCount += n;
        return base;
    }

    @Override
    void index(Rows c, int j, int index) {
        c.batch.event[j] = index;
    }

    @Override
    void send(Rows c) {
        in.sink.services(c.batch);
    }
}
