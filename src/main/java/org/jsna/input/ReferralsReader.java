package org.jsna.input;

import org.jsna.input.csv.Chunk;
import org.jsna.input.csv.CsvRow;
import org.jsna.validate.AgeRule;
import org.jsna.validate.CodeRule;
import org.jsna.validate.DateRule;
import org.jsna.validate.Duplicate;
import org.jsna.validate.Required;

/**
 * referrals.csv (data.md): {@code referral_id} (unique), {@code person_id}, {@code referral_date},
 * {@code client_group}, {@code area_code} (required column; an empty or unknown area is no error), {@code sex},
 * one of {@code age}, {@code birth_date}, {@code birth_year}; optional {@code source}, {@code outcome},
 * {@code end_date}. The rules are checked in that order; the first that fails is the row's defect.
 */
final class ReferralsReader extends EventReader<ReferralsReader.Rows> {

    static final class Rows extends EventReader.Events<ReferralBatch> {
        Rows(Chunk chunk, int n) {
            super(chunk, new ReferralBatch(n), n);
        }
    }

    private int iDate;
    private int iGroup;
    private int iSource;
    private int iOutcome;
    private int iEnd;

    ReferralsReader(InputReader in, String name) {
        super(in, JsnaConfig.REFERRALS, name, in.referralIds, Duplicate.REFERRAL_ID);
    }

    @Override
    void columns() {
        iId = col("referral_id", true);
        iPerson = col("person_id", true);
        iDate = col("referral_date", true);
        iGroup = col("client_group", true);
        placeColumns();
        iSource = col("source", false);
        iOutcome = col("outcome", false);
        iEnd = col("end_date", false);
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
        int date = dates.date(r, iDate, true);
        if (date == DateRule.FAILED) {
            return false;
        }
        int group = in.groupCodes.required(r, iGroup);
        if (group == CodeRule.FAILED) {
            return false;
        }
        int area = in.area(r, iArea);
        int sex = in.sexCodes.required(r, iSex);
        if (sex == CodeRule.FAILED) {
            return false;
        }
        int a = age.age(r, ages, date, "referral date");
        if (a == AgeRule.FAILED) {
            return false;
        }
        int source = in.sourceCodes.optional(r, iSource);
        if (source == CodeRule.FAILED) {
            return false;
        }
        int outcome = in.outcomeCodes.optional(r, iOutcome);
        if (outcome == CodeRule.FAILED) {
            return false;
        }
        if (dates.endDate(r, iEnd, date, "referral date") == DateRule.FAILED) {
            return false;
        }
        int i = c.room();
        ReferralBatch b = c.batch;
        b.date[i] = date;
        b.group[i] = (byte) group;
        b.area[i] = area;
        b.age[i] = (byte) Math.min(a, 120);
        b.sex[i] = (byte) sex;
        b.source[i] = (byte) source;
        b.outcome[i] = (byte) outcome;
        keep(c, r, i, line);
        return true;
    }

    @Override
    int next(int n) {
        int base = in.referralCount;
        in.referralCount += n;
        return base;
    }

    @Override
    void index(Rows c, int j, int index) {
        c.batch.referral[j] = index;
    }

    /**
     * The valid rows whose id was taken on trust (the only one of its text in the file, {@link RepeatedIds}) go
     * to the referrals' ledger with their dense index, for the services that name them ({@link IdLedger#join});
     * the others are in the id table, where the services find them as they are read.
     */
    @Override
    void valid(Rows c, int n) {
        IdLedger ledger = in.referralLedger;
        if (ledger == null) {
            return;
        }
        IdLedger.Batch b = c.ledger(n);
        byte[] buf = c.chunk.buf();
        for (int j = 0; j < n; j++) {
            int i = validRow(c, j);
            if (c.idEntry[i] < 0) {
                b.add(c.idHash[i], c.base + j, c.idStart[i], c.idEnd[i]);
            }
        }
        ledger.add(b, buf);
    }

    @Override
    void send(Rows c) {
        in.sink.referrals(c.batch);
    }
}
