package org.cipherpost.handoff;

import java.util.Objects;
import org.cipherpost.wire.ShareRef;

/**
 * A share withdrawn by its sender.
 *
 * @param shareRef the share
 * @param revokedAt UNIX seconds written in the tombstone
 * @param stored DHT nodes that stored the tombstone (0 through a relay, where only the v1 record exists)
 * @param mirrorRemoved true when the v1 {@code _cipherpost} record held this share and was removed
 */
public record Revocation(ShareRef shareRef, long revokedAt, int stored, boolean mirrorRemoved) {
    /**
     * Validates the components.
     *
     * @param shareRef share
     * @param revokedAt time
     * @param stored node count
     * @param mirrorRemoved v1 record removed
     */
    public Revocation {
        Objects.requireNonNull(shareRef, "Share reference required");
    }
}
