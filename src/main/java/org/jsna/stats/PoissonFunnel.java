package org.jsna.stats;

import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * Exact Poisson inversion used by the funnel plots of ratios and rates, as in the PHE funnel-plot
 * Excel tool that PHEindicatormethods 2.1.0 reproduces ({@code poisson_funnel},
 * {@code poisson_cis}).
 *
 * <p>For an observed count {@code O} and a tail probability {@code p} (0.025 or 0.001) it finds
 * the expected count {@code E} at which O lies exactly on the control limit:
 * <ul>
 *   <li>side {@link Side#LOW}: {@code P(X >= O | E) = p} (the expected count below which O is
 *       significantly high; gives the <em>upper</em> control limit O/E);</li>
 *   <li>side {@link Side#HIGH}: {@code P(X <= O | E) = p} (gives the <em>lower</em> control
 *       limit O/E).</li>
 * </ul>
 * E is parametrised as {@code E = (1 + O) v / (1 - v)} and v is found by bisection on (0, 1),
 * starting at v = 1/2 with step 1/4 and halving the step until it is at most 1e-7 (23 steps).
 *
 * <p><b>Why the tail is summed here rather than taken from Commons Statistics.</b> The reference
 * stops its bisection at a step of 1e-7, so its answer is only as precise as that; matching it to
 * a relative 1e-9 therefore requires taking the same 23 decisions, and a decision near the final
 * steps can flip when the tail probability differs in the tenth significant digit. The reference
 * sums the Poisson series {@code sum_k e^-E E^k / k!} term by term from k = 0 and stops once
 * {@code k > E} and the next term is below 1e-10 of the running total (rescaling by 1e30 to
 * avoid overflow). {@link #tail} sums the series in exactly that way so that each comparison is
 * taken on the same number. Quantiles (normal, chi-square) elsewhere come from Commons Statistics.
 *
 * <p>The series costs about E terms, so above an expected count of {@value #SERIES_MAX_MEAN} the
 * tail comes from Commons Statistics' {@link PoissonDistribution} instead (O(1)). There the
 * reference's own sum is no longer exact to 1e-9 either (its truncation leaves up to about
 * {@code 1.6e-11 √E} of the total out), and the tail changes by about {@code 1e-4} relative per
 * final bisection step, so the two agree on the decisions except by rare coincidence.
 *
 * <p>References: Armitage P, Berry G, Matthews JNS (2002) Statistical methods in medical
 * research, 4th ed. (exact Poisson limits); Spiegelhalter DJ (2005) Funnel plots for comparing
 * institutional performance, Stat Med 24:1185-1202, doi:10.1002/sim.1970; Fingertips Public
 * Health Technical Guidance, funnel plots.
 */
final class PoissonFunnel {

    /** Which tail sits on the control limit. */
    enum Side {
        /** {@code P(X >= O | E) = p}: the expected count of the upper control limit. */
        LOW,
        /** {@code P(X <= O | E) = p}: the expected count of the lower control limit. */
        HIGH
    }

    private static final double STOP_STEP = 1e-7;
    private static final double RESCALE = 1e30;
    private static final double RELATIVE_STOP = 1e-10;
    /** Above this expected count the tail comes from Commons Statistics (see the class comment). */
    static final double SERIES_MAX_MEAN = 10000;

    private PoissonFunnel() {
    }

    /** The expected count E at which {@code observed} lies on the limit with tail {@code p}. */
    static double expected(double observed, double p, Side side) {
        double v = 0.5;
        double dv = 0.5;
        while (dv > STOP_STEP) {
            dv /= 2;
            double e = (1 + observed) * v / (1 - v);
            boolean down;
            if (side == Side.LOW) {
                down = atLeast(e, observed) > p;
            } else {
                down = atMost(e, observed) < p;
            }
            v = down ? v - dv : v + dv;
        }
        return (1 + observed) * v / (1 - v);
    }

    /** {@code P(X >= observed)} for X ~ Poisson(mean). */
    static double atLeast(double mean, double observed) {
        if (mean <= SERIES_MAX_MEAN || observed != Math.rint(observed)) {
            return tail(mean, observed, 1e10);
        }
        return PoissonDistribution.of(mean).survivalProbability((int) observed - 1);
    }

    /** {@code P(X <= observed)} for X ~ Poisson(mean). */
    static double atMost(double mean, double observed) {
        if (mean <= SERIES_MAX_MEAN || observed != Math.rint(observed)) {
            return tail(mean, 0, observed);
        }
        return PoissonDistribution.of(mean).cumulativeProbability((int) observed);
    }

    /**
     * {@code P(from <= X <= to)} for X ~ Poisson(mean), summed as the reference does (see the
     * class comment): terms {@code q_k = mean^k / k!} accumulated until {@code k > mean} and
     * {@code q_k <= 1e-10 * total}, the selected terms divided by the total.
     */
    static double tail(double mean, double from, double to) {
        double q = 1;
        double total = 0;
        double selected = 0;
        double k = 0;
        while (k <= mean || q > total * RELATIVE_STOP) {
            total += q;
            if (k >= from && k <= to) {
                selected += q;
            }
            if (total > RESCALE) {
                selected /= RESCALE;
                total /= RESCALE;
                q /= RESCALE;
            }
            k += 1;
            q = q * mean / k;
        }
        return selected / total;
    }
}
