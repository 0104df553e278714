package org.cipherpost.dht;

import java.util.Objects;
import org.cipherpost.wire.SignedPacket;

/**
 * Outcome of a successful {@link PkarrClient} publish or republish.
 *
 * @param packet the signed packet now stored (its timestamp is the BEP 44 {@code seq})
 * @param stored nodes that confirmed storing it in this round
 * @param alreadyStored nodes that refused a republish because they already hold it (error 302)
 * @param attempts puts sent: 1, or 2 after a compare-and-swap conflict was retried
 */
public record PkarrPublication(SignedPacket packet, int stored, int alreadyStored, int attempts) {

    /**
     * Checks the fields.
     *
     * @param packet stored packet
     * @param stored nodes that stored it
     * @param alreadyStored nodes that already held it
     * @param attempts puts sent
     */
    public PkarrPublication {
        Objects.requireNonNull(packet, "Signed packet required");
        if (stored < 0 || alreadyStored < 0 || attempts < 1) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d, %d] out of range", stored,
                    alreadyStored, attempts));
        }
    }
}
