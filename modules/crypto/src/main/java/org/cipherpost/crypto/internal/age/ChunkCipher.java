package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;

/**
 * Seals and opens age payload chunks: ChaCha20-Poly1305 under the payload key with the STREAM nonce.
 *
 * <p>One instance serves one thread at a time.
 */
interface ChunkCipher extends AutoCloseable {
    /** Plaintext bytes in a full chunk. */
    int PLAIN_CHUNK = 64 * 1024;

    /** Authentication tag bytes appended to every chunk. */
    int TAG_LENGTH = 16;

    /** Ciphertext bytes in a full chunk. */
    int SEALED_CHUNK = PLAIN_CHUNK + TAG_LENGTH;

    /**
     * Encrypts one chunk and appends its tag.
     *
     * @param in plaintext array
     * @param inOffset first plaintext byte
     * @param length plaintext bytes, at most {@link #PLAIN_CHUNK}
     * @param out ciphertext array, distinct from {@code in}
     * @param outOffset first ciphertext byte
     * @param counter chunk counter
     * @param last whether this is the final chunk
     * @return ciphertext bytes written: {@code length + 16}
     * @throws GeneralSecurityException when the cipher cannot be set up
     */
    int seal(byte[] in, int inOffset, int length, byte[] out, int outOffset, long counter, boolean last)
            throws GeneralSecurityException;

    /**
     * Verifies one chunk's tag and, only when it matches, decrypts it.
     *
     * @param in ciphertext array
     * @param inOffset first ciphertext byte
     * @param length ciphertext bytes including the tag, 16 to {@link #SEALED_CHUNK}
     * @param out plaintext array, distinct from {@code in}
     * @param outOffset first plaintext byte
     * @param counter chunk counter
     * @param last whether this is read as the final chunk
     * @return plaintext bytes written: {@code length - 16}
     * @throws GeneralSecurityException when the tag does not match ({@link javax.crypto.AEADBadTagException})
     */
    int open(byte[] in, int inOffset, int length, byte[] out, int outOffset, long counter, boolean last)
            throws GeneralSecurityException;

    /** Forgets key material held by this instance. */
    @Override
    void close();

    /**
     * Builds the 12-byte STREAM nonce: 11-byte big-endian counter, then 1 for the final chunk.
     *
     * @param counter chunk counter
     * @param last whether this is the final chunk
     * @return nonce
     */
    static byte[] nonce(final long counter, final boolean last) {
        final byte[] nonce = new byte[12];
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        return nonce;
    }
}
