package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;

/**
 * The receive path: rate limit per source, decode strictly, then hand queries to the handler (full nodes only)
 * and answers to the client. Nothing thrown here escapes into the receive loop.
 */
final class Dispatcher implements PacketSink {
    private final RateLimiter limiter;
    private final boolean limitBySocket;
    private final QueryHandler handler;
    private final KrpcClient client;
    private final Counters counters;

    /**
     * Creates a dispatcher.
     *
     * @param limiter per-source rate limiter
     * @param limitBySocket true to key the limit by address and port (test networks share one IP), false by IP
     * @param handler query handler, or null for a read-only node that answers no queries
     * @param client request client
     * @param counters node counters
     */
    Dispatcher(final RateLimiter limiter, final boolean limitBySocket, final QueryHandler handler,
            final KrpcClient client, final Counters counters) {
        this.limiter = limiter;
        this.limitBySocket = limitBySocket;
        this.handler = handler;
        this.client = client;
        this.counters = counters;
    }

    @Override
    public void onPacket(final InetSocketAddress source, final byte[] data) {
        counters.received.increment();
        if (!limiter.tryAcquire(limitBySocket ? source : source.getAddress())) {
            counters.rateLimited.increment();
            return;
        }
        final KrpcMessage message;
        try {
            message = KrpcCodec.decode(data);
        } catch (final KrpcFormatException e) {
            counters.malformed.increment();
            final byte[] transactionId = e.transactionId();
            if (handler != null && transactionId != null) {
                handler.protocolError(transactionId, source, e.getMessage());
            }
            return;
        }
        switch (message) {
            case KrpcQuery query -> {
                if (handler != null) {
                    handler.handle(query, source);
                }
            }
            case KrpcResponse response -> client.onResponse(response, source);
            case KrpcError error -> client.onError(error, source);
        }
    }

    @Override
    public void onOversized(final InetSocketAddress source, final int length) {
        counters.received.increment();
        counters.malformed.increment();
    }
}
