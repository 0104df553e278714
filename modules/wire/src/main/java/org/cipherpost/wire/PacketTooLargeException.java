package org.cipherpost.wire;

import java.io.IOException;

/**
 * An encoded DNS packet larger than a PKARR packet may be (1000 bytes); carries the size and the limit.
 */
public final class PacketTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Encoded size in bytes. */
    private final int size;

    /** Limit in bytes. */
    private final int limit;

    /**
     * Creates an exception for a packet of the given size.
     *
     * @param size encoded size in bytes
     * @param limit limit in bytes
     */
    public PacketTooLargeException(final int size, final int limit) {
        super(String.format("DNS packet size [%d] greater than limit [%d] bytes", size, limit));
        this.size = size;
        this.limit = limit;
    }

    /**
     * Returns the encoded size.
     *
     * @return size in bytes
     */
    public int size() {
        return size;
    }

    /**
     * Returns the limit.
     *
     * @return limit in bytes
     */
    public int limit() {
        return limit;
    }
}
