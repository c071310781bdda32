package org.jsna.validate;

/**
 * Keys that must be unique (data.md): an identifier, an area code, a population key. The later row is the
 * one reported, and only valid rows count: a row whose first occurrence was itself rejected is not a
 * duplicate. An identifier is checked right after the row's shape, before its other values; an area code
 * before its locality and decile; a population key after all the row's values.
 */
public enum Duplicate {
    REFERRAL_ID("duplicate_referral_id", "a referral_id not given before (each referral once)"),
    EVENT_ID("duplicate_event_id", "an event_id not given before (each event once)"),
    AREA_CODE("duplicate_area_code", "an area code not already given"),
    POPULATION_KEY("duplicate_population_key", "one row per population key (area, sex, age, year): this key was "
            + "given before"),
    /** The key of an ONS wide population row, which holds every sex and age of its area. */
    ONS_WIDE_KEY("duplicate_population_key", "one row per area and year: this area was given before");

    public final String reason;
    private final String expected;

    Duplicate(String reason, String expected) {
        this.reason = reason;
        this.expected = expected;
    }

    /** What was expected, naming the line of the first occurrence when it is known (&gt; 0). */
    public String expected(long firstLine) {
        return firstLine > 0 ? expected + " (line " + firstLine + ")" : expected;
    }

    /** Reports the duplicate at field {@code i} of the later row; returns false. */
    public boolean reject(Fields f, int i, long firstLine) {
        return f.reject(i, reason, expected(firstLine));
    }
}
