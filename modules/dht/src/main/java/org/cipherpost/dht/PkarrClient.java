package org.cipherpost.dht;

import java.io.IOException;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.internal.PkarrFactory;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;

/**
 * Publishes and resolves PKARR packets over a {@link PkarrTransport} with the rules that keep concurrent writers of
 * one key from losing updates.
 *
 * <p>Publishing resolves first, signs the new packet with timestamp {@code max(now, seen + 1)} (the timestamp is the
 * BEP 44 {@code seq}), stores it with {@code cas} set to the seen timestamp, and on a CAS mismatch (301) resolves
 * again, re-applies the edit and retries once. The transport stays owned by the caller.
 */
public interface PkarrClient {

    /**
     * Returns a client using the system clock.
     *
     * @param transport DHT or relay transport
     * @return client
     */
    static PkarrClient create(final PkarrTransport transport) {
        return create(transport, InstantSource.system());
    }

    /**
     * Returns a client with a given clock for new timestamps.
     *
     * @param transport DHT or relay transport
     * @param clock clock for {@code now}
     * @return client
     */
    static PkarrClient create(final PkarrTransport transport, final InstantSource clock) {
        return PkarrFactory.client(transport, clock);
    }

    /**
     * Publishes the records an edit makes of the key's current records (none when nothing is published yet).
     *
     * @param seed 32-byte Ed25519 seed of the key
     * @param edit maps the current records to the new ones; called again with fresh records after a conflict
     * @return the stored packet and node counts
     * @throws org.cipherpost.wire.PacketTooLargeException when the records do not fit in 1000 bytes
     * @throws DhtException with code 301 when the retry conflicted again, or when no node stored the packet
     * @throws IOException when a record cannot be encoded or the transport failed
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrPublication publish(SecretBytes seed, UnaryOperator<List<ResourceRecord>> edit)
            throws IOException, SignatureException, InterruptedException;

    /**
     * Publishes exactly these records, replacing whatever the key had.
     *
     * @param seed 32-byte Ed25519 seed of the key
     * @param records new records, names relative to the key
     * @return the stored packet and node counts
     * @throws IOException as for {@link #publish(SecretBytes, UnaryOperator)}
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    default PkarrPublication publish(final SecretBytes seed, final List<ResourceRecord> records)
            throws IOException, SignatureException, InterruptedException {
        final List<ResourceRecord> copy = List.copyOf(records);
        return publish(seed, current -> copy);
    }

    /**
     * Publishes a packet signed elsewhere, refusing it when the network already holds a more recent one.
     *
     * @param packet signed packet
     * @return the stored packet and node counts
     * @throws DhtException with code 302 when a more recent packet is already published, 301 when a conflict
     *         repeated, or no code when no node stored it
     * @throws IOException when the transport failed
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrPublication publish(SignedPacket packet) throws IOException, SignatureException, InterruptedException;

    /**
     * Stores a packet again to renew it before the DHT drops it (two hours after the last put); when the network
     * holds a more recent packet of the key, that one is renewed instead. Nodes answering 302 already hold it.
     *
     * @param packet signed packet to keep alive
     * @return the packet renewed and node counts
     * @throws DhtException when no node stored or already held it
     * @throws IOException when the transport failed
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrPublication republish(SignedPacket packet) throws IOException, SignatureException, InterruptedException;

    /**
     * Finds the most recent valid packet of a key.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @return packet found, if any, and node counts
     * @throws IOException when the transport failed
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    PkarrResolution resolve(byte[] publicKey) throws IOException, SignatureException, InterruptedException;
}
