package org.cipherpost.dht.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 160-bit identifier in the DHT key space: a node ID or an item target, compared by XOR distance.
 */
final class NodeId {
    /** Length in bytes. */
    static final int LENGTH = 20;

    /** Length in bits. */
    static final int BITS = LENGTH * Byte.SIZE;

    private final byte[] bytes;

    private NodeId(final byte[] owned) {
        this.bytes = owned;
    }

    /**
     * Returns the ID with a copy of the given bytes.
     *
     * @param bytes 20 bytes
     * @return ID
     * @throws IllegalArgumentException when not 20 bytes
     */
    static NodeId of(final byte[] bytes) {
        Objects.requireNonNull(bytes, "ID bytes required");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(String.format("ID length [%d] not equal to required [%d]",
                    bytes.length, LENGTH));
        }
        return new NodeId(bytes.clone());
    }

    /**
     * Returns a random ID.
     *
     * @param random source of randomness
     * @return ID
     */
    static NodeId random(final SecureRandom random) {
        final byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new NodeId(bytes);
    }

    /**
     * Returns a copy of the ID bytes.
     *
     * @return 20 bytes
     */
    byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the number of leading bits this ID shares with another (0 to 160).
     *
     * @param other other ID
     * @return common prefix length in bits
     */
    int commonPrefixBits(final NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            final int xor = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (xor != 0) {
                return i * Byte.SIZE + Integer.numberOfLeadingZeros(xor) - (Integer.SIZE - Byte.SIZE);
            }
        }
        return BITS;
    }

    /**
     * Compares the XOR distances of two IDs to this one.
     *
     * @param a first ID
     * @param b second ID
     * @return negative when {@code a} is closer, positive when {@code b} is closer, 0 when equal
     */
    int compareDistance(final NodeId a, final NodeId b) {
        for (int i = 0; i < LENGTH; i++) {
            final int da = (a.bytes[i] ^ bytes[i]) & 0xff;
            final int db = (b.bytes[i] ^ bytes[i]) & 0xff;
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof NodeId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
