package org.cipherpost.vault.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import org.cipherpost.crypto.SecureFiles;

/**
 * Atomic file replacement: a temporary file created 0600 beside the target, written, synced, renamed over the
 * target; the directory is synced unless a bulk caller syncs it once for many files. A crash leaves the old file
 * or the new one, never a mix, plus at most a temporary file that {@link #isTemporary} recognizes.
 */
final class AtomicFiles {
    private static final String TEMPORARY_MARKER = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes content to an output stream; used for streamed files of any size. */
    @FunctionalInterface
    interface StreamWriter {
        /**
         * Writes the whole content.
         *
         * @param out destination, closed by the caller
         * @throws IOException on I/O failure
         * @throws GeneralSecurityException on encryption failure
         */
        void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
    }

    /**
     * Replaces a file with bytes.
     *
     * @param target file to replace
     * @param content new content
     * @param syncDirectory whether to sync the directory after the rename
     * @throws IOException when writing fails; the target is then unchanged
     */
    static void write(final Path target, final byte[] content, final boolean syncDirectory) throws IOException {
        Objects.requireNonNull(content, "Content required");
        try {
            write(target, out -> out.write(content), syncDirectory);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Byte copy cannot fail with a security exception", e);
        }
    }

    /**
     * Replaces a file with streamed content.
     *
     * @param target file to replace
     * @param writer producer of the content
     * @param syncDirectory whether to sync the directory after the rename
     * @throws IOException when writing fails; the target is then unchanged
     * @throws GeneralSecurityException when the producer fails to encrypt
     */
    static void write(final Path target, final StreamWriter writer, final boolean syncDirectory)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(target, "Target required");
        Objects.requireNonNull(writer, "Writer required");
        final Path directory = target.toAbsolutePath().getParent();
        final Path temporary = directory.resolve("." + target.getFileName() + TEMPORARY_MARKER + suffix());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE))) {
                final OutputStream out = new BufferedOutputStream(new UnclosableOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (final AtomicMoveNotSupportedException e) {
                throw new IOException("File system of [%s] does not support atomic rename".formatted(directory), e);
            }
            moved = true;
            if (syncDirectory) {
                SecureFiles.syncDirectory(directory);
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Deletes a file if present.
     *
     * @param target file
     * @param syncDirectory whether to sync the directory afterwards
     * @return true when a file was deleted
     * @throws IOException when deletion fails
     */
    static boolean delete(final Path target, final boolean syncDirectory) throws IOException {
        final boolean deleted = Files.deleteIfExists(target);
        if (deleted && syncDirectory) {
            SecureFiles.syncDirectory(target.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /**
     * Syncs a directory's entries to stable storage.
     *
     * @param directory directory
     */
    static void syncDirectory(final Path directory) {
        SecureFiles.syncDirectory(directory);
    }

    /**
     * Tells whether a file name is a temporary file left by an interrupted write (ours or SecureFiles').
     *
     * @param fileName file name
     * @return true for {@code .<name>.tmp-<hex>}
     */
    static boolean isTemporary(final String fileName) {
        return fileName.startsWith(".") && fileName.contains(TEMPORARY_MARKER);
    }

    /** Returns a random suffix for a temporary file. */
    private static String suffix() {
        final byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Writes to a channel and leaves closing to the channel's owner. */
    private static final class UnclosableOutputStream extends OutputStream {
        private final OutputStream delegate;

        /** Creates the stream over a channel. */
        UnclosableOutputStream(final FileChannel channel) {
            this.delegate = Channels.newOutputStream(channel);
        }

        @Override
        public void write(final int b) throws IOException {
            delegate.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            delegate.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // the channel is closed by write()
        }
    }
}
