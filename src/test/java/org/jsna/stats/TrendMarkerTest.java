package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.stats.TrendMarker.Kind;
import org.jsna.stats.TrendMarker.Point;
import org.jsna.stats.TrendMarker.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The recent-trend marker against numbers made outside jsna:
 * <ul>
 *   <li>every series of the R port's test workbook ({@code src/test/resources/trend/}, see SOURCE.md there):
 *       marker and reason exactly, X² and slope to 1e-9 relative;</li>
 *   <li>the cases of Fingertips' C# unit tests ({@code TrendMarkerCalculatorTest.cs}, ukhsa-collaboration/
 *       fingertips-open @ 6780897), whose expected X² were rounded to 2 d.p. with the C# divisor 3.92;</li>
 *   <li>hand-made series whose X² and slopes are exact rationals, worked by hand and checked with
 *       Python's {@code fractions} (exact rational arithmetic, formulas of trends.md without centring).</li>
 * </ul>
 */
class TrendMarkerTest {

    private static final double REL = 1e-9;
    private static final double Z = TrendMarker.Z95;

    // ------------------------------------------------------------------ the R workbook

    @TestFactory
    Stream<DynamicTest> rWorkbookRate() throws IOException {
        return workbook("r_workbook_rate", Kind.RATE);
    }

    @TestFactory
    Stream<DynamicTest> rWorkbookProportion() throws IOException {
        return workbook("r_workbook_proportion", Kind.PROPORTION);
    }

    private Stream<DynamicTest> workbook(String name, Kind kind) throws IOException {
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (CSVRecord r : csv(name + ".csv")) {
            String p = r.get("period");
            double order = p.contains("/") ? Integer.parseInt(p.substring(0, 4)) : Double.parseDouble(p);
            Point pt = new Point(order, num(r.get("count")), num(r.get("denominator")), num(r.get("value")),
                    num(r.get("lower_ci_95")), num(r.get("upper_ci_95")));
            series.computeIfAbsent(r.get("sheet") + " / " + r.get("group"), k -> new ArrayList<>()).add(pt);
        }
        List<CSVRecord> expected = csv(name + ".out.csv");
        assertEquals(series.size(), expected.size(), "one expected row per series");
        return expected.stream().map(e -> DynamicTest.dynamicTest(e.get("sheet") + " / " + e.get("group"), () -> {
            Result r = TrendMarker.of(series.get(e.get("sheet") + " / " + e.get("group")), kind);
            assertEquals(e.get("marker"), r.marker());
            assertEquals(e.get("reason"), r.reason());
            assertClose(num(e.get("statistic")), r.statistic(), "statistic");
            assertClose(num(e.get("slope")), r.slope(), "slope");
            assertEquals(Integer.parseInt(e.get("n_periods")) >= 5 ? 5 : Integer.parseInt(e.get("n_periods")),
                    r.used().size());
        }));
    }

    private static List<CSVRecord> csv(String resource) throws IOException {
        try (Reader in = new InputStreamReader(TrendMarkerTest.class.getResourceAsStream("/trend/" + resource),
                StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return p.getRecords();
        }
    }

    private static double num(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected empty, got " + actual);
            return;
        }
        assertEquals(expected, actual, Math.abs(expected) * REL, what);
    }

    // ------------------------------------------------------------------ Fingertips C# unit tests

    /** Set 1 of TrendMarkerCalculatorTest.cs (years 2014..2018; the C# lists them newest first). */
    private static List<Point> csharpSet1Rate() {
        return List.of(
                Point.rate(2018, 30.6, 28.98, 32.25),
                Point.rate(2017, 30.2, 28.63, 31.9),
                Point.rate(2016, 28, 26.44, 29.64),
                Point.rate(2015, 24.6, 23.15, 26.19),
                Point.rate(2014, 24.67, 23.16, 26.25));
    }

    @Test
    void csharpRateSignificant() {
        Result r = TrendMarker.of(csharpSet1Rate(), Kind.RATE);
        // C#: IsSignificant, Math.Round(ChiSquare, 2) == 46.77 with SE = (U - L)/3.92. With the divisor
        // 2 x 1.959963984540054, exact rational arithmetic on the decimals gives X² = 46.76359716054959 and
        // b = 1.7515662226629498 (the values rise with the years: increasing); X² x (3.92/(2z))² = 46.7653 -> 46.77.
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(TrendMarker.SIGNIFICANT, r.reason());
        assertEquals(46.76359716054959, r.statistic(), 46.76 * REL);
        assertEquals(1.7515662226629498, r.slope(), 1.75 * REL);
        double csharp = r.statistic() * Math.pow(3.92 / (2 * Z), 2);
        assertEquals(46.77, Math.round(csharp * 100) / 100.0, 0);
    }

