package org.cipherpost.blob;

import java.security.SignatureException;

/**
 * A downloaded blob does not match the signed manifest's size or SHA-256; a {@link SignatureException} so that it
 * maps to the one signature-failure exit code. Nothing was decrypted.
 */
public final class BlobIntegrityException extends SignatureException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which check failed
     */
    public BlobIntegrityException(final String message) {
        super(message);
    }
}
