package org.cipherpost.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;

/**
 * Where Device Keys live and how they unlock: the built-in backend wraps the key under the Primary Passphrase;
 * a hardware-token backend keeps it on the token and takes a PIN as the user secret.
 */
public interface DeviceKeyBackend {
    /**
     * Returns the backend's short name, such as {@code passphrase}.
     *
     * @return name
     */
    String name();

    /**
     * Tells whether a device key file belongs to this backend (by its magic bytes).
     *
     * @param stored device key file contents
     * @return true when this backend can unlock it
     */
    boolean recognizes(byte[] stored);

    /**
     * Creates a new Device Key.
     *
     * @param userSecret Primary Passphrase (or PIN)
     * @param params Argon2id cost for backends that stretch the secret
     * @return the stored form and the unlocked key
     * @throws IOException when the backend cannot store the key
     * @throws GeneralSecurityException when key generation or wrapping fails
     */
    GeneratedDeviceKey generate(SecretBytes userSecret, Argon2Params params) throws IOException, GeneralSecurityException;

    /**
     * Unlocks a stored Device Key.
     *
     * @param stored device key file contents
     * @param userSecret Primary Passphrase (or PIN)
     * @return unlocked key, owned by the caller
     * @throws IOException when the stored form is malformed
     * @throws org.cipherpost.crypto.WrongPassphraseException when the secret does not unlock it
     * @throws GeneralSecurityException when unlocking fails otherwise
     */
    DeviceKey unlock(byte[] stored, SecretBytes userSecret) throws IOException, GeneralSecurityException;
}
