package org.cipherpost.crypto.internal.age;

import java.io.EOFException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** Opens ciphertext chunks, rejecting missing, empty or trailing final chunks. */
final class OpenOperation implements ChunkOperation {
    @Override
    public int inputChunkSize() {
        return ChunkCipher.SEALED_CHUNK;
    }

    @Override
    public int outputChunkSize() {
        return ChunkCipher.PLAIN_CHUNK;
    }

    @Override
    public int apply(final ChunkCipher cipher, final byte[] in, final int inOffset, final int length, final byte[] out,
            final int outOffset, final long counter, final boolean last) throws GeneralSecurityException {
        return cipher.open(in, inOffset, length, out, outOffset, counter, last);
    }

    @Override
    public void checkFinalChunk(final long counter, final int length) throws IOException {
        if (length == 0) {
            throw new EOFException("Payload missing after header");
        }
        if (length < ChunkCipher.TAG_LENGTH) {
            throw new EOFException("Payload truncated: final chunk [%d] has [%d] bytes".formatted(counter, length));
        }
        if (length == ChunkCipher.TAG_LENGTH && counter > 0) {
            throw new IOException("Payload final chunk [%d] empty".formatted(counter));
        }
    }

    @Override
    public void explainFailure(final ChunkCipher cipher, final byte[] in, final int inOffset, final int length,
            final long counter, final boolean last, final GeneralSecurityException cause) throws IOException {
        final boolean fullChunk = length == ChunkCipher.SEALED_CHUNK;
        if (last && !fullChunk) {
            return;
        }
        final byte[] scratch = new byte[ChunkCipher.PLAIN_CHUNK];
        try {
            cipher.open(in, inOffset, length, scratch, 0, counter, !last);
        } catch (final GeneralSecurityException e) {
            return;
        } finally {
            Arrays.fill(scratch, (byte) 0);
        }
        if (last) {
            throw new EOFException("Payload truncated: chunk [%d] is not the final chunk".formatted(counter));
        }
        throw new IOException("Payload continues after final chunk [%d]".formatted(counter));
    }
}
