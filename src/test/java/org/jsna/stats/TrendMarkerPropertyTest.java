package org.jsna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jsna.stats.TrendMarker.Kind;
import org.jsna.stats.TrendMarker.Point;
import org.jsna.stats.TrendMarker.Result;

/**
 * Invariants of the recent-trend marker on random series: the centred computation agrees with the
 * formulas of trends.md as written (raw sums over t = 1..5), the result does not depend on the order
 * of the input rows or on where the periods lie in time, and mirroring the values mirrors the marker.
 */
class TrendMarkerPropertyTest {

    private static List<Point> rates(long seed) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>();
        double level = 1 + r.nextDouble() * 100;
        double step = (r.nextDouble() - 0.5) * level * 0.2;
        for (int i = 1; i <= 5; i++) {
            double y = level + step * i + r.nextGaussian() * level * 0.03;
            double half = (0.2 + r.nextDouble()) * level * 0.05;
            out.add(Point.rate(2000 + i, y, y - half * (0.5 + r.nextDouble()), y + half));
        }
        return out;
    }

    private static List<Point> proportions(long seed) {
        Random r = new Random(seed);
        List<Point> out = new ArrayList<>();
        double p = 0.05 + r.nextDouble() * 0.8;
        double step = (r.nextDouble() - 0.5) * 0.05;
        for (int i = 1; i <= 5; i++) {
            double d = 50 + r.nextInt(5000);
            double c = Math.max(1, Math.min(d - 1, Math.round(d * Math.min(0.98, Math.max(0.02, p + step * i)))));
            out.add(Point.proportion(2000 + i, c, d));
        }
        return out;
    }

    /** trends.md step 5 as written: uncentred t = 1..5, the rate's S1..Stt and Armitage's first form. */
    private static double[] asWritten(List<Point> pts, Kind kind) {
        double[] t = {1, 2, 3, 4, 5};
        if (kind == Kind.RATE) {
            double s1 = 0, st = 0, sy = 0, sty = 0, stt = 0;
            for (int i = 0; i < 5; i++) {
                Point p = pts.get(i);
                double s = (p.upper() - p.lower()) / (2 * TrendMarker.Z95);
                double w = 1 / (s * s);
                s1 += w;
                st += w * t[i];
                sy += w * p.value();
                sty += w * t[i] * p.value();
                stt += w * t[i] * t[i];
            }
            double d = s1 * stt - st * st;
            double b = (s1 * sty - st * sy) / d;
            return new double[] {b * b * d / s1, b};
        }
        double n = 0, c = 0, sct = 0, sdt = 0, sdt2 = 0, sl = 0, stl = 0;
        for (int i = 0; i < 5; i++) {
            Point p = pts.get(i);
            n += p.denominator();
            c += p.count();
            sct += p.count() * t[i];
            sdt += p.denominator() * t[i];
            sdt2 += p.denominator() * t[i] * t[i];
            double l = Math.log(p.count() / (p.denominator() - p.count()));
            sl += l;
            stl += t[i] * l;
        }
        double x2 = n * Math.pow(n * sct - c * sdt, 2) / (c * (n - c) * (n * sdt2 - sdt * sdt));
        double b = (5 * stl - 15 * sl) / (5 * 55 - 15 * 15);
        return new double[] {x2, b};
    }

    private static void agreesWithTheFormulas(List<Point> pts, Kind kind) {
        Result r = TrendMarker.of(pts, kind);
        double[] w = asWritten(pts, kind);
        // the raw sums lose digits to cancellation; 1e-7 relative is far tighter than any marker decision
        assertEquals(w[0], r.statistic(), Math.abs(w[0]) * 1e-7 + 1e-9, "X²");
        assertEquals(w[1], r.slope(), Math.abs(w[1]) * 1e-7 + 1e-12, "slope");
    }

    @Property(tries = 300)
    void rateAgreesWithTheFormulasAsWritten(@ForAll long seed) {
        agreesWithTheFormulas(rates(seed), Kind.RATE);
    }

    @Property(tries = 300)
    void proportionAgreesWithTheFormulasAsWritten(@ForAll long seed) {
        agreesWithTheFormulas(proportions(seed), Kind.PROPORTION);
    }

    @Property(tries = 200)
    void rowOrderAndPlaceInTimeDoNotMatter(@ForAll long seed) {
        for (Kind kind : Kind.values()) {
            List<Point> pts = kind == Kind.RATE ? rates(seed) : proportions(seed);
            Result base = TrendMarker.of(pts, kind);
            List<Point> shuffled = new ArrayList<>(pts);
            Collections.shuffle(shuffled, new Random(seed));
            List<Point> moved = new ArrayList<>();
            for (Point p : shuffled) {
                // periods 10 years later and unevenly spaced, in the same order
                double order = 2010 + (p.order() - 2000) * (p.order() - 2000);
                moved.add(new Point(order, p.count(), p.denominator(), p.value(), p.lower(), p.upper()));
            }
            Result other = TrendMarker.of(moved, kind);
            assertEquals(base.marker(), other.marker());
            assertEquals(base.reason(), other.reason());
            assertEquals(base.statistic(), other.statistic(), Math.abs(base.statistic()) * 1e-12);
            assertEquals(base.slope(), other.slope(), Math.abs(base.slope()) * 1e-12);
        }
    }

    @Property(tries = 200)
    void mirroredValuesMirrorTheMarker(@ForAll long seed) {
        // rates: y -> -y with the limits mirrored; proportions: c -> d - c. Same X², opposite slope.
        for (Kind kind : Kind.values()) {
            List<Point> pts = kind == Kind.RATE ? rates(seed) : proportions(seed);
            List<Point> mirrored = new ArrayList<>();
            for (Point p : pts) {
                mirrored.add(kind == Kind.RATE ? Point.rate(p.order(), -p.value(), -p.upper(), -p.lower())
                        : Point.proportion(p.order(), p.denominator() - p.count(), p.denominator()));
            }
            Result a = TrendMarker.of(pts, kind);
            Result b = TrendMarker.of(mirrored, kind);
            assertEquals(a.statistic(), b.statistic(), Math.abs(a.statistic()) * 1e-9);
            assertEquals(-a.slope(), b.slope(), Math.abs(a.slope()) * 1e-9 + 1e-15);
            String flipped = switch (a.marker()) {
                case TrendMarker.INCREASING -> TrendMarker.DECREASING;
                case TrendMarker.DECREASING -> TrendMarker.INCREASING;
                default -> a.marker();
            };
            if (Math.abs(a.statistic() - TrendMarker.THRESHOLD) > 1e-6 * TrendMarker.THRESHOLD) {
                assertEquals(flipped, b.marker());
                assertEquals(a.reason(), b.reason());
            }
        }
    }
}
