package org.jsna.input;

/**
 * One valid referral. Identifiers never leave the input layer as text: {@code referralIndex} and
 * {@code personIndex} are dense ints (0, 1, 2, …) given in order of first appearance; a person's
 * index is shared between referrals and services. Coded values are canonical (after jsna.yaml
 * mapping); unknown optional codes are null. A reader may reuse the instance.
 */
public final class ReferralRecord {
    public long line;
    public int referralIndex;
    public int personIndex;
    /** Referral date as epoch day (LocalDate.toEpochDay()). */
    public int date;
    /** Client group id (one of the configured groups). */
    public String clientGroup;
    /** Area code as given; empty string when empty. */
    public String areaCode;
    public char sex;
    /** Whole years at the referral date (from age, birth_date or birth_year). */
    public int age;
    /** Canonical source code, or null when empty (unknown). */
    public String source;
    /** Canonical outcome code, or null when empty (unknown). */
    public String outcome;
}
