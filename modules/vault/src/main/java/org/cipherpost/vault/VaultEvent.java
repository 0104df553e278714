package org.cipherpost.vault;

import java.util.Objects;
import java.util.Optional;

/**
 * A change about to happen or just done: its kind and ids only, never names or content.
 *
 * @param change kind of change
 * @param entry affected entry id, or null for device changes
 * @param device affected device id, or null for entry changes
 */
public record VaultEvent(VaultChange change, EntryId entry, String device) {
    /**
     * Validates the components.
     *
     * @param change kind of change
     * @param entry entry id or null
     * @param device device id or null
     */
    public VaultEvent {
        Objects.requireNonNull(change, "Change required");
    }

    /**
     * Creates an event about an entry.
     *
     * @param change kind of change
     * @param entry entry id
     * @return event
     */
    public static VaultEvent entry(final VaultChange change, final EntryId entry) {
        return new VaultEvent(change, Objects.requireNonNull(entry, "Entry Id required"), null);
    }

    /**
     * Creates an event about a device.
     *
     * @param change kind of change
     * @param device device id
     * @return event
     */
    public static VaultEvent device(final VaultChange change, final String device) {
        return new VaultEvent(change, null, Objects.requireNonNull(device, "Device Id required"));
    }

    /**
     * Returns the entry id, if the change concerns an entry.
     *
     * @return entry id
     */
    public Optional<EntryId> entryId() {
        return Optional.ofNullable(entry);
    }

    /**
     * Returns the device id, if the change concerns a device.
     *
     * @return device id
     */
    public Optional<String> deviceId() {
        return Optional.ofNullable(device);
    }
}
