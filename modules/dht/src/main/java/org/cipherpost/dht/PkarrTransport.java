package org.cipherpost.dht;

import java.io.IOException;
import java.net.URI;
import java.security.SignatureException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.cipherpost.dht.internal.PkarrFactory;
import org.cipherpost.wire.SignedPacket;

/**
 * Stores and finds PKARR signed packets, either on the Mainline DHT through our node or through a PKARR relay
 * ({@code pubky/pkarr} design/relays.md). Both forms verify every packet they return. Stores are raw: the packet is
 * sent as signed; {@link PkarrClient} adds the resolve-then-publish rules on top.
 */
public interface PkarrTransport extends AutoCloseable {

    /**
     * Opens the transport the settings select: a relay when one is set, otherwise a read-only DHT node that has
     * bootstrapped (and is closed with the transport).
     *
     * @param settings relay, bootstrap nodes, address policy and timeout
     * @return open transport
     * @throws IOException when the DHT node cannot bind or no bootstrap node answered
     * @throws InterruptedException when interrupted while bootstrapping
     */
    static PkarrTransport open(final PkarrSettings settings) throws IOException, InterruptedException {
        return PkarrFactory.open(settings);
    }

    /**
     * Returns a transport over a running node; closing the transport leaves the node running.
     *
     * @param node DHT node
     * @return transport
     */
    static PkarrTransport dht(final DhtNode node) {
        return PkarrFactory.dht(node);
    }

    /**
     * Returns a transport over a PKARR relay.
     *
     * @param relay relay base URL, {@code http} or {@code https}
     * @param timeout longest one HTTP exchange may take
     * @return transport
     */
    static PkarrTransport relay(final URI relay, final Duration timeout) {
        return PkarrFactory.relay(relay, timeout);
    }

    /**
     * Stores a signed packet as it is.
     *
     * @param packet signed packet
     * @param cas timestamp of the packet it replaces, checked by the storing nodes (BEP 44 {@code cas}), or empty
     * @return counts of nodes that stored and refused it
     * @throws IOException when no node could be reached or the relay failed
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrPutResult publish(SignedPacket packet, OptionalLong cas) throws IOException, InterruptedException;

    /**
     * Finds the most recent valid signed packet of a key.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @return packet found, if any, and node counts
     * @throws IOException when the lookup failed as a whole (closed node, relay error)
     * @throws SignatureException when a relay answered with a packet that does not verify for the key
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrResolution resolve(byte[] publicKey) throws IOException, SignatureException, InterruptedException;

    /**
     * Returns the salted BEP 44 items of the same network, when this transport reaches the DHT itself.
     *
     * @return the DHT's salted items, empty for a relay (which only carries unsalted packets)
     */
    default Optional<SaltedItemStore> saltedItems() {
        return Optional.empty();
    }

    /**
     * Returns chunked payloads (BEP 44 immutable items) over the same node, when the transport reaches the DHT.
     *
     * @return chunked payloads, empty through a relay
     */
    default Optional<ChunkedPayloads> chunkedPayloads() {
        return Optional.empty();
    }

    /**
     * Describes where packets go, for messages: {@code "the DHT"} or {@code "relay https://..."}.
     *
     * @return short description
     */
    String describe();

    /**
     * Releases the node or HTTP client this transport owns; idempotent.
     */
    @Override
    void close();
}
