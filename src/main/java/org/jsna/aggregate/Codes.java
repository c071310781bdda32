package org.jsna.aggregate;

import java.util.List;

/** The fixed code lists of data.md, in data.md order. */
public final class Codes {

    public static final List<String> SOURCES = List.of("primary_care", "secondary_care", "self_or_family",
            "social_care", "community_health", "police_or_justice", "education", "other");
    public static final List<String> OUTCOMES = List.of("service_provided", "signposted", "no_further_action",
            "ongoing", "declined", "other");
    public static final List<String> FUNDERS = List.of("nhs", "council", "pooled", "self");

    /** ESP2013 band labels, 19 bands. */
    public static final List<String> BANDS = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34",
            "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89",
            "90+");

    private Codes() {
    }

    /** ESP2013 band index of an age (90 and over -> 18). */
    public static int band(int age) {
        return Math.min(age, 90) / 5;
    }

    static int index(List<String> codes, String code) {
        return code == null ? -1 : codes.indexOf(code);
    }
}
