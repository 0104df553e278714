package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;

/**
 * Creates chunk ciphers; the system property {@value #PROPERTY} set to {@code jca} selects the JDK's AEAD.
 */
final class ChunkCipherFactory {
    /** Name of the system property that chooses the implementation. */
    static final String PROPERTY = "org.cipherpost.age.aead";

    private ChunkCipherFactory() {
    }

    /**
     * Creates a chunk cipher for a payload key.
     *
     * @param key payload key
     * @return new chunk cipher
     * @throws GeneralSecurityException when ChaCha20 is not available
     */
    static ChunkCipher newChunkCipher(final SecretKey key) throws GeneralSecurityException {
        if ("jca".equals(System.getProperty(PROPERTY))) {
            return new JcaChunkCipher(key);
        }
        return new StandardChunkCipher(key);
    }
}
