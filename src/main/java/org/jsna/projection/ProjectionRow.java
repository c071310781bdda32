package org.jsna.projection;

/**
 * One row of projections.csv. Numbers that cannot be given are NaN (written empty); {@code clientGroup} is
 * empty for prevalence rows.
 */
public record ProjectionRow(int year, String clientGroup, String locality, String measure, double value,
        double lower, double upper, double baseValue, double changePct, String method) {
}