    @Test
    void csharpRateNotSignificant() {
        Result r = TrendMarker.of(List.of(
                Point.rate(2014, 20.5506, 18.1803, 23.1427),
                Point.rate(2015, 19.5952, 17.3444, 22.0602),
                Point.rate(2016, 19.0349, 16.8421, 21.4394),
                Point.rate(2017, 21.3966, 19.0918, 23.8975),
                Point.rate(2018, 18.4372, 16.2925, 20.7941)), Kind.RATE);
        // C#: IsSignificant false. Exact rational arithmetic: X² = 0.46422602414288167, b = -0.259980964370595.
        assertEquals(TrendMarker.NO_CHANGE, r.marker());
        assertEquals(TrendMarker.NOT_SIGNIFICANT, r.reason());
        assertEquals(0.46422602414288167, r.statistic(), 0.46 * REL);
        assertEquals(-0.259980964370595, r.slope(), 0.26 * REL);
    }

    @Test
    void csharpProportionSignificant() {
        Result r = TrendMarker.of(List.of(
                Point.proportion(2018, 1367, 44701),
                Point.proportion(2017, 1332, 44064),
                Point.proportion(2016, 1199, 42811),
                Point.proportion(2015, 1023, 41527),
                Point.proportion(2014, 994, 40299)), Kind.PROPORTION);
        // C#: Math.Round(ChiSquare, 2) == 47.9. Python fractions, trends.md's first Armitage formula:
        // X² = 47.896676707589116; logit slope (python math.log, uncentred OLS) b = 0.06524964077898289.
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(47.896676707589116, r.statistic(), 47.9 * REL);
        assertEquals(47.9, Math.round(r.statistic() * 100) / 100.0, 0);
        assertEquals(0.06524964077898289, r.slope(), 0.065 * REL);
    }

    @Test
    void csharpProportionCountEqualsDenominator() {
        Result r = TrendMarker.of(List.of(
                Point.proportion(2012, 5, 5),
                Point.proportion(2013, 3, 5),
                Point.proportion(2014, 1, 5),
                Point.proportion(2015, 1, 4),
                Point.proportion(2016, 2, 4)), Kind.PROPORTION);
        // C#: Marker == CannotBeCalculated (2012 has count = denominator).
        cannot(r, TrendMarker.COUNT_NOT_BELOW_DENOMINATOR);
    }

    // ------------------------------------------------------------------ hand-made series

