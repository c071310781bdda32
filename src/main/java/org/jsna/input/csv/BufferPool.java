package org.jsna.input.csv;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Heap byte arrays of the block size, reused from chunk to chunk so that reading a file of gigabytes
 * allocates a handful of them (the number of chunks in flight bounds how many exist). A larger array,
 * made for one long record, is not kept.
 */
final class BufferPool {
    private final int size;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    BufferPool(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    /** An array of at least {@code min} bytes. */
    byte[] take(int min) {
        if (min <= size) {
            byte[] b = free.poll();
            return b != null ? b : new byte[size];
        }
        return new byte[min];
    }

    void release(byte[] b) {
        if (b != null && b.length == size) {
            free.offer(b);
        }
    }
}
