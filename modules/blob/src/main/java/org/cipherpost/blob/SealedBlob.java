package org.cipherpost.blob;

import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An age ciphertext spooled to a local file, ready for upload; the file never held plaintext.
 *
 * @param file spool file (0600)
 * @param size ciphertext bytes
 * @param sha256 32-byte SHA-256 of the ciphertext
 */
public record SealedBlob(Path file, long size, byte[] sha256) {

    /**
     * Checks and copies the fields.
     *
     * @param file spool file
     * @param size ciphertext bytes
     * @param sha256 ciphertext hash
     */
    public SealedBlob {
        Objects.requireNonNull(file, "Spool file required");
        Objects.requireNonNull(sha256, "SHA-256 required");
        if (sha256.length != BlobManifest.SHA256_BYTES || size < 1) {
            throw new IllegalArgumentException(String.format("Sealed blob size [%d] or hash length [%d] invalid", size,
                    sha256.length));
        }
        sha256 = sha256.clone();
    }

    /**
     * Returns a copy of the ciphertext hash.
     *
     * @return 32 bytes
     */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * Returns the content address: the hash in lowercase hex.
     *
     * @return 64 hex characters
     */
    public String address() {
        return HexFormat.of().formatHex(sha256);
    }

    /**
     * Returns the manifest of this blob once stored at a locator.
     *
     * @param locator where the blob store keeps it
     * @return manifest for the signed share record
     */
    public BlobManifest manifest(final URI locator) {
        return new BlobManifest(size, sha256, locator);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SealedBlob that && file.equals(that.file) && size == that.size
                && java.util.Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, size, java.util.Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
        return "SealedBlob[file=" + file + ", size=" + size + ", sha256=" + address() + "]";
    }
}
