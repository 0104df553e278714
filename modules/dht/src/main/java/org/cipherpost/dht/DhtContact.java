package org.cipherpost.dht;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A DHT node as others see it: its 20-byte node ID and its UDP address.
 *
 * @param id 20-byte node ID
 * @param address UDP address
 */
public record DhtContact(byte[] id, InetSocketAddress address) {
    /** Length of a node ID in bytes. */
    public static final int ID_LENGTH = 20;

    /**
     * Copies the ID and checks both fields.
     *
     * @param id 20-byte node ID
     * @param address UDP address
     */
    public DhtContact {
        Objects.requireNonNull(id, "Node ID required");
        Objects.requireNonNull(address, "Node address required");
        if (id.length != ID_LENGTH) {
            throw new IllegalArgumentException(String.format("Node ID length [%d] not equal to required [%d]",
                    id.length, ID_LENGTH));
        }
        id = id.clone();
    }

    /**
     * Returns a copy of the node ID.
     *
     * @return 20 ID bytes
     */
    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof DhtContact that && Arrays.equals(id, that.id) && address.equals(that.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(id) + address.hashCode();
    }

    @Override
    public String toString() {
        return "DhtContact[" + HexFormat.of().formatHex(id) + "@" + address + "]";
    }
}
