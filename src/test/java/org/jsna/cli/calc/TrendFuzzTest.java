package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.fuzz.Fuzz;
import org.jsna.fuzz.FuzzTries;

/**
 * {@code jsna calc trend} on random tables (trends.md): groups of annual series shaped like indicators.csv
 * (period, count, denominator, value and 95% limits), clean or with hostile cells, extreme numbers (1e308,
 * 4.9e-324, limits of no width or upside down), repeated, missing or mixed periods, odd quoting, line ends,
 * encodings and damaged text, from a file or standard input. The contract (cli.md): exit 0 with a
 * well-formed CSV whose every row has one of the four markers and a reason of trends.md that goes with it,
 * or exit 3 with one {@code jsna: error:} line; never exit 1, never a stack trace, never a hang.
 * {@code -Djsna.fuzz.tries=N} raises the tries.
 */
@AddLifecycleHook(FuzzTries.class)
class TrendFuzzTest {

    static final List<String> COLUMNS = List.of("g", "period", "count", "denominator", "value", "lower_ci_95",
            "upper_ci_95");
    static final Set<String> MARKERS = Set.of("increasing", "decreasing", "no significant change",
            "cannot be calculated");
    static final Set<String> REASONS = Set.of("not enough data points", "duplicate periods", "missing values",
            "missing confidence interval", "denominator not positive", "count not below denominator", "zero count",
            "confidence interval has no width", "statistic not finite", "no significant trend", "outlier found",
            "significant trend, no outliers");
    static final List<String> EXTREME = List.of("0", "-0", "1e308", "1.7976931348623157e308", "4.9e-324", "1e-300",
            "2.2250738585072014E-308", "", "NA", "-1", "1e15", "0.1", "9007199254740993");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-trend-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A series row: period and numbers near a trend, now and then an extreme number or a hostile cell. */
    static Arbitrary<List<String>> row(int group, int period, boolean fiscal, boolean clean) {
        Arbitrary<String> count = Arbitraries.integers().between(0, 400).map(String::valueOf);
        Arbitrary<String> denominator = Arbitraries.integers().between(1, 1000).map(String::valueOf);
        Arbitrary<String> value = Arbitraries.doubles().between(0, 500).ofScale(3).map(String::valueOf);
        Arbitrary<String> width = Arbitraries.doubles().between(0, 100).ofScale(3).map(String::valueOf);
        Arbitrary<String> odd = clean ? Arbitraries.of(EXTREME)
                : Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(EXTREME)), Tuple.of(1, Fuzz.nastyCell()));
        Arbitrary<String> p = Arbitraries.just(fiscal ? period + "/" + String.format("%02d", (period + 1) % 100)
                : Integer.toString(period));
        return Combinators.combine(
                spoil(p, odd, 30), spoil(count, odd, 12), spoil(denominator, odd, 12), spoil(value, odd, 12),
                spoil(width, odd, 12), spoil(width, odd, 12)).as((per, c, d, v, lo, hi) -> {
                    String lower = lo;
                    String upper = hi;
                    try {
                        double x = Double.parseDouble(v);
                        lower = String.valueOf(x - Double.parseDouble(lo));
                        upper = String.valueOf(x + Double.parseDouble(hi));
                    } catch (NumberFormatException e) {
                        // an odd cell stays as it is
                    }
                    return List.of(group == 0 ? "A" : group == 1 ? "B é" : "C,\"q\"", per, c, d, v, lower, upper);
                });
    }

    /** The plain value, or one time in {@code oneIn} an odd one. */
    static Arbitrary<String> spoil(Arbitrary<String> plain, Arbitrary<String> odd, int oneIn) {
        return Arbitraries.frequencyOf(Tuple.of(oneIn - 1, plain), Tuple.of(1, odd));
    }

    /** 1-3 groups of 0-9 periods each, fiscal or calendar, now and then a repeated or skipped year, shuffled. */
    static Arbitrary<List<List<String>>> rows(boolean clean) {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 9),
                Arbitraries.of(false, true), Arbitraries.integers().between(2000, 2030), Arbitraries.longs())
                .flatAs((groups, periods, fiscal, start, seed) -> {
                    List<Arbitrary<List<String>>> rs = new ArrayList<>();
                    java.util.Random rnd = new java.util.Random(seed);
                    for (int g = 0; g < groups; g++) {
                        int y = start;
                        for (int k = 0; k < periods; k++) {
                            rs.add(row(g, y, fiscal, clean));
                            y += rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? 0 : 2) : 1;
                        }
                    }
                    return Combinators.combine(rs).as(list -> {
                        List<List<String>> out = new ArrayList<>(list);
                        java.util.Collections.shuffle(out, rnd);
                        return out;
                    });
                });
    }

    @Provide
    Arbitrary<Fuzz.Table> tables() {
        Arbitrary<Fuzz.Table> clean = Combinators.combine(rows(true), Arbitraries.longs(), Arbitraries.of("\n", "\r\n"),
                Arbitraries.of(Fuzz.Encoding.UTF8, Fuzz.Encoding.UTF8_BOM, Fuzz.Encoding.WINDOWS_1252))
                .as((rows, mask, eol, enc) -> new Fuzz.Table(COLUMNS, rows, mask, eol, enc, List.of()));
        Arbitrary<List<Fuzz.Mutation>> damage = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(1, Fuzz.mutationLists()));
        Arbitrary<List<String>> header = Arbitraries.integers().between(0, 20).map(k -> {
            List<String> h = new ArrayList<>(COLUMNS);
            if (k < h.size()) {
                h.set(k, k % 2 == 0 ? h.get(k).toUpperCase(java.util.Locale.ROOT) : h.get((k + 1) % h.size()));
            }
            return h;
        });
        Arbitrary<Fuzz.Table> hostile = Combinators.combine(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(COLUMNS)),
                        Tuple.of(1, header)), rows(false), Arbitraries.longs(), Arbitraries.of("\n", "\r\n", "\r"),
                Fuzz.encodings(), damage).as(Fuzz.Table::new);
        return Arbitraries.oneOf(clean, hostile);
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void trendEndsInMarkersOrAnInputError(@ForAll("tables") Fuzz.Table t, @ForAll boolean stdin, @ForAll boolean rate,
            @ForAll boolean by) throws IOException {
        List<String> args = new ArrayList<>(List.of("calc", "trend", "--period", "period", "--kind",
                rate ? "rate" : "proportion", "--input"));
        byte[] in = t.bytes();
        if (stdin) {
            args.add("-");
        } else {
            Path p = DIR.resolve("trend.csv");
            Files.write(p, in);
            args.add(p.toString());
            in = new byte[0];
        }
        if (by) {
            args.addAll(List.of("--by", "g"));
        }
        Fuzz.Run r = Fuzz.run(in, args);
        Statistics.label("exit").collect(r.code());
        Fuzz.assertContract(r, Set.of(0, 3), args + "\n" + t);
        if (r.code() != 0) {
            return;
        }
        try (CSVParser p = CSVParser.parse(new StringReader(r.outText()), CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            List<CSVRecord> recs = p.getRecords();
            assertTrue(by || recs.size() <= 1, () -> "at most one row without --by: " + r.outText());
            for (CSVRecord rec : recs) {
                assertEquals(p.getHeaderNames().size(), rec.size(), () -> "ragged output: " + r.outText());
                String marker = rec.get("recent_trend");
                String reason = rec.get("recent_trend_reason");
                Statistics.label("marker").collect(marker);
                assertTrue(MARKERS.contains(marker) && REASONS.contains(reason), () -> marker + " / " + reason
                        + " in " + r.outText() + "\n" + t);
                boolean cannot = marker.equals("cannot be calculated");
                assertEquals(cannot, rec.get("statistic").isEmpty(), () -> "statistic empty iff cannot: " + rec);
                if (!cannot) {
                    double x2 = Double.parseDouble(rec.get("statistic"));
                    double b = Double.parseDouble(rec.get("slope"));
                    assertTrue(Double.isFinite(x2) && x2 >= 0 && Double.isFinite(b), () -> "statistic and slope: " + rec);
                    if (!(x2 > 9.54953570608324)) {
                        assertEquals("no significant change / no significant trend", marker + " / " + reason,
                                () -> "not significant: " + rec);
                    } else if (reason.equals("significant trend, no outliers")) {
                        assertEquals(b > 0 ? "increasing" : "decreasing", marker, () -> "direction of " + rec);
                    }
                }
            }
        }
    }
}
