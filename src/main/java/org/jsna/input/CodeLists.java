package org.jsna.input;

import java.util.List;

/**
 * The fixed code lists of data.md, in data.md's order (the order of category rows, of ties in
 * disclosure control and of chart legends). The one home of this vocabulary: readers validate against
 * it, the aggregation indexes by it, the tables and charts list it.
 */
public final class CodeLists {

    /** Referral sources (category type {@code referral_source}). */
    public static final List<String> SOURCES = List.of("primary_care", "secondary_care", "self_or_family",
            "social_care", "community_health", "police_or_justice", "education", "other");
    /** Referral outcomes. */
    public static final List<String> OUTCOMES = List.of("service_provided", "signposted", "no_further_action",
            "ongoing", "declined", "other");
    /** Funders of service costs (category type {@code funder}). */
    public static final List<String> FUNDERS = List.of("nhs", "council", "pooled", "self");
    /** Sexes of referrals and services: F, M and U (not known); a population is F or M only. */
    public static final List<String> SEXES = List.of("F", "M", "U");

    /** The outcome that counts as converted, and the one left out of the conversion denominator. */
    public static final String SERVICE_PROVIDED = "service_provided";
    public static final String ONGOING = "ongoing";

    private CodeLists() {
    }

    /** Position of {@code code} in {@code list}, or -1 (also for null). */
    public static int index(List<String> list, String code) {
        return code == null ? -1 : list.indexOf(code);
    }
}
