package org.jsna.stats;

/**
 * Assigns small areas to quantiles of a score within one group (e.g. LSOAs of a local authority
 * to deciles of the IMD score), as {@code phe_quantile} of the reference R package
 * PHEindicatormethods 2.1.0 and the OHID guide to assigning deprivation categories.
 *
 * <p>With N the number of non-missing values and q the number of quantiles, each value is ranked
 * with ties given the minimum rank — in descending order of value when {@code invert} (the
 * default: quantile 1 holds the highest scores, e.g. the most deprived), ascending otherwise — and
 * <pre>  quantile = floor((q + 1) − ceiling((N + 1 − rank) / (N / q)))</pre>
 * with 0 replaced by 1. Missing values get no quantile. When N &lt; q the whole group gets no
 * quantiles (the reference package warns "One or more groups had too few small areas with values
 * to allow quantiles to be assigned"). The arithmetic is done in doubles in the reference's order
 * so that boundary cases round alike.
 *
 * <p>Reference: Office for Health Improvement and Disparities, Fingertips Public Health
 * Technical Guidance, "Assigning deprivation categories"
 * (https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/).
 */
public final class Quantiles {

    /** Warning text when a group has fewer values than quantiles. */
    public static final String TOO_FEW_WARNING =
            "One or more groups had too few small areas with values to allow quantiles to be assigned";

    /** Note for the rows of such a group. */
    public static final String TOO_FEW_NOTE = "fewer values in the group than quantiles";

    /**
     * Quantiles of one group.
     *
     * @param quantile per input row, the quantile 1..q, or NaN where none is assigned
     * @param tooFew   true when the group had fewer non-missing values than quantiles
     */
    public record Result(double[] quantile, boolean tooFew) {
    }

    private Quantiles() {
    }

    /**
     * Assigns quantiles within one group.
     *
     * @param values     scores (NaN = missing), in any order
     * @param nQuantiles number of quantiles (at least 1)
     * @param invert     true: quantile 1 holds the highest values; false: the lowest
     * @return the quantile of each value, in the input order
     * @throws IllegalArgumentException when {@code nQuantiles} &lt; 1
     */
    public static Result assign(double[] values, int nQuantiles, boolean invert) {
        if (nQuantiles < 1) {
            throw new IllegalArgumentException("number of quantiles must be at least 1");
        }
        int rows = values.length;
        double[] quantile = new double[rows];
        java.util.Arrays.fill(quantile, Double.NaN);
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n < nQuantiles) {
            return new Result(quantile, true);
        }
        // sort the non-missing values in ranking order; the min rank of a value is 1 + the number
        // of values strictly before it in that order
        double[] sorted = new double[n];
        int j = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sorted[j++] = invert ? -v : v;
            }
        }
        java.util.Arrays.sort(sorted);
        double perQuantile = (double) n / nQuantiles;
        for (int i = 0; i < rows; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            double key = invert ? -v : v;
            int rank = lowerBound(sorted, key) + 1;
            double q = Math.floor((nQuantiles + 1) - Math.ceil(((n + 1) - rank) / perQuantile));
            quantile[i] = q == 0 ? 1 : q;
        }
        return new Result(quantile, false);
    }

    /** Index of the first element not less than {@code key} (numeric order, -0.0 equal to 0.0). */
    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
