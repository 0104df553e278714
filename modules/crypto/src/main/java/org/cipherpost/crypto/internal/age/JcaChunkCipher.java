package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * Chunk cipher on the JDK's own ChaCha20-Poly1305: the reference the faster {@link StandardChunkCipher} is
 * tested against, and the better choice where the JDK intrinsifies Poly1305 (AVX-512 IFMA).
 */
final class JcaChunkCipher implements ChunkCipher {
    private static final String ALGORITHM = "ChaCha20-Poly1305";

    private final Cipher cipher;

    private final SecretKey key;

    /**
     * Creates a chunk cipher for one payload key.
     *
     * @param key ChaCha20 payload key
     * @throws GeneralSecurityException when ChaCha20-Poly1305 is not available
     */
    JcaChunkCipher(final SecretKey key) throws GeneralSecurityException {
        this.key = Objects.requireNonNull(key, "Payload Key required");
        this.cipher = Cipher.getInstance(ALGORITHM);
    }

    @Override
    public int seal(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset,
            final long counter, final boolean last) throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ChunkCipher.nonce(counter, last)));
        return cipher.doFinal(in, inOffset, length, out, outOffset);
    }

    @Override
    public int open(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset,
            final long counter, final boolean last) throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ChunkCipher.nonce(counter, last)));
        return cipher.doFinal(in, inOffset, length, out, outOffset);
    }

    @Override
    public void close() {
        // the JDK cipher keeps its own key copy until garbage collected
    }
}
