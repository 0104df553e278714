package org.cipherpost.dht;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of a BEP 44 {@code get} lookup: the best verified item found and how many nodes took part.
 *
 * @param value best item found (highest {@code seq} for mutable items), empty when none was found
 * @param responded number of nodes that answered a {@code get} query during the lookup
 * @param holding number of nodes that returned the item given in {@code value}
 * @param <T> item type: {@link org.cipherpost.wire.MutableItem} or {@link org.cipherpost.wire.BencodeValue}
 */
public record GetResult<T>(Optional<T> value, int responded, int holding) {

    /**
     * Checks the fields.
     *
     * @param value best item found
     * @param responded answering nodes
     * @param holding nodes holding the item
     */
    public GetResult {
        Objects.requireNonNull(value, "Value required");
        if (responded < 0 || holding < 0) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d] negative", responded, holding));
        }
    }
}
