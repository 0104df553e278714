package org.cipherpost.vault;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The device list failed its MAC: someone changed it outside cipherpost; the vault refuses to use it. */
public final class ManifestAuthenticationException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param vaultId vault id named in the manifest
     */
    public ManifestAuthenticationException(final String vaultId) {
        super("Manifest of vault [%s] failed authentication: its device list was changed outside cipherpost".formatted(vaultId));
    }
}
