package org.cipherpost.dht.internal;

import java.util.Objects;
import org.cipherpost.wire.BencodeDictionary;

/**
 * A KRPC response: {@code {"t": tid, "y": "r", "r": values}}.
 *
 * @param transactionId transaction ID
 * @param values the {@code r} dictionary
 */
record KrpcResponse(byte[] transactionId, BencodeDictionary values) implements KrpcMessage {

    /**
     * Checks the fields.
     *
     * @param transactionId transaction ID
     * @param values response values
     */
    KrpcResponse {
        Objects.requireNonNull(transactionId, "Transaction ID required");
        Objects.requireNonNull(values, "Response values required");
    }

    /**
     * Returns the responder's node ID from {@code r.id}.
     *
     * @return responder ID
     * @throws KrpcFormatException when missing or not 20 bytes
     */
    NodeId senderId() throws KrpcFormatException {
        return KrpcQuery.id(values, "id", transactionId);
    }
}
