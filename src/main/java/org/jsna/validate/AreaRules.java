package org.jsna.validate;

/**
 * The area lookup (data.md, "areas.csv"): a locality that is not empty ({@code empty_locality}) and not one of
 * the names the tables give the whole area and records with an unknown area ({@code reserved_locality}: a real
 * locality of that name would merge with them), an IMD decile 1..10 ({@code bad_imd_decile}), and an optional
 * IMD score that is a plain number of 0 or more when given ({@link NumberRule#decimal}; jsna does not use it, but a
 * column of text there is a sign of a shifted file).
 */
public final class AreaRules {

    private AreaRules() {
    }

    /** True when field {@code i} is a locality name jsna can report under. */
    public static boolean locality(Fields f, int i) {
        if (f.blank(i)) {
            return f.reject(i, "empty_locality", "a locality name");
        }
        if (is(f, i, "All") || is(f, i, "Unknown")) {
            return f.reject(i, "reserved_locality", "a locality name other than All and Unknown (jsna's names for "
                    + "the whole area and for records with an unknown area)");
        }
        return true;
    }

    private static boolean is(Fields f, int i, String name) {
        int s = f.start(i);
        if (f.end(i) - s != name.length()) {
            return false;
        }
        byte[] b = f.bytes();
        for (int k = 0; k < name.length(); k++) {
            if (b[s + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** True when the IMD score of field {@code i} (absent: {@code i < 0}) is empty or a plain number of 0 or more. */
    public static boolean imdScore(Fields f, int i) {
        return i < 0 || NumberRule.decimal(f, i, "imd_score") != NumberRule.FAILED;
    }

    /** The IMD decile 1..10 of field {@code i}, or -1 after a defect. */
    public static int imdDecile(Fields f, int i) {
        long d = Numbers.parseWhole(f.bytes(), f.start(i), f.end(i));
        if (d < 1 || d > 10) {
            f.reject(i, "bad_imd_decile", "a whole number 1..10 (1 = most deprived)");
            return -1;
        }
        return (int) d;
    }
}
