package org.jsna.input;

/**
 * Valid referrals (see {@link RecordBatch}). {@code referral} is a dense index in file order (the referral's
 * number among the valid rows); the person comes as its id's bytes ({@link RecordBatch#persons}); {@code group} is the
 * client group's position in the configuration; {@code area} the area's position in the
 * {@link AreaTable}, or {@link #AREA_EMPTY} / {@link #AREA_UNKNOWN}; {@code source} and {@code outcome}
 * positions in {@link CodeLists#SOURCES} and {@link CodeLists#OUTCOMES}, or {@link #CODE_UNKNOWN}.
 */
public final class ReferralBatch extends RecordBatch {
    public int[] referral = new int[0];
    /** Referral date as epoch day. */
    public int[] date = new int[0];
    public byte[] group = new byte[0];
    public int[] area = new int[0];
    /** Whole years at the referral date, 0..120. */
    public byte[] age = new byte[0];
    public byte[] source = new byte[0];
    public byte[] outcome = new byte[0];
    /** Position in {@link CodeLists#SEXES}: 0 F, 1 M, 2 U (not known). */
    public byte[] sex = new byte[0];

    public ReferralBatch(int capacity) {
        grow(capacity);
    }

    @Override
    protected int capacity() {
        return date.length;
    }

    @Override
    public void move(int from, int to) {
        referral[to] = referral[from];
        date[to] = date[from];
        group[to] = group[from];
        area[to] = area[from];
        age[to] = age[from];
        sex[to] = sex[from];
        source[to] = source[from];
        outcome[to] = outcome[from];
    }

    @Override
    protected void grow(int n) {
        referral = grow(referral, n);
        date = grow(date, n);
        group = grow(group, n);
        area = grow(area, n);
        age = grow(age, n);
        sex = grow(sex, n);
        source = grow(source, n);
        outcome = grow(outcome, n);
    }
}
