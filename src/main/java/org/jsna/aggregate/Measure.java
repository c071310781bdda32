package org.jsna.aggregate;

import java.util.List;
import org.jsna.input.CodeLists;

/**
 * What the aggregation counts or sums per period, client group and place ({@link CountCube}): the
 * numerators and denominators indicators are made of. An indicator names two of these
 * (indicators/Indicator), so a new indicator over existing measures is one catalogue entry.
 */
public enum Measure {
    /** Residents of the client group's age range at the period's mid-year. */
    POPULATION(Kind.POPULATION, null, "residents", "no population in the client group's age range"),
    /** Residents by ESP2013 band, clipped to the client group's age range (the DSR's denominators). */
    POPULATION_BY_BAND(Kind.BANDS, null, "residents", "no population in the client group's age range"),
    /** Referrals received in the period (any age). */
    REFERRALS(Kind.COUNT, null, "referrals", "no referrals"),
    /** Referrals of an age inside the client group's range, by ESP2013 band of the age at referral. */
    IN_RANGE_REFERRALS_BY_BAND(Kind.BANDS, null, "referrals", "no referrals"),
    /** Referrals by referral source (category type {@code referral_source}). */
    REFERRALS_BY_SOURCE(Kind.COUNT, CodeLists.SOURCES, "referrals", "no referrals"),
    /** Referrals with a known source. */
    REFERRALS_WITH_KNOWN_SOURCE(Kind.COUNT, null, "referrals", "no referrals with a known source"),
    /** Referrals with outcome {@code service_provided}. */
    CONVERTED_REFERRALS(Kind.COUNT, null, "referrals", "no referrals"),
    /** Referrals with a known outcome other than {@code ongoing}. */
    REFERRALS_WITH_KNOWN_OUTCOME(Kind.COUNT, null, "referrals",
            "no referrals with a known outcome other than ongoing"),
    /** People with two or more referrals of the client group in the period. */
    REPEAT_PEOPLE(Kind.COUNT, null, "people", "no people referred more than once"),
    /** People with a referral of the client group in the period. */
    REFERRED_PEOPLE(Kind.COUNT, null, "people", "no people referred"),
    /** Distinct people with a service event starting in the period. */
    SERVICE_USERS(Kind.COUNT, null, "service users", "no service users"),
    /** Service events starting in the period. */
    SERVICE_EVENTS(Kind.COUNT, null, "service events", "no service events"),
    /** Pounds of the known costs of events starting in the period. */
    COST(Kind.MONEY, null, "service events", "no known cost"),
    /** Pounds by funder (category type {@code funder}). */
    COST_BY_FUNDER(Kind.MONEY, CodeLists.FUNDERS, "service events", "no known cost"),
    /** Pounds with a known funder. */
    COST_WITH_KNOWN_FUNDER(Kind.MONEY, null, "service events", "no cost with a known funder"),
    /** Each service user's total known cost (users none of whose events has a known cost left out). */
    USER_COSTS(Kind.VALUES, null, "service users", "no service users with a known cost"),
    /** Days from each referral to its first linked service event. */
    WAITS(Kind.VALUES, null, "referrals", "no referrals with a linked service event");

    /** How a measure is held. */
    public enum Kind {
        /** A whole number of records or people. */
        COUNT,
        /** Pounds, with the number of distinct people behind them ({@link CountCube#people}). */
        MONEY,
        /** Residents (public: never disclosive). */
        POPULATION,
        /** One number per ESP2013 band. */
        BANDS,
        /** One value per person or referral (a distribution). */
        VALUES
    }

    public final Kind kind;
    /** The categories the measure is split by (data.md's code list), or null. */
    public final List<String> categories;
    /** What it counts, in the plural ("referrals", "service users"). */
    public final String noun;
    /** The note of a row whose denominator this measure is and is zero or empty. */
    public final String none;

    Measure(Kind kind, List<String> categories, String noun, String none) {
        this.kind = kind;
        this.categories = categories;
        this.noun = noun;
        this.none = none;
    }
}
