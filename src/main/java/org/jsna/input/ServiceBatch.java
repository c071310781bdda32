package org.jsna.input;

/**
 * Valid service events (see {@link RecordBatch} and {@link ReferralBatch} for indices and codes).
 * {@code referral} is the linked referral's index, {@link #NO_REFERRAL} when the event carries no
 * referral_id, {@link #REFERRAL_NOT_FOUND} when its referral_id is not in referrals.csv.
 */
public final class ServiceBatch extends RecordBatch {
    public static final int NO_REFERRAL = -1;
    public static final int REFERRAL_NOT_FOUND = -2;
    /**
     * The event names a referral that is looked up once every service is read: its link (or that it was not found)
     * comes to the sink then ({@link RecordSink#links}, {@link RecordSink#referralsNotFound}).
     */
    public static final int REFERRAL_LATER = -3;

    public int[] event = new int[0];
    /** Start date as epoch day. */
    public int[] start = new int[0];
    public byte[] group = new byte[0];
    public int[] area = new int[0];
    /** Whole years at the start date, 0..120. */
    public byte[] age = new byte[0];
    /** Cost in pounds (cost, or unit_cost x units), NaN when unknown. */
    public double[] cost = new double[0];
    public byte[] funder = new byte[0];
    public int[] referral = new int[0];
    /** Position in {@link CodeLists#SEXES}: 0 F, 1 M, 2 U (not known). */
    public byte[] sex = new byte[0];

    public ServiceBatch(int capacity) {
        grow(capacity);
    }

    @Override
    protected int capacity() {
        return start.length;
    }

    @Override
    public void move(int from, int to) {
        event[to] = event[from];
        start[to] = start[from];
        group[to] = group[from];
        area[to] = area[from];
        age[to] = age[from];
        sex[to] = sex[from];
        cost[to] = cost[from];
        funder[to] = funder[from];
        referral[to] = referral[from];
    }

    @Override
    protected void grow(int n) {
        event = grow(event, n);
        start = grow(start, n);
        group = grow(group, n);
        area = grow(area, n);
        age = grow(age, n);
        sex = grow(sex, n);
        cost = grow(cost, n);
        funder = grow(funder, n);
        referral = grow(referral, n);
    }
}
