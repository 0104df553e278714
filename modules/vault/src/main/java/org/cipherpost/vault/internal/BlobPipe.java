package org.cipherpost.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;

/**
 * Decrypts an attached file on a thread of its own into a pipe, so that its plaintext can be re-encrypted to another
 * key as a stream, never touching the disk. Call {@link #finish()} after reading to its end: a truncated or
 * tampered source ends the pipe early, and only {@code finish} tells.
 */
final class BlobPipe implements AutoCloseable {
    private static final int PIPE_SIZE = 1 << 16;

    private final PipedInputStream plaintext;
    private final Thread thread;
    private volatile Exception failure;

    /**
     * Starts decrypting.
     *
     * @param ciphertext the age file, read to its end by the decrypting thread
     * @param identity identity that opens it
     * @throws IOException when the pipe cannot be set up
     */
    BlobPipe(final InputStream ciphertext, final AgeIdentity identity) throws IOException {
        Objects.requireNonNull(ciphertext, "Ciphertext required");
        Objects.requireNonNull(identity, "Identity required");
        final PipedOutputStream sink = new PipedOutputStream();
        this.plaintext = new PipedInputStream(sink, PIPE_SIZE);
        this.thread = new Thread(() -> {
            try (sink) {
                Age.decrypt(ciphertext, sink, List.of(identity));
            } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                failure = e;
            }
        }, "vault-blob-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns the plaintext stream. */
    InputStream plaintext() {
        return plaintext;
    }

    /**
     * Waits for the decrypting thread and rethrows its failure.
     *
     * @throws IOException when the source was truncated or unreadable
     * @throws GeneralSecurityException when the source failed authentication
     */
    void finish() throws IOException, GeneralSecurityException {
        join();
        final Exception failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof GeneralSecurityException security) {
            throw security;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
        join();
    }

    /** Waits for the thread, keeping the interrupt status. */
    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
