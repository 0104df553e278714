package org.cipherpost.api;

import java.util.Objects;

/**
 * A device key held by a {@link KeyBackend}: only public facts.
 *
 * @param id stable id the backend understands (e.g. a serial number and slot)
 * @param label human label
 * @param recipient the age recipient string entry keys are wrapped to (e.g. {@code age1...} or a plugin recipient)
 */
public record DeviceInfo(String id, String label, String recipient) {
    /**
     * Validates the components.
     *
     * @param id device id
     * @param label human label
     * @param recipient age recipient
     */
    public DeviceInfo {
        Objects.requireNonNull(id, "Device ID required");
        Objects.requireNonNull(label, "Label required");
        Objects.requireNonNull(recipient, "Recipient required");
    }
}
