package org.jsna.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jsna.console.JsnaException;

/**
 * The projected population of {@code jsna project} (docs/projection.md), read from either layout:
 * <ul>
 *   <li><b>long</b>: {@code year, sex, age, population} with {@code area_code} (summed to its locality; codes
 *       outside the lookup left out and counted) or else {@code locality}; sex as population.csv's, ages above
 *       90 in 90, decimals unrounded, a repeated key an error, a missing one 0;</li>
 *   <li><b>snpp</b>: ONS subnational projections ({@code AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP,
 *       <year>...}), summed over the named local authorities into the council's population by sex and age,
 *       to be shared out to localities by the projection.</li>
 * </ul>
 * A long file gives {@link #byLocality}; an SNPP file {@link #council}. Both by year, sex (0 F, 1 M) and
 * single year of age 0..90.
 */
public final class ProjectedPopulation {

    public static final String LONG = "long";
    /**
     * The most people one row or cell may hold (10^12, a hundred times the world's population): more is a
     * mistake, and a number near the largest double overflowed the projection's variance to infinity.
     */
    public static final double MAX_PEOPLE = 1e12;
    private static final String PEOPLE = "a number of people from 0 to 10^12 (decimals allowed)";
    public static final String SNPP = "snpp";

    /** {@code long} or {@code snpp}. */
    public final String layout;
    public final String file;
    /** The file's encoding, as the manifest names it. */
    public final String encoding;
    /** The file's years, ascending. */
    public final List<Integer> years;
    /** Long layout: year -> [locality][sex][age]; null for SNPP. */
    public final Map<Integer, double[][][]> byLocality;
    /** SNPP: year -> [sex][age], the sum of {@link #areas}; null for long. */
    public final Map<Integer, double[][]> council;
    /** SNPP: the area codes summed, in the file's order. */
    public final List<String> areas;
    /** Rows read, and long rows left out as their area code is not in the lookup. */
    public final long rowsRead;
    public final long outsideLookup;

    private ProjectedPopulation(String layout, String file, String encoding, List<Integer> years, Map<Integer, double[][][]> byLocality,
            Map<Integer, double[][]> council, List<String> areas, long rowsRead, long outsideLookup) {
        this.layout = layout;
        this.file = file;
        this.encoding = encoding;
        this.years = years;
        this.byLocality = byLocality;
        this.council = council;
        this.areas = areas;
        this.rowsRead = rowsRead;
        this.outsideLookup = outsideLookup;
    }

    /**
     * Reads the file.
     *
     * @param path            the file ({@code --projections})
     * @param localities      the lookup's localities in reporting order
     * @param localityOfArea  an area code's locality, or null when the code is not in the lookup
     * @param sexCodes        codes.sex of jsna.yaml (long layout)
     * @param projectionAreas {@code --projection-areas}, or null
     */
    public static ProjectedPopulation read(Path path, List<String> localities, Function<String, String> localityOfArea,
            Map<String, String> sexCodes, List<String> projectionAreas) {
        SmallCsv shape = SmallCsv.shape(path, "--projections");
        boolean snpp = shape.column("AREA_CODE") >= 0 && shape.column("COMPONENT") >= 0 && shape.column("SEX") >= 0
                && shape.column("AGE_GROUP") >= 0;
        if (!snpp && projectionAreas != null) {
            throw JsnaException.usage("--projection-areas is for a projections file in the ONS SNPP layout (AREA_CODE, "
                    + "COMPONENT, SEX, AGE_GROUP, years); " + shape.file + " is in the long layout");
        }
        // the long layout a row at a time: by area it may have millions of rows (11 million held as text took
        // 6 GiB), where what is kept is one array per year
        return snpp ? snpp(SmallCsv.read(path, "--projections"), projectionAreas)
                : longLayout(path, shape, localities, localityOfArea, sexCodes);
    }

