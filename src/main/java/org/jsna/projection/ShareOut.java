package org.jsna.projection;

/**
 * Shares a council's projected population (ONS SNPP, by sex and single year of age) out to its localities
 * (docs/projection.md): Q(l,s,a) = S(s,a) x B(l,s,a) / sum over l' of B(l',s,a), B being the base year's
 * population. Where the council has no base-year population of a sex and age, that age goes by the
 * localities' shares of the sex's population in its five-year band, failing that of the sex at all ages,
 * failing that (no population of the sex at all) evenly over the localities.
 */
public final class ShareOut {

    private ShareOut() {
    }

    /**
     * @param council  S by [sex 0 F, 1 M][age 0..90]
     * @param baseYear B by [locality][sex][age 0..90]
     * @return Q by [locality][sex][age]
     */
    public static double[][][] of(double[][] council, double[][][] baseYear) {
        int nl = baseYear.length;
        double[][][] out = new double[nl][2][91];
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a <= 90; a++) {
                double[] weight = weights(baseYear, s, a);
                double total = 0;
                for (double w : weight) {
                    total += w;
                }
                for (int l = 0; l < nl; l++) {
                    out[l][s][a] = total > 0 ? council[s][a] * weight[l] / total : council[s][a] / nl;
                }
            }
        }
        return out;
    }

    /** The localities' weights for sex s and age a: the age's population, else its band's, else the sex's. */
    private static double[] weights(double[][][] b, int s, int a) {
        int nl = b.length;
        double[] w = new double[nl];
        double total = 0;
        for (int l = 0; l < nl; l++) {
            w[l] = b[l][s][a];
            total += w[l];
        }
        if (total > 0) {
            return w;
        }
        int lo = Base.band(a) * 5;
        int hi = lo == 90 ? 90 : lo + 4;
        for (int l = 0; l < nl; l++) {
            w[l] = 0;
            for (int x = lo; x <= hi; x++) {
                w[l] += b[l][s][x];
            }
            total += w[l];
        }
        if (total > 0) {
            return w;
        }
        for (int l = 0; l < nl; l++) {
            w[l] = 0;
            for (int x = 0; x <= 90; x++) {
                w[l] += b[l][s][x];
            }
        }
        return w;
    }
}
