package org.jsna.indicators;

/**
 * The indicator catalogue (indicators.md). Every core indicator measures demand and has polarity
 * {@code none}. {@link #decile} marks the indicators that also get deprivation-decile rows.
 */
public enum Indicator {
    REFERRALS_RATE("referrals_rate", "Referrals received per 1,000 population",
            "referrals received in the period", "population", "per 1,000", "Byar (exact Poisson < 10)", true, null),
    REFERRALS_DSR("referrals_dsr", "Referrals per 100,000 population, directly age-standardised (ESP2013)",
            "referrals by ESP2013 5-year band of the age at referral", "population by band",
            "per 100,000", "Dobson", false, null),
    REFERRAL_SOURCE_PCT("referral_source_pct", "Share of referrals by referral source",
            "referrals from one source", "all referrals with a known source", "%", "Wilson", false, "referral_source"),
    REFERRAL_CONVERSION_PCT("referral_conversion_pct", "Referrals that led to a service",
            "referrals with outcome service_provided", "referrals with a known outcome other than ongoing",
            "%", "Wilson", false, null),
    REPEAT_REFERRAL_PCT("repeat_referral_pct", "People referred more than once in the period",
            "people with 2+ referrals in the period (same client group)", "people with 1+ referral",
            "%", "Wilson", false, null),
    SERVICE_USERS_RATE("service_users_rate", "Service users per 1,000 population",
            "distinct people with a service event starting in the period (same client group)", "population",
            "per 1,000", "Byar (exact Poisson < 10)", true, null),
    SERVICE_EVENTS_RATE("service_events_rate", "Service events per 1,000 population",
            "service events starting in the period", "population", "per 1,000", "Byar (exact Poisson < 10)", false, null),
    COST_PER_HEAD("cost_per_head", "Cost of services per head of population",
            "total cost of events starting in the period", "population", "£ per head", "none", false, null),
    COST_PER_USER("cost_per_user", "Cost of services per service user",
            "total cost per distinct service user", "service users", "£ mean", "Student's t-distribution", false, null),
    FUNDER_SHARE_PCT("funder_share_pct", "Share of cost by funder",
            "cost by funder", "total cost with a known funder", "%", "none", false, "funder"),
    WAIT_DAYS_MEDIAN("wait_days_median", "Median days from referral to first service",
            "days from referral to the first linked service event", "referrals with a linked event",
            "median days", "none", false, null),
    WAIT_DAYS_P90("wait_days_p90", "90th percentile of days from referral to first service",
            "days from referral to the first linked service event", "referrals with a linked event",
            "90th percentile days (nearest-rank)", "none", false, null);

    public final String id;
    public final String label;
    public final String numerator;
    public final String denominator;
    public final String unit;
    public final String method;
    public final boolean decile;
    /** The category_type of a category indicator, or null. */
    public final String categoryType;
    public final String polarity = "none";

    Indicator(String id, String label, String numerator, String denominator, String unit, String method,
            boolean decile, String categoryType) {
        this.id = id;
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
        this.unit = unit;
        this.method = method;
        this.decile = decile;
        this.categoryType = categoryType;
    }

    public static Indicator byId(String id) {
        for (Indicator i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown indicator: " + id);
    }
}