    private static ProjectedPopulation longLayout(Path path, SmallCsv t, List<String> localities,
            Function<String, String> localityOfArea, Map<String, String> sexCodes) {
        int iYear = t.required("year");
        int iSex = t.required("sex");
        int iAge = t.required("age");
        int iPop = t.required("population");
        int iArea = t.column("area_code");
        int iLoc = iArea >= 0 ? -1 : t.required("locality");
        Map<String, Integer> loc = new HashMap<>();
        for (int i = 0; i < localities.size(); i++) {
            loc.put(localities.get(i), i);
        }
        TreeMap<Integer, double[][][]> out = new TreeMap<>();
        // one bit per (place, sex) in a set per (year, age as written: 5 and 05 are two ages, 90 and 90+ too, as
        // they always were): a second row for one is an error
        Map<String, Integer> places = new HashMap<>();
        Map<String, Integer> ageTexts = new HashMap<>();
        Map<Long, java.util.BitSet> seen = new HashMap<>();
        long[] outside = new long[1];
        long[] rowsRead = new long[1];
        SmallCsv.stream(path, "--projections", t, v -> {
            int r = 0;
            rowsRead[0]++;
            String[] row = v.rows.get(r);
            String place = (iArea >= 0 ? row[iArea] : row[iLoc]).strip();
            int placeCol = iArea >= 0 ? iArea : iLoc;
            if (place.isEmpty()) {
                throw v.error(r, placeCol, iArea >= 0 ? "an area code of the lookup" : "a locality of the lookup");
            }
            int year = year(v, r, iYear);
            int sex = SmallCsv.sex(row[iSex].strip(), sexCodes);
            if (sex < 0) {
                throw v.error(r, iSex, "F or M, or a value mapped to one of them in codes.sex");
            }
            String ageText = row[iAge].strip();
            int age = ageText.equals("90+") ? 90 : whole(ageText);
            if (age < 0 || age > 120) {
                throw v.error(r, iAge, "a whole number of years 0..120 (90 and over may be given as 90 or 90+)");
            }
            double pop = v.nonNegative(r, iPop, PEOPLE, MAX_PEOPLE);
            int placeId = places.computeIfAbsent(place, k -> places.size());
            long yearAge = (long) year << 32 | ageTexts.computeIfAbsent(ageText, k -> ageTexts.size());
            java.util.BitSet met = seen.computeIfAbsent(yearAge, k -> new java.util.BitSet());
            int bit = placeId * 2 + sex; // a billion places would not fit in memory first
            if (met.get(bit)) {
                throw JsnaException.input(JsnaException.where(t.file, v.lines[r], null) + ": a second row for "
                        + (iArea >= 0 ? "area " : "locality ") + "'" + JsnaException.quote(place) + "', sex "
                        + (sex == 0 ? "F" : "M") + ", age " + ageText + ", year " + year
                        + ": expected one row per (" + (iArea >= 0 ? "area_code" : "locality") + ", sex, age, year)");
            }
            met.set(bit);
            String locality = iArea >= 0 ? localityOfArea.apply(place) : place;
            if (locality == null) {
                outside[0]++;
                return;
            }
            Integer l = loc.get(locality);
            if (l == null) {
                throw v.error(r, iLoc, "a locality of the area lookup (" + String.join(", ", localities) + ")");
            }
            out.computeIfAbsent(year, y -> new double[localities.size()][2][91])[l][sex][Math.min(age, 90)] += pop;
        });
        if (out.isEmpty()) {
            throw JsnaException.input(t.file + ": no projected population row for an area or locality of the lookup"
                    + (outside[0] > 0 ? " (" + outside[0] + " rows left out as outside it)" : "")
                    + ": expected rows of year, sex, age, population by locality or area_code");
        }
        return new ProjectedPopulation(LONG, t.file, t.encoding, List.copyOf(out.keySet()), out, null, List.of(),
                rowsRead[0], outside[0]);
    }

