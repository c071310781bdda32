package org.jsna.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link InputReader#read} read: one {@link FileSummary} per input file in reading order (areas,
 * each population file, referrals, services), and the sizes of the dense indices it handed out.
 */
public record ReadSummary(List<FileSummary> files, int referralCount, int eventCount) {

    /**
     * One input file. {@code rowsRead = rowsUsed + rowsRejected}; rows used are all valid rows (including
     * population rows outside the lookup); {@code rejectedByReason} counts rejected rows by
     * {@link org.jsna.validate.Problem#reason()} in the order first seen.
     */
    public record FileSummary(String role, Path path, long bytes, String sha256, String encoding, long rowsRead,
            long rowsUsed, long rowsRejected, Map<String, Long> rejectedByReason) {
    }

    public long rowsRejected() {
        long n = 0;
        for (FileSummary f : files) {
            n += f.rowsRejected();
        }
        return n;
    }
}
