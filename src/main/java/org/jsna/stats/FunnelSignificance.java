package org.jsna.stats;

/**
 * Where a row lies relative to the funnel-plot control limits around the overall average
 * (PHEindicatormethods {@code assign_funnel_significance}). The labels are the reference
 * package's factor levels, written to the output as they are.
 */
public enum FunnelSignificance {
    /** Above the upper 99.8% limit (two-sided p = 0.001 each side). */
    HIGH_001("High (0.001)"),
    /** Above the upper 95% limit but not the 99.8% limit. */
    HIGH_025("High (0.025)"),
    /** Below the lower 99.8% limit. */
    LOW_001("Low (0.001)"),
    /** Below the lower 95% limit but not the 99.8% limit. */
    LOW_025("Low (0.025)"),
    /** Within the 95% limits. */
    NOT_SIGNIFICANT("Not significant"),
    /** Directly standardised rates with fewer than 10 events are not assessed. */
    NOT_APPLICABLE_DSR("Not applicable for events less than 10 for dsrs");

    private final String label;

    FunnelSignificance(String label) {
        this.label = label;
    }

    /** The label written to outputs, e.g. {@code High (0.001)}. */
    public String label() {
        return label;
    }
}
