package org.cipherpost.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * The passphrase-wrapped identity file, byte-compatible with cipherpost v1: magic {@code CIPHPOSK},
 * HKDF context {@code cipherpost/v1/identity-kek}, a 32-byte Ed25519 seed inside.
 */
public final class IdentityFile {
    /** The identity file format. */
    public static final WrappedKeyFile FORMAT = WrappedKeyFile.of("CIPHPOSK", Hkdf.IDENTITY_KEK, 32);

    /** Upper bound on the whole file, far above any valid one. */
    public static final int MAXIMUM_SIZE = WrappedKeyFile.MAXIMUM_SIZE;

    private IdentityFile() {
    }

    /**
     * Wraps an Ed25519 seed under a passphrase.
     *
     * @param seed 32-byte Ed25519 seed
     * @param passphrase passphrase bytes (UTF-8)
     * @param params Argon2id parameters to record in the file
     * @return file contents
     * @throws GeneralSecurityException when key derivation or encryption fails
     */
    public static byte[] seal(final SecretBytes seed, final SecretBytes passphrase, final Argon2Params params)
            throws GeneralSecurityException {
        return FORMAT.seal(seed, passphrase, params);
    }

    /**
     * Reads the header of an identity file without the passphrase.
     *
     * @param file file contents
     * @return Argon2id parameters, salt and whether a v1 hash segment is present
     * @throws IOException when the file is not a well-formed identity file
     */
    public static PhcArgon2 header(final byte[] file) throws IOException {
        return FORMAT.header(file);
    }

    /**
     * Unwraps the Ed25519 seed, reading the Argon2id parameters from the file.
     *
     * @param file file contents
     * @param passphrase passphrase bytes (UTF-8)
     * @return the 32-byte seed, to be closed by the caller
     * @throws IOException when the file is malformed or truncated
     * @throws WrongPassphraseException when the passphrase does not unlock the file
     * @throws GeneralSecurityException when the encrypted part fails authentication
     */
    public static SecretBytes open(final byte[] file, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        return FORMAT.open(file, passphrase);
    }

    /**
     * Derives the identity key-encryption key.
     *
     * @param passphrase passphrase bytes
     * @param salt Argon2id salt
     * @param params Argon2id parameters
     * @return 32-byte key-encryption key
     * @throws GeneralSecurityException when Argon2id fails
     */
    static SecretBytes deriveKek(final SecretBytes passphrase, final byte[] salt, final Argon2Params params)
            throws GeneralSecurityException {
        return FORMAT.deriveKek(passphrase, salt, params);
    }
}
