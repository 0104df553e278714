package org.cipherpost.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to a vault as a {@link StorageHook} sees it: no entry name, no plaintext, no key.
 *
 * @param kind what changed
 * @param entryId opaque id of the entry (its file name in the vault), or empty for vault-wide changes
 * @param vaultDirectory the vault directory (holds only ciphertext)
 * @param at when the change was made
 */
public record StorageEvent(ChangeKind kind, String entryId, Path vaultDirectory, Instant at) {
    /**
     * Validates the components.
     *
     * @param kind what changed
     * @param entryId entry id or empty
     * @param vaultDirectory vault directory
     * @param at time of the change
     */
    public StorageEvent {
        Objects.requireNonNull(kind, "Change Kind required");
        Objects.requireNonNull(entryId, "Entry ID required");
        Objects.requireNonNull(vaultDirectory, "Vault Directory required");
        Objects.requireNonNull(at, "Time required");
    }
}
