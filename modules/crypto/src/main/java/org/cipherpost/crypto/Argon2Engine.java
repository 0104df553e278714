package org.cipherpost.crypto;

import java.security.GeneralSecurityException;

/** Computes raw Argon2id version 0x13 (RFC 9106) output; implementations must give identical bytes. */
interface Argon2Engine {
    /**
     * Returns the backend name reported by {@link Argon2id#backend()}.
     *
     * @return backend name
     */
    String name();

    /**
     * Computes Argon2id.
     *
     * @param password password bytes, not modified
     * @param salt salt bytes, already checked for length
     * @param secret optional secret key K, or null
     * @param associatedData optional associated data X, or null
     * @param params cost parameters
     * @param length output length, already checked
     * @return output that the caller owns and must wipe
     * @throws GeneralSecurityException when the computation fails
     */
    byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Argon2Params params, int length)
            throws GeneralSecurityException;
}
