package org.cipherpost.dht;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits for an operation's future and rethrows its failure as the checked exception it carries.
 */
final class Await {
    private Await() {
    }

    /**
     * Waits for a future; operations always complete within their operation timeout.
     *
     * @param future future to wait for
     * @param <T> result type
     * @return result
     * @throws IOException the operation's I/O failure
     * @throws InterruptedException when interrupted while waiting
     */
    static <T> T result(final CompletableFuture<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (final ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("DHT operation failed", cause);
        }
    }
}
