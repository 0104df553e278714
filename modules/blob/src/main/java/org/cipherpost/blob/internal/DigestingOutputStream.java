package org.cipherpost.blob.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Writes through to a stream and hands the same bytes to a {@link BackgroundDigest}.
 */
public final class DigestingOutputStream extends FilterOutputStream {
    private final BackgroundDigest digest;

    /**
     * Wraps a stream.
     *
     * @param out destination
     * @param digest hash fed with every byte written
     */
    public DigestingOutputStream(final OutputStream out, final BackgroundDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(final int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException {
        out.write(bytes, offset, length);
        try {
            digest.update(bytes, offset, length);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing");
        }
    }
}
