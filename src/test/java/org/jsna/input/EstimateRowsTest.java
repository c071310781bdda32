package org.jsna.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row estimate that sizes the aggregation's arrays once: near the truth, and never running away. */
class EstimateRowsTest {

    @TempDir
    Path tmp;

    @Test
    void rowsOfEvenLengthAreEstimatedFromTheFirstMegabyte() throws IOException {
        StringBuilder b = new StringBuilder("referral_id,person_id,referral_date,client_group,area_code,sex,age\n");
        int rows = 60_000; // about 3.5 MB: more than the megabyte looked at
        for (int i = 0; i < rows; i++) {
            b.append(String.format(java.util.Locale.ROOT, "R%07d,P%07d,2024-05-01,older_people,E0100%04d,F,80%n",
                    i, i % 5000, i % 9999));
        }
        Path f = tmp.resolve("referrals.csv");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        long est = InputReader.estimateRows(f, Files.size(f));
        assertTrue(Math.abs(est - (rows + 1)) <= (rows + 1) / 100, () -> "estimate " + est + " for " + (rows + 1));
    }

    @Test
    void aFirstMegabyteOfShortLinesCannotMakeTheEstimateRunAway() throws IOException {
        byte[] head = "\n".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII); // a megabyte of empty lines
        Path f = tmp.resolve("services.csv");
        Files.write(f, head);
        long size = 400L << 20; // as if the file went on for 400 MB
        assertEquals(size / 20, InputReader.estimateRows(f, size));
    }

    @Test
    void aFileOfOneLineGivesNoEstimate() throws IOException {
        Path f = tmp.resolve("referrals.csv");
        Files.writeString(f, "referral_id,person_id\n");
        assertEquals(0, InputReader.estimateRows(f, Files.size(f)));
    }
}
