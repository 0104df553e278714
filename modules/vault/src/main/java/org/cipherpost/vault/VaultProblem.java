package org.cipherpost.vault;

import java.util.Objects;

/**
 * An entry the vault skipped, with one clear line saying why.
 *
 * @param id entry id
 * @param message reason, never containing entry content
 */
public record VaultProblem(EntryId id, String message) {
    /**
     * Validates the components.
     *
     * @param id entry id
     * @param message reason
     */
    public VaultProblem {
        Objects.requireNonNull(id, "Entry Id required");
        Objects.requireNonNull(message, "Message required");
    }
}
