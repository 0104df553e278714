package org.cipherpost.dht;

import java.io.IOException;
import java.security.SignatureException;
import java.util.OptionalLong;
import org.cipherpost.dht.internal.PkarrFactory;
import org.cipherpost.wire.MutableItem;

/**
 * Stores and finds salted BEP 44 mutable items ({@code target = SHA-1(k || salt)}), each with its own 1000 bytes and
 * its own {@code seq}. Only the Mainline DHT carries them: a PKARR relay stores unsalted packets only, which is why
 * {@link PkarrTransport#saltedItems()} is empty for a relay.
 */
public interface SaltedItemStore {

    /**
     * Returns a store over a running node; the caller keeps owning the node.
     *
     * @param node DHT node
     * @return store
     */
    static SaltedItemStore dht(final DhtNode node) {
        return PkarrFactory.saltedItems(node);
    }

    /**
     * Finds the verified item with the highest {@code seq} under a key and salt.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @param salt salt, 1 to 64 bytes
     * @return item found, if any, and node counts
     * @throws IOException when the lookup failed as a whole
     * @throws SignatureException when a source that vouches for its answers returned an item that does not verify
     * @throws InterruptedException when interrupted while waiting
     */
    GetResult<MutableItem> get(byte[] publicKey, byte[] salt)
            throws IOException, SignatureException, InterruptedException;

    /**
     * Stores a signed item as it is on the closest nodes.
     *
     * @param item signed item
     * @param cas expected current {@code seq} on the storing nodes, or empty
     * @return counts of nodes that stored and refused it (301, 302)
     * @throws IOException when no node could be reached
     * @throws InterruptedException when interrupted while waiting
     */
    PutResult put(MutableItem item, OptionalLong cas) throws IOException, InterruptedException;
}
