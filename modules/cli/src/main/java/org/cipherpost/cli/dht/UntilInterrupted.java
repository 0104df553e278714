package org.cipherpost.cli.dht;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until the process is asked to stop (SIGINT, SIGTERM) or its thread is
 * interrupted, then runs the cleanup exactly once.
 */
final class UntilInterrupted {
    private UntilInterrupted() {
    }

    /**
     * Blocks until shutdown or interruption; the cleanup runs in the shutdown hook or on the way out.
     *
     * @param cleanup closes what the command started; must be idempotent
     */
    static void await(final Runnable cleanup) {
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            cleanup.run();
            stopped.countDown();
        }, "cipherpost-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException e) {
                // The JVM is shutting down and the hook is running or has run.
            }
            cleanup.run();
        }
    }
}
