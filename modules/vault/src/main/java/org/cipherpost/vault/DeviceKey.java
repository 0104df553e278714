package org.cipherpost.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
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

    /**
     * Adds X25519 recipients to a small binary age file wrapped to this device (a key file): the same file key, one
     * new stanza per recipient, a new header MAC, the payload byte for byte unchanged. A key that cannot do this (a
     * hardware token that only unwraps) keeps this default, and the vault re-encrypts the file instead.
     *
     * @param ageFile binary age file wrapped to this device
     * @param recipients X25519 recipients to add
     * @return the grown age file
     * @throws IOException when the file is malformed or truncated
     * @throws GeneralSecurityException when the file is not wrapped to this device, fails authentication, or this key
     *     cannot add recipients
     */
    default byte[] addRecipients(final byte[] ageFile, final List<AgeRecipient> recipients)
            throws IOException, GeneralSecurityException {
        throw new GeneralSecurityException("This Device Key cannot add recipients to a file");
    }

    /** Wipes the unlocked key. */
    @Override
    void close();
}
