package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.cipherpost.crypto.SecureFiles;

/**
 * The vault's write lock: an in-process lock per lock file (a JVM may hold one OS lock per file) plus an exclusive
 * {@link FileChannel#lock()} on {@code .lock} in the vault directory, which serializes writers across processes.
 * Reentrant within a thread.
 */
final class VaultLock {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private VaultLock() {
    }

    /**
     * Waits for and takes the lock.
     *
     * @param lockFile the vault's lock file
     * @return the held lock, released by closing it
     * @throws IOException when the lock file cannot be opened or locked
     */
    static Held acquire(final Path lockFile) throws IOException {
        final Path key = lockFile.toAbsolutePath().normalize();
        final ReentrantLock local = LOCKS.computeIfAbsent(key, path -> new ReentrantLock());
        local.lock();
        if (local.getHoldCount() > 1) {
            return new Held(local, null, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
            final FileLock fileLock = channel.lock();
            return new Held(local, channel, fileLock);
        } catch (final IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /** A held lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock fileLock;

        /** Wraps the held parts; channel and file lock are null for a nested hold. */
        Held(final ReentrantLock local, final FileChannel channel, final FileLock fileLock) {
            this.local = local;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } finally {
                local.unlock();
            }
        }
    }
}
