package org.cipherpost.blob.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A SHA-256 computed on its own thread, so that hashing a large stream overlaps encryption or the network instead of
 * adding to them. Bytes are copied into 1 MiB buffers; at most {@link #BUFFERS} exist, so memory stays bounded and a
 * slow hash slows the writer down rather than piling up.
 */
public final class BackgroundDigest implements AutoCloseable {
    /** Buffers in circulation. */
    static final int BUFFERS = 8;

    private static final int BUFFER_BYTES = 1 << 20;

    private final BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final MessageDigest digest;
    private final Thread worker;
    private int allocated;
    private byte[] buffer;
    private int fill;
    private boolean finished;

    /** One filled buffer; a null array marks the end. */
    private record Chunk(byte[] bytes, int length) {
    }

    /**
     * Starts the hashing thread.
     */
    public BackgroundDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        worker = Thread.ofPlatform().daemon().name("cipherpost-sha256").start(this::run);
    }

    /**
     * Hands bytes to the hash.
     *
     * @param bytes source
     * @param offset first byte
     * @param length number of bytes
     * @throws InterruptedException when interrupted while the hash catches up
     */
    public void update(final byte[] bytes, final int offset, final int length) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IllegalStateException("Digest already finished");
        }
        int position = offset;
        final int end = offset + length;
        while (position < end) {
            if (buffer == null) {
                buffer = take();
                fill = 0;
            }
            final int n = Math.min(end - position, buffer.length - fill);
            System.arraycopy(bytes, position, buffer, fill, n);
            fill += n;
            position += n;
            if (fill == buffer.length) {
                pending.put(new Chunk(buffer, fill));
                buffer = null;
            }
        }
    }

    /**
     * Hands the remaining bytes of a buffer to the hash, consuming them.
     *
     * @param source bytes to hash
     * @throws InterruptedException when interrupted while the hash catches up
     */
    public void update(final java.nio.ByteBuffer source) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("Digest already finished");
        }
        while (source.hasRemaining()) {
            if (buffer == null) {
                buffer = take();
                fill = 0;
            }
            final int n = Math.min(source.remaining(), buffer.length - fill);
            source.get(buffer, fill, n);
            fill += n;
            if (fill == buffer.length) {
                pending.put(new Chunk(buffer, fill));
                buffer = null;
            }
        }
    }

    /**
     * Waits for the hash of everything handed over.
     *
     * @return 32-byte SHA-256
     * @throws InterruptedException when interrupted while waiting
     */
    public byte[] digest() throws InterruptedException {
        if (!finished) {
            if (buffer != null) {
                pending.put(new Chunk(buffer, fill));
                buffer = null;
            }
            pending.put(new Chunk(null, 0));
            finished = true;
        }
        worker.join();
        return digest.digest();
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            worker.interrupt();
        }
    }

    private byte[] take() throws InterruptedException {
        final byte[] recycled = free.poll();
        if (recycled != null) {
            return recycled;
        }
        if (allocated < BUFFERS) {
            allocated++;
            return new byte[BUFFER_BYTES];
        }
        return free.take();
    }

    private void run() {
        try {
            while (true) {
                final Chunk chunk = pending.take();
                if (chunk.bytes() == null) {
                    return;
                }
                digest.update(chunk.bytes(), 0, chunk.length());
                free.put(chunk.bytes());
            }
        } catch (final InterruptedException e) {
            // abandoned
        }
    }
}
