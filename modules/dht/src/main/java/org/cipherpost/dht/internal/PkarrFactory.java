package org.cipherpost.dht.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Consumer;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrSettings;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.RelayLimits;
import org.cipherpost.dht.RelayServer;
import org.cipherpost.dht.Republisher;
import org.cipherpost.dht.SaltedItemStore;

/**
 * Entry point from the API package into the PKARR implementation.
 */
public final class PkarrFactory {
    private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private PkarrFactory() {
    }

    /**
     * Opens the transport the settings select.
     *
     * @param settings settings
     * @return relay transport, or DHT transport owning a bootstrapped read-only node
     * @throws IOException when the node cannot bind or no bootstrap node answered
     * @throws InterruptedException when interrupted while bootstrapping
     */
    public static PkarrTransport open(final PkarrSettings settings) throws IOException, InterruptedException {
        Objects.requireNonNull(settings, "PKARR settings required");
        if (settings.relay().isPresent()) {
            return relay(settings.relay().get(), settings.timeout());
        }
        final DhtConfig.Builder config = DhtConfig.builder().mode(DhtMode.CLIENT).bootstrap(settings.bootstrap())
                .testnet(settings.effectiveTestnet()).operationTimeout(settings.timeout())
                .requestTimeout(settings.timeout().compareTo(MAX_REQUEST_TIMEOUT) < 0 ? settings.timeout()
                        : MAX_REQUEST_TIMEOUT);
        if (settings.loopbackOnly()) {
            config.bindAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
        }
        final DhtNode node = DhtNode.start(config.build());
        try {
            node.bootstrap();
        } catch (final IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return new DhtPkarrTransport(node, true);
    }

    /**
     * Returns a DHT transport over a node the caller keeps owning.
     *
     * @param node node
     * @return transport
     */
    public static PkarrTransport dht(final DhtNode node) {
        return new DhtPkarrTransport(Objects.requireNonNull(node, "DHT node required"), false);
    }

    /**
     * Returns a relay transport.
     *
     * @param relay relay base URL
     * @param timeout HTTP exchange timeout
     * @return transport
     */
    public static PkarrTransport relay(final URI relay, final Duration timeout) {
        return new RelayPkarrTransport(relay, timeout);
    }

    /**
     * Returns the salted items of a node the caller keeps owning.
     *
     * @param node node
     * @return salted item store
     */
    public static SaltedItemStore saltedItems(final DhtNode node) {
        return new DhtSaltedItemStore(node);
    }

    /**
     * Returns a PKARR client.
     *
     * @param transport transport
     * @param clock clock
     * @return client
     */
    public static PkarrClient client(final PkarrTransport transport, final InstantSource clock) {
        return new StandardPkarrClient(transport, clock);
    }

    /**
     * Returns a republisher.
     *
     * @param client client
     * @return republisher
     */
    public static Republisher republisher(final PkarrClient client) {
        return new StandardRepublisher(client);
    }

    /**
     * Starts a relay server.
     *
     * @param bind listen address
     * @param backend backend transport
     * @param limits limits
     * @param log request log
     * @return running server
     * @throws IOException when the address cannot be bound
     */
    public static RelayServer relayServer(final InetSocketAddress bind, final PkarrTransport backend,
            final RelayLimits limits, final Consumer<String> log) throws IOException {
        return StandardRelayServer.start(bind, backend, limits, log);
    }
}
