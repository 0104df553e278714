package org.cipherpost.vault.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;

/**
 * What opens key files: the keyring identities of every generation (vault format 2), then the device key itself for
 * key files still wrapped to devices (format 1, or an upgrade not yet finished).
 */
final class KeyringKey implements DeviceKey {
    private final List<AgeIdentity> keyrings;
    private final DeviceKey device;

    /**
     * Creates the key.
     *
     * @param keyrings keyring identities, newest first (empty in format 1); owned by this key from now on
     * @param device the unlocked device key; not owned (the vault closes it)
     */
    KeyringKey(final List<AgeIdentity> keyrings, final DeviceKey device) {
        this.keyrings = List.copyOf(Objects.requireNonNull(keyrings, "Keyrings required"));
        this.device = Objects.requireNonNull(device, "Device Key required");
    }

    @Override
    public AgeRecipient recipient() {
        return device.recipient();
    }

    @Override
    public SecretBytes decrypt(final byte[] ageFile) throws IOException, GeneralSecurityException {
        if (!keyrings.isEmpty()) {
            try {
                return Age.decrypt(ageFile, keyrings);
            } catch (final NoMatchingIdentityException e) {
                // a key file wrapped to the devices: fall through to the device key
            }
        }
        return device.decrypt(ageFile);
    }

    /** Wipes the keyring identities; the device key stays open. */
    @Override
    public void close() {
        keyrings.forEach(AgeIdentity::close);
    }

    @Override
    public String toString() {
        return "KeyringKey[" + keyrings.size() + " generations, " + device.recipient() + "]";
    }
}
