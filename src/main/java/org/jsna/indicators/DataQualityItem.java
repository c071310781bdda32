package org.jsna.indicators;

/**
 * One row of data-quality.csv: {@code file, item, count}. A {@code withheld} count is written empty
 * (docs/disclosure.md: a file total that would give back a suppressed indicator count).
 */
public record DataQualityItem(String file, String item, long count, boolean withheld) {

    public DataQualityItem(String file, String item, long count) {
        this(file, item, count, false);
    }

    /** This item with its count withheld. */
    public DataQualityItem withholding() {
        return new DataQualityItem(file, item, count, true);
    }
}
