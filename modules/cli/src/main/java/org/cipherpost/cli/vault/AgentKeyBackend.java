package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * Opens the agent's own vault with the key the agent holds, but only while the device key file on disk is still the
 * one that was unlocked (its SHA-256, as for the info request): a replaced device key file is refused.
 */
final class AgentKeyBackend implements DeviceKeyBackend {
    private final DeviceKey key;
    private final byte[] fingerprint;

    /**
     * Creates the backend.
     *
     * @param key the agent's key; the vault may close it, which must leave the agent's key intact
     * @param fingerprint SHA-256 of the device key file the key was unlocked from
     */
    AgentKeyBackend(final DeviceKey key, final byte[] fingerprint) {
        this.key = Objects.requireNonNull(key, "Device Key required");
        this.fingerprint = Objects.requireNonNull(fingerprint, "Fingerprint required").clone();
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        // Any stored form (passphrase-wrapped or plugin-held): the fingerprint check in unlock decides.
        return true;
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params) throws IOException {
        throw new IOException("The agent cannot create device keys");
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws GeneralSecurityException {
        if (!MessageDigest.isEqual(Fingerprints.sha256(stored), fingerprint)) {
            throw new GeneralSecurityException("Device key file changed since the agent was unlocked");
        }
        return key;
    }
}
