package org.cipherpost.dht;

import java.util.Objects;

/**
 * Outcome of storing a chunked payload: its manifest and how well its items were stored.
 *
 * @param manifest manifest to put in the signed share record
 * @param items immutable items put (data and index items)
 * @param minStored fewest nodes that confirmed storing any one item (at least 1)
 */
public record ChunkPutReport(ChunkManifest manifest, int items, int minStored) {

    /**
     * Checks the fields.
     *
     * @param manifest manifest
     * @param items items put
     * @param minStored fewest confirmations of an item
     */
    public ChunkPutReport {
        Objects.requireNonNull(manifest, "Manifest required");
        if (items < 1 || minStored < 1) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d] less than [1]", items, minStored));
        }
    }
}
