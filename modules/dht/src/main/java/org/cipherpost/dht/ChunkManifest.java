package org.cipherpost.dht;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.Bep44;

/**
 * What a signed share record carries to find and check a payload split into BEP 44 immutable items.
 *
 * <p>Wire form (bencoded dictionary, 78-84 bytes):
 * <pre>
 * d 1:h 32:&lt;SHA-256 of the whole payload&gt; 1:r 20:&lt;target of the root item&gt; 1:s i&lt;payload bytes&gt;e 1:v i1e e
 * </pre>
 * The tree under the root is fixed by the size alone: data items hold {@link #CHUNK_BYTES} bytes each (the last
 * one the rest), index items hold up to {@link #FAN_OUT} concatenated 20-byte targets of the level below, and
 * levels are added until one item remains: the root. A payload of one chunk is its own root.
 *
 * @param size payload bytes, 1 to {@link #MAX_SIZE}
 * @param sha256 32-byte SHA-256 of the whole payload
 * @param root 20-byte target of the root item
 */
public record ChunkManifest(long size, byte[] sha256, byte[] root) {
    /** Payload bytes per data item: a 996-byte string encodes to exactly 1000 bytes ({@code 996:...}). */
    public static final int CHUNK_BYTES = 996;

    /** Targets per index item: 49 x 20 = 980 bytes, 984 encoded. */
    public static final int FAN_OUT = 49;

    /** Largest payload: 1 MiB (1053 data items, two index levels); handoff caps plaintext far below. */
    public static final long MAX_SIZE = 1L << 20;

    /** Manifest format version. */
    public static final int VERSION = 1;

    private static final int SHA256_BYTES = 32;
    private static final int MAX_ENCODED_BYTES = 128;

    /**
     * Checks and copies the fields.
     *
     * @param size payload bytes
     * @param sha256 SHA-256 of the payload
     * @param root root target
     */
    public ChunkManifest {
        Objects.requireNonNull(sha256, "SHA-256 required");
        Objects.requireNonNull(root, "Root target required");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException(String.format("Payload size [%d] outside [1, %d]", size, MAX_SIZE));
        }
        if (sha256.length != SHA256_BYTES) {
            throw new IllegalArgumentException(String.format("SHA-256 length [%d] not [%d]", sha256.length,
                    SHA256_BYTES));
        }
        if (root.length != Bep44.TARGET_LENGTH) {
            throw new IllegalArgumentException(String.format("Root target length [%d] not [%d]", root.length,
                    Bep44.TARGET_LENGTH));
        }
        sha256 = sha256.clone();
        root = root.clone();
    }

    /**
     * Returns a copy of the payload hash.
     *
     * @return 32 bytes
     */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * Returns a copy of the root target.
     *
     * @return 20 bytes
     */
    @Override
    public byte[] root() {
        return root.clone();
    }

    /**
     * Returns the number of data items the payload is split into.
     *
     * @return data items, at least 1
     */
    public int chunks() {
        return (int) ((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    /**
     * Encodes the manifest in its bencoded wire form.
     *
     * @return encoded bytes
     */
    public byte[] encode() {
        return Bencode.encode(BencodeDictionary.builder().put("h", sha256).put("r", root).put("s", size)
                .put("v", VERSION).build());
    }

    /**
     * Decodes and checks a manifest in its wire form; unknown keys, another version or bad lengths are refused.
     *
     * @param encoded bencoded dictionary
     * @return manifest
     * @throws BencodeException when the bytes are not a valid manifest
     */
    public static ChunkManifest decode(final byte[] encoded) throws BencodeException {
        Objects.requireNonNull(encoded, "Encoded manifest required");
        if (encoded.length > MAX_ENCODED_BYTES) {
            throw new BencodeException(String.format("Manifest length [%d] greater than maximum [%d]",
                    encoded.length, MAX_ENCODED_BYTES));
        }
        final BencodeValue value = Bencode.decode(encoded);
        if (!(value instanceof BencodeDictionary dictionary) || dictionary.size() != 4) {
            throw new BencodeException("Manifest not a dictionary of [4] entries");
        }
        final long version = dictionary.requireInteger("v");
        if (version != VERSION) {
            throw new BencodeException(String.format("Manifest version [%d] not supported", version));
        }
        final BencodeBytes hash = dictionary.requireBytes("h");
        final BencodeBytes rootTarget = dictionary.requireBytes("r");
        final long size = dictionary.requireInteger("s");
        try {
            return new ChunkManifest(size, hash.bytes(), rootTarget.bytes());
        } catch (final IllegalArgumentException e) {
            throw new BencodeException(e.getMessage());
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ChunkManifest that && size == that.size && Arrays.equals(sha256, that.sha256)
                && Arrays.equals(root, that.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(sha256), Arrays.hashCode(root));
    }

    @Override
    public String toString() {
        return "ChunkManifest[size=" + size + ", sha256=" + HexFormat.of().formatHex(sha256) + ", root="
                + HexFormat.of().formatHex(root) + "]";
    }
}
