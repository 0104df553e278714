package org.cipherpost.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;

/**
 * An unlocked Device Key: the capability to open age files wrapped to this device, wherever the key lives
 * (a passphrase-wrapped file, a hardware token).
 */
public interface DeviceKey extends AutoCloseable {
    /**
     * Returns the recipient that files are wrapped to for this device.
     *
     * @return X25519 recipient
     */
    AgeRecipient recipient();

    /**
     * Decrypts a small age file (a key file, the vault key, the index).
     *
     * @param ageFile binary age file
     * @return plaintext the caller owns and must close
     * @throws IOException when the file is malformed or truncated
     * @throws GeneralSecurityException when the file is not wrapped to this device
     *     ({@link org.cipherpost.crypto.NoMatchingIdentityException}) or fails authentication
     */
    SecretBytes decrypt(byte[] ageFile) throws IOException, GeneralSecurityException;

    /** Wipes the unlocked key. */
    @Override
    void close();
}
