package org.cipherpost.dht;

import java.util.Objects;
import java.util.Optional;
import org.cipherpost.wire.SignedPacket;

/**
 * Outcome of resolving a public key: the most recent valid signed packet found and how many nodes took part.
 *
 * <p>Through a relay the relay counts as the one node that answered, holding the packet or not.
 *
 * @param packet most recent packet whose signature and DNS packet verified, empty when none was found
 * @param responded nodes that answered the lookup
 * @param holding nodes that returned exactly the packet given in {@code packet}
 */
public record PkarrResolution(Optional<SignedPacket> packet, int responded, int holding) {

    /**
     * Checks the fields.
     *
     * @param packet packet found
     * @param responded answering nodes
     * @param holding nodes holding the packet
     */
    public PkarrResolution {
        Objects.requireNonNull(packet, "Packet required (empty when not found)");
        if (responded < 0 || holding < 0) {
            throw new IllegalArgumentException(String.format("Counts [%d, %d] negative", responded, holding));
        }
    }
}
