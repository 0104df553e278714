package org.cipherpost.dht.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.cipherpost.dht.DhtException;

/**
 * Sends datagrams through the node's transport once it is open, counting them.
 */
final class Outbox {
    private final Counters counters;
    private volatile UdpTransport transport;

    /**
     * Creates an outbox with no transport yet.
     *
     * @param counters node counters
     */
    Outbox(final Counters counters) {
        this.counters = counters;
    }

    /**
     * Attaches the open transport.
     *
     * @param open transport
     */
    void attach(final UdpTransport open) {
        this.transport = open;
    }

    /**
     * Sends one datagram.
     *
     * @param destination resolved destination
     * @param data datagram bytes
     * @throws IOException when there is no transport or the send fails
     */
    void send(final InetSocketAddress destination, final byte[] data) throws IOException {
        final UdpTransport current = transport;
        if (current == null) {
            throw new DhtException("DHT node not started");
        }
        current.send(destination, data);
        counters.sent.increment();
    }

    /**
     * Sends one datagram, ignoring failures (answers to queries are best effort).
     *
     * @param destination resolved destination
     * @param data datagram bytes
     */
    void sendQuietly(final InetSocketAddress destination, final byte[] data) {
        try {
            send(destination, data);
        } catch (final IOException e) {
            // An answer that cannot be sent is lost like any UDP datagram; the requester times out.
        }
    }
}
