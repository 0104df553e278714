package org.cipherpost.vault;

import java.util.List;
import java.util.Objects;

/**
 * Lines that matched a grep over decrypted entries, and entries that could not be read.
 *
 * @param matches matching lines, by entry name, id and line
 * @param problems one line per unreadable entry
 */
public record GrepResult(List<GrepMatch> matches, List<VaultProblem> problems) {
    /**
     * Copies the lists.
     *
     * @param matches matching lines
     * @param problems unreadable entries
     */
    public GrepResult {
        matches = List.copyOf(Objects.requireNonNull(matches, "Matches required"));
        problems = List.copyOf(Objects.requireNonNull(problems, "Problems required"));
    }
}
