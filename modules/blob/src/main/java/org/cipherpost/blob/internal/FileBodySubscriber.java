package org.cipherpost.blob.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Writes a response body straight from the client's buffers into a partial file at a given offset, hashing the
 * file's prefix first and every byte as it arrives; completes with the SHA-256 of the whole file, or fails when the
 * body would exceed the expected size.
 */
final class FileBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private static final int PREFIX_BUFFER = 256 * 1024;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final FileChannel channel;
    private final BackgroundDigest digest;
    private final long size;
    private final LongConsumer progress;
    private Flow.Subscription subscription;
    private long position;

    /**
     * Opens the partial file, truncated to {@code start}, and hashes that prefix.
     *
     * @param partial partial file (created 0600)
     * @param start offset the body starts at
     * @param size expected complete size
     * @param progress called with the bytes held
     * @throws IOException when the file cannot be opened or read
     */
    FileBodySubscriber(final Path partial, final long start, final long size, final LongConsumer progress)
            throws IOException {
        this.size = size;
        this.progress = progress;
        this.digest = new BackgroundDigest();
        boolean ready = false;
        try {
            this.channel = FileChannel.open(partial, Set.<OpenOption>of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            try {
                channel.truncate(start);
                hashPrefix(partial, start);
                channel.position(start);
                position = start;
                ready = true;
            } finally {
                if (!ready) {
                    channel.close();
                }
            }
        } finally {
            if (!ready) {
                digest.close();
            }
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(final Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(final List<ByteBuffer> buffers) {
        try {
            for (final ByteBuffer buffer : buffers) {
                final int length = buffer.remaining();
                if (position + length > size) {
                    throw new OversizeException(String.format(
                            "Blob store served more than the [%d] bytes of the manifest", size));
                }
                final ByteBuffer view = buffer.duplicate();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                digest.update(view);
                position += length;
            }
            progress.accept(position);
            subscription.request(1);
        } catch (final IOException e) {
            subscription.cancel();
            fail(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.cancel();
            fail(new InterruptedIOException("Interrupted while hashing"));
        }
    }

    @Override
    public void onError(final Throwable throwable) {
        fail(throwable);
    }

    @Override
    public void onComplete() {
        try {
            channel.close();
            result.complete(position == size ? digest.digest() : null);
        } catch (final IOException e) {
            fail(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new InterruptedIOException("Interrupted while hashing"));
        } finally {
            digest.close();
        }
    }

    private void fail(final Throwable throwable) {
        try {
            channel.close();
        } catch (final IOException e) {
            throwable.addSuppressed(e);
        }
        digest.close();
        result.completeExceptionally(throwable);
    }

    private void hashPrefix(final Path partial, final long length) throws IOException {
        if (length == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(partial, LinkOption.NOFOLLOW_LINKS)) {
            final byte[] buffer = new byte[PREFIX_BUFFER];
            long left = length;
            while (left > 0) {
                final int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("Partial download shrank while being read");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing");
        }
    }

    /** The body is longer than the manifest says: never retried. */
    static final class OversizeException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the failure.
         *
         * @param message description
         */
        OversizeException(final String message) {
            super(message);
        }
    }
}
