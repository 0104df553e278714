package org.cipherpost.handoff;

import java.util.Objects;
import java.util.Optional;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.ShareUri;

/**
 * A published share.
 *
 * @param uri share URI to hand to the recipient
 * @param record signed outer record as published
 * @param layout where the share lives: its salted item, or only the v1 packet (through a relay)
 * @param valueBytes size of what was published: the item value, or the DNS packet for the v1 layout
 * @param stored DHT nodes (or relays) that stored it
 * @param mirrorWarning why the v1 {@code _cipherpost} mirror was not written, empty when it was (or not attempted)
 */
public record SentShare(ShareUri uri, OuterRecord record, Layout layout, int valueBytes, int stored,
                        Optional<String> mirrorWarning) {
    /**
     * Validates the components.
     *
     * @param uri share URI
     * @param record outer record
     * @param layout layout
     * @param valueBytes published size
     * @param stored node count
     * @param mirrorWarning warning or empty
     */
    public SentShare {
        Objects.requireNonNull(uri, "Share URI required");
        Objects.requireNonNull(record, "Outer record required");
        Objects.requireNonNull(layout, "Layout required");
        Objects.requireNonNull(mirrorWarning, "Mirror warning required (empty for none)");
    }
}
