package org.cipherpost.blob;

import java.io.IOException;

/**
 * An archive was refused: an unsafe path, link or entry type, a malformed header, or a truncated archive.
 */
public final class UnsafeArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what was refused, with attacker-chosen text made printable
     */
    public UnsafeArchiveException(final String message) {
        super(message);
    }
}
