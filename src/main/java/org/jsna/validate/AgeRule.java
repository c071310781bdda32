package org.jsna.validate;

/**
 * Age at a referral or service (data.md, "Age"): per row the first non-empty of {@code age} (whole years
 * 0..120; {@code 30.0} counts as whole), {@code birth_date} (exact age in completed years on the date) and
 * {@code birth_year} (taken as born on 1 July). An age outside 0..120 or a birth after the date is
 * {@code bad_age}; all three empty is {@code missing_value} at the first of them that the file has.
 */
public final class AgeRule {
    /** An age that failed (the defect is reported). */
    public static final int FAILED = Integer.MIN_VALUE + 1;

    private final DateRule dates;

    /** @param dates the file's date rule, for birth dates */
    public AgeRule(DateRule dates) {
        this.dates = dates;
    }

    /**
     * Whole years on {@code day} (an epoch day, named {@code dateWord} in messages), or {@link #FAILED}.
     *
     * @param cols the columns age, birth_date and birth_year (-1 when the file has not got one)
     */
    public int age(Fields f, int[] cols, int day, String dateWord) {
        byte[] b = f.bytes();
        if (!f.blank(cols[0])) {
            long a = Numbers.parseWhole(b, f.start(cols[0]), f.end(cols[0]));
            if (a < 0 || a > 120) {
                f.reject(cols[0], "bad_age", "a whole number of years 0..120");
                return FAILED;
            }
            return (int) a;
        }
        int at;
        int birth;
        if (!f.blank(cols[1])) {
            at = cols[1];
            int bd = dates.date(f, at, true);
            if (bd == DateRule.FAILED) {
                return FAILED;
            }
            birth = DatePattern.civil(bd);
        } else if (!f.blank(cols[2])) {
            at = cols[2];
            long yr = Numbers.parseWhole(b, f.start(at), f.end(at));
            if (yr < 1800 || yr > 2200) {
                f.reject(at, "bad_age", "a year of birth such as 1948");
                return FAILED;
            }
            birth = (int) yr * 10000 + 7 * 100 + 1;
        } else {
            Required.missing(f, cols[0] >= 0 ? cols[0] : cols[1] >= 0 ? cols[1] : cols[2]);
            return FAILED;
        }
        int on = DatePattern.civil(day);
        int age = on / 10000 - birth / 10000 - (on % 10000 < birth % 10000 ? 1 : 0);
        if (age < 0 || age > 120) {
            f.reject(at, "bad_age", "a birth giving an age 0..120 on the " + dateWord + " (age " + age + ")");
            return FAILED;
        }
        return age;
    }
}
