package org.cipherpost.dht;

import java.io.IOException;
import org.cipherpost.dht.internal.ChunkFactory;

/**
 * Stores a payload too large for one BEP 44 item (an age ciphertext up to {@link ChunkManifest#MAX_SIZE}) as a tree
 * of BEP 44 immutable items, and fetches it back verified.
 *
 * <p>{@link #fetch(ChunkManifest)} looks items up in parallel, checks every item against its target and expected
 * length, and checks the assembled payload against the manifest's size and SHA-256 before returning anything.
 * A missing item fails with {@link ChunkNotFoundException} (an {@link IOException}); a wrong one with
 * {@link ChunkIntegrityException} (a {@link java.security.SignatureException}). Lying nodes answering wrong bytes
 * are skipped by the lookup and cannot make a fetch fail while an honest node holds the item.
 */
public interface ChunkedPayloads {

    /**
     * Returns chunked payload operations over a node.
     *
     * @param node node doing the lookups and puts (a client node is enough)
     * @return operations
     */
    static ChunkedPayloads over(final DhtNode node) {
        return ChunkFactory.over(node);
    }

    /**
     * Computes the manifest of a payload without touching the network.
     *
     * @param payload payload bytes, 1 to {@link ChunkManifest#MAX_SIZE}
     * @return manifest
     */
    static ChunkManifest describe(final byte[] payload) {
        return ChunkFactory.describe(payload);
    }

    /**
     * Puts every item of a payload in parallel.
     *
     * @param payload payload bytes, 1 to {@link ChunkManifest#MAX_SIZE}
     * @return manifest and storage counts
     * @throws DhtException when an item was stored on no node
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    ChunkPutReport put(byte[] payload) throws IOException, InterruptedException;

    /**
     * Puts every item again (BEP 44 items expire 2 hours after their last put), after checking that the payload is
     * the one the manifest describes.
     *
     * @param payload the payload that was put
     * @param manifest its manifest
     * @return storage counts
     * @throws IllegalArgumentException when the payload does not match the manifest
     * @throws DhtException when an item was stored on no node
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    ChunkPutReport republish(byte[] payload, ChunkManifest manifest) throws IOException, InterruptedException;

    /**
     * Fetches and verifies a payload.
     *
     * @param manifest manifest from a verified share record
     * @return the payload, whose size and SHA-256 match the manifest
     * @throws ChunkNotFoundException when an item is not found
     * @throws ChunkIntegrityException when an item or the whole payload fails verification
     * @throws IOException when the node is closed
     * @throws InterruptedException when interrupted while waiting
     */
    byte[] fetch(ChunkManifest manifest) throws IOException, ChunkIntegrityException, InterruptedException;
}
