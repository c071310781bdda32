package org.jsna.input;

/**
 * One valid service event (contact or episode). See {@link ReferralRecord} for identifiers and
 * codes. A reader may reuse the instance.
 */
public final class ServiceRecord {
    public long line;
    public int eventIndex;
    public int personIndex;
    public String clientGroup;
    public String serviceType;
    /** Start date as epoch day. */
    public int startDate;
    /** End date as epoch day, or Integer.MIN_VALUE when empty (ongoing or single contact). */
    public int endDate = Integer.MIN_VALUE;
    /** Units, NaN when empty. */
    public double units = Double.NaN;
    /** Cost in pounds (cost, or unit_cost x units), NaN when unknown. */
    public double cost = Double.NaN;
    /** Canonical funder code, or null when empty (unknown). */
    public String funder;
    /** Index of the linked referral, -1 when the event has no referral_id or it was not found. */
    public int referralIndex = -1;
    /** True when the event carried a referral_id that is not in referrals.csv (counted in data quality). */
    public boolean referralIdNotFound;
    public String areaCode;
    public char sex;
    /** Whole years at the start date. */
    public int age;
}
