package org.cipherpost.vault;

import java.util.Objects;

/**
 * A new Device Key: the bytes to store on the device and the unlocked key.
 *
 * @param stored the device key file contents (wrapped, safe to store)
 * @param key the unlocked key, owned by the caller
 */
public record GeneratedDeviceKey(byte[] stored, DeviceKey key) {
    /**
     * Validates and copies the components.
     *
     * @param stored device key file contents
     * @param key unlocked key
     */
    public GeneratedDeviceKey {
        stored = Objects.requireNonNull(stored, "Stored Key required").clone();
        Objects.requireNonNull(key, "Device Key required");
    }

    /**
     * Returns a copy of the stored bytes.
     *
     * @return device key file contents
     */
    @Override
    public byte[] stored() {
        return stored.clone();
    }
}
