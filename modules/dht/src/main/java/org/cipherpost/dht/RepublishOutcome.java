package org.cipherpost.dht;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of renewing one key's packet: the publication, or the failure.
 *
 * @param publicKeyZ32 the key, z-base-32
 * @param publication renewal result, empty on failure
 * @param failure what went wrong, empty on success
 */
public record RepublishOutcome(String publicKeyZ32, Optional<PkarrPublication> publication,
        Optional<Exception> failure) {

    /**
     * Checks that exactly one of publication and failure is present.
     *
     * @param publicKeyZ32 key
     * @param publication renewal result
     * @param failure failure
     */
    public RepublishOutcome {
        Objects.requireNonNull(publicKeyZ32, "Public key required");
        Objects.requireNonNull(publication, "Publication required (empty on failure)");
        Objects.requireNonNull(failure, "Failure required (empty on success)");
        if (publication.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("Exactly one of publication and failure required");
        }
    }
}
