package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ShareRef;

/**
 * The receive ledger: one line file per share reference in a 0700 directory, written atomically, and a lock per share
 * reference (a file lock between processes, a semaphore between threads of this process).
 *
 * <pre>
 * &lt;share_ref&gt;.accepted = "cipherpost-ledger 1" LF "state " ReceiptState LF "receipt " Base64(receipt JSON) LF
 * &lt;share_ref&gt;.lock     = empty file, locked while a receive of the share runs
 * </pre>
 */
final class StateLedger {
    private static final String MAGIC = "cipherpost-ledger 1";
    private static final ConcurrentHashMap<Path, Semaphore> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    /**
     * Creates a ledger over a directory, created on first use.
     *
     * @param directory state directory
     */
    StateLedger(final Path directory) {
        this.directory = Objects.requireNonNull(directory, "State directory required");
    }

    /**
     * Takes the lock of a share reference, waiting for other receives of it to finish.
     *
     * @param shareRef share reference
     * @return held lock
     * @throws IOException when the lock file cannot be created or locked
     * @throws InterruptedException when interrupted while waiting
     */
    Held lock(final ShareRef shareRef) throws IOException, InterruptedException {
        SecureFiles.createPrivateDirectories(directory);
        final Path file = directory.resolve(shareRef.hex() + ".lock").toAbsolutePath();
        final Semaphore local = LOCAL_LOCKS.computeIfAbsent(file, key -> new Semaphore(1));
        local.acquire();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
            final FileLock lock = channel.lock();
            return new Held(channel, lock, local);
        } catch (final IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.release();
            throw e;
        }
    }

    /**
     * Reads the acceptance of a share reference.
     *
     * @param shareRef share reference
     * @return acceptance or empty when the share was never accepted
     * @throws IOException when the entry is unreadable or malformed
     */
    Optional<Acceptance> read(final ShareRef shareRef) throws IOException {
        final Path file = entry(shareRef);
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() != 3 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("state ")
                || !lines.get(2).startsWith("receipt ")) {
            throw new IOException(String.format("Ledger entry [%s] malformed", file));
        }
        try {
            final ReceiptState state = ReceiptState.valueOf(lines.get(1).substring("state ".length()));
            final Receipt receipt = Receipt.parse(Base64.getDecoder().decode(lines.get(2).substring("receipt ".length())));
            if (!receipt.shareRef().equals(shareRef)) {
                throw new IOException(String.format("Ledger entry [%s] names another share", file));
            }
            return Optional.of(new Acceptance(receipt, state));
        } catch (final IllegalArgumentException e) {
            throw new IOException(String.format("Ledger entry [%s] malformed", file), e);
        }
    }

    /**
     * Writes the acceptance of a share atomically, with mode 0600.
     *
     * @param acceptance acceptance
     * @throws IOException when writing fails
     */
    void write(final Acceptance acceptance) throws IOException {
        SecureFiles.createPrivateDirectories(directory);
        final String text = MAGIC + "\nstate " + acceptance.state().name() + "\nreceipt "
                + Base64.getEncoder().encodeToString(acceptance.receipt().toJson()) + "\n";
        SecureFiles.writeAtomically(entry(acceptance.receipt().shareRef()), text.getBytes(StandardCharsets.UTF_8),
                SecureFiles.PRIVATE_FILE);
    }

    private Path entry(final ShareRef shareRef) {
        return directory.resolve(shareRef.hex() + ".accepted");
    }

    /** A held share lock. */
    static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final Semaphore local;
        private boolean released;

        private Held(final FileChannel channel, final FileLock lock, final Semaphore local) {
            this.channel = channel;
            this.lock = lock;
            this.local = local;
        }

        /** Releases the file lock and the thread lock; idempotent. */
        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                lock.release();
                channel.close();
            } catch (final IOException e) {
                // closing the channel releases the lock in any case
            } finally {
                local.release();
            }
        }
    }
}
