package org.jsna.projection;

/** The measures projected from counts, in the order of projections.csv's rows (cost follows them). */
public enum Measure {
    REFERRALS("referrals"),
    SERVICE_USERS("service_users"),
    SERVICE_EVENTS("service_events");

    /** The name written in projections.csv's {@code measure} column. */
    public final String label;

    Measure(String label) {
        this.label = label;
    }

    /** The cost row's measure name. */
    public static final String COST = "cost";
    /** The prefix of prevalence rows' measure names. */
    public static final String PREVALENCE = "prevalence:";
}
