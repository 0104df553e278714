package org.cipherpost.dht.internal;

/**
 * A KRPC message (BEP 5): a bencoded dictionary with transaction ID {@code t} and type {@code y}.
 *
 * <pre>
 * query    = { "t": tid, "y": "q", "q": method, "a": { "id": 20 bytes, ... } [, "ro": 1] }
 * response = { "t": tid, "y": "r", "r": { "id": 20 bytes, ... } [, "ip": compact address] }
 * error    = { "t": tid, "y": "e", "e": [ code, message ] }
 * </pre>
 */
sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

    /**
     * Returns the transaction ID the answer must echo.
     *
     * @return transaction ID bytes
     */
    byte[] transactionId();
}
