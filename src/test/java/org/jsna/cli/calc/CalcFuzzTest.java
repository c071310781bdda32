package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsna.fuzz.Fuzz;
import org.jsna.fuzz.FuzzTries;

/**
 * Hostile input for every {@code jsna calc} method: random tables, mostly shaped like a real input
 * of the method (so the statistics are reached) with hostile cells, odd quoting, line ends,
 * encodings and damaged text, read from a file or standard input, plus hostile {@code --standard},
 * {@code --reference} and {@code --observed-totals} files. The contract (cli.md): exit 0 with a
 * well-formed CSV, or exit 3 with one {@code jsna: error:} line — never an internal error, never
 * exit 1, never a hang. {@code -Djsna.fuzz.tries=N} raises the tries for a long campaign.
 */
@AddLifecycleHook(FuzzTries.class)
class CalcFuzzTest {

    static final List<String> ESP = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
            "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+");
    static final List<String> LE = List.of("0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
            "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+");
    static final List<String> COLUMNS = List.of("g", "x", "n", "band", "w", "f", "rx", "rn", "q", "v", "lo", "hi",
            "se", "r");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jsna-calc-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell of each column: in a clean table a valid value of its kind (so that the statistics are
     * reached), in a hostile one a rougher value, and one cell in twenty a hostile token instead.
     */
    static Arbitrary<String> cell(String column, boolean clean) {
        Arbitrary<String> plausible = switch (column) {
            case "g" -> clean ? Arbitraries.of("A", "B", "C", "10", "9", "é") : Arbitraries.of("A", "B", "A ", "", "é");
            case "x", "rx" -> Arbitraries.integers().between(0, 60).map(String::valueOf);
            case "n", "rn" -> Arbitraries.integers().between(clean ? 100 : 0, 200_000).map(String::valueOf);
            case "band", "age_band" -> Arbitraries.of(column.equals("age_band") ? ESP : LE);
            case "w", "weight" -> Arbitraries.integers().between(0, 10_000).map(String::valueOf);
            case "f" -> Arbitraries.integers().between(1, 5).map(String::valueOf);
            case "q" -> Arbitraries.integers().between(1, 10).map(String::valueOf);
            case "v" -> Arbitraries.doubles().between(clean ? 0.05 : 0, clean ? 0.9 : 1).map(String::valueOf);
            case "se" -> Arbitraries.doubles().between(clean ? 0.001 : 0, clean ? 0.1 : 1).ofScale(4).map(String::valueOf);
            case "lo" -> Arbitraries.doubles().between(0, 0.5).map(String::valueOf);
            case "hi" -> Arbitraries.doubles().between(0.5, 1).map(String::valueOf);
            default -> Arbitraries.doubles().between(0, 100_000).map(String::valueOf);
        };
        if (clean) {
            return plausible;
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(19, plausible),
                net.jqwik.api.Tuple.of(1, Fuzz.nastyCell()));
    }

    static final List<String> DECILES = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    static final List<List<String>> ANY_SHAPE = List.of(ESP, LE, DECILES);

    /**
     * Rows for the columns: either random rows or one row per band (or quantile) of each group, the
     * bands one of {@code shapes} (those of the method, mostly, so that the statistics are reached).
     */
    static Arbitrary<List<List<String>>> rows(List<String> columns, boolean clean, List<List<String>> shapes) {
        Arbitrary<List<String>> row = Combinators.combine(columns.stream().map(c -> cell(c, clean)).toList())
                .as(cells -> cells);
        Arbitrary<List<List<String>>> random = row.list().ofMaxSize(30);
        Arbitrary<List<List<String>>> structured = Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.of(shapes)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(ANY_SHAPE))),
                Arbitraries.integers().between(1, 3), row.list().ofSize(60)).as((bands, groups, cells) -> {
                    List<List<String>> out = new ArrayList<>();
                    int k = 0;
                    for (int g = 0; g < groups; g++) {
                        for (String b : bands) {
                            List<String> r = new ArrayList<>(cells.get(k++ % cells.size()));
                            int gi = columns.indexOf("g");
                            if (gi >= 0) {
                                r.set(gi, String.valueOf((char) ('A' + g)));
                            }
                            int bi = columns.contains("band") ? columns.indexOf("band") : columns.indexOf("age_band");
                            if (bi >= 0) {
                                r.set(bi, b);
                            }
                            int qi = columns.indexOf("q");
                            if (qi >= 0 && b.matches("\\d+")) {
                                r.set(qi, b);
                            }
                            out.add(r);
                        }
                    }
                    return out;
                });
        Arbitrary<List<List<String>>> rows = Arbitraries.oneOf(random, structured);
        if (!clean) {
            return rows;
        }
        // limits that hold the value, as the sii inputs need
        return rows.map(rs -> {
            int v = columns.indexOf("v");
            int lo = columns.indexOf("lo");
            int hi = columns.indexOf("hi");
            if (v >= 0 && lo >= 0 && hi >= 0) {
                for (List<String> r : rs) {
                    double x = Double.parseDouble(r.get(v));
                    r.set(lo, String.valueOf(x * 0.9));
                    r.set(hi, String.valueOf(x * 1.1));
                }
            }
            return rs;
        });
    }

    /** Half the tables clean (valid data, written plainly), half hostile (bad cells, columns, text, encodings). */
    static Arbitrary<Fuzz.Table> tables(List<String> columns) {
        return tables(columns, ANY_SHAPE);
    }

    static Arbitrary<Fuzz.Table> tables(List<String> columns, List<List<String>> shapes) {
        Arbitrary<Fuzz.Table> clean = Combinators.combine(rows(columns, true, shapes), Arbitraries.longs(),
                Arbitraries.of("\n", "\r\n"), Arbitraries.of(Fuzz.Encoding.UTF8, Fuzz.Encoding.UTF8_BOM,
                        Fuzz.Encoding.WINDOWS_1252))
                .as((rows, mask, eol, enc) -> new Fuzz.Table(columns, rows, mask, eol, enc, List.of()));
        // now and then a column is dropped or renamed (a missing, duplicated or case-clashing column)
        Arbitrary<List<String>> header = Arbitraries.integers().between(0, 40).map(k -> {
            List<String> h = new ArrayList<>(columns);
            if (k < h.size() && k % 3 == 0) {
                h.set(k, Fuzz.NASTY.get((k * 7) % Fuzz.NASTY.size()));
            } else if (k < h.size() && k % 3 == 1) {
                h.set(k, h.get(k).toUpperCase(java.util.Locale.ROOT));
            } else if (k < h.size()) {
                h.set(k, h.get((k + 1) % h.size()));
            }
            return h;
        });
        Arbitrary<List<Fuzz.Mutation>> damage = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(List.of())),
                net.jqwik.api.Tuple.of(1, Fuzz.mutationLists()));
        Arbitrary<Fuzz.Table> hostile = Combinators.combine(Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(columns)), net.jqwik.api.Tuple.of(1, header)),
                rows(columns, false, shapes), Arbitraries.longs(), Arbitraries.of("\n", "\r\n", "\r"), Fuzz.encodings(),
                damage).as((h, rows, mask, eol, enc, d) -> new Fuzz.Table(h, rows, mask, eol, enc, d));
        return Arbitraries.oneOf(clean, hostile);
    }

    /** A method and its options (all valid options, so only the data can be at fault). */
    record Call(String method, List<String> options, Map<String, Fuzz.Table> files) {
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<List<String>> by = Arbitraries.<List<String>>of(List.of(), List.of("--by", "g"));
        Arbitrary<List<String>> conf = Arbitraries.<List<String>>of(List.of(), List.of("--confidence", "0.95,0.998"),
                List.of("--confidence", "99.8"));
        Arbitrary<Call> proportion = Combinators.combine(by, conf, Arbitraries.of("1", "100"), Arbitraries.of("proportion", "rate"))
                .as((b, c, m, method) -> call(method, List.of("--numerator", "x", "--denominator", "n",
                        "--multiplier", method.equals("rate") ? "100000" : m), b, c));
        Arbitrary<Call> mean = Combinators.combine(by, conf).as((b, c) -> call("mean", List.of("--value", "v"), b, c));
        Arbitrary<Call> dsr = Combinators.combine(by, conf, Arbitraries.of("esp2013", "column:w", "FILE"),
                Arbitraries.of(false, true), tables(List.of("age_band", "weight"), List.of(ESP))).as((b, c, std, freq, stdFile) -> {
                    List<String> o = new ArrayList<>(List.of("--numerator", "x", "--denominator", "n", "--age-band",
                            "band", "--standard", std.equals("FILE") ? "@standard" : std));
                    if (freq) {
                        o.addAll(List.of("--event-frequency", "f"));
                    }
                    Call k = call("dsr", o, b, c);
                    if (std.equals("FILE")) {
                        k.files().put("standard", stdFile);
                    }
                    return k;
                });
        Arbitrary<Call> isr = Combinators.combine(by, conf, Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of(false, true), tables(List.of("band", "rx", "rn"), List.of(ESP)), tables(List.of("g", "x")))
                .as((b, c, ratio, ref, tot, refFile, totFile) -> {
                    List<String> o = new ArrayList<>(List.of("--numerator", "x", "--denominator", "n", "--age-band",
                            "band", "--ref-numerator", "rx", "--ref-denominator", "rn"));
                    if (ratio) {
                        o.addAll(List.of("--ratio", "--refvalue", "100"));
                    }
                    if (ref) {
                        o.addAll(List.of("--reference", "@reference"));
                    }
                    List<String> byGroup = tot ? List.of("--by", "g") : b;
                    if (tot) {
                        o.addAll(List.of("--observed-totals", "@totals"));
                    }
                    Call k = call("isr", o, byGroup, c);
                    if (ref) {
                        k.files().put("reference", refFile);
                    }
                    if (tot) {
                        k.files().put("totals", totFile);
                    }
                    return k;
                });
        Arbitrary<Call> le = Combinators.combine(by, conf, Arbitraries.<List<String>>of(List.of(), List.of("--le-age", "0,65")))
                .as((b, c, ages) -> {
                    List<String> o = new ArrayList<>(List.of("--deaths", "x", "--population", "n", "--age-band", "band"));
                    o.addAll(ages);
                    return call("life-expectancy", o, b, c);
                });
        Arbitrary<Call> sii = Combinators.combine(by, conf, Arbitraries.of("rate", "proportion", "other"),
                Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true))
                .as((b, c, type, se, transform, rii) -> {
                    List<String> o = new ArrayList<>(List.of("--quantile", "q", "--population", "n", "--value", "v",
                            "--value-type", type, "--repetitions", "1000"));
                    o.addAll(se ? List.of("--se", "se") : List.of("--lower", "lo", "--upper", "hi"));
                    if (transform && !se && !type.equals("other")) {
                        o.add("--transform");
                    }
                    if (rii) {
                        o.add("--rii");
                    }
                    return call("sii", o, b, c);
                });
        Arbitrary<Call> quantile = Combinators.combine(by, Arbitraries.integers().between(1, 12),
                Arbitraries.of(false, true)).as((b, k, inv) -> {
                    List<String> o = new ArrayList<>(List.of("--value", "v", "--quantiles", String.valueOf(k)));
                    if (!inv) {
                        o.add("--no-invert");
                    }
                    return call("quantile", o, b, List.of());
                });
        Arbitrary<Call> funnel = Combinators.combine(by, Arbitraries.of("proportion", "ratio", "rate"),
                Arbitraries.of("limits", "significance", "points"), Arbitraries.of("count", "isr"),
                Arbitraries.of("crude", "dsr")).as((b, stat, output, ratioType, rateType) -> {
                    String out = output.equals("points") && !stat.equals("rate") ? "limits" : output;
                    List<String> o = new ArrayList<>(List.of("--numerator", "x", "--denominator", "n",
                            "--statistic", stat, "--output", out));
                    if (stat.equals("ratio")) {
                        o.addAll(List.of("--ratio-type", ratioType));
                    } else if (stat.equals("rate")) {
                        o.addAll(List.of("--rate", "r", "--rate-type", rateType, "--years", "3"));
                    }
                    return call("funnel", o, b, List.of());
                });
        return Arbitraries.oneOf(proportion, mean, dsr, isr, le, sii, quantile, funnel);
    }

    private static Call call(String method, List<String> options, List<String> by, List<String> conf) {
        List<String> o = new ArrayList<>(options);
        o.addAll(by);
        o.addAll(conf);
        return new Call(method, o, new LinkedHashMap<>());
    }

    /** The bands (or quantiles) a method's input has one row per, in a group. */
    static List<List<String>> shapes(String method) {
        return switch (method) {
            case "dsr", "isr" -> List.of(ESP);
            case "life-expectancy" -> List.of(LE);
            case "sii", "quantile" -> List.of(DECILES);
            default -> ANY_SHAPE;
        };
    }

    /** A call and an input table shaped for its method. */
    record Case(Call call, Fuzz.Table input) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return calls().flatMap(c -> tables(COLUMNS, shapes(c.method())).map(t -> new Case(c, t)));
    }

    /** No edge cases: jqwik's edge cases of a flat-mapped generator multiply out and fill the heap in long runs. */
    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
    void everyMethodEndsInItsOutputOrAnInputError(@ForAll("cases") Case kase, @ForAll boolean stdin)
            throws IOException {
        Call call = kase.call();
        Fuzz.Table input = kase.input();
        List<String> args = new ArrayList<>(List.of("calc", call.method(), "--input"));
        byte[] in = input.bytes();
        if (stdin) {
            args.add("-");
        } else {
            Path p = DIR.resolve("input.csv");
            Files.write(p, in);
            args.add(p.toString());
            in = new byte[0];
        }
        for (String o : call.options()) {
            if (o.startsWith("@")) {
                Path p = DIR.resolve(o.substring(1) + ".csv");
                Files.write(p, call.files().get(o.substring(1)).bytes());
                args.add(p.toString());
            } else {
                args.add(o);
            }
        }
        Fuzz.Run r = Fuzz.run(in, args);
        Statistics.label("exit").collect(r.code());
        Statistics.label("method and exit").collect(call.method(), r.code());
        Fuzz.assertContract(r, Set.of(0, 3), args + "\n" + input + "\n" + call.files());
        if (r.code() == 0) {
            assertWellFormedCsv(r.outText(), args);
        }
    }

    /** Every output line has as many fields as the header, which ends with value_note. */
    static void assertWellFormedCsv(String out, Object what) throws IOException {
        assertFalse(out.isEmpty(), "no output on " + what);
        try (CSVParser p = CSVParser.parse(new StringReader(out), CSVFormat.DEFAULT)) {
            List<CSVRecord> recs = p.getRecords();
            int n = recs.get(0).size();
            for (CSVRecord rec : recs) {
                assertEquals(n, rec.size(), () -> "ragged output line " + rec.getRecordNumber() + " on " + what);
            }
        }
    }
}
