package org.jsna.indicators;

/** One row of data-quality.csv: {@code file, item, count}. */
public record DataQualityItem(String file, String item, long count) {
}
