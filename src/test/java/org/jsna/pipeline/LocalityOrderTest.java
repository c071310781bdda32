package org.jsna.pipeline;

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
 * jsna.yaml's {@code localities} only orders the tables (data.md), so a name that does not match the lookup's
 * exactly is not refused; but it is said: a helper's council listed {@code Claymere} while some areas had
 * {@code claymere}, and got a seventh locality without a word.
 */
class LocalityOrderTest {

    @TempDir
    Path tmp;

    @Test
    void aListedLocalityWrittenOtherwiseThanInTheLookupIsSaid() throws IOException {
        Council c = new Council();
        c.localities = List.of("Northgate", "Riverside", "riverside");
        c.groups = List.of(new Council.Group("mental_health", "Mental health", "18-64"));
        c.yaml = true;
        c.years = 1;
        c.seed = 5;
        Path in = tmp.resolve("council");
        Files.createDirectories(in);
        c.write(in);
        Path yaml = in.resolve("jsna.yaml");
        String text = Files.readString(yaml).replaceAll("(?m)^localities:\n(  - .*\n)*", "");
        Files.writeString(yaml, text + "localities: [Northgate, Riverside]\n");
        CouncilReports.Result r = CouncilReports.run("report", in.toString(), "--out", tmp.resolve("out").toString(),
                "--formats", "csv");
        String e = r.err();
        assertEquals(0, r.code(), e);
        assertTrue(e.contains("warning: the lookup's locality 'riverside' (a locality of its own beside the listed "
                + "'Riverside': names are matched exactly) is not in jsna.yaml's localities"), e);
        // validate says it too (docs/data.md: validate runs report's checks)
        CouncilReports.Result v = CouncilReports.run("validate", in.toString());
        assertEquals(0, v.code(), v.err());
        assertTrue(v.err().contains("the lookup's locality 'riverside' (a locality of its own beside the listed "
                + "'Riverside'"), v.err());
        // a list naming every locality says nothing
        text = text + "localities: [Northgate, Riverside, riverside]\n";
        Files.writeString(yaml, text);
        CouncilReports.Result quiet = CouncilReports.run("report", in.toString(), "--out", tmp.resolve("out").toString(),
                "--formats", "csv");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("localities"), quiet.err());
    }
}
