package org.jsna.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsna.output.Council;
import org.jsna.output.CouncilReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html's "Disclosure control" says what the run did: a helper found `suppression: false` blamed on
 * --no-suppression, followed by the rules of suppression, and `secondary: false` still promising that a lone
 * suppressed row's neighbour is hidden too.
 */
class DisclosureWordingTest {

    @TempDir
    Path tmp;

    private String section(String yamlExtra, String... options) throws IOException {
        Council c = new Council();
        c.localities = List.of("Northgate", "Riverside");
        c.groups = List.of(new Council.Group("mental_health", "Mental health", "18-64"));
        c.yaml = true;
        c.years = 1;
        c.seed = 4;
        Path in = tmp.resolve("c" + Math.abs(yamlExtra.hashCode()) + options.length);
        Files.createDirectories(in);
        c.write(in);
        Files.writeString(in.resolve("jsna.yaml"), Files.readString(in.resolve("jsna.yaml")) + yamlExtra);
        Path out = in.resolveSibling(in.getFileName() + "-out");
        List<String> args = new java.util.ArrayList<>(List.of("--quiet", "report", in.toString(), "--out",
                out.toString(), "--formats", "html"));
        args.addAll(List.of(options));
        CouncilReports.Result r = CouncilReports.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        int from = html.indexOf("<section id=\"disclosure\">");
        return html.substring(from, html.indexOf("</section>", from));
    }

    @Test
    void eachWayOfTurningControlOffIsNamedAndNoRuleIsPromised() throws IOException {
        String yaml = section("suppression: false\n");
        assertTrue(yaml.contains("<code>suppression: false</code> in jsna.yaml"), yaml);
        assertFalse(yaml.contains("--no-suppression"), yaml);
        assertFalse(yaml.contains("are suppressed"), yaml);
        assertFalse(yaml.contains("the next smallest is suppressed too"), yaml);
        String option = section("", "--no-suppression");
        assertTrue(option.contains("<code>--no-suppression</code>"), option);
        assertFalse(option.contains("the next smallest is suppressed too"), option);
    }

    @Test
    void withoutSecondarySuppressionTheReportSaysSoInsteadOfPromisingIt() throws IOException {
        String off = section("suppression: {min: 1, max: 7, secondary: false}\n");
        assertFalse(off.contains("the next smallest is suppressed too"), off);
        assertTrue(off.contains("Secondary suppression is off for this run"), off);
        String on = section("");
        assertTrue(on.contains("the next smallest is suppressed too"), on);
        assertFalse(on.contains("Secondary suppression is off"), on);
    }
}
