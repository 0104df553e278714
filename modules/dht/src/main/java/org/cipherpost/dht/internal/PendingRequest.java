package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A query awaiting its answer: where it went, under which transaction ID, and the future it completes.
 */
final class PendingRequest {
    private final int transactionId;
    private final InetSocketAddress destination;
    private final String method;
    private final CompletableFuture<KrpcResponse> future = new CompletableFuture<>();
    private volatile Future<?> timeout;

    /**
     * Creates a pending request.
     *
     * @param transactionId transaction ID
     * @param destination node queried
     * @param method method name
     */
    PendingRequest(final int transactionId, final InetSocketAddress destination, final String method) {
        this.transactionId = transactionId;
        this.destination = destination;
        this.method = method;
    }

    /**
     * Returns the transaction ID.
     *
     * @return transaction ID as an int
     */
    int transactionId() {
        return transactionId;
    }

    /**
     * Returns the transaction ID as sent on the wire.
     *
     * @return 4 bytes, big-endian
     */
    byte[] transactionIdBytes() {
        return TransactionTable.toBytes(transactionId);
    }

    /**
     * Returns the node queried.
     *
     * @return destination address
     */
    InetSocketAddress destination() {
        return destination;
    }

    /**
     * Returns the method name.
     *
     * @return method such as {@code get}
     */
    String method() {
        return method;
    }

    /**
     * Returns the future completed by the answer, an error or the timeout.
     *
     * @return future
     */
    CompletableFuture<KrpcResponse> future() {
        return future;
    }

    /**
     * Attaches the scheduled timeout so an answer can cancel it.
     *
     * @param scheduled scheduled timeout task
     */
    void timeout(final Future<?> scheduled) {
        this.timeout = scheduled;
    }

    /**
     * Cancels the scheduled timeout, if any.
     */
    void cancelTimeout() {
        final Future<?> scheduled = timeout;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
