package org.jsna.input;

/**
 * A client group (data.md): id, label and the inclusive age range of its denominator population.
 * {@code maxAge} is {@link #OPEN} for an open range such as {@code 65+}.
 */
public record ClientGroup(String id, String label, int minAge, int maxAge) {
    public static final int OPEN = 120;

    public boolean contains(int age) {
        return age >= minAge && age <= maxAge;
    }
}
