package org.cipherpost.vault;

import java.util.Objects;

/**
 * A device granted access to the vault.
 *
 * @param id short stable id derived from the recipient
 * @param name name given when the device was added
 * @param recipient the device's {@code age1...} recipient
 * @param current whether this is the device the vault was opened with
 */
public record Device(String id, String name, String recipient, boolean current) {
    /**
     * Validates the components.
     *
     * @param id device id
     * @param name device name
     * @param recipient device recipient
     * @param current whether this is the device in use
     */
    public Device {
        Objects.requireNonNull(id, "Device Id required");
        Objects.requireNonNull(name, "Device Name required");
        Objects.requireNonNull(recipient, "Device Recipient required");
    }
}
