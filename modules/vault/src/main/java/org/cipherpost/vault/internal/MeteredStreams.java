package org.cipherpost.vault.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.cipherpost.vault.ProgressListener;

/** Streams that hash and count the plaintext of an attached file and report progress. */
final class MeteredStreams {
    private MeteredStreams() {
    }

    /** Input side: hashes and counts what is read. */
    static final class In extends FilterInputStream {
        private final MessageDigest digest;
        private final ProgressListener progress;
        private final long total;
        private long count;

        /**
         * Wraps a stream.
         *
         * @param in source, not closed by this stream
         * @param digest SHA-256 digest to update
         * @param progress progress receiver
         * @param total expected size or -1
         */
        In(final InputStream in, final MessageDigest digest, final ProgressListener progress, final long total) {
            super(Objects.requireNonNull(in, "Input Stream required"));
            this.digest = digest;
            this.progress = Objects.requireNonNull(progress, "Progress Listener required");
            this.total = total;
        }

        @Override
        public int read() throws IOException {
            final int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                moved(1);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            final int read = in.read(buffer, offset, length);
            if (read > 0) {
                digest.update(buffer, offset, read);
                moved(read);
            }
            return read;
        }

        @Override
        public void close() {
            // the caller owns the source stream
        }

        /** Returns the bytes read so far. */
        long count() {
            return count;
        }

        /** Counts moved bytes and reports progress. */
        private void moved(final int bytes) {
            count += bytes;
            progress.progress(count, total);
        }
    }

    /** Output side: hashes and counts what is written. */
    static final class Out extends FilterOutputStream {
        private final MessageDigest digest;
        private final ProgressListener progress;
        private final long total;
        private long count;

        /**
         * Wraps a stream.
         *
         * @param out destination, not closed by this stream
         * @param digest SHA-256 digest to update
         * @param progress progress receiver
         * @param total expected size or -1
         */
        Out(final OutputStream out, final MessageDigest digest, final ProgressListener progress, final long total) {
            super(Objects.requireNonNull(out, "Output Stream required"));
            this.digest = digest;
            this.progress = Objects.requireNonNull(progress, "Progress Listener required");
            this.total = total;
        }

        @Override
        public void write(final int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            moved(1);
        }

        @Override
        public void write(final byte[] buffer, final int offset, final int length) throws IOException {
            out.write(buffer, offset, length);
            digest.update(buffer, offset, length);
            moved(length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        /** Returns the bytes written so far. */
        long count() {
            return count;
        }

        /** Counts moved bytes and reports progress. */
        private void moved(final int bytes) {
            count += bytes;
            progress.progress(count, total);
        }
    }
}
