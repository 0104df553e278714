package org.cipherpost.vault.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;

/** A Device Key (or the Recovery Key) held in memory as an age X25519 identity. */
final class IdentityDeviceKey implements DeviceKey {
    private final AgeIdentity identity;

    /**
     * Creates the key, taking ownership of the identity.
     *
     * @param identity X25519 identity
     */
    IdentityDeviceKey(final AgeIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "Identity required");
    }

    @Override
    public AgeRecipient recipient() {
        return identity.recipient();
    }

    @Override
    public SecretBytes decrypt(final byte[] ageFile) throws IOException, GeneralSecurityException {
        return Age.decrypt(ageFile, List.of(identity));
    }

    /**
     * Returns the identity, for streamed decryption and export.
     *
     * @return identity owned by this key
     */
    AgeIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        identity.close();
    }

    @Override
    public String toString() {
        return "IdentityDeviceKey[" + identity.recipient() + "]";
    }
}
