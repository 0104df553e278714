package org.cipherpost.dht;

/**
 * Items of a chunked payload were not found on the DHT (expired, never stored, or only on lying nodes).
 */
public final class ChunkNotFoundException extends DhtException {
    private static final long serialVersionUID = 1L;

    /** Number of items not found. */
    private final int missing;

    /**
     * Creates the failure.
     *
     * @param missing number of items not found
     * @param wanted number of items looked up at that level
     */
    public ChunkNotFoundException(final int missing, final int wanted) {
        super(String.format("Chunked payload incomplete: [%d] of [%d] items not found on the DHT", missing, wanted));
        this.missing = missing;
    }

    /**
     * Returns how many items were not found.
     *
     * @return missing items, at least 1
     */
    public int missing() {
        return missing;
    }
}
