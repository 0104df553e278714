package org.cipherpost.vault.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Hashes;

/**
 * A device line of the manifest.
 *
 * @param id short id derived from the recipient
 * @param recipient the device's X25519 recipient
 * @param name the device's name: one line, no control characters
 */
record DeviceRecord(String id, AgeRecipient recipient, String name) {
    private static final int MAXIMUM_NAME_LENGTH = 100;

    /**
     * Validates the components.
     *
     * @param id device id
     * @param recipient device recipient
     * @param name device name
     */
    DeviceRecord {
        Objects.requireNonNull(id, "Device Id required");
        Objects.requireNonNull(recipient, "Device Recipient required");
        checkName(name);
        if (!id.equals(idOf(recipient))) {
            throw new IllegalArgumentException("Device Id [%s] does not match its recipient".formatted(id));
        }
    }

    /**
     * Creates a record, deriving the id.
     *
     * @param recipient device recipient
     * @param name device name
     * @return record
     */
    static DeviceRecord of(final AgeRecipient recipient, final String name) {
        return new DeviceRecord(idOf(recipient), recipient, name);
    }

    /**
     * Derives a device id: the first 12 hex digits of SHA-256 over a label and the recipient.
     *
     * @param recipient device recipient
     * @return device id
     */
    static String idOf(final AgeRecipient recipient) {
        return Hashes.hex(Hashes.sha256("cipherpost-vault-device:".getBytes(StandardCharsets.US_ASCII),
                recipient.encoded().getBytes(StandardCharsets.US_ASCII))).substring(0, 12);
    }

    /**
     * Checks a device name.
     *
     * @param name device name
     * @return the name
     */
    static String checkName(final String name) {
        Objects.requireNonNull(name, "Device Name required");
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("Device Name must not be blank or start or end with spaces");
        }
        if (name.codePointCount(0, name.length()) > MAXIMUM_NAME_LENGTH) {
            throw new IllegalArgumentException("Device Name longer than [%d] characters".formatted(MAXIMUM_NAME_LENGTH));
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Device Name contains a control character");
        }
        return name;
    }
}
