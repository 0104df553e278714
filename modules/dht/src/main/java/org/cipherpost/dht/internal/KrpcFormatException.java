package org.cipherpost.dht.internal;

import java.io.IOException;

/**
 * A datagram that is not a well-formed KRPC message; carries the transaction ID when a query can be answered
 * with error 203.
 */
final class KrpcFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Transaction ID of a malformed query that deserves an error reply, or null to drop silently. */
    private final transient byte[] transactionId;

    /**
     * Creates an exception for a datagram to drop silently.
     *
     * @param message description of the problem
     */
    KrpcFormatException(final String message) {
        this(null, message);
    }

    /**
     * Creates an exception for a malformed query to answer with error 203.
     *
     * @param transactionId transaction ID, or null to drop silently
     * @param message description of the problem
     */
    KrpcFormatException(final byte[] transactionId, final String message) {
        super(message);
        this.transactionId = transactionId == null ? null : transactionId.clone();
    }

    /**
     * Returns the transaction ID to answer with an error, or null.
     *
     * @return transaction ID or null
     */
    byte[] transactionId() {
        return transactionId == null ? null : transactionId.clone();
    }
}
