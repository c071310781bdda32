package org.jsna.validate;

/**
 * A population row (data.md, "population.csv"): sex F or M only (a population by sex has no "not known"), a
 * single year of age 0..120 ({@code 90+} and higher ages are 90 and over) or an age band {@code 0-4} ..
 * {@code 90+} ({@code bad_age_band}), a mid-year ({@code bad_year}), and a whole number of people
 * ({@link NumberRule#population}).
 */
public final class PopulationRules {
    /** A value that failed (the defect is reported). */
    public static final int FAILED = Integer.MIN_VALUE + 1;
    /** The age bands of the {@code age_band} column, band {@code k} being ages {@code 5k .. 5k+4} (the last 90+). */
    public static final String[] BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
        "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

    private PopulationRules() {
    }

    /**
     * The sex of a population row: 0 female or 1 male, or {@link #FAILED}.
     *
     * @param sexes the sex codes, with targets F, M, U in that order
     */
    public static int sex(Fields f, int i, CodeRule sexes) {
        int c = sexes.required(f, i);
        if (c == 2) {
            f.reject(i, "unknown_code", "F or M (population estimates are by sex; U, not known, is for referrals "
                    + "and services)");
            return FAILED;
        }
        return c < 0 ? FAILED : c;
    }

    /** A single year of age 0..120 as given (91, 95 … fold into 90 later), or {@link #FAILED}. */
    public static int age(Fields f, int i) {
        if (f.blank(i)) {
            Required.missing(f, i);
            return FAILED;
        }
        byte[] b = f.bytes();
        int s = f.start(i);
        int e = f.end(i);
        long a = e - s == 3 && b[s] == '9' && b[s + 1] == '0' && b[s + 2] == '+' ? 90 : Numbers.parseWhole(b, s, e);
        if (a < 0 || a > 120) {
            f.reject(i, "bad_age", "a whole number of years 0..120 (90 and over may be given as 90)");
            return FAILED;
        }
        return (int) a;
    }

    /** The index of an age band in {@link #BANDS}, or {@link #FAILED}. */
    public static int band(Fields f, int i) {
        byte[] b = f.bytes();
        int s = f.start(i);
        int len = f.end(i) - s;
        for (int k = 0; k < BANDS.length; k++) {
            String band = BANDS[k];
            if (band.length() == len && same(band, b, s)) {
                return k;
            }
        }
        f.reject(i, "bad_age_band", "an age band 0-4, 5-9, … 85-89, 90+");
        return FAILED;
    }

    private static boolean same(String ascii, byte[] b, int s) {
        for (int k = 0; k < ascii.length(); k++) {
            if (b[s + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** What a population year is expected to be, in messages. */
    public static final String YEAR_EXPECTED = "a mid-year such as 2023 (or a fiscal year such as 2023/24, which uses "
            + "mid-2023)";

    /**
     * The mid-year of the estimate 1800..2200, or {@link #FAILED}: a year, or a fiscal year {@code 2023/24} (also
     * {@code 2023-24}), whose population is that of mid-2023 (data.md: "A fiscal year 2023/24 uses mid-2023").
     */
    public static int year(Fields f, int i) {
        if (f.blank(i)) {
            Required.missing(f, i);
            return FAILED;
        }
        int s = f.start(i);
        int e = f.end(i);
        int y = fiscalYearStart(f.bytes(), s, e);
        if (y == FAILED) {
            long whole = Numbers.parseWhole(f.bytes(), s, e);
            y = whole < 1800 || whole > 2200 ? FAILED : (int) whole;
        }
        if (y < 1800 || y > 2200) {
            f.reject(i, "bad_year", YEAR_EXPECTED);
            return FAILED;
        }
        return y;
    }

    /** The first year of a fiscal year {@code yyyy/yy} or {@code yyyy-yy} whose second year follows the first, else FAILED. */
    public static int fiscalYearStart(byte[] b, int s, int e) {
        if (e - s != 7 || (b[s + 4] != '/' && b[s + 4] != '-')) {
            return FAILED;
        }
        int y = 0;
        for (int k = 0; k < 7; k++) {
            if (k == 4) {
                continue;
            }
            byte c = b[s + k];
            if (c < '0' || c > '9') {
                return FAILED;
            }
        }
        for (int k = 0; k < 4; k++) {
            y = 10 * y + (b[s + k] - '0');
        }
        int next = 10 * (b[s + 5] - '0') + (b[s + 6] - '0');
        return next == (y + 1) % 100 ? y : FAILED;
    }
}
