package org.jsna.input;

/**
 * Ordinal (UTF-16 code unit) order of the identifier texts behind two dense indices, so that later
 * stages can break ties by "smallest id" (indicators.md, "Where a person is counted") without the
 * identifiers ever leaving the input layer as text.
 */
@FunctionalInterface
public interface IdOrder {
    /** Negative, zero or positive as the id of index {@code a} sorts before, equal to or after that of {@code b}. */
    int compare(int a, int b);
}
