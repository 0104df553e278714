package org.cipherpost.vault.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bulk work across cores: each item's checked failure is kept with the item; an unchecked failure stops the
 * remaining items and is rethrown once every worker has stopped.
 */
final class Parallel {
    private Parallel() {
    }

    /** Work on one item. */
    @FunctionalInterface
    interface Task<T, R> {
        /**
         * Processes one item.
         *
         * @param item item
         * @return result
         * @throws Exception checked failure, kept with the item
         */
        R apply(T item) throws Exception;
    }

    /**
     * The outcome of one item: a value or a checked failure.
     *
     * @param item the item
     * @param value the result, or null on failure
     * @param failure the failure, or null on success
     */
    record Outcome<T, R>(T item, R value, Exception failure) {
        /** Tells whether the item succeeded. */
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * Applies a task to every item on up to {@code threads} workers.
     *
     * @param items items
     * @param threads worker count, at least 1
     * @param task work per item
     * @return outcomes in item order
     */
    static <T, R> List<Outcome<T, R>> map(final List<T> items, final int threads, final Task<T, R> task) {
        Objects.requireNonNull(items, "Items required");
        Objects.requireNonNull(task, "Task required");
        final AtomicReferenceArray<Outcome<T, R>> outcomes = new AtomicReferenceArray<>(items.size());
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final Runnable worker = () -> {
            int at;
            while (fatal.get() == null && (at = next.getAndIncrement()) < items.size()) {
                final T item = items.get(at);
                try {
                    outcomes.set(at, new Outcome<>(item, task.apply(item), null));
                } catch (final RuntimeException | Error e) {
                    fatal.compareAndSet(null, e);
                } catch (final Exception e) {
                    outcomes.set(at, new Outcome<>(item, null, e));
                }
            }
        };
        final int workers = Math.max(1, Math.min(threads, items.size()));
        if (workers == 1) {
            worker.run();
        } else {
            final ExecutorService executor = Executors.newFixedThreadPool(workers, runnable -> {
                final Thread thread = new Thread(runnable, "vault-bulk");
                thread.setDaemon(true);
                return thread;
            });
            try {
                final List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    futures.add(executor.submit(worker));
                }
                for (final Future<?> future : futures) {
                    await(future);
                }
            } finally {
                executor.shutdown();
            }
        }
        final Throwable failure = fatal.get();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        final List<Outcome<T, R>> list = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            list.add(outcomes.get(i));
        }
        return list;
    }

    /** Waits for a worker, keeping the interrupt status. */
    private static void await(final Future<?> future) {
        boolean interrupted = false;
        while (true) {
            try {
                future.get();
                break;
            } catch (final InterruptedException e) {
                interrupted = true;
            } catch (final ExecutionException e) {
                throw new IllegalStateException("Bulk worker failed", e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
