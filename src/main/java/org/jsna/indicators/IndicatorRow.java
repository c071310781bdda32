package org.jsna.indicators;

/**
 * One row of indicators.csv (cli.md), in column order. Numbers are {@code NaN} when empty.
 * {@link #disclosureCount} and {@link #denominatorIsCount} are used by disclosure control and are
 * never written.
 */
public final class IndicatorRow {
    public String indicatorId;
    public String indicatorName;
    public String period;
    public String clientGroup;
    /** A locality name, {@code Unknown} or {@code All}. */
    public String locality;
    /** Empty for the plain breakdown; {@code deprivation_decile}, {@code referral_source}, {@code funder}. */
    public String categoryType = "";
    public String category = "";
    public double count = Double.NaN;
    public double denominator = Double.NaN;
    public double value = Double.NaN;
    public double lower95 = Double.NaN;
    public double upper95 = Double.NaN;
    public double lower998 = Double.NaN;
    public double upper998 = Double.NaN;
    public String unit = "";
    public String method = "";
    public double comparatorValue = Double.NaN;
    /** {@code higher}, {@code lower}, {@code similar} or {@code not compared}. */
    public String comparedToArea95 = "not compared";
    public String comparedToArea998 = "not compared";
    public String valueNote = "";
    /**
     * The recent-trend marker over the series ending at this row's period ({@link RecentTrend}):
     * {@code increasing}, {@code decreasing}, {@code no significant change} or {@code cannot be calculated}.
     */
    public String recentTrend = "";
    public String recentTrendReason = "";

    /** People behind the row for disclosure control (indicators.md): numerator count, or distinct people for money. */
    public long disclosureCount;
    /** For money shares: distinct people behind the denominator amount; for count denominators the count; else -1. */
    public long denominatorDisclosureCount = -1;
    public boolean suppressed;
    /**
     * For a mean (cost per service user), what it averages: kept when the row is suppressed and never written
     * out. The interval publishes them all the same (with n and the mean), so disclosure control reads them.
     */
    public Moments moments;

    /**
     * n values, their sum and the sum of their squared deviations from their mean (Σx² − (Σx)²/n, exact before
     * it was rounded to a double).
     */
    public record Moments(long n, double sum, double squaredDeviations) {
        /** The moments of these values and {@code other}'s together. */
        public Moments and(Moments other) {
            long k = n + other.n;
            if (n == 0 || other.n == 0) {
                return n == 0 ? other : this;
            }
            double d = other.sum / other.n - sum / n;
            return new Moments(k, sum + other.sum, squaredDeviations + other.squaredDeviations + d * d * n * other.n / k);
        }
    }
    /**
     * The notes of value_note that hold whatever the counts are (the population year, a part period,
     * an unknown population): a suppressed row keeps these and loses every other note, since a note
     * such as "no confidence interval for a single service user" would reveal the hidden count.
     */
    public final java.util.List<String> contextNotes = new java.util.ArrayList<>(2);

    public static final String[] HEADER = {
        "indicator_id", "indicator_name", "period", "client_group", "locality", "category_type", "category",
        "count", "denominator", "value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8",
        "unit", "method", "comparator_value", "compared_to_area_95", "compared_to_area_99_8", "value_note",
        "recent_trend", "recent_trend_reason"
    };

    public boolean isAll() {
        return "All".equals(locality);
    }

    public boolean isUnknown() {
        return "Unknown".equals(locality);
    }

    /** Appends a sentence that does not depend on the row's counts to value_note (see {@link #contextNotes}). */
    public void contextNote(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        note(text);
        contextNotes.add(text);
    }

    /** Appends a sentence to value_note, separated by "; ". */
    public void note(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        valueNote = valueNote.isEmpty() ? text : valueNote + "; " + text;
    }
}
