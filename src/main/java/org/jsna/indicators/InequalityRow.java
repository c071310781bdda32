package org.jsna.indicators;

/** One row of inequalities.csv (indicators.md, "Inequality"); numbers NaN when empty. */
public final class InequalityRow {
    public String indicatorId;
    public String period;
    public String clientGroup;
    public double sii = Double.NaN;
    public double siiLower95 = Double.NaN;
    public double siiUpper95 = Double.NaN;
    public double rii = Double.NaN;
    public double riiLower95 = Double.NaN;
    public double riiUpper95 = Double.NaN;
    public double ratioMostLeastDeprived = Double.NaN;
    /** Regression intercept as PHEindicatormethods reports it: the fitted value at rank 0, the most deprived end. */
    public double intercept = Double.NaN;
    public String valueNote = "";

    /** Appends a sentence to value_note, separated by "; " (nothing for null or empty). */
    public void note(String text) {
        if (text != null && !text.isEmpty()) {
            valueNote = valueNote.isEmpty() ? text : valueNote + "; " + text;
        }
    }

    public static final String[] HEADER = {
        "indicator_id", "period", "client_group", "sii", "sii_lower_95", "sii_upper_95", "rii",
        "rii_lower_95", "rii_upper_95", "ratio_most_least_deprived", "value_note"
    };
}
