package org.jsna.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsna.console.JsnaException;

/**
 * The prevalence rates of {@code jsna project --prevalence} (docs/projection.md): {@code condition, sex,
 * age_band, rate_per_100}, a band being {@code a-b}, {@code a+} (a to 90 and over) or one age {@code a}
 * ({@code 90+} = 90); each condition's rates per sex (0 F, 1 M) and single year of age 0..90, 0 where no band
 * covers the age. Overlapping bands of one condition and sex, a rate outside 0..100, or a sex other than F/M
 * (after codes.sex) are input errors.
 */
public final class PrevalenceRates {

    /** One condition: its name as in the file (trimmed) and its rate per 100 by [sex][age]. */
    public record Condition(String name, double[][] ratePer100) {
    }

    public final String file;
    /** The file's encoding, as the manifest names it. */
    public final String encoding;
    /** In the order of their first row in the file. */
    public final List<Condition> conditions;
    public final long rowsRead;

    private PrevalenceRates(String file, String encoding, List<Condition> conditions, long rowsRead) {
        this.file = file;
        this.encoding = encoding;
        this.conditions = conditions;
        this.rowsRead = rowsRead;
    }

    public static PrevalenceRates read(Path path, Map<String, String> sexCodes) {
        SmallCsv t = SmallCsv.read(path, "--prevalence");
        int iCond = t.required("condition");
        int iSex = t.required("sex");
        int iBand = t.required("age_band");
        int iRate = t.required("rate_per_100");
        Map<String, double[][]> rates = new LinkedHashMap<>();
        Map<String, long[][]> lineOf = new LinkedHashMap<>();
        for (int r = 0; r < t.rows.size(); r++) {
            String[] row = t.rows.get(r);
            String name = row[iCond].strip();
            if (name.isEmpty()) {
                throw t.error(r, iCond, "the name of a condition");
            }
            int sex = SmallCsv.sex(row[iSex].strip(), sexCodes);
            if (sex < 0) {
                throw t.error(r, iSex, "F or M, or a value mapped to one of them in codes.sex (a rate for both sexes "
                        + "is two rows)");
            }
            int[] band = band(row[iBand].strip());
            if (band == null) {
                throw t.error(r, iBand, "an age band a-b (e.g. 65-69 or 18-64), a+ (a to 90 and over, e.g. 85+) or one "
                        + "age a, with ages 0..90 (90 = 90 and over)");
            }
            double rate = t.nonNegative(r, iRate, "a rate per 100 from 0 to 100", 100);
            double[][] v = rates.computeIfAbsent(name, k -> new double[2][91]);
            long[][] at = lineOf.computeIfAbsent(name, k -> new long[2][91]);
            for (int a = band[0]; a <= band[1]; a++) {
                if (at[sex][a] != 0) {
                    throw t.error(r, iBand, "bands of one condition and sex that do not overlap (age " + a
                            + " is already in the band of line " + at[sex][a] + ")");
                }
                at[sex][a] = t.lines[r];
                v[sex][a] = rate;
            }
        }
        if (rates.isEmpty()) {
            throw JsnaException.input(t.file + ": no rates: expected rows of condition, sex, age_band, rate_per_100");
        }
        List<Condition> out = new ArrayList<>();
        rates.forEach((k, v) -> out.add(new Condition(k, v)));
        return new PrevalenceRates(t.file, t.encoding, List.copyOf(out), t.rows.size());
    }

    /** {@code [low, high]} ages of a band (90 = 90 and over), or null. */
    static int[] band(String s) {
        int lo;
        int hi;
        if (s.endsWith("+")) {
            lo = ProjectedPopulation.whole(s.substring(0, s.length() - 1));
            hi = 90;
        } else if (s.indexOf('-') > 0) {
            int d = s.indexOf('-');
            lo = ProjectedPopulation.whole(s.substring(0, d));
            hi = ProjectedPopulation.whole(s.substring(d + 1));
        } else {
            lo = ProjectedPopulation.whole(s);
            hi = lo;
        }
        if (lo < 0 || hi < 0 || lo > 90 || hi > 90 || lo > hi) {
            return null;
        }
        return new int[] {lo, hi};
    }
}
