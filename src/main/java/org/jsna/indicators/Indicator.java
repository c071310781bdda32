package org.jsna.indicators;

import java.util.List;

/**
 * The indicator catalogue (indicators.md). Every core indicator measures demand and has polarity
 * {@code none}. {@link #decile} marks the indicators that also get deprivation-decile rows.
 */
public enum Indicator {
    REFERRALS_RATE("referrals_rate", "Referrals received per 1,000 population",
            "referrals received in the period", "population", "per 1,000", "Byar (exact Poisson < 10)", true, null,
            Base.REFERRALS, Quantity.COUNT, Quantity.POPULATION),
    REFERRALS_DSR("referrals_dsr", "Referrals per 100,000 population, directly age-standardised (ESP2013)",
            "referrals by ESP2013 5-year band of the age at referral", "population by band",
            "per 100,000", "Dobson", false, null, Base.REFERRALS, Quantity.COUNT, Quantity.POPULATION),
    REFERRAL_SOURCE_PCT("referral_source_pct", "Share of referrals by referral source",
            "referrals from one source", "all referrals with a known source", "%", "Wilson", false, "referral_source",
            Base.REFERRALS, Quantity.COUNT, Quantity.COUNT),
    REFERRAL_CONVERSION_PCT("referral_conversion_pct", "Referrals that led to a service",
            "referrals with outcome service_provided", "referrals with a known outcome other than ongoing",
            "%", "Wilson", false, null, Base.REFERRALS, Quantity.COUNT, Quantity.COUNT),
    REPEAT_REFERRAL_PCT("repeat_referral_pct", "People referred more than once in the period",
            "people with 2+ referrals in the period (same client group)", "people with 1+ referral",
            "%", "Wilson", false, null, Base.REFERRALS, Quantity.COUNT, Quantity.COUNT),
    SERVICE_USERS_RATE("service_users_rate", "Service users per 1,000 population",
            "distinct people with a service event starting in the period (same client group)", "population",
            "per 1,000", "Byar (exact Poisson < 10)", true, null, Base.SERVICES, Quantity.COUNT, Quantity.POPULATION),
    SERVICE_EVENTS_RATE("service_events_rate", "Service events per 1,000 population",
            "service events starting in the period", "population", "per 1,000", "Byar (exact Poisson < 10)", false, null,
            Base.SERVICES, Quantity.COUNT, Quantity.POPULATION),
    COST_PER_HEAD("cost_per_head", "Cost of services per head of population",
            "total cost of events starting in the period", "population", "£ per head", "none", false, null,
            Base.SERVICES, Quantity.MONEY, Quantity.POPULATION),
    COST_PER_USER("cost_per_user", "Cost of services per service user",
            "total cost per distinct service user", "service users", "£ mean", "Student's t-distribution", false, null,
            Base.SERVICES, Quantity.MONEY, Quantity.COUNT),
    FUNDER_SHARE_PCT("funder_share_pct", "Share of cost by funder",
            "cost by funder", "total cost with a known funder", "%", "none", false, "funder",
            Base.SERVICES, Quantity.MONEY, Quantity.MONEY),
    WAIT_DAYS_MEDIAN("wait_days_median", "Median days from referral to first service",
            "days from referral to the first linked service event", "referrals with a linked event",
            "median days", "none", false, null, Base.REFERRALS, Quantity.COUNT, Quantity.COUNT),
    WAIT_DAYS_P90("wait_days_p90", "90th percentile of days from referral to first service",
            "days from referral to the first linked service event", "referrals with a linked event",
            "90th percentile days (nearest-rank)", "none", false, null, Base.REFERRALS, Quantity.COUNT, Quantity.COUNT);

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
    /** The records the indicator counts: indicators of one base share their disclosure pattern (docs/disclosure.md). */
    public final Base base;
    /** What the {@code count} column holds. */
    public final Quantity countKind;
    /** What the {@code denominator} column holds. */
    public final Quantity denominatorKind;

    /** The input records behind an indicator. */
    public enum Base {
        REFERRALS, SERVICES
    }

    /** What a count or denominator column holds: records or people, pounds, or residents (public). */
    public enum Quantity {
        COUNT, MONEY, POPULATION
    }

    Indicator(String id, String label, String numerator, String denominator, String unit, String method,
            boolean decile, String categoryType, Base base, Quantity countKind, Quantity denominatorKind) {
        this.id = id;
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
        this.unit = unit;
        this.method = method;
        this.decile = decile;
        this.categoryType = categoryType;
        this.base = base;
        this.countKind = countKind;
        this.denominatorKind = denominatorKind;
    }

    /** A column of an indicator row that holds a count or an amount. */
    public enum Column {
        COUNT, DENOMINATOR
    }

    /** One column of one indicator (at a given period, client group and place). */
    public record Cell(Indicator indicator, Column column) {
    }

    /**
     * A fact that holds between indicators of one base at the same period, client group and place
     * (locality, {@code Unknown} or {@code All}) by their definitions: the sum of the {@code left}
     * cells is at most the {@code right} cell, or equal to it when {@code exact}. With
     * {@code areaOnly} it holds for the {@code All} row only (people are placed by their first record,
     * so a person's other records may lie in another locality). Disclosure control uses them as an
     * intruder would, to bound hidden counts from published ones.
     */
    public record Relation(List<Cell> left, Cell right, boolean exact, boolean areaOnly) {
    }

