package org.jsna.aggregate;

/** ESP2013 weights per band 0-4 … 90+ (methods.md), used to clip the standard to a client group's range. */
final class Dsr2013 {
    static final double[] WEIGHTS = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000,
        5500, 5000, 4000, 2500, 1500, 1000};

    private Dsr2013() {
    }
}
