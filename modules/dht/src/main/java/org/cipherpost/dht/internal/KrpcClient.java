package org.cipherpost.dht.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cipherpost.dht.DhtException;
import org.cipherpost.wire.BencodeDictionary;

/**
 * Sends KRPC queries and completes each one's future with the matching answer, the remote error or a timeout.
 * Futures complete on the receive or timer thread: callers must only hand results on, never block there.
 */
final class KrpcClient {
    private final NodeId self;
    private final boolean readOnly;
    private final TransactionTable transactions;
    private final Outbox outbox;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;
    private final Counters counters;
    private final Listener listener;

    /**
     * Creates a client.
     *
     * @param self our node ID, sent as {@code a.id}
     * @param readOnly true to mark queries {@code ro=1}
     * @param transactions pending request table
     * @param outbox datagram sender
     * @param timer timer for request timeouts
     * @param timeout per-request timeout
     * @param counters node counters
     * @param listener observer of answers and timeouts (routing table upkeep)
     */
    KrpcClient(final NodeId self, final boolean readOnly, final TransactionTable transactions, final Outbox outbox,
            final ScheduledExecutorService timer, final Duration timeout, final Counters counters,
            final Listener listener) {
        this.self = self;
        this.readOnly = readOnly;
        this.transactions = transactions;
        this.outbox = outbox;
        this.timer = timer;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.counters = counters;
        this.listener = listener;
    }

    /**
     * Sends a query.
     *
     * @param destination resolved node address
     * @param method method name
     * @param arguments arguments without {@code id}
     * @return future of the response; fails with {@link SocketTimeoutException}, a remote {@link DhtException}
     *     or a local {@link IOException}
     */
    CompletableFuture<KrpcResponse> query(final InetSocketAddress destination, final String method,
            final BencodeDictionary.Builder arguments) {
        final PendingRequest request;
        try {
            request = transactions.register(destination, method);
        } catch (final DhtException e) {
            return CompletableFuture.failedFuture(e);
        }
        final byte[] datagram = KrpcCodec.query(request.transactionIdBytes(), method,
                arguments.put("id", self.bytes()).build(), readOnly);
        try {
            request.timeout(timer.schedule(() -> expire(request), timeoutMillis, TimeUnit.MILLISECONDS));
            outbox.send(destination, datagram);
        } catch (final IOException | RejectedExecutionException e) {
            if (transactions.remove(request)) {
                request.cancelTimeout();
                request.future().completeExceptionally(e instanceof IOException io ? io
                        : new DhtException("DHT node closed"));
            }
        }
        return request.future();
    }

    /**
     * Completes the request a response answers.
     *
     * @param response response
     * @param source sender address
     */
    void onResponse(final KrpcResponse response, final InetSocketAddress source) {
        final PendingRequest request = transactions.match(response.transactionId(), source);
        if (request == null) {
            counters.unmatched.increment();
            return;
        }
        request.cancelTimeout();
        final NodeId id;
        try {
            id = response.senderId();
        } catch (final KrpcFormatException e) {
            request.future().completeExceptionally(new DhtException(DhtException.PROTOCOL_ERROR,
                    String.format("Response from [%s] without valid node ID", source)));
            return;
        }
        listener.responded(new Contact(id, source));
        request.future().complete(response);
    }

    /**
     * Fails the request an error answers.
     *
     * @param error error
     * @param source sender address
     */
    void onError(final KrpcError error, final InetSocketAddress source) {
        final PendingRequest request = transactions.match(error.transactionId(), source);
        if (request == null) {
            counters.unmatched.increment();
            return;
        }
        request.cancelTimeout();
        request.future().completeExceptionally(new DhtException(error.code(),
                String.format("Node [%s] answered [%s] with error [%d]", source, request.method(), error.code())));
    }

    /**
     * Fails every pending request (on close).
     *
     * @param cause failure to report
     */
    void failAll(final IOException cause) {
        for (final PendingRequest request : transactions.drain()) {
            request.cancelTimeout();
            request.future().completeExceptionally(cause);
        }
    }

    private void expire(final PendingRequest request) {
        if (transactions.remove(request)) {
            counters.timeouts.increment();
            listener.timedOut(request.destination());
            request.future().completeExceptionally(new SocketTimeoutException(String.format(
                    "Node [%s] did not answer [%s] within [%d ms]", request.destination(), request.method(),
                    timeoutMillis)));
        }
    }

    /** Observer of request outcomes, for routing table upkeep. */
    interface Listener {

        /**
         * A node answered one of our queries.
         *
         * @param contact answering node
         */
        void responded(Contact contact);

        /**
         * A node did not answer in time.
         *
         * @param address node address
         */
        void timedOut(InetSocketAddress address);
    }
}
