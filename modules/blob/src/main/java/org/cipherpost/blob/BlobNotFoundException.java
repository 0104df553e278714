package org.cipherpost.blob;

import java.io.IOException;

/**
 * The blob store does not hold the blob (HTTP 404 or 410): deleted, expired, or never uploaded.
 */
public final class BlobNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which blob was not found
     */
    public BlobNotFoundException(final String message) {
        super(message);
    }
}
