package org.cipherpost.vault;

import java.util.Objects;

/**
 * A line of an entry that matched a grep: where, never what (the line may be secret).
 *
 * @param id entry id
 * @param name entry name, or null when it has none
 * @param line 1-based line number within the decrypted entry
 */
public record GrepMatch(EntryId id, String name, int line) {
    /**
     * Validates the components.
     *
     * @param id entry id
     * @param name entry name or null
     * @param line line number
     */
    public GrepMatch {
        Objects.requireNonNull(id, "Entry Id required");
    }
}
