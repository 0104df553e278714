package org.cipherpost.dht.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.GetResult;
import org.cipherpost.dht.PutResult;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.MutableItem;

/** Salted items through a DHT node's BEP 44 {@code get} and {@code put}. */
final class DhtSaltedItemStore implements SaltedItemStore {
    private final DhtNode node;

    /**
     * Creates a store.
     *
     * @param node node, owned by the caller
     */
    DhtSaltedItemStore(final DhtNode node) {
        this.node = Objects.requireNonNull(node, "DHT node required");
    }

    @Override
    public GetResult<MutableItem> get(final byte[] publicKey, final byte[] salt)
            throws IOException, InterruptedException {
        Objects.requireNonNull(publicKey, "Public key required");
        Objects.requireNonNull(salt, "Salt required");
        if (salt.length == 0 || salt.length > Bep44.MAX_SALT_BYTES) {
            throw new IllegalArgumentException(String.format("Salt length [%d] not in [1, %d]", salt.length,
                    Bep44.MAX_SALT_BYTES));
        }
        return node.getMutable(publicKey, salt);
    }

    @Override
    public PutResult put(final MutableItem item, final OptionalLong cas) throws IOException, InterruptedException {
        Objects.requireNonNull(item, "Mutable item required");
        Objects.requireNonNull(cas, "CAS required (empty for none)");
        return cas.isPresent() ? node.putMutable(item, cas.getAsLong()) : node.putMutable(item);
    }

    @Override
    public String toString() {
        return "DhtSaltedItemStore[" + node.localAddress() + "]";
    }
}