    /**
     * A rate series y at periods 1..5 whose limits are y ∓ z, so every s = 1 and every w = 1: then b is the
     * ordinary slope Σ(t − 3)y/10 and X² = b²·Σ(t − 3)² = 10b² (trends.md step 5 with S1 = 5, D = 50).
     */
    private static List<Point> unitWeights(double... y) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            out.add(Point.rate(i + 1, y[i], y[i] - Z, y[i] + Z));
        }
        return out;
    }

    @Test
    void chiSquareTenExactly() {
        // y = t: b = 1, X² = 10 > 9.5495; every leave-one-out slope is 1
        Result r = TrendMarker.of(unitWeights(1, 2, 3, 4, 5), Kind.RATE);
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(TrendMarker.SIGNIFICANT, r.reason());
        assertEquals(10, r.statistic(), 10 * REL);
        assertEquals(1, r.slope(), REL);
    }

    @Test
    void justBelowThreshold() {
        // y = 0.975t: b = 39/40, X² = 10·(39/40)² = 1521/160 = 9.50625 < 9.5495: no significant change
        Result r = TrendMarker.of(unitWeights(0.975, 1.95, 2.925, 3.9, 4.875), Kind.RATE);
        assertEquals(TrendMarker.NO_CHANGE, r.marker());
        assertEquals(TrendMarker.NOT_SIGNIFICANT, r.reason());
        assertEquals(9.50625, r.statistic(), 9.5 * REL);
        assertEquals(0.975, r.slope(), REL);
    }

    @Test
    void justAboveThreshold() {
        // y = −0.98t: b = −49/50, X² = 10·(49/50)² = 2401/250 = 9.604 > 9.5495: decreasing
        Result r = TrendMarker.of(unitWeights(-0.98, -1.96, -2.94, -3.92, -4.9), Kind.RATE);
        assertEquals(TrendMarker.DECREASING, r.marker());
        assertEquals(TrendMarker.SIGNIFICANT, r.reason());
        assertEquals(9.604, r.statistic(), 9.6 * REL);
        assertEquals(-0.98, r.slope(), REL);
    }

    @Test
    void outlierReversesTheSlope() {
        // y = 3, 2, 1, 0, 20: b = (−6 − 2 + 0 + 0 + 40)/10 = 16/5, X² = 10·(16/5)² = 102.4;
        // without period 5 the slope of 3, 2, 1, 0 is −1: outlier
        Result r = TrendMarker.of(unitWeights(3, 2, 1, 0, 20), Kind.RATE);
        assertEquals(TrendMarker.NO_CHANGE, r.marker());
        assertEquals(TrendMarker.OUTLIER, r.reason());
        assertEquals(102.4, r.statistic(), 102.4 * REL);
        assertEquals(3.2, r.slope(), 3.2 * REL);
    }

    @Test
    void zeroLeaveOneOutSlopeCountsAsOutlier() {
        // y = 0, 0, 0, 0, 10: b = 20/10 = 2, X² = 40; without period 5 the slope is exactly 0 (a different sign)
        Result r = TrendMarker.of(unitWeights(0, 0, 0, 0, 10), Kind.RATE);
        assertEquals(TrendMarker.NO_CHANGE, r.marker());
        assertEquals(TrendMarker.OUTLIER, r.reason());
        assertEquals(40, r.statistic(), 40 * REL);
        assertEquals(2, r.slope(), 2 * REL);
    }

    @Test
    void aGapInTheYearsStillUsesPositions() {
        // the periods 2010, 2011, 2013, 2014, 2015 are t = 1..5: the same X² = 9.604 as justAboveThreshold.
        // With the years themselves as t (as the R code does) Σ(t − t̄)² = 17.2, b = 0.7407 and X² = 9.4365, below
        // the threshold (Python fractions): the gap decides the marker, so this tells the two readings apart.
        double[] years = {2010, 2011, 2013, 2014, 2015};
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double y = 0.98 * (i + 1);
            pts.add(Point.rate(years[i], y, y - Z, y + Z));
        }
        Result r = TrendMarker.of(pts, Kind.RATE);
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(9.604, r.statistic(), 9.6 * REL);
        assertEquals(0.98, r.slope(), REL);
    }

    @Test
    void armitageTenThousandOver210() {
        // c = 10, 20, 30, 40, 50 of d = 100: N = 500, C = 150, p̄ = 0.3, t̄ = 3; Σc(t − 3) = 100,
        // Σd(t − 3)² = 1000, so X² = 100² / (0.21 · 1000) = 10000/210 (also the first formula, with fractions).
        // Logits ln(1/9), ln(1/4), ln(3/7), ln(2/3), 0: b = Σ(t − 3)ℓ/10 = (2 ln 9 + ln 4 + ln(2/3))/10 = ln(216)/10.
        List<Point> pts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            pts.add(Point.proportion(2000 + i, 10 * i, 100));
        }
        Result r = TrendMarker.of(pts, Kind.PROPORTION);
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(10000.0 / 210, r.statistic(), 47.6 * REL);
        assertEquals(Math.log(216) / 10, r.slope(), 0.54 * REL);
    }

    @Test
    void orderOfInputDoesNotMatter() {
        List<Point> pts = new ArrayList<>(unitWeights(3, 2, 1, 0, 20));
        java.util.Collections.reverse(pts);
        assertEquals(TrendMarker.OUTLIER, TrendMarker.of(pts, Kind.RATE).reason());
    }

    @Test
    void olderPeriodsAreIgnoredEvenWhenInvalid() {
        // a sixth, older period with no value at all: the five most recent are y = t (X² = 10)
        List<Point> pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.add(Point.rate(0, Double.NaN, Double.NaN, Double.NaN));
        Result r = TrendMarker.of(pts, Kind.RATE);
        assertEquals(TrendMarker.INCREASING, r.marker());
        assertEquals(1.0, r.used().get(0).order());
    }

    @Test
    void anInvalidRecentPointIsNotReplacedByAnOlderOne() {
        List<Point> pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.set(2, Point.rate(3, Double.NaN, 1, 2));
        pts.add(Point.rate(0, 0, -Z, Z));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.MISSING_VALUES);
    }

    // ------------------------------------------------------------------ every reason for "cannot be calculated"

    private static void cannot(Result r, String reason) {
        assertEquals(TrendMarker.CANNOT, r.marker());
        assertEquals(reason, r.reason());
        assertTrue(Double.isNaN(r.statistic()) && Double.isNaN(r.slope()), "no statistic or slope: " + r);
    }

    private static List<Point> proportions(double[] c, double[] d) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            out.add(Point.proportion(i + 1, c[i], d[i]));
        }
        return out;
    }

    @Test
    void notEnoughDataPoints() {
        cannot(TrendMarker.of(unitWeights(1, 2, 3, 4), Kind.RATE), TrendMarker.NOT_ENOUGH);
        cannot(TrendMarker.of(List.of(), Kind.PROPORTION), TrendMarker.NOT_ENOUGH);
    }

    @Test
    void duplicatePeriodsAreCheckedFirst() {
        // a duplicate among the older periods of a long series, and in a series too short anyway
        List<Point> pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5, 6));
        pts.set(0, Point.rate(2, 1, 0, 2));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.DUPLICATE);
        cannot(TrendMarker.of(List.of(Point.rate(1, 1, 0, 2), Point.rate(1, 1, 0, 2)), Kind.RATE),
                TrendMarker.DUPLICATE);
    }

    @Test
    void proportionReasons() {
        double nan = Double.NaN;
        cannot(TrendMarker.of(proportions(new double[] {1, 2, nan, 4, 5}, new double[] {9, 9, 9, 9, 9}),
                Kind.PROPORTION), TrendMarker.MISSING_VALUES);
        cannot(TrendMarker.of(proportions(new double[] {1, 2, 3, 4, 5}, new double[] {9, 9, nan, 9, 9}),
                Kind.PROPORTION), TrendMarker.MISSING_VALUES);
        cannot(TrendMarker.of(proportions(new double[] {1, 2, 3, 4, 5}, new double[] {9, 0, 9, 9, 9}),
                Kind.PROPORTION), TrendMarker.DENOMINATOR_NOT_POSITIVE);
        cannot(TrendMarker.of(proportions(new double[] {1, 2, 3, 4, 5}, new double[] {9, 9, 9, -9, 9}),
                Kind.PROPORTION), TrendMarker.DENOMINATOR_NOT_POSITIVE);
        cannot(TrendMarker.of(proportions(new double[] {1, 2, 3, 4, 9}, new double[] {9, 9, 9, 9, 9}),
                Kind.PROPORTION), TrendMarker.COUNT_NOT_BELOW_DENOMINATOR);
        cannot(TrendMarker.of(proportions(new double[] {0, 2, 3, 4, 5}, new double[] {9, 9, 9, 9, 9}),
                Kind.PROPORTION), TrendMarker.ZERO_COUNT);
        // rule order over the five points: a zero count at period 1 and d = 0 at period 4 -> the denominator rule
        cannot(TrendMarker.of(proportions(new double[] {0, 2, 3, 4, 5}, new double[] {9, 9, 9, 0, 9}),
                Kind.PROPORTION), TrendMarker.DENOMINATOR_NOT_POSITIVE);
    }

    @Test
    void rateReasons() {
        double nan = Double.NaN;
        List<Point> pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.set(4, Point.rate(5, nan, 4, 6));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.MISSING_VALUES);
        pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.set(1, Point.rate(2, 2, nan, 3));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.MISSING_CI);
        pts.set(1, Point.rate(2, 2, 1, nan));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.MISSING_CI);
        pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.set(3, Point.rate(4, 4, 4, 4));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.NO_WIDTH);
        pts.set(3, Point.rate(4, 4, 5, 3)); // limits the wrong way round: negative width
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.NO_WIDTH);
        // rule order: missing limits at period 1, missing value at period 5 -> missing values
        pts = new ArrayList<>(unitWeights(1, 2, 3, 4, 5));
        pts.set(0, Point.rate(1, 1, nan, nan));
        pts.set(4, Point.rate(5, nan, 4, 6));
        cannot(TrendMarker.of(pts, Kind.RATE), TrendMarker.MISSING_VALUES);
    }

    @Test
    void rateIgnoresCountsAndProportionIgnoresLimits() {
        // a rate point with no count, a proportion point with no value or limits: both computable
        assertEquals(TrendMarker.INCREASING, TrendMarker.of(unitWeights(1, 2, 3, 4, 5), Kind.RATE).marker());
        List<Point> pts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            pts.add(Point.proportion(i, 10 * i, 100));
        }
        assertEquals(TrendMarker.INCREASING, TrendMarker.of(pts, Kind.PROPORTION).marker());
    }
}
