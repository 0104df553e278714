package org.cipherpost.dht;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Consumer;
import org.cipherpost.dht.internal.PkarrFactory;

/**
 * A PKARR relay ({@code pubky/pkarr} design/relays.md): {@code PUT /<z32>} and {@code GET /<z32>} over HTTP, backed
 * by a {@link PkarrTransport}. Every put is size-checked and verified against the key in the path before it
 * reaches the backend.
 */
public interface RelayServer extends AutoCloseable {
    /** Media type of a relay payload ({@code signature | timestamp | dns-packet}). */
    String PAYLOAD_TYPE = "application/pkarr.org/relays#payload";

    /** Response header carrying how many DHT nodes stored a put. */
    String STORED_NODES_HEADER = "Pkarr-Dht-Stored-Nodes";

    /** Largest request body: 64-byte signature, 8-byte timestamp and a 1000-byte DNS packet. */
    int MAX_BODY_BYTES = 1072;

    /**
     * Starts a relay with default limits and no request log.
     *
     * @param bind address and port to listen on (port 0 for an ephemeral one)
     * @param backend transport the relay stores to and resolves from, owned by the caller
     * @return running relay
     * @throws IOException when the address cannot be bound
     */
    static RelayServer start(final InetSocketAddress bind, final PkarrTransport backend) throws IOException {
        return start(bind, backend, RelayLimits.DEFAULT, line -> { });
    }

    /**
     * Starts a relay.
     *
     * @param bind address and port to listen on (port 0 for an ephemeral one)
     * @param backend transport the relay stores to and resolves from, owned by the caller
     * @param limits rate, concurrency and cache limits
     * @param log receives one line per request (method, key, status); no packet contents
     * @return running relay
     * @throws IOException when the address cannot be bound
     */
    static RelayServer start(final InetSocketAddress bind, final PkarrTransport backend, final RelayLimits limits,
            final Consumer<String> log) throws IOException {
        return PkarrFactory.relayServer(bind, backend, limits, log);
    }

    /**
     * Returns the bound address.
     *
     * @return address and port
     */
    InetSocketAddress address();

    /**
     * Returns the base URL clients use, such as {@code http://127.0.0.1:6881}.
     *
     * @return base URL
     */
    URI uri();

    /**
     * Stops listening and ends the request threads; idempotent. The backend stays open.
     */
    @Override
    void close();
}
