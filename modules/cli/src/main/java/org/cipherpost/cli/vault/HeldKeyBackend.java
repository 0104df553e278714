package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.DeviceKeyBackends;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * Opens the vault with an identity already unwrapped (by {@code unlock}), recording the SHA-256 of the device key
 * file it stands for so that the agent can later prove it holds the key of that file.
 */
final class HeldKeyBackend implements DeviceKeyBackend {
    private final SecretBytes encodedIdentity;
    private byte[] fingerprint;

    /**
     * Creates the backend.
     *
     * @param encodedIdentity {@code AGE-SECRET-KEY-1...} text; the caller keeps and closes it
     */
    HeldKeyBackend(final SecretBytes encodedIdentity) {
        this.encodedIdentity = Objects.requireNonNull(encodedIdentity, "Identity required");
    }

    @Override
    public String name() {
        return "held";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        return DeviceKeyBackends.passphrase().recognizes(stored);
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params) throws IOException {
        throw new IOException("A held key cannot create device keys");
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws GeneralSecurityException {
        fingerprint = Fingerprints.sha256(stored);
        return new HeldDeviceKey(AgeIdentity.parse(encodedIdentity));
    }

    /**
     * Returns the SHA-256 of the device key file the vault asked to unlock.
     *
     * @return digest
     * @throws IllegalStateException before the vault was opened
     */
    byte[] fingerprint() {
        if (fingerprint == null) {
            throw new IllegalStateException("Vault not opened yet");
        }
        return fingerprint.clone();
    }
}
