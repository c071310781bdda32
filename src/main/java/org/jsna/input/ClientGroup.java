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
     * Whether a record of this age counts in the group: its age, folded into 90 as the population's ages are, within
     * the range. A range that takes in 90 has the residents of 90 and over in its denominator, so it counts their
     * records too ({@code 65-90} as {@code 65+}); without the fold, records of 91 and over fell out of a numerator
     * whose denominator held their residents.
     */
    public boolean contains(int age) {
        int a = Math.min(age, OLDEST);
        return a >= minAge && a <= maxAge;
    }
}
