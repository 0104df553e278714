package org.cipherpost.wire;

import java.util.List;
import java.util.Objects;

/**
 * Bencoded list: {@code l<values>e}.
 *
 * @param values elements in order, unmodifiable
 */
public record BencodeList(List<BencodeValue> values) implements BencodeValue {

    /**
     * Copies the elements into an unmodifiable list.
     *
     * @param values elements in order
     */
    public BencodeList {
        Objects.requireNonNull(values, "List values required");
        values = List.copyOf(values);
    }

    /**
     * Returns a list of the given values.
     *
     * @param values elements in order
     * @return bencoded list
     */
    public static BencodeList of(final BencodeValue... values) {
        return new BencodeList(List.of(values));
    }
}
