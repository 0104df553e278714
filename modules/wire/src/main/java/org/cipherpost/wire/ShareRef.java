package org.cipherpost.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cipherpost.crypto.Hashes;

/**
 * A share reference: 128 bits naming one share, written as 32 lowercase hexadecimal characters.
 *
 * <pre>
 * share_ref = SHA-256(ciphertext || created_at as 8-byte big-endian i64)[0..16]
 * </pre>
 *
 * <p>The ciphertext is the age ciphertext; for PIN shares it is the outer age ciphertext without the 32-byte salt
 * that prefixes it in {@code blob}.
 */
public final class ShareRef {
    /** Length in bytes. */
    public static final int LENGTH = 16;

    /** Length in hexadecimal characters. */
    public static final int HEX_LENGTH = 32;

    private final byte[] bytes;

    private ShareRef(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses 32 lowercase hexadecimal characters.
     *
     * @param hex share reference text
     * @return share reference
     * @throws IOException when the length or a character is wrong
     */
    public static ShareRef parse(final String hex) throws IOException {
        Objects.requireNonNull(hex, "Share reference required");
        WireFields.hex(hex, HEX_LENGTH, "share_ref");
        return new ShareRef(HexFormat.of().parseHex(hex));
    }

    /**
     * Derives the share reference of a ciphertext published at a time.
     *
     * @param ciphertext age ciphertext (for PIN shares: without the salt)
     * @param createdAt UNIX seconds, as in {@code created_at}
     * @return share reference
     */
    public static ShareRef derive(final byte[] ciphertext, final long createdAt) {
        Objects.requireNonNull(ciphertext, "Ciphertext required");
        final byte[] digest = Hashes.sha256(ciphertext, ByteBuffer.allocate(Long.BYTES).putLong(createdAt).array());
        return new ShareRef(Arrays.copyOf(digest, LENGTH));
    }

    /**
     * Wraps 16 bytes.
     *
     * @param bytes 16 bytes, copied
     * @return share reference
     */
    public static ShareRef of(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Share reference bytes required");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(String.format("Share reference length [%d] not equal to [%d]",
                    bytes.length, LENGTH));
        }
        return new ShareRef(bytes.clone());
    }

    /**
     * Returns the 16 bytes.
     *
     * @return copy of the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the 32 lowercase hexadecimal characters.
     *
     * @return hexadecimal text
     */
    public String hex() {
        return Hashes.hex(bytes);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ShareRef that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
