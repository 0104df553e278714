package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;

/** A Device Key held in this process as an age identity (the agent's key, checked by {@code unlock}). */
final class HeldDeviceKey implements DeviceKey {
    private final AgeIdentity identity;

    /**
     * Creates the key, taking ownership of the identity.
     *
     * @param identity X25519 identity
     */
    HeldDeviceKey(final AgeIdentity identity) {
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
     * Encodes the identity, to hand it to the agent.
     *
     * @return {@code AGE-SECRET-KEY-1...} text, owned by the caller
     */
    SecretBytes encode() {
        return identity.encode();
    }

    @Override
    public void close() {
        identity.close();
    }

    @Override
    public String toString() {
        return "HeldDeviceKey[" + identity.recipient().encoded() + "]";
    }
}
