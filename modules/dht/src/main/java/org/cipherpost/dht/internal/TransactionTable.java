package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cipherpost.dht.DhtException;

/**
 * Pending requests by random 4-byte transaction ID, capped; an answer matches only when it comes from the
 * address the query went to.
 */
final class TransactionTable {
    private final int capacity;
    private final SecureRandom random;
    private final Map<Integer, PendingRequest> pending = new HashMap<>();

    /**
     * Creates an empty table.
     *
     * @param capacity largest number of pending requests
     * @param random source of transaction IDs
     */
    TransactionTable(final int capacity, final SecureRandom random) {
        this.capacity = capacity;
        this.random = random;
    }

    /**
     * Registers a new request under a fresh transaction ID.
     *
     * @param destination node to query
     * @param method method name
     * @return pending request
     * @throws DhtException when the table is full
     */
    synchronized PendingRequest register(final InetSocketAddress destination, final String method)
            throws DhtException {
        if (pending.size() >= capacity) {
            throw new DhtException(String.format("Pending requests [%d] at maximum", pending.size()));
        }
        int id;
        do {
            id = random.nextInt();
        } while (pending.containsKey(id));
        final PendingRequest request = new PendingRequest(id, destination, method);
        pending.put(id, request);
        return request;
    }

    /**
     * Removes and returns the request an answer belongs to.
     *
     * @param transactionId transaction ID from the answer
     * @param source address the answer came from
     * @return request, or null when the ID is unknown or the answer came from another address
     */
    synchronized PendingRequest match(final byte[] transactionId, final InetSocketAddress source) {
        if (transactionId.length != Integer.BYTES) {
            return null;
        }
        final int id = ByteBuffer.wrap(transactionId).getInt();
        final PendingRequest request = pending.get(id);
        if (request == null || !request.destination().equals(source)) {
            return null;
        }
        pending.remove(id);
        return request;
    }

    /**
     * Removes a request if still pending (on timeout or send failure).
     *
     * @param request request
     * @return true when it was still pending
     */
    synchronized boolean remove(final PendingRequest request) {
        return pending.remove(request.transactionId(), request);
    }

    /**
     * Removes and returns every pending request.
     *
     * @return requests that were pending
     */
    synchronized List<PendingRequest> drain() {
        final List<PendingRequest> all = new ArrayList<>(pending.values());
        pending.clear();
        return all;
    }

    /**
     * Returns the number of pending requests.
     *
     * @return pending count
     */
    synchronized int size() {
        return pending.size();
    }

    /**
     * Encodes a transaction ID for the wire.
     *
     * @param transactionId transaction ID
     * @return 4 bytes, big-endian
     */
    static byte[] toBytes(final int transactionId) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(transactionId).array();
    }
}
