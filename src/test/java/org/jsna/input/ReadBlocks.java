package org.jsna.input;

import java.util.concurrent.Callable;

/**
 * For tests that run whole commands ({@code jsna report}, {@code jsna validate}) in this JVM: the block size of
 * every input reader made meanwhile, so that small files are cut into many chunks (at least 64 bytes, as
 * {@link InputReader#blockSize}). The tests of this project do not run concurrently.
 */
public final class ReadBlocks {

    private ReadBlocks() {
    }

    /** Runs {@code body} with readers reading in blocks of {@code bytes}; the default comes back afterwards. */
    public static <T> T with(int bytes, Callable<T> body) throws Exception {
        int before = InputReader.defaultBlock;
        InputReader.defaultBlock = bytes;
        try {
            return body.call();
        } finally {
            InputReader.defaultBlock = before;
        }
    }
}
