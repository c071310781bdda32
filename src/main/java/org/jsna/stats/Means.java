package org.jsna.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of a group of values with Student's t confidence limits:
 * {@code value = Σx / count}, {@code limits = value ∓ t_{1−α/2, count−1} · s / √count}, s the sample
 * standard deviation (denominator count − 1).
 *
 * <p>As PHEindicatormethods {@code phe_mean}: {@code count} is the number of values including
 * missing ones, and a missing value makes the sum, the standard deviation, the mean and the limits
 * missing; a single value has no standard deviation, so its limits are missing; a constant group
 * has limits equal to the mean.
 *
 * <p>Reference: Student (1908) The probable error of a mean. Biometrika 6:1–25,
 * doi:10.1093/biomet/6.1.1.
 */
public final class Means {

    /** The {@code method} label. */
    public static final String METHOD = "Student's t-distribution";

    private Means() {
    }

    /**
     * A group mean at one level.
     *
     * @param sum    Σx (NaN if any value is missing)
     * @param count  the number of values, missing ones included
     * @param stdev  the sample standard deviation (NaN for one value or a missing value)
     * @param value  the mean
     * @param lower  lower limit
     * @param upper  upper limit
     */
    public record Result(double sum, long count, double stdev, double value, double lower, double upper) {
    }

    /** The mean of {@code values} (NaN = missing) and its Student's t interval at {@code level}. */
    public static Result of(double[] values, double level) {
        int count = values.length;
        if (count == 0) {
            return new Result(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double value = sum / count;
        double stdev = Double.NaN;
        if (count > 1 && !Double.isNaN(sum)) {
            double mean = sum / count;
            double ss = 0;
            double comp = 0;
            for (double v : values) {
                double d = v - mean;
                ss += d * d;
                comp += d;
            }
            // corrected two-pass algorithm: removes the rounding error of the mean
            double var = (ss - comp * comp / count) / (count - 1);
            stdev = Math.sqrt(Math.max(0, var));
        }
        return withLimits(sum, count, stdev, value, level);
    }

    /** The result with value ∓ t_{1−α/2, count−1} · stdev / √count (missing when stdev is). */
    private static Result withLimits(double sum, long count, double stdev, double value, double level) {
        if (Double.isNaN(stdev)) {
            return new Result(sum, count, stdev, value, Double.NaN, Double.NaN);
        }
        double t = TDistribution.of(count - 1).inverseCumulativeProbability(level + (1 - level) / 2);
        double half = t * stdev / Math.sqrt(count);
        return new Result(sum, count, stdev, value, value - half, value + half);
    }

    /**
     * The mean and its Student's t interval at {@code level} from the exact moments of {@code count} values (none
     * missing): {@code sum} = Σx and {@code sumOfSquares} = Σx². The mean is Σx / count and the variance
     * (count·Σx² − (Σx)²) / (count·(count − 1)), each worked out exactly and rounded once (to 34 digits, then to a
     * double), so the result does not depend on the values' order; it agrees with {@link #of(double[], double)}
     * to the last digits.
     */
    public static Result of(long count, BigDecimal sum, BigDecimal sumOfSquares, double level) {
        if (count <= 0) {
            return new Result(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        BigDecimal n = BigDecimal.valueOf(count);
        double value = sum.divide(n, MathContext.DECIMAL128).doubleValue();
        double stdev = Double.NaN;
        if (count > 1) {
            BigDecimal spread = sumOfSquares.multiply(n).subtract(sum.multiply(sum));
            double var = spread.divide(n.multiply(BigDecimal.valueOf(count - 1)), MathContext.DECIMAL128)
                    .doubleValue();
            stdev = Math.sqrt(Math.max(0, var));
        }
        return withLimits(sum.doubleValue(), count, stdev, value, level);
    }
}
