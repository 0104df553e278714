package org.cipherpost.wire;

/**
 * Bencoded integer: {@code i<decimal>e}, held as a signed 64-bit value.
 *
 * @param value integer value
 */
public record BencodeInteger(long value) implements BencodeValue {

    /**
     * Returns a bencoded integer.
     *
     * @param value integer value
     * @return bencoded integer
     */
    public static BencodeInteger of(final long value) {
        return new BencodeInteger(value);
    }
}
