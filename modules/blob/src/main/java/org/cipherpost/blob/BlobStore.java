package org.cipherpost.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Where large ciphertexts are kept: one opaque blob per payload, addressed by its SHA-256. The store only ever sees
 * ciphertext; integrity comes from the signed manifest, never from the store.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Uploads a sealed blob under its content address; a blob already there with the same size is not sent again.
     * Failed attempts are retried from the start; a store that keeps partial uploads is caught by the hash check.
     *
     * @param blob spooled ciphertext
     * @param progress called with the bytes sent so far in the current attempt
     * @return locator of the stored blob
     * @throws IOException when every attempt failed or the store refused the upload
     * @throws InterruptedException when interrupted
     */
    URI put(SealedBlob blob, LongConsumer progress) throws IOException, InterruptedException;

    /**
     * Downloads a blob into a partial file, resuming from the file's current length with an HTTP range request,
     * and returns the SHA-256 of the complete file, computed while it arrives (a kept prefix is hashed again).
     * Never writes more than {@code size} bytes; the caller compares the hash with the manifest before using the
     * file.
     *
     * @param locator locator from a verified manifest
     * @param partial partial file, created 0600 when absent
     * @param size expected size from the manifest
     * @param progress called with the bytes held so far
     * @return 32-byte SHA-256 of the complete partial file
     * @throws BlobNotFoundException when the store does not hold the blob
     * @throws IOException when every attempt failed; the partial file is kept for a later resume
     * @throws InterruptedException when interrupted
     */
    byte[] get(URI locator, Path partial, long size, LongConsumer progress) throws IOException, InterruptedException;

    /**
     * Deletes a blob; a blob already gone is not an error.
     *
     * @param locator locator of the blob
     * @throws IOException when the store refused
     * @throws InterruptedException when interrupted
     */
    void delete(URI locator) throws IOException, InterruptedException;

    /**
     * Releases connections and wipes the store's copy of its credential.
     */
    @Override
    void close();
}
