package org.jsna.cli.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsna.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Options, errors and help of life-expectancy, sii and quantile (small inputs on stdin). */
class HardCalcCommandsTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("calc"));
        argv.addAll(List.of(args));
        int code = Main.run(argv.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String SII = "q,pop,v,se\n1,100,10,1\n2,100,9,1\n3,100,8,1\n4,100,7,1\n5,100,6,1\n";

    /** Life table where every band has 10,000 people and a few deaths. */
    private static String leInput(String ninetyLabel) {
        StringBuilder sb = new StringBuilder("age,d,p\n");
        String[] labels = {"0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
            "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", ninetyLabel};
        for (int i = 0; i < labels.length; i++) {
            sb.append(labels[i]).append(',').append(5 + i * i * 3).append(",10000\n");
        }
        return sb.toString();
    }

    @Test
    void siiLinearValuesGiveExactSlope() {
        // values fall by 1 per quantile of equal size: ridits 0.1..0.9, slope -5, intercept 10.5
        Run r = run(SII, "sii", "--input", "-", "--quantile", "q", "--population", "pop", "--value", "v", "--se", "se",
                "--rii", "--repetitions", "1000");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("sii,rii,sii_lower95_0cl,sii_upper95_0cl,rii_lower95_0cl"), lines[0]);
        String[] cells = lines[1].split(",");
        assertEquals(-5, Double.parseDouble(cells[0]), 1e-9);
        assertEquals(5.5 / 10.5, Double.parseDouble(cells[1]), 1e-9);
        assertTrue(lines[0].endsWith("CI_method,value_note"));
        assertTrue(lines[1].contains("simulation 1000 reps"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--value-type other --transform --lower v --upper v",
        "--value-type rate --transform --se se",
        "--se se --repetitions 999",
        "--se se --multiplier 0",
        "--se se --lower v --upper v",
        "--lower v",
        "--se se --value-type percent",
        "--se se --confidence 0.8",
    })
    void usageErrors(String extra) {
        List<String> args = new ArrayList<>(List.of("sii", "--input", "-", "--quantile", "q", "--population", "pop",
                "--value", "v"));
        args.addAll(List.of(extra.split(" ")));
        Run r = run(SII, args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void siiInputErrorsNameLineAndColumn() {
        Run r = run(SII.replace("3,100,8,1", "3,0,8,1"), "sii", "--input", "-", "--quantile", "q", "--population", "pop",
                "--value", "v", "--se", "se", "--repetitions", "1000");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains(":4") && r.err().contains("pop"), r.err());
        Run neg = run(SII.replace("2,100,9,1", "2,100,9,-1"), "sii", "--input", "-", "--quantile", "q", "--population",
                "pop", "--value", "v", "--se", "se", "--repetitions", "1000");
        assertEquals(3, neg.code(), neg.err());
        Run prop = run(SII, "sii", "--input", "-", "--quantile", "q", "--population", "pop", "--value", "v", "--se",
                "se", "--value-type", "proportion", "--repetitions", "1000");
        assertEquals(3, prop.code(), prop.err());
    }

    @Test
    void lifeExpectancyAcceptsLabelsAndFiltersAges() {
        Run r = run(leInput("90+"), "life-expectancy", "--input", "-", "--deaths", "d", "--population", "p",
                "--age-band", "age", "--le-age", "0,65");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[1].startsWith("0,") && lines[2].startsWith("65-69,"), r.out());
        assertTrue(lines[2].contains("life expectancy at 65-69"));
    }

    @Test
    void lifeExpectancyErrors() {
        String[] base = {"life-expectancy", "--input", "-", "--deaths", "d", "--population", "p", "--age-band", "age"};
        assertEquals(3, run(leInput("95+"), base).code(), "unknown start age");
        List<String> le = new ArrayList<>(List.of(base));
        le.addAll(List.of("--le-age", "3"));
        assertEquals(2, run(leInput("90+"), le.toArray(String[]::new)).code(), "unknown --le-age");
    }

    @Test
    void quantileInvertAndNoInvert() {
        String in = "id,score\na,1\nb,2\nc,3\nd,4\ne,5\n";
        Run inv = run(in, "quantile", "--input", "-", "--value", "score", "--quantiles", "5");
        assertEquals(0, inv.code(), inv.err());
        assertTrue(inv.out().contains("\ne,5,1,5,,lowest quantile represents highest values,"), inv.out());
        Run explicit = run(in, "quantile", "--input", "-", "--value", "score", "--quantiles", "5", "--invert");
        assertEquals(inv.out(), explicit.out());
        Run up = run(in, "quantile", "--input", "-", "--value", "score", "--quantiles", "5", "--no-invert");
        assertTrue(up.out().contains("\ne,5,5,5,,lowest quantile represents lowest values,"), up.out());
        Run few = run(in, "quantile", "--input", "-", "--value", "score");
        assertEquals(0, few.code());
        assertTrue(few.err().contains("too few"), few.err());
        assertEquals(2, run(in, "quantile", "--input", "-", "--value", "score", "--quantiles", "0").code());
    }

    @Test
    void headerOnlyInputGivesHeaderOnlyOutput() {
        Run le = run("age,d,p\n", "life-expectancy", "--input", "-", "--deaths", "d", "--population", "p",
                "--age-band", "age");
        assertEquals(0, le.code(), le.err());
        assertEquals(1, le.out().split("\n").length, le.out());
        Run sii = run("q,pop,v,se\n", "sii", "--input", "-", "--quantile", "q", "--population", "pop", "--value", "v",
                "--se", "se");
        assertEquals(0, sii.code(), sii.err());
        assertEquals(1, sii.out().split("\n").length, sii.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"life-expectancy", "sii", "quantile"})
    void helpHasAnExample(String method) {
        Run r = run("", method, "--help");
        assertEquals(0, r.code());
        String text = r.out() + r.err();
        assertTrue(text.contains("Example:") && text.contains("jsna calc " + method), text);
        assertFalse(text.contains("WARN"), text);
    }
}
