package org.cipherpost.crypto.internal.age;

import java.io.IOException;
import java.security.GeneralSecurityException;

/** One direction of the payload transform: sealing plaintext chunks or opening sealed ones. */
interface ChunkOperation {
    /**
     * Returns the size of a full input chunk.
     *
     * @return input chunk bytes
     */
    int inputChunkSize();

    /**
     * Returns the size of a full output chunk.
     *
     * @return output chunk bytes
     */
    int outputChunkSize();

    /**
     * Transforms one chunk.
     *
     * @param cipher chunk cipher owned by the calling thread
     * @param in input array
     * @param inOffset first input byte
     * @param length input bytes
     * @param out output array
     * @param outOffset first output byte
     * @param counter chunk counter
     * @param last whether this is the final chunk
     * @return output bytes written
     * @throws GeneralSecurityException when a chunk fails authentication
     */
    int apply(ChunkCipher cipher, byte[] in, int inOffset, int length, byte[] out, int outOffset, long counter, boolean last)
            throws GeneralSecurityException;

    /**
     * Checks the final chunk's shape before it is transformed.
     *
     * @param counter counter of the final chunk
     * @param length input bytes of the final chunk
     * @throws IOException when the payload ends in a way the format forbids
     */
    void checkFinalChunk(long counter, int length) throws IOException;

    /**
     * Explains a chunk that failed, for example by telling truncation from tampering.
     *
     * @param cipher chunk cipher owned by the calling thread
     * @param in input array
     * @param inOffset first byte of the failed chunk
     * @param length bytes of the failed chunk
     * @param counter its counter
     * @param last whether it was read as the final chunk
     * @param cause the failure
     * @throws IOException for format failures such as truncation
     * @throws GeneralSecurityException for authentication failures
     */
    void explainFailure(ChunkCipher cipher, byte[] in, int inOffset, int length, long counter, boolean last,
            GeneralSecurityException cause) throws IOException, GeneralSecurityException;
}
