package org.cipherpost.vault;

import java.util.List;
import java.util.Objects;

/**
 * Entries found in the index, and the entries that could not be read (skipped, never fatal).
 *
 * @param entries readable entries, sorted by name then id
 * @param problems one line per unreadable entry
 */
public record Listing(List<EntrySummary> entries, List<VaultProblem> problems) {
    /**
     * Copies the lists.
     *
     * @param entries readable entries
     * @param problems unreadable entries
     */
    public Listing {
        entries = List.copyOf(Objects.requireNonNull(entries, "Entries required"));
        problems = List.copyOf(Objects.requireNonNull(problems, "Problems required"));
    }
}
