package org.cipherpost.vault;

import org.cipherpost.crypto.SecretBytes;

/** Generates passwords or passphrases from a cryptographically secure random source. */
public interface PasswordGenerator {
    /**
     * Generates a new password; every possible output is equally likely.
     *
     * @return password bytes (ASCII), owned by the caller
     */
    SecretBytes generate();

    /**
     * Returns the entropy of one generated password: log2 of the number of equally likely outputs.
     *
     * @return entropy in bits
     */
    double entropyBits();
}
