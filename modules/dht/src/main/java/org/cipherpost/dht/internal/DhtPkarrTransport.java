package org.cipherpost.dht.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PkarrPutResult;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.PutResult;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.SignedPacket;

/**
 * PKARR over the Mainline DHT: a packet is the BEP 44 mutable item {@code k = key, seq = timestamp, v = packet,
 * sig = signature} without salt, under target SHA-1(key).
 */
final class DhtPkarrTransport implements PkarrTransport {
    private final DhtNode node;
    private final boolean owned;

    /**
     * Creates a transport.
     *
     * @param node DHT node
     * @param owned true to close the node with the transport
     */
    DhtPkarrTransport(final DhtNode node, final boolean owned) {
        this.node = node;
        this.owned = owned;
    }

    @Override
    public PkarrPutResult publish(final SignedPacket packet, final OptionalLong cas)
            throws IOException, InterruptedException {
        Objects.requireNonNull(packet, "Signed packet required");
        Objects.requireNonNull(cas, "CAS required (empty for none)");
        final MutableItem item = packet.toMutableItem();
        final PutResult put = cas.isPresent() ? node.putMutable(item, cas.getAsLong()) : node.putMutable(item);
        return new PkarrPutResult(put.attempted(), put.stored(), put.errors(DhtException.SEQ_TOO_OLD),
                put.errors(DhtException.CAS_MISMATCH));
    }

    @Override
    public PkarrResolution resolve(final byte[] publicKey) throws IOException, InterruptedException {
        Objects.requireNonNull(publicKey, "Public key required");
        if (publicKey.length != PublicKeys.KEY_LENGTH) {
            throw new IllegalArgumentException(String.format("Public key length [%d] not equal to required [%d]",
                    publicKey.length, PublicKeys.KEY_LENGTH));
        }
        final GetResult<MutableItem> got = node.getMutable(publicKey, null);
        final Optional<SignedPacket> packet = got.value().flatMap(DhtPkarrTransport::packet);
        return new PkarrResolution(packet, got.responded(), packet.isPresent() ? got.holding() : 0);
    }

    @Override
    public Optional<SaltedItemStore> saltedItems() {
        return Optional.of(new DhtSaltedItemStore(node));
    }

    @Override
    public Optional<ChunkedPayloads> chunkedPayloads() {
        return Optional.of(ChunkedPayloads.over(node));
    }

    @Override
    public String describe() {
        return "the DHT";
    }

    @Override
    public void close() {
        if (owned) {
            node.close();
        }
    }

    /** Reads a verified item as a packet; an item whose value is not a DNS packet is no PKARR packet. */
    private static Optional<SignedPacket> packet(final MutableItem item) {
        try {
            return Optional.of(SignedPacket.fromMutableItem(item));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
