package org.jsna.sample;

import org.jsna.console.JsnaException;

/**
 * Size and seed of a synthetic input set ({@code jsna sample}). The defaults make the bundled
 * {@code sample-data/}: about 150 small areas in six localities, three fiscal years of referrals and
 * service events, under 10 MB in total. The limits allow a national-scale set (33,000 areas in 300
 * localities, 10 million referrals and 30 million service events, as scripts/bench uses).
 *
 * @param areas      number of small areas (LSOAs) of the council, at least 10 so that every
 *                   deprivation decile and every locality has one
 * @param referrals  number of rows of referrals.csv
 * @param services   number of rows of services.csv
 * @param seed       seed of the generator; the same settings always give the same bytes
 * @param localities number of localities: {@value #DEFAULT_LOCALITIES} gives the six named localities of the
 *                   bundled set, any other number that many localities with generated names
 * @param years      number of fiscal years of data, ending with 2024/25 ({@value #DEFAULT_YEARS}: 2022/23 to
 *                   2024/25, as the bundled set; five or more give the recent-trend marker something to test)
 */
public record SampleSettings(int areas, int referrals, int services, long seed, int localities, int years) {

    public static final int DEFAULT_AREAS = 150;
    public static final int DEFAULT_REFERRALS = 18_000;
    public static final int DEFAULT_SERVICES = 26_000;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_LOCALITIES = 6;
    public static final int DEFAULT_YEARS = 3;

    public static final int MIN_AREAS = 10;
    public static final int MAX_AREAS = 50_000;
    public static final int MAX_ROWS = 50_000_000;
    public static final int MAX_LOCALITIES = 1_000;
    public static final int MAX_YEARS = 10;

    public SampleSettings {
        if (areas < MIN_AREAS || areas > MAX_AREAS) {
            throw JsnaException.usage("--areas " + areas + ": expected a whole number from " + MIN_AREAS + " to " + MAX_AREAS);
        }
        if (referrals < 0 || referrals > MAX_ROWS) {
            throw JsnaException.usage("--referrals " + referrals + ": expected a whole number from 0 to " + MAX_ROWS);
        }
        if (services < 0 || services > MAX_ROWS) {
            throw JsnaException.usage("--services " + services + ": expected a whole number from 0 to " + MAX_ROWS);
        }
        if (localities < 1 || localities > MAX_LOCALITIES) {
            throw JsnaException.usage("--localities " + localities + ": expected a whole number from 1 to " + MAX_LOCALITIES);
        }
        if (years < 1 || years > MAX_YEARS) {
            throw JsnaException.usage("--years " + years + ": expected a whole number from 1 to " + MAX_YEARS);
        }
        if (localities > areas) {
            throw JsnaException.usage("--localities " + localities + ": at most --areas (" + areas
                    + "), as every locality needs a small area");
        }
    }

    /** Three fiscal years, as in the bundled set. */
    public SampleSettings(int areas, int referrals, int services, long seed, int localities) {
        this(areas, referrals, services, seed, localities, DEFAULT_YEARS);
    }

    /** Six named localities and three fiscal years, as in the bundled set. */
    public SampleSettings(int areas, int referrals, int services, long seed) {
        this(areas, referrals, services, seed, DEFAULT_LOCALITIES);
    }

    /** True when the localities are the six named ones of the bundled set. */
    public boolean namedLocalities() {
        return localities == DEFAULT_LOCALITIES;
    }

    public static SampleSettings defaults() {
        return new SampleSettings(DEFAULT_AREAS, DEFAULT_REFERRALS, DEFAULT_SERVICES, DEFAULT_SEED);
    }
}
