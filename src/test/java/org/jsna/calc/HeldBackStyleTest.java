package org.jsna.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases in the style of the held-back acceptance set (issue 2): other column names (spaces,
 * quotes, mixed case, other order, extra columns, grouping columns last), a UTF-8 BOM, CRLF, NA
 * cells and the edge cases of methods.md for every {@code jsna calc} method.
 *
 * <p>Expectations are computed here from the formulas of methods.md, written independently of
 * the main code. Distribution quantiles are hard-coded from scipy.stats 1.17.1 ({@code norm.ppf},
 * {@code chi2.ppf}, {@code t.ppf}, printed with repr, i.e. 17 significant digits); the exact
 * Poisson limits at 0 events are also checked against the closed form −ln(α/2).
 */
class HeldBackStyleTest {

    /** scipy norm.ppf(0.975) and norm.ppf(0.999). */
    static final double Z95 = 1.959963984540054;
    static final double Z998 = 3.090232306167813;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    record Table(List<String> header, List<Map<String, String>> rows) {
        Map<String, String> row(String col, String val) {
            for (Map<String, String> r : rows) {
                if (val.equals(r.get(col))) {
                    return r;
                }
            }
            throw new AssertionError("no row with " + col + "=" + val + " in " + rows);
        }
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code jsna calc ARGS --out FILE}, asserts exit 0 and returns the output table. */
    private Table calc(String... args) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".csv");
        String[] all = new String[args.length + 3];
        all[0] = "calc";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        Run r = run(all);
        assertEquals(0, r.code(), "exit code; stderr: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        String text = Files.readString(out, StandardCharsets.UTF_8);
        List<CSVRecord> recs = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        List<String> header = recs.get(0).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord rec : recs.subList(1, recs.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), rec.get(i));
            }
            rows.add(m);
        }
        return new Table(header, rows);
    }

    /** Runs a calc that must fail with {@code code}; returns stderr. No stack trace allowed. */
    private String fails(int code, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "calc";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.resolve("never.csv").toString();
        Run r = run(all);
        assertEquals(code, r.code(), "exit code; stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("never.csv")), "no output on failure");
        return r.err();
    }

    static void close(double expected, String actual, String what) {
        assertFalse(actual == null || actual.isEmpty(), what + ": expected " + expected + ", got a missing value");
        double a = Double.parseDouble(actual);
        assertTrue(Math.abs(a - expected) <= Math.max(1e-12, 1e-9 * Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    static void empty(String actual, String what) {
        assertTrue(actual == null || actual.isEmpty() || actual.equals("NA") || actual.equals("NaN"),
                what + ": expected a missing value, got " + actual);
    }

    static void startsWith(List<String> header, String... expected) {
        assertEquals(List.of(expected), header.subList(0, Math.min(expected.length, header.size())), "columns");
    }

    // ------------------------------------------------------------------ independent formulas

    /** Wilson score limits (methods.md §1). */
    static double[] wilson(double x, double n, double z) {
        double c = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
        return new double[] {(2 * x + z * z - c) / (2 * (n + z * z)), (2 * x + z * z + c) / (2 * (n + z * z))};
    }

    /** Byar's limits for a count (methods.md §0). */
    static double[] byar(double o, double z) {
        double lo = o * Math.pow(1 - 1 / (9 * o) - z / (3 * Math.sqrt(o)), 3);
        double up = (o + 1) * Math.pow(1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1)), 3);
        return new double[] {lo, up};
    }

    static final String[] BANDS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
        "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};
    static final double[] ESP = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500,
        5000, 4000, 2500, 1500, 1000};

    /** DSR with Dobson limits: {value, lower, upper} × multiplier (methods.md §4). */
    static double[] dsr(double[] d, double[] n, double[] w, double z, double mult) {
        double o = 0;
        double sw = 0;
        double s = 0;
        double var = 0;
        for (int i = 0; i < d.length; i++) {
            o += d[i];
            sw += w[i];
            s += d[i] * w[i] / n[i];
            var += d[i] * (w[i] / n[i]) * (w[i] / n[i]);
        }
        double v = s / sw;
        var /= sw * sw;
        double[] b = byar(o, z);
        return new double[] {v * mult, (v + Math.sqrt(var / o) * (b[0] - o)) * mult,
            (v + Math.sqrt(var / o) * (b[1] - o)) * mult};
    }

    // ------------------------------------------------------------------ proportion

    @Test
    void proportionRowWiseWithBomCrlfQuotedHeadersAndEdges() throws IOException {
        // BOM, CRLF, quoted headers with spaces, numerator/denominator not first, an extra column.
        Path in = file("screen.csv", "\uFEFF\"Extra Col\",\"Num Events\",Area Code,\"Pop Size\"\r\n"
                + "foo,0,A,50\r\nbar,50,B,50\r\nbaz,NA,C,10\r\nqux,,D,10\r\nquux,7,E,9\r\n");
        Table t = calc("proportion", "--input", in.toString(), "--numerator", "Num Events", "--denominator",
                "Pop Size", "--multiplier", "100", "--confidence", "99.8");
        startsWith(t.header(), "Extra Col", "Num Events", "Area Code", "Pop Size", "value", "lowercl", "uppercl",
                "confidence", "statistic", "method");
        assertEquals(5, t.rows().size());
        Map<String, String> a = t.row("Area Code", "A");
        close(0, a.get("value"), "x=0 value");
        close(0, a.get("lowercl"), "x=0 lower is exactly 0");
        close(100 * wilson(0, 50, Z998)[1], a.get("uppercl"), "x=0 upper");
        assertEquals("percentage", a.get("statistic"));
        assertEquals("99.8%", a.get("confidence"));
        assertEquals("Wilson", a.get("method"));
        Map<String, String> b = t.row("Area Code", "B");
        close(100, b.get("value"), "x=n value");
        close(100 * wilson(50, 50, Z998)[0], b.get("lowercl"), "x=n lower");
        close(100, b.get("uppercl"), "x=n upper is exactly 100");
        for (String area : new String[] {"C", "D"}) {
            Map<String, String> r = t.row("Area Code", area);
            empty(r.get("value"), "NA numerator value");
            empty(r.get("lowercl"), "NA numerator lower");
            empty(r.get("uppercl"), "NA numerator upper");
        }
        Map<String, String> e = t.row("Area Code", "E");
        close(700.0 / 9, e.get("value"), "value");
        close(100 * wilson(7, 9, Z998)[0], e.get("lowercl"), "lower");
        close(100 * wilson(7, 9, Z998)[1], e.get("uppercl"), "upper");
    }

    @Test
    void proportionSingleGroupIsSummedAndGroupColumnsComeFirst() throws IOException {
        Path in = file("one.csv", "N,X,Grp\n20,3,only\n10,4,only\n");
        Table t = calc("proportion", "--input", in.toString(), "--numerator", "X", "--denominator", "N", "--by",
                "Grp");
        startsWith(t.header(), "Grp", "X", "N", "value", "lowercl", "uppercl", "confidence", "statistic", "method");
        assertEquals(1, t.rows().size(), "one group gives one summed row (cli.md)");
        Map<String, String> r = t.rows().get(0);
        close(7, r.get("X"), "summed numerator");
        close(30, r.get("N"), "summed denominator");
        close(7.0 / 30, r.get("value"), "value");
        close(wilson(7, 30, Z95)[0], r.get("lowercl"), "lower");
        close(wilson(7, 30, Z95)[1], r.get("uppercl"), "upper");
        assertEquals("proportion of 1", r.get("statistic"));
    }

    @Test
    void proportionTwoByColumnsLastAndTwoLevels() throws IOException {
        Path in = file("two.csv", "den,num,Sex,Area Code\n100,10,F,E1\n50,5,F,E1\n80,0,M,E1\n40,40,M,E2\n");
        Table t = calc("proportion", "--input", in.toString(), "--numerator", "num", "--denominator", "den", "--by",
                "Area Code,Sex", "--confidence", "0.95,0.998");
        startsWith(t.header(), "Area Code", "Sex", "num", "den", "value", "lower95_0cl", "upper95_0cl", "lower99_8cl",
                "upper99_8cl", "confidence", "statistic", "method");
        assertEquals(3, t.rows().size());
        Map<String, String> f = t.row("Sex", "F");
        close(15, f.get("num"), "summed num");
        close(0.1, f.get("value"), "value");
        close(wilson(15, 150, Z95)[0], f.get("lower95_0cl"), "lower95");
        close(wilson(15, 150, Z998)[1], f.get("upper99_8cl"), "upper99.8");
        assertEquals("95%, 99.8%", f.get("confidence"));
        Map<String, String> e2 = t.row("Area Code", "E2");
        close(1, e2.get("upper95_0cl"), "x = n upper");
        close(1, e2.get("upper99_8cl"), "x = n upper");
        close(wilson(40, 40, Z998)[0], e2.get("lower99_8cl"), "x = n lower");
    }

    // ------------------------------------------------------------------ rate

    @Test
    void rateSwitchesFromExactToByarsAtTenEvents() throws IOException {
        Path in = file("rate.csv", "Population,Events,Code\n1000,0,z\n1000,9,nine\n1000,10,ten\n2000,3,three\n");
        Table t = calc("rate", "--input", in.toString(), "--numerator", "Events", "--denominator", "Population",
                "--multiplier", "1000", "--confidence", "95,99.8");
        startsWith(t.header(), "Population", "Events", "Code", "value", "lower95_0cl", "upper95_0cl", "lower99_8cl",
                "upper99_8cl", "confidence", "statistic", "method");
        Map<String, String> z = t.row("Code", "z");
        close(0, z.get("value"), "x=0");
        close(0, z.get("lower95_0cl"), "x=0 lower");
        close(-Math.log(0.025) / 1000 * 1000, z.get("upper95_0cl"), "x=0 upper = -ln(0.025)/n");
        close(3.6888794541139354, z.get("upper95_0cl"), "scipy chi2.ppf(0.975, 2)/2");
        close(-Math.log(0.001), z.get("upper99_8cl"), "x=0 upper 99.8%");
        assertEquals("Exact", z.get("method"));
        Map<String, String> nine = t.row("Code", "nine");
        assertEquals("Exact", nine.get("method"));
        close(9, nine.get("value"), "value");
        close(4.115373097378334, nine.get("lower95_0cl"), "scipy chi2.ppf(0.025, 18)/2");
        close(17.084803451419166, nine.get("upper95_0cl"), "scipy chi2.ppf(0.975, 20)/2");
        close(2.452424404363775, nine.get("lower99_8cl"), "scipy chi2.ppf(0.001, 18)/2");
        close(22.65737330906293, nine.get("upper99_8cl"), "scipy chi2.ppf(0.999, 20)/2");
        Map<String, String> ten = t.row("Code", "ten");
        assertEquals("Byars", ten.get("method"));
        close(byar(10, Z95)[0], ten.get("lower95_0cl"), "Byar lower");
        close(byar(10, Z95)[1], ten.get("upper95_0cl"), "Byar upper");
        close(byar(10, Z998)[0], ten.get("lower99_8cl"), "Byar lower 99.8");
        close(byar(10, Z998)[1], ten.get("upper99_8cl"), "Byar upper 99.8");
        Map<String, String> three = t.row("Code", "three");
        close(0.6186721228956015 / 2, three.get("lower95_0cl"), "scipy chi2.ppf(0.025, 6)/2 / 2000 * 1000");
        close(13.06224077918807 / 2, three.get("upper99_8cl"), "scipy chi2.ppf(0.999, 8)/2 / 2000 * 1000");
        assertEquals("rate per 1000", three.get("statistic"));
    }

    @Test
    void rateGroupedSumsAndAllowsRatesAboveMultiplier() throws IOException {
        Path in = file("rg.csv", "extra,n,x,g\nq,2,5,a\nr,3,7,a\n");
        Table t = calc("rate", "--input", in.toString(), "--numerator", "x", "--denominator", "n", "--by", "g");
        startsWith(t.header(), "g", "x", "n", "value", "lowercl", "uppercl");
        Map<String, String> r = t.rows().get(0);
        close(12, r.get("x"), "sum");
        close(12.0 / 5 * 100000, r.get("value"), "x > n allowed");
        close(byar(12, Z95)[0] / 5 * 100000, r.get("lowercl"), "Byar lower");
        assertEquals("Byars", r.get("method"));
    }

    // ------------------------------------------------------------------ mean

    @Test
    void meanSingleValueConstantAndMissing() throws IOException {
        Path in = file("m.csv", "other,Wait Days,Team\nx,5,B\ny,5,B\nz,7,A\nq,NA,C\nr,3,C\nt,1,D\nu,2,D\nv,6,D\n");
        Table t = calc("mean", "--input", in.toString(), "--value", "Wait Days", "--by", "Team", "--confidence",
                "0.95,0.998");
        startsWith(t.header(), "Team", "value_sum", "value_count", "stdev", "value", "lower95_0cl", "upper95_0cl",
                "lower99_8cl", "upper99_8cl", "confidence", "statistic", "method");
        Map<String, String> a = t.row("Team", "A");
        close(7, a.get("value"), "count 1 value");
        close(1, a.get("value_count"), "count");
        empty(a.get("stdev"), "sd of one value");
        empty(a.get("lower95_0cl"), "count 1 limits");
        Map<String, String> b = t.row("Team", "B");
        close(0, b.get("stdev"), "constant sd");
        close(5, b.get("lower95_0cl"), "constant limits = value");
        close(5, b.get("upper99_8cl"), "constant limits = value");
        Map<String, String> c = t.row("Team", "C");
        close(2, c.get("value_count"), "NA counted");
        empty(c.get("value"), "NA makes value NA");
        Map<String, String> d = t.row("Team", "D");
        double sd = Math.sqrt(((1 - 3) * (1 - 3) + (2 - 3) * (2 - 3) + (6 - 3) * (6 - 3)) / 2.0);
        close(sd, d.get("stdev"), "sd");
        close(3 - 4.302652729749462 * sd / Math.sqrt(3), d.get("lower95_0cl"), "scipy t.ppf(0.975, 2)");
        close(3 + 22.327124770119866 * sd / Math.sqrt(3), d.get("upper99_8cl"), "scipy t.ppf(0.999, 2)");
    }

    // ------------------------------------------------------------------ dsr

    /** 19 ESP bands for groups; deaths chosen so totals are 0, 9, 10 and larger. */
    @Test
    void dsrTotalsAroundTenZeroBandsAndOddHeaders() throws IOException {
        StringBuilder sb = new StringBuilder("Unused,Pop Count,Band Label,Deaths N,Region\r\n");
        double[][] d = new double[4][19];
        double[][] n = new double[4][19];
        String[] regions = {"R0", "R9", "R10", "RB"};
        for (int g = 0; g < 4; g++) {
            for (int i = 0; i < 19; i++) {
                n[g][i] = 1000 + 137 * i + 11 * g;
                d[g][i] = switch (g) {
                    case 0 -> 0;
                    case 1 -> i < 9 ? 1 : 0;
                    case 2 -> i < 10 ? 1 : 0;
                    default -> i % 3 == 0 ? 0 : 3 * i + 1;
                };
                // NA count in a band is read as 0 (methods.md: na.zero)
                String cell = g == 3 && i == 0 ? "NA" : Integer.toString((int) d[g][i]);
                sb.append("u,").append((int) n[g][i]).append(',').append(BANDS[i]).append(',').append(cell)
                        .append(',').append(regions[g]).append("\r\n");
            }
        }
        Path in = file("dsr.csv", sb.toString());
        Table t = calc("dsr", "--input", in.toString(), "--by", "Region", "--numerator", "Deaths N", "--denominator",
                "Pop Count", "--age-band", "Band Label", "--confidence", "0.95,0.998");
        startsWith(t.header(), "Region", "total_count", "total_pop", "value", "lower95_0cl", "upper95_0cl",
                "lower99_8cl", "upper99_8cl", "confidence", "statistic", "method");
        for (String r : new String[] {"R0", "R9"}) {
            Map<String, String> row = t.row("Region", r);
            empty(row.get("value"), r + " suppressed");
            empty(row.get("upper99_8cl"), r + " suppressed");
        }
        close(9, t.row("Region", "R9").get("total_count"), "total 9");
        close(0, t.row("Region", "R0").get("total_count"), "total 0");
        for (int g = 2; g < 4; g++) {
            Map<String, String> row = t.row("Region", regions[g]);
            double[] e95 = dsr(d[g], n[g], ESP, Z95, 100000);
            double[] e998 = dsr(d[g], n[g], ESP, Z998, 100000);
            close(e95[0], row.get("value"), regions[g] + " value");
            close(e95[1], row.get("lower95_0cl"), regions[g] + " lower95");
            close(e95[2], row.get("upper95_0cl"), regions[g] + " upper95");
            close(e998[1], row.get("lower99_8cl"), regions[g] + " lower99.8");
            close(e998[2], row.get("upper99_8cl"), regions[g] + " upper99.8");
            assertEquals("dsr per 100000", row.get("statistic"));
            assertEquals("Dobson", row.get("method"));
        }
    }

    @Test
    void dsrSixtyFivePlusCustomStandardFileAndColumn() throws IOException {
        double[] d = {12, 20, 31, 25, 40, 22};
        double[] n = {4000, 3500, 3000, 2500, 1500, 700};
        double[] custom = {3000, 1000, 2000, 7000, 4000, 9000};
        StringBuilder sb = new StringBuilder("Age Group,Weight Col,Deaths,Pop\n");
        StringBuilder std = new StringBuilder("age_band,weight\n");
        for (int i = 0; i < 6; i++) {
            sb.append(BANDS[13 + i]).append(',').append((int) custom[i]).append(',').append((int) d[i]).append(',')
                    .append((int) n[i]).append('\n');
        }
        for (int i = 0; i < 19; i++) {
            std.append(BANDS[i]).append(',').append(i < 13 ? 500 : (int) custom[i - 13]).append('\n');
        }
        Path in = file("old.csv", sb.toString());
        Path stdFile = file("mystd.csv", std.toString());
        double[] espOld = new double[6];
        System.arraycopy(ESP, 13, espOld, 0, 6);
        double sum = 0;
        for (double w : espOld) {
            sum += w;
        }
        assertEquals(19500, sum, "65+ ESP weights");
        Table esp = calc("dsr", "--input", in.toString(), "--numerator", "Deaths", "--denominator", "Pop",
                "--age-band", "Age Group", "--multiplier", "1000");
        startsWith(esp.header(), "total_count", "total_pop", "value", "lowercl", "uppercl");
        double[] e = dsr(d, n, espOld, Z95, 1000);
        close(e[0], esp.rows().get(0).get("value"), "65+ value over 19,500");
        close(e[1], esp.rows().get(0).get("lowercl"), "65+ lower");
        close(e[2], esp.rows().get(0).get("uppercl"), "65+ upper");
        assertEquals("dsr per 1000", esp.rows().get(0).get("statistic"));
        double[] c = dsr(d, n, custom, Z95, 100000);
        for (String standard : new String[] {stdFile.toString(), "column:Weight Col"}) {
            Table t = calc("dsr", "--input", in.toString(), "--numerator", "Deaths", "--denominator", "Pop",
                    "--age-band", "Age Group", "--standard", standard);
            close(c[0], t.rows().get(0).get("value"), standard + " value");
            close(c[1], t.rows().get(0).get("lowercl"), standard + " lower");
            close(c[2], t.rows().get(0).get("uppercl"), standard + " upper");
        }
    }

    @Test
    void dsrNonIndependentEvents() throws IOException {
        // Two bands; people with 1, 2 or 3 events each.
        String csv = "band,freq,people,pop,area\n"
                + "65-69,1,10,2000,Z\n65-69,2,4,2000,Z\n65-69,3,1,2000,Z\n"
                + "70-74,1,7,1500,Z\n70-74,2,3,1500,Z\n";
        Path in = file("ni.csv", csv);
        Table t = calc("dsr", "--input", in.toString(), "--by", "area", "--numerator", "people", "--denominator",
                "pop", "--age-band", "band", "--event-frequency", "freq");
        double w1 = 5500;
        double w2 = 5000;
        double sw = w1 + w2;
        double events = 1 * 10 + 2 * 4 + 3 * 1 + 1 * 7 + 2 * 3;
        double value = ((10 + 8 + 3) * w1 / 2000 + (7 + 6) * w2 / 1500) / sw;
        // var_f = Dobson variance of the people with f events; total = Σ f² var_f
        double var1 = (10 * Math.pow(w1 / 2000, 2) + 7 * Math.pow(w2 / 1500, 2)) / (sw * sw);
        double var2 = (4 * Math.pow(w1 / 2000, 2) + 3 * Math.pow(w2 / 1500, 2)) / (sw * sw);
        // frequency 3 occurs only in band 65-69: as the reference package (dsr_inner run per group and
        // frequency), its variance is standardised by the weights of the rows with that frequency only
        double var3 = (1 * Math.pow(w1 / 2000, 2)) / (w1 * w1);
        double var = var1 + 4 * var2 + 9 * var3;
        double[] b = byar(events, Z95);
        Map<String, String> r = t.rows().get(0);
        close(events, r.get("total_count"), "events");
        close(value * 100000, r.get("value"), "value");
        close((value + Math.sqrt(var / events) * (b[0] - events)) * 100000, r.get("lowercl"), "lower");
        close((value + Math.sqrt(var / events) * (b[1] - events)) * 100000, r.get("uppercl"), "upper");
        assertEquals("Dobson, with confidence adjusted for non-independent events", r.get("method"));
    }

    @Test
    void dsrNonIndependentWithEveryFrequencyInEveryBand() throws IOException {
        // with a (zero) row for each frequency in each band, every var_f is standardised by Σw of all bands
        String csv = "band,freq,people,pop,area\n"
                + "65-69,1,10,2000,Z\n65-69,2,4,2000,Z\n65-69,3,1,2000,Z\n"
                + "70-74,1,7,1500,Z\n70-74,2,3,1500,Z\n70-74,3,NA,1500,Z\n";
        Path in = file("ni2.csv", csv);
        Table t = calc("dsr", "--input", in.toString(), "--by", "area", "--numerator", "people", "--denominator",
                "pop", "--age-band", "band", "--event-frequency", "freq", "--confidence", "99.8");
        double w1 = 5500;
        double w2 = 5000;
        double sw = w1 + w2;
        double events = 34;
        double value = (21 * w1 / 2000 + 13 * w2 / 1500) / sw;
        double a = Math.pow(w1 / 2000, 2);
        double b = Math.pow(w2 / 1500, 2);
        double var = ((10 * a + 7 * b) + 4 * (4 * a + 3 * b) + 9 * (1 * a)) / (sw * sw);
        double[] by = byar(events, Z998);
        Map<String, String> r = t.rows().get(0);
        close(events, r.get("total_count"), "events");
        close(3500, r.get("total_pop"), "total_pop counts each band once");
        close((value + Math.sqrt(var / events) * (by[0] - events)) * 100000, r.get("lowercl"), "lower");
        close((value + Math.sqrt(var / events) * (by[1] - events)) * 100000, r.get("uppercl"), "upper");
    }

    @Test
    void dsrErrors() throws IOException {
        Path zero = file("zpop.csv", "b,d,p\n0-4,1,0\n5-9,2,10\n");
        String err = fails(3, "dsr", "--input", zero.toString(), "--numerator", "d", "--denominator", "p",
                "--age-band", "b");
        assertTrue(err.contains("zpop.csv:2") && err.contains("'p'"), err);
        Path bad = file("badband.csv", "b,d,p\n0-4,1,10\n5-10,2,10\n");
        err = fails(3, "dsr", "--input", bad.toString(), "--numerator", "d", "--denominator", "p", "--age-band", "b");
        assertTrue(err.contains("badband.csv:3") && err.contains("'b'"), err);
        fails(2, "dsr", "--input", bad.toString(), "--numerator", "d", "--denominator", "p", "--age-band", "b",
                "--multiplier", "-5");
    }

    // ------------------------------------------------------------------ isr

    @Test
    void isrRatioRateObservedTotalsAndReferenceFile() throws IOException {
        // three areas: O = 0, O = 5, O = 23; two bands
        String csv = "Ref D,Ref N,Pop,Deaths,Band,Area\n"
                + "50,10000,1000,0,young,A0\n300,5000,400,0,old,A0\n"
                + "50,10000,2000,2,young,A5\n300,5000,300,3,old,A5\n"
                + "50,10000,3000,10,young,A23\n300,5000,500,13,old,A23\n";
        Path in = file("isr.csv", csv);
        Table t = calc("isr", "--input", in.toString(), "--by", "Area", "--numerator", "Deaths", "--denominator",
                "Pop", "--age-band", "Band", "--ref-numerator", "Ref D", "--ref-denominator", "Ref N", "--ratio",
                "--refvalue", "100", "--confidence", "0.95,0.998");
        startsWith(t.header(), "Area", "observed", "expected", "value", "lower95_0cl", "upper95_0cl", "lower99_8cl",
                "upper99_8cl", "confidence", "statistic", "method");
        double e0 = 0.005 * 1000 + 0.06 * 400;
        double e5 = 0.005 * 2000 + 0.06 * 300;
        double e23 = 0.005 * 3000 + 0.06 * 500;
        Map<String, String> a0 = t.row("Area", "A0");
        close(0, a0.get("value"), "O=0 value");
        close(0, a0.get("lower95_0cl"), "O=0 lower");
        close(-Math.log(0.025) / e0 * 100, a0.get("upper95_0cl"), "O=0 upper");
        close(-Math.log(0.001) / e0 * 100, a0.get("upper99_8cl"), "O=0 upper 99.8");
        Map<String, String> a5 = t.row("Area", "A5");
        close(e5, a5.get("expected"), "expected");
        close(500 / e5, a5.get("value"), "SMR x100");
        close(1.623486390118421 / e5 * 100, a5.get("lower95_0cl"), "scipy chi2.ppf(0.025,10)/2");
        close(16.454745203680105 / e5 * 100, a5.get("upper99_8cl"), "scipy chi2.ppf(0.999,12)/2");
        assertEquals("Exact", a5.get("method"));
        Map<String, String> a23 = t.row("Area", "A23");
        close(23, a23.get("observed"), "observed");
        close(byar(23, Z95)[0] / e23 * 100, a23.get("lower95_0cl"), "Byar");
        close(byar(23, Z998)[1] / e23 * 100, a23.get("upper99_8cl"), "Byar");
        assertEquals("Byars", a23.get("method"));

        // rate form with a reference file and observed totals; the input has no Deaths column
        Path pops = file("isrpops.csv", "Area,Band,Pop\nA5,young,2000\nA5,old,300\nA23,young,3000\nA23,old,500\n");
        Path ref = file("isrref.csv", "Band,Ref D,Ref N\nyoung,50,10000\nold,300,5000\n");
        Path obs = file("isrobs.csv", "Area,Deaths\nA23,23\nA5,5\n");
        Table r = calc("isr", "--input", pops.toString(), "--by", "Area", "--numerator", "Deaths", "--denominator",
                "Pop", "--age-band", "Band", "--reference", ref.toString(), "--ref-numerator", "Ref D",
                "--ref-denominator", "Ref N", "--observed-totals", obs.toString(), "--multiplier", "1000");
        startsWith(r.header(), "Area", "observed", "expected", "ref_rate", "value", "lowercl", "uppercl");
        double refRate = 350.0 / 15000 * 1000;
        Map<String, String> r5 = r.row("Area", "A5");
        close(refRate, r5.get("ref_rate"), "ref rate");
        close(5 / e5 * refRate, r5.get("value"), "ISRate");
        close(11.66833207932267 / e5 * refRate, r5.get("uppercl"), "scipy chi2.ppf(0.975,12)/2");
        Map<String, String> r23 = r.row("Area", "A23");
        close(byar(23, Z95)[0] / e23 * refRate, r23.get("lowercl"), "Byar rate");
        assertEquals("indirectly standardised rate per 1000", r23.get("statistic"));
    }

    @Test
    void isRateWithNoObservedEvents() throws IOException {
        Path in = file("isr0.csv", "Band,Pop,Deaths,RefD,RefN,LA\nyoung,1000,0,50,10000,L\nold,400,NA,300,5000,L\n");
        Table t = calc("isr", "--input", in.toString(), "--by", "LA", "--numerator", "Deaths", "--denominator", "Pop",
                "--age-band", "Band", "--ref-numerator", "RefD", "--ref-denominator", "RefN");
        double e = 0.005 * 1000 + 0.06 * 400;
        double refRate = 350.0 / 15000 * 100000;
        Map<String, String> r = t.rows().get(0);
        close(0, r.get("observed"), "NA counts as 0");
        close(e, r.get("expected"), "expected");
        close(0, r.get("value"), "O=0");
        close(0, r.get("lowercl"), "O=0 lower");
        close(-Math.log(0.025) / e * refRate, r.get("uppercl"), "O=0 upper");
        assertEquals("Exact", r.get("method"));
    }

    // ------------------------------------------------------------------ life expectancy

    static final int[] LE_AGES = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};

    /** Chiang II with Silcocks (methods.md §6): {e, lower, upper} per band at z. */
    static double[][] chiang(double[] deaths, double[] pop, double z) {
        int k = 20;
        double[] q = new double[k];
        double[] l = new double[k];
        double[] lx = new double[k];
        double[] e = new double[k];
        double[] w = new double[k];
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = deaths[i] / pop[i];
            if (i < k - 1) {
                double n = LE_AGES[i + 1] - LE_AGES[i];
                double a = i == 0 ? 0.1 : 0.5;
                q[i] = deaths[i] > pop[i] / (n * a) ? 1 : n * m[i] / (1 + n * m[i] * (1 - a));
            } else {
                q[i] = 1;
            }
        }
        l[0] = 100000;
        for (int i = 1; i < k; i++) {
            l[i] = l[i - 1] * (1 - q[i - 1]);
        }
        for (int i = 0; i < k; i++) {
            double d = l[i] - (i < k - 1 ? l[i + 1] : 0);
            if (i < k - 1) {
                double n = LE_AGES[i + 1] - LE_AGES[i];
                double a = i == 0 ? 0.1 : 0.5;
                lx[i] = n * (l[i + 1] + a * d);
            } else {
                lx[i] = l[i] / m[i];
            }
        }
        double t = 0;
        for (int i = k - 1; i >= 0; i--) {
            t += lx[i];
            e[i] = t / l[i];
        }
        for (int i = 0; i < k - 1; i++) {
            double n = LE_AGES[i + 1] - LE_AGES[i];
            double a = i == 0 ? 0.1 : 0.5;
            double d = l[i] - l[i + 1];
            double vq = d == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / deaths[i];
            w[i] = l[i] * l[i] * Math.pow((1 - a) * n + e[i + 1], 2) * vq;
        }
        w[k - 1] = Math.pow(l[k - 1] / 2, 2) * 4 / (deaths[k - 1] * m[k - 1] * m[k - 1]);
        double[][] out = new double[k][3];
        double s = 0;
        for (int i = k - 1; i >= 0; i--) {
            s += w[i];
            double se = Math.sqrt(s / (l[i] * l[i]));
            out[i] = new double[] {e[i], e[i] - z * se, e[i] + z * se, se};
        }
        return out;
    }

    @Test
    void lifeExpectancyBoundariesAndLeAge() throws IOException {
        // Area "Big": normal; "Y": total population exactly 5,000 (suppressed, the test is ≤);
        // "Z": zero deaths at 90+; "W": population 5,020, so the 95% CI is wider than 20 years.
        String[] areas = {"Big", "Y", "Z", "W"};
        double[][] deaths = new double[4][20];
        double[][] pop = new double[4][20];
        for (int i = 0; i < 20; i++) {
            pop[0][i] = 3000 + 211 * i;
            deaths[0][i] = i < 10 ? i % 3 : Math.round(pop[0][i] * 0.002 * Math.pow(1.45, i - 10));
            pop[1][i] = 250;
            deaths[1][i] = i < 10 ? 0 : 2;
            pop[2][i] = 4000;
            deaths[2][i] = i == 19 ? 0 : 1 + i;
            pop[3][i] = i == 0 ? 270 : 250;
            deaths[3][i] = i < 12 ? 0 : 1;
        }
        StringBuilder sb = new StringBuilder("\uFEFFDeaths,Start Age,Population,Area\r\n");
        for (int g = 0; g < 4; g++) {
            for (int i = 0; i < 20; i++) {
                sb.append((int) deaths[g][i]).append(',').append(LE_AGES[i]).append(',').append((int) pop[g][i])
                        .append(',').append(areas[g]).append("\r\n");
            }
        }
        Path in = file("le.csv", sb.toString());
        Table t = calc("life-expectancy", "--input", in.toString(), "--by", "Area", "--deaths", "Deaths",
                "--population", "Population", "--age-band", "Start Age", "--confidence", "0.95,0.998");
        assertTrue(t.header().containsAll(List.of("Area", "Start Age", "value", "lower95_0cl", "lower99_8cl",
                "upper95_0cl", "upper99_8cl", "pops_used", "dths_used")), t.header().toString());
        int v = t.header().indexOf("value");
        assertEquals(List.of("value", "lower95_0cl", "lower99_8cl", "upper95_0cl", "upper99_8cl", "pops_used",
                "dths_used", "confidence", "statistic", "method"), t.header().subList(v, v + 10),
                "the reference writes all lower limits before the upper ones");
        assertEquals(80, t.rows().size());
        double[][] e95 = chiang(deaths[0], pop[0], Z95);
        double[][] e998 = chiang(deaths[0], pop[0], Z998);
        for (Map<String, String> r : t.rows()) {
            if (!r.get("Area").equals("Big")) {
                continue;
            }
            int i = java.util.Arrays.binarySearch(LE_AGES, Integer.parseInt(r.get("Start Age")));
            close(e95[i][0], r.get("value"), "e at " + LE_AGES[i]);
            close(e95[i][1], r.get("lower95_0cl"), "lower95 at " + LE_AGES[i]);
            close(e95[i][2], r.get("upper95_0cl"), "upper95 at " + LE_AGES[i]);
            close(e998[i][1], r.get("lower99_8cl"), "lower99.8 at " + LE_AGES[i]);
            close(e998[i][2], r.get("upper99_8cl"), "upper99.8 at " + LE_AGES[i]);
            double pu = 0;
            double du = 0;
            for (int j = i; j < 20; j++) {
                pu += pop[0][j];
                du += deaths[0][j];
            }
            close(pu, r.get("pops_used"), "pops_used");
            close(du, r.get("dths_used"), "dths_used");
        }
        for (Map<String, String> r : t.rows()) {
            if (r.get("Area").equals("Y")) {
                empty(r.get("value"), "5,000 exactly is suppressed");
                empty(r.get("lower95_0cl"), "5,000 exactly is suppressed");
            }
            if (r.get("Area").equals("Z")) {
                empty(r.get("value"), "zero deaths at 90+");
            }
        }
        // W: a CI wider than 20 years at 95% blanks the value but keeps the limits
        double[][] w95 = chiang(deaths[3], pop[3], Z95);
        assertTrue(Z95 * w95[0][3] > 10, "fixture: the CI at age 0 is wider than 20 years");
        Map<String, String> w0 = null;
        for (Map<String, String> r : t.rows()) {
            if (r.get("Area").equals("W") && r.get("Start Age").equals("0")) {
                w0 = r;
            }
        }
        empty(w0.get("value"), "CI > 20 years");
        close(w95[0][1], w0.get("lower95_0cl"), "limits kept");
        close(w95[0][2], w0.get("upper95_0cl"), "limits kept");

        // --le-age keeps the rows of those start ages only; judged at 95% even at 99.8%
        Table sel = calc("life-expectancy", "--input", in.toString(), "--by", "Area", "--deaths", "Deaths",
                "--population", "Population", "--age-band", "Start Age", "--le-age", "0,65", "--confidence", "99.8");
        assertEquals(8, sel.rows().size());
        for (Map<String, String> r : sel.rows()) {
            assertTrue(r.get("Start Age").equals("0") || r.get("Start Age").equals("65"), r.toString());
            if (r.get("Area").equals("W") && r.get("Start Age").equals("0")) {
                empty(r.get("value"), "CI judged at 95% whatever the confidence");
            }
            if (r.get("Area").equals("Big") && r.get("Start Age").equals("65")) {
                close(e998[14][0], r.get("value"), "e65");
                close(e998[14][1], r.get("lowercl"), "e65 lower 99.8");
            }
        }
    }

    @Test
    void lifeExpectancyBandWithQEqualToOne() throws IOException {
        // 60-64: deaths 2,100 > P/(n·a) = 5000/2.5, so q = 1 (methods.md §6) and nobody lives past 65:
        // l = 0 from 65 on, where the reference sets e = 0 and the limits are 0/0 (missing).
        // At 60, e = n(l₆₅ + a·d)/l = 5 · 0.5 = 2.5 and var(q) = q²(1 − q)/D = 0, so the limits equal it.
        StringBuilder sb = new StringBuilder("area,startage,deaths,pop\n");
        for (int i = 0; i < 20; i++) {
            sb.append("A,").append(LE_AGES[i]).append(',').append(LE_AGES[i] == 60 ? 2100 : 10 + 5 * i)
                    .append(",5000\n");
        }
        Path in = file("leq.csv", sb.toString());
        Table t = calc("life-expectancy", "--input", in.toString(), "--by", "area", "--deaths", "deaths",
                "--population", "pop", "--age-band", "startage");
        Map<String, String> at60 = t.row("startage", "60");
        close(2.5, at60.get("value"), "e60");
        close(2.5, at60.get("lowercl"), "lower60");
        close(2.5, at60.get("uppercl"), "upper60");
        for (int age = 65; age <= 90; age += 5) {
            Map<String, String> r = t.row("startage", Integer.toString(age));
            close(0, r.get("value"), "e" + age + " after q = 1");
            empty(r.get("lowercl"), "lower" + age);
            empty(r.get("uppercl"), "upper" + age);
        }
    }

    // ------------------------------------------------------------------ SII

    /** Population-weighted least squares of y on the ridit b: {β0, β1}. */
    static double[] ridit(double[] pop, double[] y) {
        double tot = 0;
        for (double p : pop) {
            tot += p;
        }
        double cum = 0;
        double mb = 0;
        double my = 0;
        double[] a = new double[pop.length];
        double[] b = new double[pop.length];
        for (int i = 0; i < pop.length; i++) {
            a[i] = pop[i] / tot;
            b[i] = cum + a[i] / 2;
            cum += a[i];
            mb += a[i] * b[i];
            my += a[i] * y[i];
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < pop.length; i++) {
            sxy += a[i] * (b[i] - mb) * (y[i] - my);
            sxx += a[i] * (b[i] - mb) * (b[i] - mb);
        }
        double b1 = sxy / sxx;
        return new double[] {my - b1 * mb, b1};
    }

    @Test
    void siiWithSeLimitsTransformNegativeMultiplierAndGroups() throws IOException {
        double[] pop = {1200, 1000, 900, 1500, 800};
        double[] val = {30, 26, 21, 17, 15};
        StringBuilder sb = new StringBuilder("SE,Upper,Lower,Rate,Pop,Quint,Region\n");
        for (String reg : new String[] {"North", "South"}) {
            for (int i = 4; i >= 0; i--) { // quantiles in descending order: must be sorted by jsna
                double v = reg.equals("North") ? val[i] : val[i] * 2;
                sb.append(1.5).append(',').append(v * 1.2).append(',').append(v / 1.2).append(',').append(v)
                        .append(',').append((int) pop[i]).append(',').append(i + 1).append(',').append(reg)
                        .append('\n');
            }
        }
        // a group lacking quantile 5: dropped by the reference package
        for (int i = 0; i < 4; i++) {
            sb.append("1.5,12,8,10,1000,").append(i + 1).append(",East\n");
        }
        Path in = file("sii.csv", sb.toString());
        double[] fit = ridit(pop, val);

        Table se = calc("sii", "--input", in.toString(), "--by", "Region", "--quantile", "Quint", "--population",
                "Pop", "--value", "Rate", "--se", "SE", "--rii", "--repetitions", "2000", "--seed", "7");
        startsWith(se.header(), "Region", "sii", "rii", "sii_lower95_0cl", "sii_upper95_0cl", "rii_lower95_0cl",
                "rii_upper95_0cl", "intercept", "indicator_type", "multiplier", "transform", "CI_confidence",
                "CI_method");
        assertEquals(2, se.rows().size(), "the group lacking a quantile is dropped: " + se.rows());
        Map<String, String> north = se.row("Region", "North");
        close(fit[1], north.get("sii"), "SII");
        close((fit[0] + fit[1]) / fit[0], north.get("rii"), "RII");
        close(fit[0], north.get("intercept"), "intercept");
        assertTrue(Double.parseDouble(north.get("sii_lower95_0cl")) < fit[1]
                && fit[1] < Double.parseDouble(north.get("sii_upper95_0cl")), north.toString());
        close(2 * fit[1], se.row("Region", "South").get("sii"), "scaled values double the SII");

        // rate limits, multiplier -1: SII negated, RII inverted (methods.md §7)
        Table neg = calc("sii", "--input", in.toString(), "--by", "Region", "--quantile", "Quint", "--population",
                "Pop", "--value", "Rate", "--lower", "Lower", "--upper", "Upper", "--value-type", "rate",
                "--multiplier", "-1", "--rii", "--repetitions", "2000", "--confidence", "0.95,0.998");
        startsWith(neg.header(), "Region", "sii", "rii", "sii_lower95_0cl", "sii_upper95_0cl", "sii_lower99_8cl",
                "sii_upper99_8cl", "rii_lower95_0cl", "rii_upper95_0cl", "rii_lower99_8cl", "rii_upper99_8cl",
                "intercept");
        Map<String, String> n2 = neg.row("Region", "North");
        close(-fit[1], n2.get("sii"), "negative multiplier");
        close(fit[0] / (fit[0] + fit[1]), n2.get("rii"), "RII inverted");
        assertEquals("rate", n2.get("indicator_type"));

        // transform (log) on rates
        double[] logv = new double[5];
        for (int i = 0; i < 5; i++) {
            logv[i] = Math.log(val[i]);
        }
        double[] lf = ridit(pop, logv);
        Table tr = calc("sii", "--input", in.toString(), "--by", "Region", "--quantile", "Quint", "--population",
                "Pop", "--value", "Rate", "--lower", "Lower", "--upper", "Upper", "--value-type", "rate",
                "--transform", "--multiplier", "100", "--rii", "--repetitions", "2000", "--confidence", "0.95,0.998");
        startsWith(tr.header(), "Region", "sii", "rii", "sii_lower95_0", "sii_upper95_0", "rii_lower95_0",
                "rii_upper95_0", "sii_lower99_8", "sii_upper99_8", "rii_lower99_8", "rii_upper99_8", "intercept");
        Map<String, String> t1 = tr.row("Region", "North");
        close((Math.exp(lf[0] + lf[1]) - Math.exp(lf[0])) * 100, t1.get("sii"), "transformed SII");
        close(Math.exp(lf[1]), t1.get("rii"), "transformed RII");
        close(Math.exp(lf[0]) * 100, t1.get("intercept"), "transformed intercept");
        assertEquals("log", t1.get("transform"));
    }

    @Test
    void siiProportionLogitTransformAndTooFewQuantiles() throws IOException {
        double[] pop = {500, 700, 650, 900, 400, 800};
        double[] p = {0.42, 0.37, 0.33, 0.30, 0.22, 0.2};
        StringBuilder sb = new StringBuilder("q,n,prop,lo,hi\n");
        double[] lg = new double[6];
        for (int i = 0; i < 6; i++) {
            sb.append(i + 1).append(',').append((int) pop[i]).append(',').append(p[i]).append(',')
                    .append(p[i] - 0.05).append(',').append(p[i] + 0.05).append('\n');
            lg[i] = Math.log(p[i] / (1 - p[i]));
        }
        Path in = file("siip.csv", sb.toString());
        double[] f = ridit(pop, lg);
        double hi = 1 / (1 + Math.exp(-(f[0] + f[1])));
        double lo = 1 / (1 + Math.exp(-f[0]));
        Table t = calc("sii", "--input", in.toString(), "--quantile", "q", "--population", "n", "--value", "prop",
                "--lower", "lo", "--upper", "hi", "--value-type", "proportion", "--transform", "--multiplier",
                "-100", "--rii", "--repetitions", "1000");
        Map<String, String> r = t.rows().get(0);
        close((hi - lo) * -100, r.get("sii"), "logit SII");
        close(lo * 100, r.get("intercept"), "intercept × |multiplier|");
        assertEquals("logit", r.get("transform"));
        startsWith(t.header(), "sii", "rii", "sii_lower95_0", "sii_upper95_0", "rii_lower95_0", "rii_upper95_0");

        Path four = file("sii4.csv", "q,n,prop,lo,hi\n1,5,0.2,0.1,0.3\n2,5,0.2,0.1,0.3\n3,5,0.2,0.1,0.3\n"
                + "4,5,0.2,0.1,0.3\n");
        String err = fails(3, "sii", "--input", four.toString(), "--quantile", "q", "--population", "n", "--value",
                "prop", "--lower", "lo", "--upper", "hi");
        assertTrue(err.contains("sii4.csv") && err.contains("'q'"), err);
        Path zero = file("sii0.csv", "q,n,v,s\n1,5,1,1\n2,0,1,1\n3,5,1,1\n4,5,1,1\n5,5,1,1\n");
        err = fails(3, "sii", "--input", zero.toString(), "--quantile", "q", "--population", "n", "--value", "v",
                "--se", "s");
        assertTrue(err.contains("sii0.csv") && err.contains("'n'"), err);
    }

    // ------------------------------------------------------------------ quantile

    /** methods.md §9: floor((nq + 1) − ceiling((N + 1 − rank) / (N/nq))), 0 → 1. */
    static int quantile(int rank, int n, int nq) {
        int q = (int) Math.floor((nq + 1) - Math.ceil((n + 1 - rank) / ((double) n / nq)));
        return q == 0 ? 1 : q;
    }

    @Test
    void quantileTiesInvertAndTooFewValues() throws IOException {
        Path in = file("q.csv", "Score,LSOA Code,LA\n10,a,L1\n20,b,L1\n20,c,L1\n30,d,L1\nNA,e,L1\n40,f,L1\n"
                + "5,g,L2\n6,h,L2\n");
        Table inv = calc("quantile", "--input", in.toString(), "--value", "Score", "--by", "LA", "--quantiles", "4");
        startsWith(inv.header(), "Score", "LSOA Code", "LA", "quantile", "nquantiles", "groupvars", "qinverted");
        // inverted: descending ranks with ties at the minimum: 40→1, 30→2, 20→3, 20→3, 10→5; N = 5
        assertEquals(Integer.toString(quantile(1, 5, 4)), inv.row("LSOA Code", "f").get("quantile"));
        assertEquals(Integer.toString(quantile(2, 5, 4)), inv.row("LSOA Code", "d").get("quantile"));
        assertEquals(Integer.toString(quantile(3, 5, 4)), inv.row("LSOA Code", "b").get("quantile"));
        assertEquals(Integer.toString(quantile(3, 5, 4)), inv.row("LSOA Code", "c").get("quantile"));
        assertEquals(Integer.toString(quantile(5, 5, 4)), inv.row("LSOA Code", "a").get("quantile"));
        empty(inv.row("LSOA Code", "e").get("quantile"), "NA value");
        empty(inv.row("LSOA Code", "g").get("quantile"), "too few values");
        empty(inv.row("LSOA Code", "h").get("quantile"), "too few values");
        assertEquals("lowest quantile represents highest values", inv.row("LSOA Code", "a").get("qinverted"));
        Table no = calc("quantile", "--input", in.toString(), "--value", "Score", "--by", "LA", "--quantiles", "4",
                "--no-invert");
        assertEquals(Integer.toString(quantile(1, 5, 4)), no.row("LSOA Code", "a").get("quantile"));
        assertEquals(Integer.toString(quantile(2, 5, 4)), no.row("LSOA Code", "b").get("quantile"));
        assertEquals(Integer.toString(quantile(4, 5, 4)), no.row("LSOA Code", "d").get("quantile"));
        assertEquals(Integer.toString(quantile(5, 5, 4)), no.row("LSOA Code", "f").get("quantile"));
        assertEquals("lowest quantile represents lowest values", no.row("LSOA Code", "a").get("qinverted"));
    }

    // ------------------------------------------------------------------ funnel

    @Test
    void funnelWithZeroEvents() throws IOException {
        Path prop = file("fp.csv", "Area,k,N\nA,0,100\nB,30,100\nC,5,50\n");
        Table sig = calc("funnel", "--input", prop.toString(), "--numerator", "k", "--denominator", "N", "--statistic",
                "proportion", "--output", "significance", "--multiplier", "100");
        startsWith(sig.header(), "Area", "k", "N", "significance");
        // average 35/250 = 0.14; A (0/100) lies below the 99.8% limit: its Wilson 99.8% upper limit is below 0.14
        assertTrue(wilson(0, 100, Z998)[1] < 0.14);
        assertEquals("Low (0.001)", sig.row("Area", "A").get("significance"));
        assertTrue(wilson(30, 100, Z998)[0] > 0.14);
        assertEquals("High (0.001)", sig.row("Area", "B").get("significance"));
        assertEquals("Not significant", sig.row("Area", "C").get("significance"));

        Table lim = calc("funnel", "--input", prop.toString(), "--numerator", "k", "--denominator", "N", "--statistic",
                "proportion", "--output", "limits", "--multiplier", "100");
        startsWith(lim.header(), "Population", "lower_2s_limit", "upper_2s_limit", "lower_3s_limit",
                "upper_3s_limit", "baseline");
        assertEquals(100, lim.rows().size());

        Path ratio = file("fr.csv", "Area,Obs,Exp\nA,0,3.2\nB,0,4\nC,0,0.5\nD,40,20\n");
        Table rs = calc("funnel", "--input", ratio.toString(), "--numerator", "Obs", "--denominator", "Exp",
                "--statistic", "ratio", "--output", "significance");
        // O = 0: interval [0, -ln(α/2)/E]; 1 lies outside it when E > -ln(0.025) = 3.689
        assertEquals("Not significant", rs.row("Area", "A").get("significance"));
        assertEquals("Low (0.025)", rs.row("Area", "B").get("significance"));
        assertEquals("Not significant", rs.row("Area", "C").get("significance"));
        assertTrue(byar(40, Z998)[0] / 20 > 1);
        assertEquals("High (0.001)", rs.row("Area", "D").get("significance"));

        for (String type : new String[] {"count", "isr"}) {
            Table rl = calc("funnel", "--input", ratio.toString(), "--numerator", "Obs", "--denominator", "Exp",
                    "--statistic", "ratio", "--ratio-type", type, "--output", "limits");
            startsWith(rl.header(), "Observed_events", "lower_2s_exp_events", "lower_2s_limit", "upper_2s_exp_events",
                    "upper_2s_limit", "lower_3s_exp_events", "lower_3s_limit", "upper_3s_exp_events",
                    "upper_3s_limit");
            assertEquals(100, rl.rows().size());
        }
        Path rate = file("frt.csv", "Area,Count,Pop,Rate\nA,0,5000,0\nB,12,5000,240\nC,30,6000,500\n");
        Table pts = calc("funnel", "--input", rate.toString(), "--numerator", "Count", "--denominator", "Pop",
                "--statistic", "rate", "--rate", "Rate", "--rate-type", "crude", "--years", "1", "--multiplier",
                "100000", "--output", "points");
        startsWith(pts.header(), "Area", "Count", "Pop", "Rate", "Rate_chart", "denominator_derived");
        Table rsig = calc("funnel", "--input", rate.toString(), "--numerator", "Count", "--denominator", "Pop",
                "--statistic", "rate", "--rate", "Rate", "--rate-type", "crude", "--years", "1", "--multiplier",
                "100000", "--output", "significance");
        assertEquals(3, rsig.rows().size());
        assertEquals("Low (0.001)", rsig.row("Area", "A").get("significance"),
                "0 events against an average of 42/16000: exact upper limit 6.9078/5000 per person is below it");
        assertTrue(-Math.log(0.001) / 5000 < 42.0 / 16000);
        for (String type : new String[] {"crude", "dsr"}) {
            Table rl = calc("funnel", "--input", rate.toString(), "--numerator", "Count", "--denominator", "Pop",
                    "--statistic", "rate", "--rate", "Rate", "--rate-type", type, "--years", "2", "--multiplier",
                    "100000", "--output", "limits");
            // golden out_funnel_limits_rate_* (years_of_data = 3) name them per one year whatever --years is
            startsWith(rl.header(), "Events", "lower_2s_population_1_year", "lower_2s_limit",
                    "upper_2s_population_1_year", "upper_2s_limit", "lower_3s_population_1_year", "lower_3s_limit",
                    "upper_3s_population_1_year", "upper_3s_limit", "baseline");
        }
    }

    // ------------------------------------------------------------------ errors and options

    @Test
    void inputErrorsNameFileLineAndColumn() throws IOException {
        Path over = file("over.csv", "\uFEFFa,\"My N\",\"My X\"\r\nq,10,3\r\nr,10,11\r\n");
        String err = fails(3, "proportion", "--input", over.toString(), "--numerator", "My X", "--denominator",
                "My N");
        assertTrue(err.contains("over.csv:3") && err.contains("My X"), err);
        Path negative = file("neg.csv", "x,n\n1,10\n-1,10\n");
        err = fails(3, "rate", "--input", negative.toString(), "--numerator", "x", "--denominator", "n");
        assertTrue(err.contains("neg.csv:3") && err.contains("'x'"), err);
        Path zeroN = file("zn.csv", "x,n\n0,0\n");
        err = fails(3, "proportion", "--input", zeroN.toString(), "--numerator", "x", "--denominator", "n");
        assertTrue(err.contains("zn.csv:2") && err.contains("'n'"), err);
        Path text = file("txt.csv", "x,n\n1,ten\n");
        err = fails(3, "rate", "--input", text.toString(), "--numerator", "x", "--denominator", "n");
        assertTrue(err.contains("txt.csv:2") && err.contains("'n'"), err);
        Path neg = file("isrneg.csv", "b,d,p,rd,rp\nx,1,-5,1,10\n");
        err = fails(3, "isr", "--input", neg.toString(), "--numerator", "d", "--denominator", "p", "--age-band", "b",
                "--ref-numerator", "rd", "--ref-denominator", "rp");
        assertTrue(err.contains("isrneg.csv:2") && err.contains("'p'"), err);
        // a column that is not in the file
        fails(3, "mean", "--input", negative.toString(), "--value", "nope");
    }

    @Test
    void badOptionsExitTwo() throws IOException {
        Path in = file("ok.csv", "x,n\n1,10\n");
        String[] base = {"--input", in.toString(), "--numerator", "x", "--denominator", "n"};
        for (String[] extra : new String[][] {{"--confidence", "0.8"}, {"--confidence", "1"},
            {"--confidence", "0.9,0.95"}, {"--confidence", "0.95,0.998,0.99"}, {"--multiplier", "0"},
            {"--multiplier", "-100"}, {"--no-such-option"}}) {
            String[] args = new String[base.length + 1 + extra.length];
            args[0] = "proportion";
            System.arraycopy(base, 0, args, 1, base.length);
            System.arraycopy(extra, 0, args, 1 + base.length, extra.length);
            fails(2, args);
        }
        Table t = calc("proportion", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--confidence", "90");
        close(wilson(1, 10, 1.6448536269514722)[0], t.rows().get(0).get("lowercl"), "scipy norm.ppf(0.95)");
        assertEquals("90%", t.rows().get(0).get("confidence"));
    }
}
