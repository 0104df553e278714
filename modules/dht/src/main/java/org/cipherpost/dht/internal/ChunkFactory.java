package org.cipherpost.dht.internal;

import java.util.Objects;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.DhtNode;

/**
 * Entry point from the API package into the chunked payload implementation.
 */
public final class ChunkFactory {
    private ChunkFactory() {
    }

    /**
     * Returns chunked payload operations over a node.
     *
     * @param node node doing lookups and puts
     * @return operations
     */
    public static ChunkedPayloads over(final DhtNode node) {
        return new StandardChunkedPayloads(Objects.requireNonNull(node, "DHT node required"));
    }

    /**
     * Computes a payload's manifest.
     *
     * @param payload payload bytes
     * @return manifest
     */
    public static ChunkManifest describe(final byte[] payload) {
        return ChunkTree.split(payload).manifest();
    }
}
