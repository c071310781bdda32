package org.jsna.aggregate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for the aggregation's tasks run beside the calling thread. */
final class Tasks {

    private Tasks() {
    }

    /** The task's result once it is done; its failure, if any, thrown as itself (not wrapped). */
    static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException x) {
                throw x;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
