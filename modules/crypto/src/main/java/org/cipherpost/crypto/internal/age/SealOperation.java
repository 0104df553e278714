package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;

/** Seals 64 KiB plaintext chunks into 64 KiB + 16 ciphertext chunks. */
final class SealOperation implements ChunkOperation {
    @Override
    public int inputChunkSize() {
        return ChunkCipher.PLAIN_CHUNK;
    }

    @Override
    public int outputChunkSize() {
        return ChunkCipher.SEALED_CHUNK;
    }

    @Override
    public int apply(final ChunkCipher cipher, final byte[] in, final int inOffset, final int length, final byte[] out,
            final int outOffset, final long counter, final boolean last) throws GeneralSecurityException {
        return cipher.seal(in, inOffset, length, out, outOffset, counter, last);
    }

    @Override
    public void checkFinalChunk(final long counter, final int length) {
        // an empty final chunk only occurs for an empty payload, which the format allows
    }

    @Override
    public void explainFailure(final ChunkCipher cipher, final byte[] in, final int inOffset, final int length,
            final long counter, final boolean last, final GeneralSecurityException cause) {
        // sealing fails only when the cipher cannot be set up: the cause says it all
    }
}
