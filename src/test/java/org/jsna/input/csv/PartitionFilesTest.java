package org.jsna.input.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition files read back whole, into a new buffer or one reused from partition to partition. */
class PartitionFilesTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] content(ByteBuffer b) {
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void partitionsComeBackWholeIntoAReusedBufferWhenItHasRoom() throws Exception {
        int[] sizes = {70_000, 0, 50_000, 90_000, 10};
        try (PartitionFiles files = new PartitionFiles(tmp, "t", sizes.length, "test bytes")) {
            for (int k = 0; k < sizes.length; k++) {
                if (sizes[k] > 0) {
                    byte[] b = bytes(sizes[k], k);
                    // written in two pieces, as the ledgers flush their buffers
                    files.write(k, ByteBuffer.wrap(b, 0, sizes[k] / 2));
                    files.write(k, ByteBuffer.wrap(b, sizes[k] / 2, sizes[k] - sizes[k] / 2));
                }
            }
            ByteBuffer reuse = null;
            for (int k = 0; k < sizes.length; k++) {
                ByteBuffer before = reuse;
                reuse = files.load(k, 8, reuse);
                assertEquals(sizes[k], reuse.position(), "partition " + k + " read to its end");
                assertEquals(sizes[k] + 8, reuse.limit(), "room for the extra bytes after it");
                assertArrayEquals(sizes[k] == 0 ? new byte[0] : bytes(sizes[k], k), content(reuse), "partition " + k);
                if (before != null && before.capacity() >= sizes[k] + 8) {
                    assertSame(before, reuse, "a buffer with room is reused (partition " + k + ")");
                } else if (before != null) {
                    assertNotSame(before, reuse, "a larger partition gets a new buffer (partition " + k + ")");
                }
                assertFalse(files.exists(k), "its file is deleted once read back");
            }
            // a partition read already has no file: nothing, however much the reused buffer held before
            ByteBuffer again = files.load(0, 4, reuse);
            assertEquals(0, again.position());
            assertEquals(4, again.limit());
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the folder goes on close");
        }
    }
}