    private static ProjectedPopulation snpp(SmallCsv t, List<String> named) {
        int iArea = t.required("AREA_CODE");
        int iComp = t.required("COMPONENT");
        int iSex = t.required("SEX");
        int iAge = t.required("AGE_GROUP");
        List<Integer> yearCols = new ArrayList<>();
        TreeMap<Integer, Integer> colOfYear = new TreeMap<>();
        for (int c = 0; c < t.names.size(); c++) {
            if (t.names.get(c).matches("\\d{4}")) {
                yearCols.add(c);
                colOfYear.put(Integer.parseInt(t.names.get(c)), c);
            }
        }
        if (colOfYear.isEmpty()) {
            throw JsnaException.input(JsnaException.where(t.file, 1, null) + ": no year column (a four-digit year "
                    + "such as 2025) in the SNPP layout; the columns are " + String.join(", ", t.names));
        }
        Set<String> wanted = named == null ? null : new LinkedHashSet<>(named);
        LinkedHashSet<String> used = new LinkedHashSet<>();
        Map<String, boolean[][]> present = new HashMap<>();
        Map<Integer, double[][]> sum = new TreeMap<>();
        for (int y : colOfYear.keySet()) {
            sum.put(y, new double[2][91]);
        }
        for (int r = 0; r < t.rows.size(); r++) {
            String[] row = t.rows.get(r);
            if (!row[iComp].strip().equals("Population")) {
                continue;
            }
            String ageText = row[iAge].strip();
            if (ageText.equals("All ages")) {
                continue;
            }
            String code = row[iArea].strip();
            if (wanted != null && !wanted.contains(code)) {
                continue;
            }
            String sexText = row[iSex].strip().toLowerCase(java.util.Locale.ROOT);
            int sex;
            switch (sexText) {
                case "female", "f", "2" -> sex = 0;
                case "male", "m", "1" -> sex = 1;
                case "persons" -> sex = -1;
                default -> throw t.error(r, iSex, "female, male or persons (or F/M, 2/1)");
            }
            if (sex < 0) {
                continue;
            }
            int age = ageText.equals("90 and over") ? 90 : whole(ageText);
            if (age < 0 || age > 89 && !ageText.equals("90 and over")) {
                throw t.error(r, iAge, "an age 0..89, '90 and over' or 'All ages'");
            }
            if (code.isEmpty()) {
                throw t.error(r, iArea, "an area code");
            }
            boolean[][] p = present.computeIfAbsent(code, k -> new boolean[2][91]);
            if (p[sex][age]) {
                throw JsnaException.input(JsnaException.where(t.file, t.lines[r], null) + ": a second Population row "
                        + "for area " + "'" + JsnaException.quote(code) + "', sex " + (sex == 0 ? "female" : "male") + ", age "
                        + ageText + ": expected one row per (AREA_CODE, SEX, AGE_GROUP)");
            }
            p[sex][age] = true;
            used.add(code);
            for (Map.Entry<Integer, Integer> e : colOfYear.entrySet()) {
                sum.get(e.getKey())[sex][age] += t.nonNegative(r, e.getValue(), PEOPLE, MAX_PEOPLE);
            }
        }
        List<String> codes = wanted != null ? List.copyOf(wanted) : List.copyOf(used);
        if (codes.isEmpty()) {
            throw JsnaException.input(t.file + ": no rows with COMPONENT Population and a single year of age: expected "
                    + "the ONS SNPP layout's Population rows by SEX and AGE_GROUP");
        }
        for (String code : codes) {
            boolean[][] p = present.get(code);
            if (p == null) {
                throw JsnaException.input(t.file + ": area " + "'" + JsnaException.quote(code) + "' of --projection-areas has "
                        + "no Population rows: expected rows for both sexes and every age 0..89 and 90 and over");
            }
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a <= 90; a++) {
                    if (!p[s][a]) {
                        throw JsnaException.input(t.file + ": area " + "'" + JsnaException.quote(code) + "' has no Population "
                                + "row for " + (s == 0 ? "female" : "male") + " age " + (a == 90 ? "90 and over" : a)
                                + ": expected rows for both sexes and every age 0..89 and 90 and over");
                    }
                }
            }
        }
        return new ProjectedPopulation(SNPP, t.file, t.encoding, List.copyOf(colOfYear.keySet()), null, sum, codes,
                t.rows.size(), 0);
    }

    private static int year(SmallCsv t, int r, int c) {
        String s = t.rows.get(r)[c].strip();
        int y = s.matches("\\d{4}") ? Integer.parseInt(s) : -1;
        if (y < 1800 || y > 2200) {
            throw t.error(r, c, "a year such as 2030");
        }
        return y;
    }

    /** A whole number 0..999 written in digits, or -1. */
    static int whole(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}