    private static Cell count(Indicator i) {
        return new Cell(i, Column.COUNT);
    }

    private static Cell den(Indicator i) {
        return new Cell(i, Column.DENOMINATOR);
    }

    private static Relation atMost(Cell left, Cell right) {
        return new Relation(List.of(left), right, false, false);
    }

    private static Relation same(Cell left, Cell right) {
        return new Relation(List.of(left), right, true, false);
    }

    /** The relations between indicators of one base (see {@link Relation}). */
    public static final List<Relation> RELATIONS = List.of(
            atMost(count(REFERRALS_DSR), count(REFERRALS_RATE)), // in-range referrals
            atMost(den(REFERRAL_SOURCE_PCT), count(REFERRALS_RATE)), // referrals with a known source
            atMost(den(REFERRAL_CONVERSION_PCT), count(REFERRALS_RATE)),
            atMost(count(REFERRAL_CONVERSION_PCT), den(REFERRAL_CONVERSION_PCT)),
            atMost(den(REPEAT_REFERRAL_PCT), count(REFERRALS_RATE)), // a person placed here has a referral here
            atMost(count(REPEAT_REFERRAL_PCT), den(REPEAT_REFERRAL_PCT)),
            new Relation(List.of(den(REPEAT_REFERRAL_PCT), count(REPEAT_REFERRAL_PCT)), count(REFERRALS_RATE), false,
                    true), // every repeat person has two referrals or more
            atMost(count(WAIT_DAYS_MEDIAN), count(REFERRALS_RATE)), // referrals with a linked event
            same(count(WAIT_DAYS_MEDIAN), count(WAIT_DAYS_P90)),
            same(den(WAIT_DAYS_MEDIAN), count(WAIT_DAYS_MEDIAN)),
            same(den(WAIT_DAYS_P90), count(WAIT_DAYS_P90)),
            atMost(count(SERVICE_USERS_RATE), count(SERVICE_EVENTS_RATE)), // a user placed here has an event here
            atMost(den(COST_PER_USER), count(SERVICE_USERS_RATE)), // users with a known cost
            atMost(den(FUNDER_SHARE_PCT), count(COST_PER_HEAD)), // cost with a known funder
            new Relation(List.of(count(COST_PER_USER)), count(COST_PER_HEAD), true, true)); // all known cost

    /**
     * A count that data-quality.csv and manifest.json publish for an input file and that is the sum,
     * over every period and client group, of one indicator's count at one place.
     *
     * @param indicator the indicator whose counts add up to it
     * @param place {@code All} or {@code Unknown}
     * @param role the input file ({@code referrals} or {@code services})
     * @param items the data-quality items that give the sum away (withheld when it would reveal a
     *        suppressed count)
     */
    public record FileTotal(Indicator indicator, String place, String role, List<String> items) {
    }

    /**
     * The file totals (docs/disclosure.md): each file's rows used (less those outside --from/--to; rows
     * read less rows rejected gives it too) is the sum of the {@code All} counts of
     * {@code referrals_rate} (referrals.csv) and {@code service_events_rate} (services.csv); its records
     * with an empty or unknown area the sum of their {@code Unknown} counts; and the referrals with an
     * age outside their group are the {@code All} referrals less the {@code All} in-range referrals, so
     * the sum of {@code referrals_dsr}'s {@code All} counts is known too.
     */
    public static final List<FileTotal> FILE_TOTALS = List.of(
            new FileTotal(REFERRALS_RATE, "All", "referrals", List.of("rows_read", "rows_used")),
            new FileTotal(REFERRALS_RATE, "Unknown", "referrals", List.of("unknown_area", "empty_area")),
            new FileTotal(SERVICE_EVENTS_RATE, "All", "services", List.of("rows_read", "rows_used")),
            new FileTotal(SERVICE_EVENTS_RATE, "Unknown", "services", List.of("unknown_area", "empty_area")),
            new FileTotal(REFERRALS_DSR, "All", "referrals", List.of("age_outside_group")));

    /** The file total whose sum the plain row of {@code ind} at {@code locality} is part of, or null. */
    public static FileTotal fileTotal(Indicator ind, String locality) {
        for (FileTotal t : FILE_TOTALS) {
            if (t.indicator() == ind && t.place().equals(locality)) {
                return t;
            }
        }
        return null;
    }

    /** True when the plain row of {@code ind} at {@code locality} is a member of a file total. */
    public static boolean inFileTotal(Indicator ind, String locality) {
        return fileTotal(ind, locality) != null;
    }

    /**
     * The indicator that stands for its base in disclosure control: the count of the records
     * themselves (referrals; people using services), which the other indicators of the base count
     * subsets of or amounts about. The first indicator of the base in catalogue order.
     */
    public static Indicator lead(Base base) {
        for (Indicator i : values()) {
            if (i.base == base) {
                return i;
            }
        }
        throw new IllegalArgumentException("no indicator of base " + base);
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
