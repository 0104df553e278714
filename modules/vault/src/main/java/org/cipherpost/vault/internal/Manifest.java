package org.cipherpost.vault.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cipherpost.crypto.AgeRecipient;

/**
 * The vault manifest: who may read the vault, and (format 2) the keyring key files are wrapped to. MAC'd under a vault secret generation so that nobody without a vault
 * secret can add a recipient.
 *
 * @param vaultId vault id
 * @param generation vault secret generation whose MAC key signs this manifest
 * @param revision device-set revision: grows on every device added or revoked; key files record the revision
 *     they were wrapped for, so unfinished re-wraps show
 * @param rekeyBelow key files of a lower revision were readable by a revoked device and must be re-keyed
 * @param recovery the Recovery Key's recipient
 * @param devices the devices, in the order they were added
 * @param keyring format 2: the recipient key files are wrapped to (the keyring of {@code generation}); format 1
 *     (null): key files are wrapped to every device and the Recovery Key
 */
record Manifest(String vaultId, int generation, long revision, long rekeyBelow, AgeRecipient recovery,
        List<DeviceRecord> devices, AgeRecipient keyring) {
    /**
     * Validates and copies the components.
     *
     * @param vaultId vault id
     * @param generation secret generation
     * @param revision device-set revision
     * @param rekeyBelow re-key threshold
     * @param recovery recovery recipient
     * @param devices devices
     * @param keyring keyring recipient, or null for format 1
     */
    Manifest {
        Objects.requireNonNull(vaultId, "Vault Id required");
        Objects.requireNonNull(recovery, "Recovery Recipient required");
        devices = List.copyOf(Objects.requireNonNull(devices, "Devices required"));
        if (generation < 0 || revision < 1 || rekeyBelow < 0 || rekeyBelow > revision) {
            throw new IllegalArgumentException("Manifest counters [%d, %d, %d] not consistent"
                    .formatted(generation, revision, rekeyBelow));
        }
    }

    /**
     * Returns every recipient vault-wide files are encrypted to: the devices, then the Recovery Key.
     *
     * @return recipients
     */
    List<AgeRecipient> recipients() {
        final List<AgeRecipient> recipients = new ArrayList<>(devices.size() + 1);
        for (final DeviceRecord device : devices) {
            recipients.add(device.recipient());
        }
        recipients.add(recovery);
        return recipients;
    }

    /**
     * Returns the on-disk format: 2 when key files are wrapped to a keyring, 1 when wrapped to every device.
     *
     * @return 1 or 2
     */
    int format() {
        return keyring == null ? 1 : 2;
    }

    /**
     * Returns the recipients key files (before the entry's shares) and the index are wrapped to: the keyring
     * (format 2), or every device and the Recovery Key (format 1).
     *
     * @return recipients
     */
    List<AgeRecipient> keyRecipients() {
        return keyring == null ? recipients() : List.of(keyring);
    }

    /**
     * Returns the manifest in format 2 with a keyring, at the next revision so that every key file is re-wrapped to it.
     *
     * @param newKeyring the keyring of this manifest's generation
     * @return new manifest
     */
    Manifest upgraded(final AgeRecipient newKeyring) {
        Objects.requireNonNull(newKeyring, "Keyring Recipient required");
        return new Manifest(vaultId, generation, revision + 1, rekeyBelow, recovery, devices, newKeyring);
    }

    /**
     * Finds the device with a recipient.
     *
     * @param recipient recipient
     * @return device, if any
     */
    Optional<DeviceRecord> device(final AgeRecipient recipient) {
        return devices.stream().filter(device -> device.recipient().equals(recipient)).findFirst();
    }

    /**
     * Finds the device with an id.
     *
     * @param id device id
     * @return device, if any
     */
    Optional<DeviceRecord> device(final String id) {
        return devices.stream().filter(device -> device.id().equals(id)).findFirst();
    }

    /**
     * Returns the manifest with one more device. In format 1 every key file must then be re-wrapped (the next
     * revision); in format 2 only the vault-wide files change, so the revision stays.
     *
     * @param device new device
     * @return new manifest
     */
    Manifest withDevice(final DeviceRecord device) {
        final List<DeviceRecord> more = new ArrayList<>(devices);
        more.add(device);
        return new Manifest(vaultId, generation, keyring == null ? revision + 1 : revision, rekeyBelow, recovery, more,
                keyring);
    }

    /**
     * Returns the manifest without a device, signed by a new secret generation, requiring every older key file to be
     * re-keyed.
     *
     * @param id device id
     * @param newGeneration the new secret generation
     * @param newKeyring the new generation's keyring (the result is format 2)
     * @return new manifest
     */
    Manifest withoutDevice(final String id, final int newGeneration, final AgeRecipient newKeyring) {
        Objects.requireNonNull(newKeyring, "Keyring Recipient required");
        final List<DeviceRecord> fewer = devices.stream().filter(device -> !device.id().equals(id)).toList();
        return new Manifest(vaultId, newGeneration, revision + 1, revision + 1, recovery, fewer, newKeyring);
    }
}
