package org.cipherpost.vault;

import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/**
 * A new vault and its recovery code, to be shown once and written down offline.
 *
 * @param vault the open vault
 * @param recoveryCode the recovery code as ASCII text ({@code CPVR1-XXXXX-...}); the caller closes it
 */
public record InitializedVault(Vault vault, SecretBytes recoveryCode) implements AutoCloseable {
    /**
     * Validates the components.
     *
     * @param vault the open vault
     * @param recoveryCode the recovery code
     */
    public InitializedVault {
        Objects.requireNonNull(vault, "Vault required");
        Objects.requireNonNull(recoveryCode, "Recovery Code required");
    }

    /** Wipes the recovery code and closes the vault. */
    @Override
    public void close() {
        recoveryCode.close();
        vault.close();
    }
}
