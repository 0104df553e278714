package org.cipherpost.dht.internal;

import java.util.Objects;

/**
 * A KRPC error: {@code {"t": tid, "y": "e", "e": [code, message]}}.
 *
 * @param transactionId transaction ID
 * @param code error code such as 203
 * @param message error text (untrusted when received)
 */
record KrpcError(byte[] transactionId, int code, String message) implements KrpcMessage {

    /**
     * Checks the fields.
     *
     * @param transactionId transaction ID
     * @param code error code
     * @param message error text
     */
    KrpcError {
        Objects.requireNonNull(transactionId, "Transaction ID required");
        Objects.requireNonNull(message, "Error message required");
    }
}
