package org.cipherpost.cli.vault;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of non-secret files (device key files are wrapped) and of values compared later. */
final class Fingerprints {
    private Fingerprints() {
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

    /**
     * Returns the SHA-256 of bytes as lowercase hex.
     *
     * @param bytes input
     * @return 64 hex digits
     */
    static String sha256Hex(final byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }
}
