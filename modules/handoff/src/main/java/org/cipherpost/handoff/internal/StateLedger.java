package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ShareRef;

/**
 * The receive ledger: one line file per share reference in a 0700 directory, written atomically, and a lock per share
 * reference (a file lock between processes, a semaphore between threads of this process).
 *
 * <pre>
 * &lt;share_ref&gt;.accepted = "cipherpost-ledger 1" LF "state " ReceiptState LF "receipt " Base64(receipt JSON) LF
 *                        [ "item " seq SP Base64(signature) LF ]   the receipt's salted item, for republish
 *                        [ "burned " unix-seconds LF ]            burn-after-read share consumed (written after emit)
 *                        [ "source v1" LF ]                       share found in the sender's v1 record
 * &lt;share_ref&gt;.lock     = empty file, locked while a receive of the share runs
 * </pre>
 */
final class StateLedger {
    private static final String MAGIC = "cipherpost-ledger 1";
    private static final String SUFFIX = ".accepted";
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
        return readEntry(shareRef).map(Entry::acceptance);
    }

    /**
     * Reads the whole ledger entry of a share reference.
     *
     * @param shareRef share reference
     * @return entry or empty when the share was never accepted
     * @throws IOException when the entry is unreadable or malformed
     */
    Optional<Entry> readEntry(final ShareRef shareRef) throws IOException {
        final Path file = entry(shareRef);
        final Optional<Map<String, String>> fields = LineRecord.read(file, MAGIC);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        final Entry parsed = parse(fields.get(), file);
        if (!parsed.acceptance().receipt().shareRef().equals(shareRef)) {
            throw new IOException(String.format("Ledger entry [%s] names another share", file));
        }
        return Optional.of(parsed);
    }

    /**
     * Lists every readable acceptance entry; malformed ones are skipped.
     *
     * @return entries
     * @throws IOException when the directory cannot be listed
     */
    List<Entry> entries() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        final List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final String name = file.getFileName().toString();
                if (!name.endsWith(SUFFIX)) {
                    continue;
                }
                try {
                    LineRecord.read(file, MAGIC).map(fields -> parseQuietly(fields, file)).flatMap(e -> e)
                            .ifPresent(entries::add);
                } catch (final IOException e) {
                    // an unreadable entry is skipped, as it would be by a receive that rewrites it
                }
            }
        }
        return entries;
    }

    /**
     * Writes the acceptance of a share atomically, with mode 0600, keeping nothing else.
     *
     * @param acceptance acceptance
     * @throws IOException when writing fails
     */
    void write(final Acceptance acceptance) throws IOException {
        write(new Entry(acceptance, Optional.empty(), false));
    }

    /**
     * Writes a ledger entry atomically, with mode 0600.
     *
     * @param entry entry
     * @throws IOException when writing fails
     */
    void write(final Entry entry) throws IOException {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Acceptance acceptance = entry.acceptance();
        fields.put("state", acceptance.state().name());
        fields.put("receipt", Base64.getEncoder().encodeToString(acceptance.receipt().toJson()));
        entry.item().ifPresent(item -> fields.put("item", item.seq() + " "
                + Base64.getEncoder().encodeToString(item.signature())));
        acceptance.burnedAt().ifPresent(time -> fields.put("burned", Long.toString(time)));
        if (entry.fromV1()) {
            fields.put("source", "v1");
        }
        LineRecord.write(entry(acceptance.receipt().shareRef()), MAGIC, fields);
    }

    private static Optional<Entry> parseQuietly(final Map<String, String> fields, final Path file) {
        try {
            return Optional.of(parse(fields, file));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }

    private static Entry parse(final Map<String, String> fields, final Path file) throws IOException {
        try {
            final ReceiptState state = ReceiptState.valueOf(LineRecord.require(fields, "state", file));
            final Receipt receipt = Receipt.parse(Base64.getDecoder().decode(LineRecord.require(fields, "receipt",
                    file)));
            final OptionalLong burnedAt = fields.containsKey("burned")
                    ? OptionalLong.of(Long.parseLong(fields.get("burned"))) : OptionalLong.empty();
            Optional<MutableItem> item = Optional.empty();
            if (fields.containsKey("item")) {
                final String[] parts = fields.get("item").split(" ", 2);
                item = Optional.of(MutableItem.verify(receipt.recipientPublicKey(),
                        ItemSalts.receipt(receipt.shareRef()), Long.parseLong(parts[0]),
                        BencodeBytes.of(receipt.toJson()), Base64.getDecoder().decode(parts[1])));
            }
            return new Entry(new Acceptance(receipt, state, burnedAt), item, "v1".equals(fields.get("source")));
        } catch (final IllegalArgumentException | IndexOutOfBoundsException | SignatureException e) {
            throw new IOException(String.format("Ledger entry [%s] malformed", file), e);
        }
    }

    private Path entry(final ShareRef shareRef) {
        return directory.resolve(shareRef.hex() + SUFFIX);
    }

    /**
     * A ledger entry.
     *
     * @param acceptance the acceptance
     * @param item the receipt's salted item as published (for republishing), empty when not published so
     * @param fromV1 true when the share was found in the sender's v1 record (the receipt is mirrored in v1 form)
     */
    record Entry(Acceptance acceptance, Optional<MutableItem> item, boolean fromV1) {
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
