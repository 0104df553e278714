package org.cipherpost.dht.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.Bep44;

/**
 * The immutable items of a chunked payload: data items of {@link ChunkManifest#CHUNK_BYTES} bytes, then index
 * levels of up to {@link ChunkManifest#FAN_OUT} concatenated targets, up to a single root item.
 *
 * @param manifest manifest of the payload
 * @param items every item's content (a bencoded byte string's content), data items first, root last
 */
record ChunkTree(ChunkManifest manifest, List<byte[]> items) {

    /**
     * Splits a payload into its items.
     *
     * @param payload payload bytes, 1 to {@link ChunkManifest#MAX_SIZE}
     * @return tree
     */
    static ChunkTree split(final byte[] payload) {
        Objects.requireNonNull(payload, "Payload required");
        if (payload.length < 1 || payload.length > ChunkManifest.MAX_SIZE) {
            throw new IllegalArgumentException(String.format("Payload size [%d] outside [1, %d]", payload.length,
                    ChunkManifest.MAX_SIZE));
        }
        final List<byte[]> items = new ArrayList<>();
        List<byte[]> level = new ArrayList<>();
        for (int offset = 0; offset < payload.length; offset += ChunkManifest.CHUNK_BYTES) {
            level.add(Arrays.copyOfRange(payload, offset, Math.min(payload.length,
                    offset + ChunkManifest.CHUNK_BYTES)));
        }
        items.addAll(level);
        while (level.size() > 1) {
            final List<byte[]> parents = new ArrayList<>();
            for (int start = 0; start < level.size(); start += ChunkManifest.FAN_OUT) {
                final List<byte[]> group = level.subList(start, Math.min(level.size(), start + ChunkManifest.FAN_OUT));
                final byte[] index = new byte[group.size() * Bep44.TARGET_LENGTH];
                for (int i = 0; i < group.size(); i++) {
                    System.arraycopy(target(group.get(i)), 0, index, i * Bep44.TARGET_LENGTH, Bep44.TARGET_LENGTH);
                }
                parents.add(index);
            }
            items.addAll(parents);
            level = parents;
        }
        final ChunkManifest manifest = new ChunkManifest(payload.length, sha256(payload), target(level.get(0)));
        return new ChunkTree(manifest, List.copyOf(items));
    }

    /**
     * Returns how many items each level holds, from the data level up to the root level (which holds 1).
     *
     * @param size payload bytes
     * @return item counts per level
     */
    static List<Integer> levels(final long size) {
        final List<Integer> counts = new ArrayList<>();
        int count = (int) ((size + ChunkManifest.CHUNK_BYTES - 1) / ChunkManifest.CHUNK_BYTES);
        counts.add(count);
        while (count > 1) {
            count = (count + ChunkManifest.FAN_OUT - 1) / ChunkManifest.FAN_OUT;
            counts.add(count);
        }
        return List.copyOf(counts);
    }

    /**
     * Returns the target of an item holding the given content as a bencoded byte string.
     *
     * @param content item content
     * @return 20-byte SHA-1 of the encoded byte string
     */
    static byte[] target(final byte[] content) {
        return Bep44.immutableTarget(Bencode.encode(BencodeBytes.of(content)));
    }

    /**
     * Returns the SHA-256 of bytes.
     *
     * @param bytes input
     * @return 32-byte digest
     */
    static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
