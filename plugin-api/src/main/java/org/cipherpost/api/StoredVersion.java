package org.cipherpost.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded version of a vault file, as a {@link StorageHistory} lists it.
 *
 * @param revision opaque revision id the history understands (e.g. a commit id)
 * @param at when the version was recorded
 * @param change what the recording said about the change (e.g. {@code EDIT}); never a name or plaintext
 */
public record StoredVersion(String revision, Instant at, String change) {
    /**
     * Validates the components.
     *
     * @param revision revision id
     * @param at time recorded
     * @param change change description
     */
    public StoredVersion {
        Objects.requireNonNull(revision, "Revision required");
        Objects.requireNonNull(at, "Time required");
        Objects.requireNonNull(change, "Change required");
    }
}
