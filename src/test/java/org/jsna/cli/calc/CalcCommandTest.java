package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jsna calc} end to end in process: options, input handling, errors and exit codes. */
class CalcCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertFalse(e.contains("\tat "), "no stack trace: " + e);
        return new Run(code, out.toString(StandardCharsets.UTF_8), e);
    }

    Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static String[] cells(String line) {
        return line.split(",", -1);
    }

    @Test
    void proportionFromStdinWithBomAndMissingValues() {
        Run r = run("\uFEFFarea,x,n\nA,5,10\nB,NA,10\nC,,10\n", "calc", "proportion", "--input", "-",
                "--numerator", "x", "--denominator", "n");
        assertEquals(0, r.code(), r.err());
        assertEquals("area,x,n,value,lowercl,uppercl,confidence,statistic,method,value_note", r.lines().get(0));
        String[] a = cells(r.lines().get(1));
        assertEquals("0.5", a[3]);
        // Wilson 5/10 at 95%: 0.2366 to 0.7634 (Newcombe 1998, Stat Med 17:857, table I)
        assertEquals(0.2366, Double.parseDouble(a[4]), 5e-5);
        assertEquals(0.7634, Double.parseDouble(a[5]), 5e-5);
        assertEquals("B,,10,,,,95%,proportion of 1,Wilson,numerator missing", r.lines().get(2));
        assertEquals(1, r.err().split("warning", -1).length - 1, "the warning is printed once: " + r.err());
    }

    @Test
    void proportionByGroupSumsNumeratorsAndDenominators() {
        Run r = run("g,x,n\nb,1,10\na,2,10\nb,2,10\n", "calc", "proportion", "--input", "-",
                "--numerator", "x", "--denominator", "n", "--by", "g", "--multiplier", "100");
        assertEquals(0, r.code(), r.err());
        assertEquals("g,x,n,value,lowercl,uppercl,confidence,statistic,method,value_note", r.lines().get(0));
        assertTrue(r.lines().get(1).startsWith("a,2,10,20,"), r.out());
        assertTrue(r.lines().get(2).startsWith("b,3,20,15,"), r.out());
        assertTrue(r.lines().get(2).contains(",percentage,Wilson,"), r.out());
    }

    @Test
    void rateWritesToFileAndNothingToStdout() throws IOException {
        Path in = file("in.csv", "area,events,pop\nA,0,1000\n");
        Path out = dir.resolve("out.csv");
        Run r = run("", "calc", "rate", "--input", in.toString(), "--numerator", "events", "--denominator", "pop",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        List<String> lines = Files.readAllLines(out);
        // 0 events: upper = −ln(0.025)/1000 × 100000 (chi-square with 2 df)
        String[] c = cells(lines.get(1));
        assertEquals("0", c[3]);
        assertEquals("0", c[4]);
        assertEquals(-Math.log(0.025) * 100, Double.parseDouble(c[5]), 1e-9);
        assertEquals("Exact", c[8]);
    }

    @Test
    void badNumberNamesFileLineColumnAndValue() throws IOException {
        Path in = file("in.csv", "area,x,n\nA,1,10\nB,abc,10\n");
        Run r = run("", "calc", "rate", "--input", in.toString(), "--numerator", "x", "--denominator", "n");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("in.csv:3: column 'x': value 'abc': expected a number"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingColumnIsAnInputError() throws IOException {
        Path in = file("in.csv", "area,x,n\nA,1,10\n");
        Run r = run("", "calc", "rate", "--input", in.toString(), "--numerator", "events", "--denominator", "n");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("column 'events' not found"), r.err());
    }

    @Test
    void negativeCountAndZeroDenominatorAreInputErrors() throws IOException {
        Path neg = file("neg.csv", "area,x,n\nA,-1,10\n");
        Run r = run("", "calc", "rate", "--input", neg.toString(), "--numerator", "x", "--denominator", "n");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("neg.csv:2: column 'x': value '-1'"), r.err());
        Path zero = file("zero.csv", "area,x,n\nA,1,0\n");
        assertEquals(3, run("", "calc", "proportion", "--input", zero.toString(), "--numerator", "x", "--denominator", "n").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--multiplier=0", "--multiplier=-5", "--confidence=1", "--confidence=0.8",
        "--confidence=0.95,0.99", "--confidence=x", "--multiplier=abc"})
    void badOptionValuesAreUsageErrors(String option) {
        Run r = run("area,x,n\nA,1,10\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator", "n", option);
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void anOutputOverAnInputFileIsRefusedAndTheInputKept() throws IOException {
        Path in = file("counts.csv", "area,x,n\nA,1,10\n");
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, in);
        for (String out : new String[] {in.toString(), dir.resolve("./counts.csv").toString(), link.toString()}) {
            Run r = run("", "calc", "proportion", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                    "--out", out);
            assertEquals(2, r.code(), out + ": " + r.err());
            assertTrue(r.err().contains("is the --input file"), r.err());
            assertEquals("area,x,n\nA,1,10\n", Files.readString(in), "the input is untouched");
        }
        Path std = file("std.csv", "age_band,weight\n0-4,5000\n");
        Run d = run("", "calc", "dsr", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--age-band", "area", "--standard", std.toString(), "--out", std.toString());
        assertEquals(2, d.code(), d.err());
        assertEquals("age_band,weight\n0-4,5000\n", Files.readString(std));
        Path ref = file("ref.csv", "area,rx,rn\nA,1,10\n");
        Run i = run("", "calc", "isr", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--age-band", "area", "--reference", ref.toString(), "--ref-numerator", "rx", "--ref-denominator", "rn",
                "--out", ref.toString());
        assertEquals(2, i.code(), i.err());
        assertEquals("area,rx,rn\nA,1,10\n", Files.readString(ref));
        // another file is written as before
        Run ok = run("", "calc", "proportion", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
                "--out", dir.resolve("out.csv").toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void outIntoAPipeALinkOrAnExistingFileKeepsWhatItIs() throws Exception {
        Path in = file("in.csv", "area,x,n\nA,1,10\n");
        String[] calc = {"calc", "proportion", "--input", in.toString(), "--numerator", "x", "--denominator", "n",
            "--out"};
        // a named pipe (as a device such as /dev/null): written into, never replaced by a file
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run p = run("", concat(calc, fifo.toString()));
        assertEquals(0, p.code(), p.err());
        assertTrue(read.get(30, java.util.concurrent.TimeUnit.SECONDS).startsWith("area,x,n,value,"));
        assertTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "still a pipe");
        // a symbolic link: still the link, the file it names holds the output
        Path real = file("real.csv", "old\n");
        Path link = dir.resolve("link-out.csv");
        Files.createSymbolicLink(link, real);
        assertEquals(0, run("", concat(calc, link.toString())).code());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).startsWith("area,x,n,value,"));
        // an existing file keeps its permissions; a new one gets those of any new file here (the umask's)
        Path shared = file("shared.csv", "old\n");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(shared, mode);
        assertEquals(0, run("", concat(calc, shared.toString())).code());
        assertEquals(mode, Files.getPosixFilePermissions(shared));
        Path fresh = dir.resolve("fresh.csv");
        assertEquals(0, run("", concat(calc, fresh.toString())).code());
        Path plain = Files.write(dir.resolve("plain.txt"), new byte[0]);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
        // this process's standard output by name is standard output, never the file behind it
        Run std = run("", concat(calc, "/dev/stdout"));
        assertEquals(0, std.code(), std.err());
        assertTrue(std.out().startsWith("area,x,n,value,"), std.out());
        // standard input by name is never an output (it replaced the file the shell read from, or hung on a pipe)
        for (String stdin : new String[] {"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"}) {
            Run toStdin = run("", concat(calc, stdin));
            assertEquals(2, toStdin.code(), toStdin.err());
            assertTrue(toStdin.err().contains("is standard input"), toStdin.err());
        }
        // a link to no file yet: the file it names is made, the link kept
        Path dangling = dir.resolve("dangling.csv");
        Files.createSymbolicLink(dangling, dir.resolve("made.csv"));
        assertEquals(0, run("", concat(calc, dangling.toString())).code());
        assertTrue(Files.isSymbolicLink(dangling));
        assertTrue(Files.readString(dir.resolve("made.csv")).startsWith("area,x,n,value,"));
        // a name ending in a slash names a folder
        assertEquals(4, run("", concat(calc, dir.resolve("new.csv").toString() + "/")).code());
        assertTrue(!Files.exists(dir.resolve("new.csv")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    private static String[] concat(String[] a, String last) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    @Test
    void optionMistakesAreUsageErrors() throws IOException {
        Path in = file("u.csv", "area,x,n\nA,1,10\n");
        Run empty = run("", "calc", "rate", "--input", "", "--numerator", "x", "--denominator", "n");
        assertEquals(2, empty.code(), empty.err());
        Run blank = run("", "calc", "rate", "--input", in.toString(), "--numerator", "", "--denominator", "n");
        assertEquals(2, blank.code(), blank.err());
        Run twice = run("area,x,n\nA,1,10\n", "calc", "isr", "--input", "-", "--numerator", "x", "--denominator", "n",
                "--age-band", "area", "--reference", "-", "--ref-numerator", "x", "--ref-denominator", "n");
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("both read standard input"), twice.err());
        // --standard - read standard input before --input was registered: the data then failed as a standard (exit 3,
        // "column 'age_band' not found") or an empty one, where calc.md gives exit 2 whatever is on standard input
        for (String stdin : new String[] {"area,x,n,band\nA,1,10,0-4\n", "", "age_band,weight\n0-4,5000\n"}) {
            Run dsr = run(stdin, "calc", "dsr", "--input", "-", "--numerator", "x", "--denominator", "n", "--age-band",
                    "band", "--standard", "-");
            assertEquals(2, dsr.code(), dsr.err());
            assertTrue(dsr.err().contains("--input and --standard both read standard input"), dsr.err());
        }
        // a choice's case does not matter, as for every other option of fixed values
        Run kind = run("p,x,n\n1,1,10\n2,2,10\n3,3,10\n4,4,10\n5,5,10\n", "calc", "trend", "--input", "-", "--kind",
                "Proportion", "--period", "p", "--count", "x", "--denominator", "n");
        assertEquals(0, kind.code(), kind.err());
        Run reps = run("", "calc", "sii", "--input", in.toString(), "--quantile", "area", "--population", "n", "--value",
                "x", "--se", "x", "--repetitions", "2000000000");
        assertEquals(2, reps.code(), reps.err());
        Run both = run("area,x,n\nA,1,10\n", "calc", "isr", "--input", in.toString(), "--numerator", "x",
                "--denominator", "n", "--age-band", "area", "--reference", "-", "--ref-numerator", "x",
                "--ref-denominator", "n", "--observed-totals", "-");
        assertEquals(2, both.code(), both.err());
        Run note = run("g,x,n,value_note\na,1,10,kept\n", "calc", "rate", "--input", "-", "--numerator", "x",
                "--denominator", "n", "--by", "value_note");
        assertEquals(2, note.code(), note.err());
        assertTrue(reps.err().contains("--repetitions must be 1000 to 10000000"), reps.err());
    }

    @Test
    void groupingByAColumnTheMethodComputesOnIsAUsageError() {
        Run r = run("g,x,n\na,1,10\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator", "n",
                "--by", "x");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--by x"), r.err());
        // an input column called like an output column is still the input's matter (exit 3)
        Run v = run("g,x,n,value\na,1,10,5\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator",
                "n", "--by", "value");
        assertEquals(3, v.code(), v.err());
    }

    @Test
    void missingFilesAreIoErrors() {
        Run r = run("", "calc", "rate", "--input", dir.resolve("nope.csv").toString(), "--numerator", "x", "--denominator", "n");
        assertEquals(4, r.code(), r.err());
        Run w = run("area,x,n\nA,1,10\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator", "n",
                "--out", dir.resolve("no-such-folder/out.csv").toString());
        assertEquals(4, w.code(), w.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proportion", "rate", "mean", "dsr", "isr"})
    void helpShowsAnExample(String method) {
        Run r = run("", "calc", method, "--help");
        assertEquals(0, r.code());
        assertTrue(r.err().contains("Example") && r.err().contains("jsna calc " + method + " --input"), r.err());
    }

    @Test
    void calcWithoutMethodIsUsageError() {
        assertEquals(2, run("", "calc").code());
    }

    private static final String OLD_BANDS = "area,band,deaths,pop\n"
            + "A,65-69,10,1000\nA,70-74,10,1000\nA,75-79,10,1000\nA,80-84,10,1000\nA,85-89,10,1000\nA,90+,10,1000\n";

    @Test
    void dsrOfSomeBandsDividesByTheWeightsPresent() throws IOException {
        // every band has rate 10/1000, so the DSR is 1000 per 100,000 whatever the weights,
        // as long as the weights of the bands present (65+: 19,500) are the divisor
        Run r = run(OLD_BANDS, "calc", "dsr", "--input", "-", "--numerator", "deaths", "--denominator", "pop",
                "--age-band", "band");
        assertEquals(0, r.code(), r.err());
        assertEquals("total_count,total_pop,value,lowercl,uppercl,confidence,statistic,method,value_note", r.lines().get(0));
        String[] c = cells(r.lines().get(1));
        assertEquals("60", c[0]);
        assertEquals("6000", c[1]);
        assertEquals(1000, Double.parseDouble(c[2]), 1e-9);
        // a file standard with the same weights gives the same line
        Path std = file("std.csv", "age_band,weight\n65-69,5500\n70-74,5000\n75-79,4000\n80-84,2500\n85-89,1500\n90+,1000\n");
        Run f = run(OLD_BANDS, "calc", "dsr", "--input", "-", "--numerator", "deaths", "--denominator", "pop",
                "--age-band", "band", "--standard", std.toString());
        assertEquals(r.out(), f.out());
    }

    @Test
    void dsrBandsAreMatchedByLabel() {
        Run r = run(OLD_BANDS.replace("90+", "90 +").replace("65-69", "65 \u2013 69"), "calc", "dsr", "--input", "-",
                "--numerator", "deaths", "--denominator", "pop", "--age-band", "band");
        assertEquals(0, r.code(), r.err());
        Run bad = run(OLD_BANDS.replace("90+", "95+"), "calc", "dsr", "--input", "-", "--numerator", "deaths",
                "--denominator", "pop", "--age-band", "band");
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("<stdin>:7: column 'band': value '95+': expected an age band of the standard"), bad.err());
        Run dup = run(OLD_BANDS + "A,90+,1,10\n", "calc", "dsr", "--input", "-", "--numerator", "deaths",
                "--denominator", "pop", "--age-band", "band", "--by", "area");
        assertEquals(3, dup.code());
        assertTrue(dup.err().contains("also on line 7"), dup.err());
    }

    @Test
    void dsrBelowTenEventsIsEmptyWithNote() {
        Run r = run("band,deaths,pop\n0-4,3,1000\n5-9,6,1000\n", "calc", "dsr", "--input", "-", "--numerator", "deaths",
                "--denominator", "pop", "--age-band", "band");
        assertEquals(0, r.code(), r.err());
        assertEquals("9,2000,,,,95%,dsr per 100000,Dobson,dsr NA for total count < 10", r.lines().get(1));
        assertTrue(r.err().contains("warning"), r.err());
    }

    @Test
    void isrReferenceMustCoverEveryBand() throws IOException {
        Path ref = file("ref.csv", "band,rd,rp\n0-4,10,1000\n");
        Run r = run("area,band,deaths,pop\nA,0-4,1,100\nA,5-9,1,100\n", "calc", "isr", "--input", "-", "--by", "area",
                "--numerator", "deaths", "--denominator", "pop", "--age-band", "band", "--reference", ref.toString(),
                "--ref-numerator", "rd", "--ref-denominator", "rp", "--ratio");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("<stdin>:3: column 'band': value '5-9'"), r.err());
    }

    @Test
    void isrRatioByHandAndMissingObservedTotal() throws IOException {
        // E = 10/1000 × 100 + 20/1000 × 200 = 5; O = 5 → ratio 1 (exact limits: O < 10)
        Path ref = file("ref.csv", "band,rd,rp\n0-4,10,1000\n5-9,20,1000\n");
        Path totals = file("tot.csv", "area,deaths\nA,5\n");
        Run r = run("area,band,pop\nA,0-4,100\nA,5-9,200\nB,0-4,100\nB,5-9,100\n", "calc", "isr", "--input", "-",
                "--by", "area", "--numerator", "deaths", "--denominator", "pop", "--age-band", "band",
                "--reference", ref.toString(), "--ref-numerator", "rd", "--ref-denominator", "rp", "--ratio",
                "--observed-totals", totals.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("area,observed,expected,value,lowercl,uppercl,confidence,statistic,method,value_note", r.lines().get(0));
        String[] a = cells(r.lines().get(1));
        assertEquals("5", a[1]);
        assertEquals(5, Double.parseDouble(a[2]), 1e-12);
        assertEquals(1, Double.parseDouble(a[3]), 1e-12);
        assertEquals("Exact", a[8]);
        assertTrue(r.lines().get(2).endsWith("no observed total for this group"), r.out());
    }

    @Test
    void isrWithAMissingReferencePopulationLeavesTheGroupEmpty() {
        // the reference sums na.zero(x_ref) / n_ref * na.zero(n) without na.rm: an NA n_ref makes expected NA, and
        // ref_rate = sum(x_ref, na.rm = TRUE) / sum(n_ref) NA too; group B: E = 5/1000 × 100 + 5/1000 × 100 = 1,
        // O = 6, ratio 6; ref_rate = 10/2000 × 100000 = 500, rate 6 × 500 = 3000
        String in = "area,band,deaths,pop,rd,rp\nA,0-4,3,100,5,NA\nA,5-9,3,100,5,1000\nB,0-4,3,100,5,1000\n"
                + "B,5-9,3,100,5,1000\n";
        Run ratio = run(in, "calc", "isr", "--input", "-", "--by", "area", "--numerator", "deaths", "--denominator",
                "pop", "--age-band", "band", "--ref-numerator", "rd", "--ref-denominator", "rp", "--ratio");
        assertEquals(0, ratio.code(), ratio.err());
        assertEquals("area,observed,expected,value,lowercl,uppercl,confidence,statistic,method,value_note",
                ratio.lines().get(0));
        assertEquals("A,6,,,,,95%,indirectly standardised ratio x 1,Exact,"
                + "expected count not known: reference population missing", ratio.lines().get(1));
        String[] b = cells(ratio.lines().get(2));
        assertEquals(1, Double.parseDouble(b[2]), 1e-12);
        assertEquals(6, Double.parseDouble(b[3]), 1e-12);
        assertTrue(ratio.err().contains("an age band whose reference population is missing;"), ratio.err());
        Run rate = run(in, "calc", "isr", "--input", "-", "--by", "area", "--numerator", "deaths", "--denominator",
                "pop", "--age-band", "band", "--ref-numerator", "rd", "--ref-denominator", "rp");
        assertEquals(0, rate.code(), rate.err());
        assertEquals("area,observed,expected,ref_rate,value,lowercl,uppercl,confidence,statistic,method,value_note",
                rate.lines().get(0));
        assertTrue(rate.lines().get(1).startsWith("A,6,,,,,,95%,"), rate.out());
        String[] rb = cells(rate.lines().get(2));
        assertEquals(500, Double.parseDouble(rb[3]), 1e-9);
        assertEquals(3000, Double.parseDouble(rb[4]), 1e-9);
    }

    @Test
    void isrReferencePopulationOfZeroWithoutDeathsLeavesTheGroupEmpty() {
        // 0/0 is NaN in R as in Java: the group's expected count is not defined
        Run r = run("area,band,deaths,pop,rd,rp\nA,0-4,3,100,0,0\nA,5-9,3,100,5,1000\n", "calc", "isr", "--input",
                "-", "--by", "area", "--numerator", "deaths", "--denominator", "pop", "--age-band", "band",
                "--ref-numerator", "rd", "--ref-denominator", "rp", "--ratio");
        assertEquals(0, r.code(), r.err());
        assertEquals("A,6,,,,,95%,indirectly standardised ratio x 1,Exact,"
                + "expected count not known: reference population of 0", r.lines().get(1));
    }

    @Test
    void isrGroupsWithDifferentNumbersOfBandsAreAnInputError() {
        // the reference stops: "data must contain the same number of rows for each group"
        Run r = run("area,band,deaths,pop,rd,rp\nA,0-4,5,1000,100,100000\nA,5-9,6,1000,120,100000\n"
                + "A,10-14,7,1000,150,100000\nB,0-4,5,1000,100,100000\nB,5-9,6,1000,120,100000\n", "calc", "isr",
                "--input", "-", "--by", "area", "--numerator", "deaths", "--denominator", "pop", "--age-band", "band",
                "--ref-numerator", "rd", "--ref-denominator", "rp", "--ratio");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("<stdin>:5: column 'band': value '0-4'"), r.err());
        assertTrue(r.err().contains("3 in group 'A', 2 in group 'B'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aSpaceBeforeAQuoteIsSaidToBreakTheQuotes() {
        // a helper's file had ` "1" `: balanced quotes, but text outside them, so not a quoted field
        Run r = run("area,x,n\nA, \"1\" ,10\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator",
                "n");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("<stdin>:2: column 'x'"), r.err());
        assertTrue(r.err().contains("nothing, not even a space, comes before an opening quote or after a closing one"),
                r.err());
    }

    @Test
    void isrRefvalueWithoutRatioIsUsageError() {
        Run r = run("area,band,deaths,pop,rd,rp\nA,0-4,1,100,1,10\n", "calc", "isr", "--input", "-", "--numerator",
                "deaths", "--denominator", "pop", "--age-band", "band", "--ref-numerator", "rd", "--ref-denominator", "rp",
                "--refvalue", "100");
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void meanOfConstantGroupAndSingleValue() {
        Run r = run("g,v\na,2\na,2\nb,7\n", "calc", "mean", "--input", "-", "--by", "g", "--value", "v");
        assertEquals(0, r.code(), r.err());
        assertEquals("a,4,2,0,2,2,2,95%,mean,Student's t-distribution,", r.lines().get(1));
        assertEquals("b,7,1,,7,,,95%,mean,Student's t-distribution,a single value has no confidence interval",
                r.lines().get(2));
    }

    @Test
    void wrongFieldCountIsAnInputError() {
        // (text that is not UTF-8 used to be an input error too; it is now read as Windows-1252: CalcEncodingTest)
        Run r = run("area,x,n\nA,1\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator", "n");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("<stdin>:2"), r.err());
    }

    @Test
    void outputClashingWithAnInputColumnIsAnInputError() {
        Run r = run("value,x,n\nA,1,10\n", "calc", "rate", "--input", "-", "--numerator", "x", "--denominator", "n");
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void headerOnlyInputGivesHeaderOnlyOutputAndAWarning() {
        Run r = run("band,deaths,pop\n", "calc", "dsr", "--input", "-", "--numerator", "deaths", "--denominator", "pop",
                "--age-band", "band");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("total_count,total_pop,value,lowercl,uppercl,confidence,statistic,method,value_note"), r.lines());
        assertTrue(r.err().contains("no data rows"), r.err());
        assertEquals(3, run("", "calc", "dsr", "--input", "-", "--numerator", "deaths", "--denominator", "pop",
                "--age-band", "band").code());
    }
}
