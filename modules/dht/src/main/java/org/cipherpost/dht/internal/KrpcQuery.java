package org.cipherpost.dht.internal;

import java.util.Objects;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeValue;

/**
 * A KRPC query: {@code {"t": tid, "y": "q", "q": method, "a": arguments [, "ro": 1]}}.
 *
 * @param transactionId transaction ID
 * @param method method name such as {@code ping}
 * @param arguments the {@code a} dictionary
 * @param readOnly true when the sender is a read-only node (BEP 43)
 */
record KrpcQuery(byte[] transactionId, String method, BencodeDictionary arguments, boolean readOnly)
        implements KrpcMessage {

    /**
     * Checks the fields.
     *
     * @param transactionId transaction ID
     * @param method method name
     * @param arguments arguments
     * @param readOnly read-only flag
     */
    KrpcQuery {
        Objects.requireNonNull(transactionId, "Transaction ID required");
        Objects.requireNonNull(method, "Method required");
        Objects.requireNonNull(arguments, "Arguments required");
    }

    /**
     * Returns the sender's node ID from {@code a.id}.
     *
     * @return sender ID
     * @throws KrpcFormatException when missing or not 20 bytes
     */
    NodeId senderId() throws KrpcFormatException {
        return id(arguments, "id", transactionId);
    }

    /**
     * Reads a 20-byte ID from a dictionary.
     *
     * @param dictionary arguments or response values
     * @param key key such as {@code id} or {@code target}
     * @param transactionId transaction ID to report
     * @return ID
     * @throws KrpcFormatException when missing or not 20 bytes
     */
    static NodeId id(final BencodeDictionary dictionary, final String key, final byte[] transactionId)
            throws KrpcFormatException {
        final BencodeValue value = dictionary.get(key).orElse(null);
        if (!(value instanceof BencodeBytes bytes) || bytes.length() != NodeId.LENGTH) {
            throw new KrpcFormatException(transactionId, String.format("Field [%s] not a 20-byte string", key));
        }
        return NodeId.of(bytes.bytes());
    }
}
