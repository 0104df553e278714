package org.cipherpost.dht;

import java.security.SignatureException;

/**
 * A chunked payload failed verification: an item does not hash to its target, has the wrong length or shape, or
 * the assembled payload does not match the signed size and SHA-256. A {@link SignatureException} so that it maps
 * to the one signature-failure exit code.
 */
public final class ChunkIntegrityException extends SignatureException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which check failed, never payload bytes
     */
    public ChunkIntegrityException(final String message) {
        super(message);
    }
}
