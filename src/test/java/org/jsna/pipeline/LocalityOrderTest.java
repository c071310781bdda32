package org.jsna.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.jsna.output.Council;
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", in.toString(), "--out", tmp.resolve("out").toString(), "--formats",
            "csv"}, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, e);
        assertTrue(e.contains("warning: the lookup's locality 'riverside' (a locality of its own beside the listed "
                + "'Riverside': names are matched exactly) is not in jsna.yaml's localities"), e);
        // validate says it too (docs/data.md: validate runs report's checks)
        err.reset();
        code = Main.run(new String[] {"validate", in.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err::toString);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the lookup's locality 'riverside' (a locality of its "
                + "own beside the listed 'Riverside'"), err::toString);
        // a list naming every locality says nothing
        text = text + "localities: [Northgate, Riverside, riverside]\n";
        Files.writeString(yaml, text);
        err.reset();
        code = Main.run(new String[] {"report", in.toString(), "--out", tmp.resolve("out").toString(), "--formats",
            "csv"}, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err::toString);
        assertTrue(!err.toString(StandardCharsets.UTF_8).contains("localities"), err::toString);
    }
}
