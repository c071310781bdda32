package org.jsna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar jsna.jar validate} as a script would run it: exit codes and streams. */
class ValidateIT {

    private record Result(int code, String out, String err) {
    }

    private static Result jsna(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("jsna.jar", "target/jsna.jar")));
        cmd.addAll(List.of(args));
        File out = File.createTempFile("jsna-out", ".txt");
        File err = File.createTempFile("jsna-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jsna did not finish");
            return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static String res(String name) throws URISyntaxException {
        return Path.of(ValidateIT.class.getResource("/input/" + name).toURI()).toString();
    }

    @Test
    void exitCodesOfTheContract() throws Exception {
        Result ok = jsna("validate", res("valid"));
        assertEquals(0, ok.code, ok.err);
        assertEquals("", ok.out);

        Result bad = jsna("validate", res("valid"), "--referrals", res("rules/referrals_bad_date.csv"));
        assertEquals(3, bad.code, bad.err);
        assertTrue(bad.err.contains("referrals_bad_date.csv:3: column 'referral_date': value '2023-02-30'"), bad.err);
        assertEquals("", bad.out);

        Result missing = jsna("validate", res("valid") + File.separator + "no-such-folder");
        assertEquals(4, missing.code, missing.err);

        Result mapped = jsna("validate", res("mapped"));
        assertEquals(0, mapped.code, mapped.err);
        assertTrue(mapped.err.contains("windows-1252"), mapped.err);
    }
}
