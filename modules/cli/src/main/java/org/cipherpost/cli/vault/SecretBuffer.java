package org.cipherpost.cli.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.cipherpost.crypto.SecretBytes;

/** A growable byte buffer for secrets that wipes every array it used (grown-out copies are wiped on growth). */
final class SecretBuffer extends ByteArrayOutputStream {
    private final long limit;

    /**
     * Creates a buffer that refuses more than a limit.
     *
     * @param limit most bytes accepted
     */
    SecretBuffer(final long limit) {
        super(1024);
        this.limit = limit;
    }

    /**
     * Reads a stream to its end into a new holder.
     *
     * @param in stream, not closed
     * @param limit most bytes accepted
     * @return bytes, owned by the caller
     * @throws IOException on I/O failure or input over the limit
     */
    static SecretBytes readAll(final InputStream in, final long limit) throws IOException {
        try (SecretBuffer buffer = new SecretBuffer(limit)) {
            final byte[] chunk = new byte[8192];
            try {
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    buffer.write(chunk, 0, read);
                }
            } catch (final IllegalStateException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                Arrays.fill(chunk, (byte) 0);
            }
            return buffer.toSecret();
        }
    }

    @Override
    public synchronized void write(final byte[] bytes, final int offset, final int length) {
        if (count + (long) length > limit) {
            throw new IllegalStateException("Input longer than [%d] bytes".formatted(limit));
        }
        if (count + length > buf.length) {
            final byte[] old = buf;
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + length));
            Arrays.fill(old, (byte) 0);
        }
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
    }

    @Override
    public synchronized void write(final int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Copies the content into a new holder.
     *
     * @return bytes, owned by the caller
     */
    synchronized SecretBytes toSecret() {
        return SecretBytes.copyOf(buf, 0, count);
    }

    /** Wipes the buffer. */
    @Override
    public synchronized void close() {
        Arrays.fill(buf, (byte) 0);
        count = 0;
    }
}
