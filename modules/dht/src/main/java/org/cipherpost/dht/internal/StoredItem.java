package org.cipherpost.dht.internal;

import java.time.Instant;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * A BEP 44 item held by a storing node and when it was last put.
 */
sealed interface StoredItem permits StoredItem.Mutable, StoredItem.Immutable {

    /**
     * Returns when the item was last put (its expiry starts here).
     *
     * @return time of the last put
     */
    Instant storedAt();

    /**
     * A verified mutable item.
     *
     * @param item verified item
     * @param storedAt time of the last put
     */
    record Mutable(MutableItem item, Instant storedAt) implements StoredItem {
    }

    /**
     * An immutable value stored under the SHA-1 of its encoding.
     *
     * @param value value
     * @param storedAt time of the last put
     */
    record Immutable(BencodeValue value, Instant storedAt) implements StoredItem {
    }
}
