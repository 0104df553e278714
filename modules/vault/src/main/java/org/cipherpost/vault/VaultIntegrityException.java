package org.cipherpost.vault;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The vault key does not belong to this vault or went back in time: substitution or rollback. */
public final class VaultIntegrityException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one-line message
     */
    public VaultIntegrityException(final String message) {
        super(message);
    }
}
