package org.jsna.input;

/**
 * A client group (data.md): id, label and the inclusive age range of its denominator population.
 * {@code maxAge} is {@link #OPEN} for an open range such as {@code 65+}.
 */
public record ClientGroup(String id, String label, int minAge, int maxAge) {
    public static final int OPEN = 120;
    /** The population's last age: "90 means 90 and over, and higher ages fold into 90" (data.md). */
    public static final int OLDEST = 90;

    /**
     * Whether a record of this age counts in the group: its age within the range, or, for a range that takes in 90,
     * any age above 90. Such a range has the residents of 90 and over in its denominator (the population's 90 is 90
     * and over), so it counts their records too ({@code 65-90} as {@code 65+}); before, records of 91 and over fell
     * out of a numerator whose denominator held their residents. A range above 90 ({@code 100+}) keeps its own ages.
     */
    public boolean contains(int age) {
        return age >= minAge && age <= maxAge || age > OLDEST && minAge <= OLDEST && maxAge >= OLDEST;
    }
}
