package org.cipherpost.handoff;

import java.util.Objects;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.ShareUri;

/**
 * A published share.
 *
 * @param uri share URI to hand to the recipient
 * @param record signed outer record as published
 * @param packetBytes size of the DNS packet published, in bytes
 * @param stored DHT nodes that stored the packet
 */
public record SentShare(ShareUri uri, OuterRecord record, int packetBytes, int stored) {
    /**
     * Validates the components.
     *
     * @param uri share URI
     * @param record outer record
     * @param packetBytes packet size
     * @param stored node count
     */
    public SentShare {
        Objects.requireNonNull(uri, "Share URI required");
        Objects.requireNonNull(record, "Outer record required");
    }
}
