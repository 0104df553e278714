package org.cipherpost.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.AmbiguousNameException;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.DeviceExistsException;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryExistsException;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntryNotFoundException;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Fields;
import org.cipherpost.vault.GrepMatch;
import org.cipherpost.vault.GrepResult;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.MissingFileException;
import org.cipherpost.vault.NotAVaultException;
import org.cipherpost.vault.NotWrappedToDeviceException;
import org.cipherpost.vault.ProgressListener;
import org.cipherpost.vault.TamperedFileException;
import org.cipherpost.vault.TruncatedFileException;
import org.cipherpost.vault.UnknownDeviceException;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultChange;
import org.cipherpost.vault.VaultEvent;
import org.cipherpost.vault.VaultIntegrityException;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.VaultProblem;
import org.cipherpost.vault.WarningListener;

/**
 * The vault on a directory. State read from disk (manifest, vault secrets, index) is cached with the stamps of the
 * files it came from and reloaded when another process changed them.
 *
 * <p>Write order, so that a crash at any point leaves every entry readable, old or new: key file, then attached
 * file, then entry file, then index; removals delete the entry file first. Bulk work writes every file of one kind,
 * syncs that directory once, then moves to the next kind. Device changes write the vault key, then the manifest,
 * then the key files; key files record the revision they were wrapped for, so an interrupted device change is
 * finished by the next writer (re-wrap, or re-key for a revocation). In format 2 key files are wrapped to the keyring
 * of the current generation, so adding a device writes the vault-wide files only.
 */
final class StandardVault implements Vault {
    /**
     * A directory modified this close to a scan may have changed again within the file system's timestamp
     * granularity; such a scan is not trusted to stand for later ones.
     */
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final VaultLayout layout;
    private final VaultOptions options;
    private final DeviceKey opener;
    private final Hooks hooks;
    private final CrashPoints crash;
    private final EntryFiles files;
    private final WarningListener warnings;
    private final ReentrantLock guard = new ReentrantLock();
    private final String vaultId;

    private Manifest manifest;
    private FileStamp manifestStamp;
    private VaultSecrets secrets;
    private KeyringKey keys;
    private FileStamp secretStamp;
    private Index index = Index.empty();
    private FileStamp indexStamp;
    private boolean indexLoaded;
    private boolean indexUsable;
    private List<VaultProblem> problems = List.of();
    private boolean closed;
    private boolean checked;
    private FileStamp scannedDirectory;
    private long scannedAt;
    private Index scannedIndex;

    /** Creates the vault; {@link #open} loads and verifies it. */
    private StandardVault(final VaultLayout layout, final VaultOptions options, final DeviceKey opener,
            final CrashPoints crash, final String vaultId) {
        this.layout = layout;
        this.options = options;
        this.opener = opener;
        this.hooks = new Hooks(options.hooks(), options.warnings());
        this.crash = crash;
        this.files = new EntryFiles(layout);
        this.warnings = options.warnings();
        this.vaultId = vaultId;
    }

    /**
     * Opens a vault with an unlocked key: verifies the vault key, the manifest MAC and the device pin, checks the index
     * against the entry files, and finishes any interrupted device change.
     *
     * @param layout vault layout
     * @param options options
     * @param opener a device key, or the Recovery Key during recovery; owned by the vault from now on
     * @param crash crash points (tests)
     * @param vaultId vault id the opener belongs to
     * @param expectedFirst generation-0 secret the vault key must hold (recovery), or null
     * @return open vault
     * @throws IOException on I/O failure or damaged files
     * @throws GeneralSecurityException on verification failure
     */
    static StandardVault open(final VaultLayout layout, final VaultOptions options, final DeviceKey opener,
            final CrashPoints crash, final String vaultId, final SecretBytes expectedFirst)
            throws IOException, GeneralSecurityException {
        final StandardVault vault = new StandardVault(layout, options, opener, crash, vaultId);
        try {
            vault.start(expectedFirst);
            return vault;
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            vault.close();
            throw e;
        }
    }

    /** Loads and verifies everything; called once by {@link #open}. */
    private void start(final SecretBytes expectedFirst) throws IOException, GeneralSecurityException {
        guard.lock();
        try {
            loadKeys();
            if (expectedFirst != null && !secrets.firstEquals(expectedFirst)) {
                throw new VaultIntegrityException("Vault key of [%s] was not made with this recovery code: it was replaced"
                        .formatted(vaultId));
            }
            final AgeRecipient self = opener.recipient();
            if (manifest.device(self).isEmpty() && !manifest.recovery().equals(self)) {
                throw new NotWrappedToDeviceException(VaultLayout.MANIFEST,
                        "This device [%s] is not a member of vault [%s]: add it from a device that is"
                                .formatted(self.encoded(), vaultId));
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Checks the index against the entry files, removes leftovers of interrupted writes and finishes interrupted
     * device changes, once per open vault, before the first operation that reads or writes entries. Device add and
     * device listing (format 2) need only the manifest and the vault key and skip it.
     */
    private void checkOnce() throws IOException, GeneralSecurityException {
        if (!checked) {
            refresh(true);
            checked = true;
        }
    }

    @Override
    public String id() {
        return vaultId;
    }

    @Override
    public Path directory() {
        return layout.root();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entries

    @Override
    public EntryId add(final String name, final Entry entry) throws IOException, GeneralSecurityException {
        checkName(name);
        Objects.requireNonNull(entry, "Entry required");
        return write(() -> {
            requireFree(name, null);
            try (Entry named = entry.withField(Fields.NAME, name);
                 EntryKey key = EntryKey.generate(manifest.revision())) {
                final EntryId id = key.id();
                hooks.before(VaultEvent.entry(VaultChange.ADD, id));
                final byte[] sealedKey = EntryFiles.sealKey(key, manifest);
                final byte[] sealedEntry = EntryFiles.sealEntry(named, key.identity().recipient());
                crash.reached("add:key");
                AtomicFiles.write(layout.key(id), sealedKey, true);
                crash.reached("add:entry");
                AtomicFiles.write(layout.entry(id), sealedEntry, true);
                writeIndex(index.with(record(id, named, sealedEntry, key.revision())));
                hooks.after(VaultEvent.entry(VaultChange.ADD, id));
                return id;
            }
        });
    }

    @Override
    public List<EntryId> addAll(final Collection<Entry> entries) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(entries, "Entries required");
        final List<Entry> list = List.copyOf(entries);
        return write(() -> {
            final Set<String> names = new HashSet<>();
            for (final Entry entry : list) {
                final String name = Indexer.text(entry, Fields.NAME)
                        .orElseThrow(() -> new IllegalArgumentException("Every imported entry needs a name field"));
                checkName(name);
                if (!names.add(name)) {
                    throw new EntryExistsException(name);
                }
                requireFree(name, null);
            }
            final long revision = manifest.revision();
            final List<Parallel.Outcome<Entry, Sealed>> sealed = Parallel.map(list, options.parallelism(), entry -> {
                try (EntryKey key = EntryKey.generate(revision)) {
                    return new Sealed(key.id(), EntryFiles.sealKey(key, manifest),
                            EntryFiles.sealEntry(entry, key.identity().recipient()), entry);
                }
            });
            final List<Sealed> ready = new ArrayList<>();
            for (final Parallel.Outcome<Entry, Sealed> outcome : sealed) {
                if (!outcome.ok()) {
                    throw rethrow(outcome.failure());
                }
                ready.add(outcome.value());
            }
            for (final Sealed item : ready) {
                hooks.before(VaultEvent.entry(VaultChange.ADD, item.id()));
            }
            writeAll(ready, item -> layout.key(item.id()), Sealed::key, "import:key");
            AtomicFiles.syncDirectory(layout.keys());
            writeAll(ready, item -> layout.entry(item.id()), Sealed::entry, "import:entry");
            AtomicFiles.syncDirectory(layout.entries());
            final List<IndexRecord> records = new ArrayList<>();
            for (final Sealed item : ready) {
                records.add(record(item.id(), item.source(), item.entry(), revision));
            }
            writeIndex(index.with(records, List.of()));
            for (final Sealed item : ready) {
                hooks.after(VaultEvent.entry(VaultChange.ADD, item.id()));
            }
            return ready.stream().map(Sealed::id).toList();
        });
    }

    @Override
    public EntryId resolve(final String name) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        return read(() -> resolveFresh(name));
    }

    @Override
    public Entry get(final String name) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        return read(() -> {
            EntryId id = resolveFresh(name);
            EntryFiles.Opened opened = open(id);
            if (!name.equals(Indexer.text(opened.entry(), Fields.NAME).orElse(null))) {
                opened.close();
                refresh(false);
                id = resolveName(name);
                opened = open(id);
            }
            return opened.entry();
        });
    }

    @Override
    public Entry get(final EntryId id) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(id, "Entry Id required");
        return read(() -> open(id).entry());
    }

    @Override
    public Entry getVersion(final EntryId id, final byte[] entryFile) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(id, "Entry Id required");
        Objects.requireNonNull(entryFile, "Entry File required");
        return read(() -> {
            try (EntryKey key = files.openKey(id, keys);
                 SecretBytes plaintext = Age.decrypt(entryFile, List.of(key.identity()))) {
                return Entry.parse(plaintext);
            }
        });
    }

    @Override
    public boolean edit(final String name, final Entry content) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        Objects.requireNonNull(content, "Content required");
        return write(() -> {
            final EntryId id = resolveName(name);
            try (EntryKey key = files.openKey(id, keys);
                 EntryFiles.Opened current = files.openEntry(id, key);
                 Entry next = Indexer.text(content, Fields.NAME).isPresent() ? copy(content)
                         : content.withField(Fields.NAME, name);
                 SecretBytes before = current.entry().toBytes();
                 SecretBytes after = next.toBytes()) {
                if (MessageDigest.isEqual(before.bytes(), after.bytes())) {
                    return false;
                }
                final String newName = Indexer.text(next, Fields.NAME).orElseThrow();
                if (!newName.equals(name)) {
                    checkName(newName);
                    requireFree(newName, id);
                }
                hooks.before(VaultEvent.entry(VaultChange.EDIT, id));
                final byte[] sealed = EntryFiles.sealEntry(next, key.identity().recipient());
                crash.reached("edit:entry");
                AtomicFiles.write(layout.entry(id), sealed, true);
                writeIndex(index.with(record(id, next, sealed, indexedRevision(id, key))));
                hooks.after(VaultEvent.entry(VaultChange.EDIT, id));
                return true;
            }
        });
    }

    @Override
    public void remove(final String name) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        write(() -> {
            final EntryId id = resolveName(name);
            hooks.before(VaultEvent.entry(VaultChange.REMOVE, id));
            deleteEntry(id, "rm");
            writeIndex(index.without(id));
            hooks.after(VaultEvent.entry(VaultChange.REMOVE, id));
            return null;
        });
    }

    @Override
    public void move(final String from, final String to) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(from, "Name required");
        checkName(to);
        write(() -> {
            final EntryId id = resolveName(from);
            if (from.equals(to)) {
                return null;
            }
            requireFree(to, id);
            try (EntryKey key = files.openKey(id, keys);
                 EntryFiles.Opened current = files.openEntry(id, key);
                 Entry next = current.entry().withField(Fields.NAME, to)) {
                hooks.before(VaultEvent.entry(VaultChange.MOVE, id));
                final byte[] sealed = EntryFiles.sealEntry(next, key.identity().recipient());
                crash.reached("mv:entry");
                AtomicFiles.write(layout.entry(id), sealed, true);
                writeIndex(index.with(record(id, next, sealed, indexedRevision(id, key))));
                hooks.after(VaultEvent.entry(VaultChange.MOVE, id));
            }
            return null;
        });
    }

    @Override
    public EntryId copy(final String from, final String to) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(from, "Name required");
        checkName(to);
        return write(() -> {
            final EntryId id = resolveName(from);
            requireFree(to, null);
            try (EntryKey key = files.openKey(id, keys);
                 EntryFiles.Opened current = files.openEntry(id, key);
                 Entry next = current.entry().withField(Fields.NAME, to);
                 EntryKey fresh = EntryKey.generate(manifest.revision())) {
                final EntryId copyId = fresh.id();
                hooks.before(VaultEvent.entry(VaultChange.COPY, copyId));
                final byte[] sealedKey = EntryFiles.sealKey(fresh, manifest);
                final byte[] sealedEntry = EntryFiles.sealEntry(next, fresh.identity().recipient());
                crash.reached("cp:key");
                AtomicFiles.write(layout.key(copyId), sealedKey, true);
                if (isAttachment(next)) {
                    crash.reached("cp:blob");
                    copyBlob(id, key, copyId, fresh);
                }
                crash.reached("cp:entry");
                AtomicFiles.write(layout.entry(copyId), sealedEntry, true);
                writeIndex(index.with(record(copyId, next, sealedEntry, fresh.revision())));
                hooks.after(VaultEvent.entry(VaultChange.COPY, copyId));
                return copyId;
            }
        });
    }

    @Override
    public Listing list() throws IOException, GeneralSecurityException {
        return find(EntryQuery.all());
    }

    @Override
    public Listing find(final EntryQuery query) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(query, "Query required");
        return read(() -> {
            refresh(false);
            final Set<EntryId> unreadable = new HashSet<>();
            problems.forEach(problem -> unreadable.add(problem.id()));
            final List<EntrySummary> found = index.records().stream().filter(record -> !unreadable.contains(record.id()))
                    .sorted(Index.ORDER).map(IndexRecord::summary).filter(query::matches).toList();
            return new Listing(found, problems);
        });
    }

    @Override
    public GrepResult grep(final Pattern pattern) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(pattern, "Pattern required");
        return read(() -> {
            refresh(false);
            final Set<EntryId> unreadableIds = new HashSet<>();
            problems.forEach(problem -> unreadableIds.add(problem.id()));
            final List<IndexRecord> records = index.records().stream()
                    .filter(record -> !record.attachment() && !unreadableIds.contains(record.id()))
                    .sorted(Index.ORDER).toList();
            final List<Parallel.Outcome<IndexRecord, List<Integer>>> outcomes = Parallel.map(records,
                    options.parallelism(), record -> {
                        try (EntryFiles.Opened opened = open(record.id());
                             SecretBytes content = opened.entry().toBytes()) {
                            return LineGrep.lines(content, pattern);
                        }
                    });
            final List<GrepMatch> matches = new ArrayList<>();
            final List<VaultProblem> unreadable = new ArrayList<>(problems);
            for (final Parallel.Outcome<IndexRecord, List<Integer>> outcome : outcomes) {
                if (!outcome.ok()) {
                    unreadable.add(new VaultProblem(outcome.item().id(), outcome.failure().getMessage()));
                    continue;
                }
                for (final Integer line : outcome.value()) {
                    matches.add(new GrepMatch(outcome.item().id(), outcome.item().name(), line));
                }
            }
            return new GrepResult(matches, unreadable);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Attached files

    @Override
    public EntryId attach(final String name, final InputStream content, final ProgressListener progress)
            throws IOException, GeneralSecurityException {
        checkName(name);
        Objects.requireNonNull(content, "Content required");
        Objects.requireNonNull(progress, "Progress Listener required");
        return write(() -> {
            requireFree(name, null);
            try (EntryKey key = EntryKey.generate(manifest.revision())) {
                final EntryId id = key.id();
                hooks.before(VaultEvent.entry(VaultChange.ATTACH, id));
                final byte[] sealedKey = EntryFiles.sealKey(key, manifest);
                crash.reached("attach:key");
                AtomicFiles.write(layout.key(id), sealedKey, true);
                crash.reached("attach:blob");
                SecureFiles.createPrivateDirectories(layout.blobs());
                final MessageDigest digest = sha256();
                final long[] size = new long[1];
                AtomicFiles.write(layout.blob(id), out -> {
                    final MeteredStreams.In in = new MeteredStreams.In(content, digest, progress, -1);
                    Age.encrypt(in, out, List.of(key.identity().recipient()), false);
                    size[0] = in.count();
                }, true);
                try (Entry empty = Entry.parse(new byte[] {'\n'});
                     Entry named = empty.withField(Fields.NAME, name);
                     Entry sized = named.withField(Indexer.ATTACHMENT_SIZE, Long.toString(size[0]));
                     Entry described = sized.withField(Indexer.ATTACHMENT_SHA256, Hashes.hex(digest.digest()))) {
                    final byte[] sealedEntry = EntryFiles.sealEntry(described, key.identity().recipient());
                    crash.reached("attach:entry");
                    AtomicFiles.write(layout.entry(id), sealedEntry, true);
                    writeIndex(index.with(record(id, described, sealedEntry, key.revision())));
                }
                hooks.after(VaultEvent.entry(VaultChange.ATTACH, id));
                return id;
            }
        });
    }

    @Override
    public long detach(final String name, final OutputStream out, final ProgressListener progress)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        Objects.requireNonNull(out, "Output Stream required");
        Objects.requireNonNull(progress, "Progress Listener required");
        return read(() -> {
            final EntryId id = resolveFresh(name);
            try (EntryKey key = files.openKey(id, keys); EntryFiles.Opened opened = files.openEntry(id, key)) {
                final Optional<String> expectedHash = Indexer.text(opened.entry(), Indexer.ATTACHMENT_SHA256);
                if (expectedHash.isEmpty()) {
                    throw new IOException("Entry [%s] is not an attached file".formatted(name));
                }
                final long expectedSize = parseSize(Indexer.text(opened.entry(), Indexer.ATTACHMENT_SIZE).orElse("-1"));
                final MessageDigest digest = sha256();
                final MeteredStreams.Out metered = new MeteredStreams.Out(out, digest, progress, expectedSize);
                files.streamBlob(id, key, metered);
                metered.flush();
                if (metered.count() != expectedSize || !expectedHash.get().equals(Hashes.hex(digest.digest()))) {
                    throw new TamperedFileException(layout.name(layout.blob(id)), "content does not match its entry");
                }
                return metered.count();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Devices and sharing

    @Override
    public Device addDevice(final AgeRecipient recipient, final String name) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(recipient, "Recipient required");
        DeviceRecord.checkName(name);
        if (recipient.isPassphrase()) {
            throw new IllegalArgumentException("Device Recipient must be an X25519 recipient");
        }
        return writeKeysOnly(() -> {
            final Optional<DeviceRecord> existing = manifest.device(recipient);
            if (existing.isPresent()) {
                throw new DeviceExistsException(recipient.encoded(), existing.get().id());
            }
            if (manifest.recovery().equals(recipient)) {
                throw new DeviceExistsException(recipient.encoded(), "recovery");
            }
            final DeviceRecord device = DeviceRecord.of(recipient, name);
            hooks.before(VaultEvent.device(VaultChange.DEVICE_ADD, device.id()));
            final boolean upgrading = manifest.keyring() == null;
            final Manifest next = upgradedManifest().withDevice(device);
            writeKeys(next, secrets);
            if (upgrading) {
                // format 1 wrapped key files and the index to the devices; from now on they are wrapped to the keyring
                completePending();
                writeIndex(index);
            }
            hooks.after(VaultEvent.device(VaultChange.DEVICE_ADD, device.id()));
            return device(device);
        });
    }

    @Override
    public List<Device> devices() throws IOException, GeneralSecurityException {
        return readKeysOnly(() -> manifest.devices().stream().map(this::device).toList());
    }

    @Override
    public void revokeDevice(final String deviceId) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(deviceId, "Device Id required");
        write(() -> {
            final DeviceRecord device = manifest.device(deviceId).orElseThrow(() -> new UnknownDeviceException(deviceId));
            if (device.recipient().equals(opener.recipient())) {
                throw new IOException("Cannot revoke the device in use [%s]: revoke it from another device".formatted(deviceId));
            }
            hooks.before(VaultEvent.device(VaultChange.DEVICE_REVOKE, deviceId));
            final VaultSecrets rotated = secrets.rotated();
            final Manifest next;
            try (AgeIdentity keyring = rotated.keyring(rotated.latest())) {
                next = manifest.withoutDevice(deviceId, rotated.latest(), keyring.recipient());
            }
            writeKeys(next, rotated);
            completePending();
            writeIndex(index);
            hooks.after(VaultEvent.device(VaultChange.DEVICE_REVOKE, deviceId));
            return null;
        });
    }

    @Override
    public void share(final String name, final AgeRecipient recipient) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        Objects.requireNonNull(recipient, "Recipient required");
        if (recipient.isPassphrase()) {
            throw new IllegalArgumentException("Share Recipient must be an X25519 recipient");
        }
        write(() -> {
            final EntryId id = resolveName(name);
            try (EntryKey key = files.openKey(id, keys)) {
                if (key.recipients(manifest).contains(recipient)) {
                    return null;
                }
                hooks.before(VaultEvent.entry(VaultChange.SHARE, id));
                try (EntryKey shared = key.withShare(recipient)) {
                    final byte[] sealed = EntryFiles.sealKey(shared, manifest);
                    crash.reached("share:key");
                    AtomicFiles.write(layout.key(id), sealed, true);
                    final IndexRecord known = index.get(id);
                    if (known != null) {
                        writeIndex(index.with(known.withKey(known.keyRevision(), sealed.length)));
                    }
                }
                hooks.after(VaultEvent.entry(VaultChange.SHARE, id));
            }
            return null;
        });
    }

    @Override
    public List<String> shares(final String name) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(name, "Name required");
        return read(() -> {
            try (EntryKey key = files.openKey(resolveFresh(name), keys)) {
                return key.shares().stream().map(AgeRecipient::encoded).toList();
            }
        });
    }

    @Override
    public void close() {
        guard.lock();
        try {
            if (!closed) {
                closed = true;
                if (keys != null) {
                    keys.close();
                }
                if (secrets != null) {
                    secrets.close();
                }
                opener.close();
            }
        } finally {
            guard.unlock();
        }
    }

    @Override
    public String toString() {
        return "StandardVault[" + vaultId + ", " + layout.root() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading and verifying the vault-wide files

    /** Reads the manifest and the vault key, verifies both and the pin, and updates the pin. */
    private void loadKeys() throws IOException, GeneralSecurityException {
        final FileStamp newManifestStamp = FileStamp.of(layout.manifest());
        if (newManifestStamp == null) {
            throw new NotAVaultException(layout.root().toString());
        }
        final ManifestCodec.Parsed parsed = ManifestCodec.parse(files.read(layout.manifest(), ManifestCodec.MAXIMUM_SIZE),
                VaultLayout.MANIFEST);
        if (!parsed.manifest().vaultId().equals(vaultId)) {
            throw new VaultIntegrityException("Manifest names vault [%s], not [%s]: it was replaced"
                    .formatted(parsed.manifest().vaultId(), vaultId));
        }
        final FileStamp newSecretStamp = FileStamp.of(layout.secret());
        final VaultSecrets loaded;
        try (SecretBytes plaintext = decryptSecrets()) {
            loaded = VaultSecrets.decode(plaintext);
        } catch (final MissingFileException | TruncatedFileException e) {
            throw e;
        } catch (final IOException e) {
            throw new TamperedFileException(VaultLayout.SECRET, e.getMessage());
        }
        try {
            if (!loaded.vaultId().equals(vaultId)) {
                throw new VaultIntegrityException("Vault key does not belong to vault [%s]: it was replaced".formatted(vaultId));
            }
            ManifestCodec.verify(parsed, loaded);
            final Manifest verified = parsed.manifest();
            if (verified.keyring() != null) {
                try (AgeIdentity keyring = loaded.keyring(verified.generation())) {
                    if (!keyring.recipient().equals(verified.keyring())) {
                        throw new VaultIntegrityException("Manifest of vault [%s] names a keyring its vault key does not make"
                                .formatted(vaultId));
                    }
                }
            }
            final Optional<PinFile> pin = PinFile.read(layout.pin(vaultId));
            if (pin.isPresent()) {
                final PinFile pinned = pin.get();
                if (!loaded.has(pinned.generation()) || !loaded.keyId(pinned.generation()).equals(pinned.keyId())) {
                    throw new VaultIntegrityException(("Vault key of [%s] does not continue the one this device pinned"
                            + " (generation [%d]): it was replaced or rolled back").formatted(vaultId, pinned.generation()));
                }
                if (verified.generation() < pinned.generation()) {
                    throw new VaultIntegrityException(("Manifest of vault [%s] is at generation [%d], older than [%d]"
                            + " this device verified: it was rolled back").formatted(vaultId, verified.generation(),
                            pinned.generation()));
                }
            }
            if (pin.isEmpty() || verified.generation() > pin.get().generation()) {
                new PinFile(verified.generation(), loaded.keyId(verified.generation())).write(layout.pin(vaultId));
            }
            if (secrets != null) {
                secrets.close();
            }
            secrets = loaded;
            secretStamp = newSecretStamp;
            manifest = verified;
            manifestStamp = newManifestStamp;
            rebuildKeys();
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Replaces the key-file opener with one for the current manifest and secrets. */
    private void rebuildKeys() {
        final KeyringKey old = keys;
        keys = new KeyringKey(manifest.keyring() == null ? List.of() : secrets.keyrings(), opener);
        if (old != null) {
            old.close();
        }
    }

    /**
     * Returns the manifest in format 2: itself, or (format 1) upgraded to the keyring of its generation, so that the
     * device change under way re-wraps every key file to the keyring once.
     */
    private Manifest upgradedManifest() {
        if (manifest.keyring() != null) {
            return manifest;
        }
        try (AgeIdentity keyring = secrets.keyring(manifest.generation())) {
            return manifest.upgraded(keyring.recipient());
        }
    }

    /** Decrypts the vault key, explaining a device that is not (or no longer) a member. */
    private SecretBytes decryptSecrets() throws IOException, GeneralSecurityException {
        try {
            return files.decrypt(layout.secret(), opener, EntryFiles.MAXIMUM_VAULT_FILE);
        } catch (final NotWrappedToDeviceException e) {
            throw new NotWrappedToDeviceException(VaultLayout.SECRET,
                    "Vault key of [%s] is not wrapped to this device [%s]: it was never added or was revoked"
                            .formatted(vaultId, opener.recipient().encoded()));
        }
    }

    /** Reads and verifies the index; an unusable index is reported and rebuilt from the entries. */
    private void loadIndex() throws IOException {
        final FileStamp stamp = FileStamp.of(layout.index());
        Index loaded = Index.empty();
        boolean usable = true;
        if (stamp != null) {
            try (SecretBytes plaintext = files.decrypt(layout.index(), keys, EntryFiles.MAXIMUM_VAULT_FILE)) {
                loaded = IndexCodec.decode(plaintext.bytes(), vaultId, secrets, VaultLayout.INDEX);
            } catch (final IOException | GeneralSecurityException e) {
                warnings.warn("Index unusable, rebuilding it from the entries: " + e.getMessage());
                usable = false;
            }
        }
        index = loaded;
        indexUsable = usable;
        indexStamp = stamp;
        indexLoaded = true;
    }

    /** Reloads whatever another process changed since it was read. */
    private void ensureFresh() throws IOException, GeneralSecurityException {
        if (!FileStamp.same(FileStamp.of(layout.manifest()), manifestStamp)
                || !FileStamp.same(FileStamp.of(layout.secret()), secretStamp)) {
            loadKeys();
            loadIndex();
            return;
        }
        if (!indexLoaded || !FileStamp.same(FileStamp.of(layout.index()), indexStamp)) {
            loadIndex();
        }
    }

    /** Forgets the stamps so that everything is read again (after a failed write). */
    private void invalidate() {
        manifestStamp = null;
        indexLoaded = false;
    }

    /**
     * Writes the vault key (encrypted to the new manifest's recipients) and then the manifest.
     *
     * @param next new manifest
     * @param nextSecrets secrets holding the manifest's generation; owned by this vault from now on (closed here
     *     when writing fails)
     */
    private void writeKeys(final Manifest next, final VaultSecrets nextSecrets) throws IOException, GeneralSecurityException {
        try {
            final byte[] sealedSecrets;
            try (SecretBytes plaintext = nextSecrets.encode()) {
                sealedSecrets = Age.encrypt(plaintext.bytes(), next.recipients());
            }
            crash.reached("keys:secret");
            AtomicFiles.write(layout.secret(), sealedSecrets, true);
            if (next.keyring() != null) {
                final byte[] sealedKeyring;
                try (SecretBytes plaintext = nextSecrets.encodeKeyring()) {
                    sealedKeyring = Age.encrypt(plaintext.bytes(), next.recipients());
                }
                crash.reached("keys:keyring");
                AtomicFiles.write(layout.keyring(), sealedKeyring, true);
            }
            crash.reached("keys:manifest");
            AtomicFiles.write(layout.manifest(), ManifestCodec.encode(next, nextSecrets), true);
        } catch (final IOException | GeneralSecurityException | RuntimeException | Error e) {
            if (nextSecrets != secrets) {
                nextSecrets.close();
            }
            throw e;
        }
        if (nextSecrets != secrets) {
            secrets.close();
            secrets = nextSecrets;
        }
        manifest = next;
        manifestStamp = FileStamp.of(layout.manifest());
        secretStamp = FileStamp.of(layout.secret());
        rebuildKeys();
        new PinFile(next.generation(), secrets.keyId(next.generation())).write(layout.pin(vaultId));
    }

    /** Encrypts and writes the index to the key recipients (the keyring in format 2), MAC'd under the manifest's generation. */
    private void writeIndex(final Index next) throws IOException, GeneralSecurityException {
        final byte[] plaintext = IndexCodec.encode(next, vaultId, manifest.generation(), secrets);
        final byte[] sealed = Age.encrypt(plaintext, manifest.keyRecipients());
        Arrays.fill(plaintext, (byte) 0);
        crash.reached("index");
        AtomicFiles.write(layout.index(), sealed, true);
        index = next;
        indexStamp = FileStamp.of(layout.index());
        indexLoaded = true;
        indexUsable = true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checking the index against the entry files

    /**
     * A candidate after hashing and, if needed, decrypting.
     *
     * @param record up-to-date record
     * @param replaces entry this one re-keyed, or null
     * @param changedOutside whether the entry content changed without an index update
     */
    private record Indexed(IndexRecord record, EntryId replaces, boolean changedOutside) {
    }

    /**
     * Checks the index against the entry files and repairs it: new or changed entries are (re)indexed in parallel,
     * vanished ones dropped, entries superseded by a finished re-key removed, and on a full check leftovers of
     * interrupted writes deleted. Takes the vault lock only when something needs writing.
     */
    @SuppressWarnings("try")
    private void refresh(final boolean full) throws IOException, GeneralSecurityException {
        ensureFresh();
        if (!full && scanStillValid() && !hasPending()) {
            return;
        }
        EntryScanner.Scan scan = EntryScanner.scan(layout, index, full);
        if (!scan.changes() && !hasPending()) {
            problems = List.of();
            remember(scan);
            return;
        }
        try (VaultLock.Held held = VaultLock.acquire(layout.lock())) {
            ensureFresh();
            scan = EntryScanner.scan(layout, index, full);
            apply(scan);
            completePending();
            remember(scan);
        }
    }

    /**
     * Tells whether the entry directory and the index are as the last clean scan saw them, so that the scan still
     * holds: every change to an entry file renames into the directory and so changes its modification time.
     */
    private boolean scanStillValid() throws IOException {
        if (scannedDirectory == null || scannedIndex != index) {
            return false;
        }
        final FileStamp now = FileStamp.of(layout.entries());
        return scannedDirectory.equals(now) && now.modified() + RACY_NANOS < scannedAt;
    }

    /** Remembers a scan that left no unreadable entry, so that the next lookups can skip it. */
    private void remember(final EntryScanner.Scan scan) {
        if (problems.isEmpty()) {
            scannedDirectory = scan.directory();
            scannedAt = scan.startedAt();
            scannedIndex = index;
        } else {
            scannedDirectory = null;
        }
    }

    /** Applies a scan made under the vault lock. */
    private void apply(final EntryScanner.Scan scan) throws IOException, GeneralSecurityException {
        final List<Parallel.Outcome<EntryScanner.Candidate, Indexed>> outcomes = Parallel.map(scan.candidates(),
                options.parallelism(), this::reindex);
        final List<IndexRecord> put = new ArrayList<>();
        final Set<EntryId> remove = new HashSet<>(scan.missing());
        final List<VaultProblem> found = new ArrayList<>();
        final Set<EntryId> superseded = new HashSet<>();
        for (final Parallel.Outcome<EntryScanner.Candidate, Indexed> outcome : outcomes) {
            final EntryId id = outcome.item().id();
            if (!outcome.ok()) {
                // a known entry keeps its record, so that a lookup by name reports why it cannot be read
                found.add(new VaultProblem(id, outcome.failure().getMessage()));
                continue;
            }
            final Indexed indexed = outcome.value();
            put.add(indexed.record());
            if (indexed.changedOutside()) {
                warnings.warn("Entry [%s] changed since the index was written (interrupted write, sync or tampering): re-indexed"
                        .formatted(id));
            }
            if (indexed.replaces() != null && !indexed.replaces().equals(id) && scan.present().contains(indexed.replaces())) {
                superseded.add(indexed.replaces());
            }
        }
        for (final EntryId old : superseded) {
            crash.reached("refresh:superseded");
            deleteEntry(old, "refresh");
            remove.add(old);
            put.removeIf(record -> record.id().equals(old));
            found.removeIf(problem -> problem.id().equals(old));
        }
        for (final Path leftover : scan.leftovers()) {
            crash.reached("refresh:leftover");
            AtomicFiles.delete(leftover, false);
        }
        if (!scan.leftovers().isEmpty()) {
            AtomicFiles.syncDirectory(layout.keys());
            AtomicFiles.syncDirectory(layout.blobs());
        }
        problems = List.copyOf(found);
        if (!put.isEmpty() || !remove.isEmpty()) {
            writeIndex(index.with(put, remove));
        }
    }

    /** Hashes a candidate's entry file, and decrypts it when the hash is new. */
    private Indexed reindex(final EntryScanner.Candidate candidate) throws IOException, GeneralSecurityException {
        final Path file = layout.entry(candidate.id());
        if (candidate.known() != null) {
            final byte[] bytes = files.read(file, EntryFiles.MAXIMUM_ENTRY_FILE);
            if (Hashes.hex(Hashes.sha256(bytes)).equals(candidate.known().sha256())) {
                return new Indexed(candidate.known().withStamp(candidate.stamp()), null, false);
            }
        }
        try (EntryKey key = files.openKey(candidate.id(), keys);
             EntryFiles.Opened opened = files.openEntry(candidate.id(), key)) {
            final byte[] keyFile = files.read(layout.key(candidate.id()), EntryFiles.MAXIMUM_KEY_FILE);
            final IndexRecord record = Indexer.record(candidate.id(), opened.entry(), opened.stamp(), opened.sha256(),
                    key.revision(), keyFile.length);
            return new Indexed(record, key.replaces(), candidate.known() != null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Finishing device changes: re-wrap and re-key

    /** Tells whether some key file was wrapped for an older device set. */
    private boolean hasPending() {
        final long revision = manifest.revision();
        return index.records().stream().anyMatch(record -> record.keyRevision() < revision);
    }

    /** Re-keys entries a revoked device could read and re-wraps key files for a newer device set. */
    private void completePending() throws IOException, GeneralSecurityException {
        final List<IndexRecord> rekey = new ArrayList<>();
        final List<IndexRecord> rewrap = new ArrayList<>();
        for (final IndexRecord record : index.records()) {
            if (record.keyRevision() < manifest.rekeyBelow()) {
                rekey.add(record);
            } else if (record.keyRevision() < manifest.revision()) {
                rewrap.add(record);
            }
        }
        if (!rekey.isEmpty()) {
            rekey(rekey);
        }
        if (!rewrap.isEmpty()) {
            rewrap(rewrap);
        }
    }

    /**
     * Re-encrypts existing key files to the current key recipients (the keyring, or in format 1 every device), with
     * the same Entry Key and the current revision, in parallel.
     */
    private void rewrap(final List<IndexRecord> records) throws IOException, GeneralSecurityException {
        final long revision = manifest.revision();
        final Manifest current = manifest;
        final List<Parallel.Outcome<IndexRecord, IndexRecord>> outcomes = Parallel.map(records,
                Math.max(4, options.parallelism() * 2), record -> {
                    try (EntryKey key = files.openKey(record.id(), keys); EntryKey next = key.withRevision(revision)) {
                        final byte[] sealed = EntryFiles.sealKey(next, current);
                        crash.reached("rewrap:key");
                        AtomicFiles.write(layout.key(record.id()), sealed, false);
                        return record.withKey(revision, sealed.length);
                    }
                });
        AtomicFiles.syncDirectory(layout.keys());
        final List<IndexRecord> done = new ArrayList<>();
        for (final Parallel.Outcome<IndexRecord, IndexRecord> outcome : outcomes) {
            if (outcome.ok()) {
                done.add(outcome.value());
            } else {
                warnings.warn("Entry [%s] could not be wrapped to the new device set: %s"
                        .formatted(outcome.item().id(), outcome.failure().getMessage()));
            }
        }
        writeIndex(index.with(done, List.of()));
    }

    /**
     * A re-keyed entry ready to write.
     *
     * @param old the entry it replaces
     * @param id new id
     * @param key new key file
     * @param entry new entry file
     * @param source decrypted entry, for the index
     */
    private record Rekeyed(EntryId old, EntryId id, byte[] key, byte[] entry, Entry source) {
    }

    /**
     * Gives entries new Entry Keys: all new key files, then all new entry files, then the old entry files and key
     * files are deleted, each group followed by one directory sync; attached files go one by one.
     */
    private void rekey(final List<IndexRecord> records) throws IOException, GeneralSecurityException {
        final long revision = manifest.revision();
        final Manifest current = manifest;
        final List<IndexRecord> plain = records.stream().filter(record -> !record.attachment()).toList();
        final List<IndexRecord> attached = records.stream().filter(IndexRecord::attachment).toList();
        final List<Parallel.Outcome<IndexRecord, Rekeyed>> outcomes = Parallel.map(plain, options.parallelism(),
                record -> {
                    try (EntryKey key = files.openKey(record.id(), keys);
                         EntryFiles.Opened opened = files.openEntry(record.id(), key);
                         EntryKey fresh = key.rekeyed(revision)) {
                        return new Rekeyed(record.id(), fresh.id(), EntryFiles.sealKey(fresh, current),
                                EntryFiles.sealEntry(opened.entry(), fresh.identity().recipient()), copy(opened.entry()));
                    }
                });
        final List<Rekeyed> ready = new ArrayList<>();
        for (final Parallel.Outcome<IndexRecord, Rekeyed> outcome : outcomes) {
            if (outcome.ok()) {
                ready.add(outcome.value());
            } else {
                warnings.warn("Entry [%s] could not be re-keyed and stays readable by the revoked device: %s"
                        .formatted(outcome.item().id(), outcome.failure().getMessage()));
            }
        }
        try {
            writeAll(ready, item -> layout.key(item.id()), Rekeyed::key, "rekey:key");
            AtomicFiles.syncDirectory(layout.keys());
            writeAll(ready, item -> layout.entry(item.id()), Rekeyed::entry, "rekey:entry");
            AtomicFiles.syncDirectory(layout.entries());
            for (final Rekeyed item : ready) {
                crash.reached("rekey:delete-entry");
                AtomicFiles.delete(layout.entry(item.old()), false);
            }
            AtomicFiles.syncDirectory(layout.entries());
            for (final Rekeyed item : ready) {
                crash.reached("rekey:delete-key");
                AtomicFiles.delete(layout.key(item.old()), false);
            }
            AtomicFiles.syncDirectory(layout.keys());
            final List<IndexRecord> put = new ArrayList<>();
            final List<EntryId> remove = new ArrayList<>();
            for (final Rekeyed item : ready) {
                put.add(record(item.id(), item.source(), item.entry(), revision));
                remove.add(item.old());
            }
            Index next = index.with(put, remove);
            for (final IndexRecord record : attached) {
                try {
                    final IndexRecord moved = rekeyAttachment(record, revision, current);
                    next = next.with(List.of(moved), List.of(record.id()));
                } catch (final IOException | GeneralSecurityException e) {
                    warnings.warn("Entry [%s] could not be re-keyed and stays readable by the revoked device: %s"
                            .formatted(record.id(), e.getMessage()));
                }
            }
            writeIndex(next);
        } finally {
            for (final Rekeyed item : ready) {
                item.source().close();
            }
        }
    }

    /** Re-keys one attached file: key, re-encrypted file, entry, then the old ones deleted. */
    private IndexRecord rekeyAttachment(final IndexRecord record, final long revision, final Manifest current)
            throws IOException, GeneralSecurityException {
        try (EntryKey key = files.openKey(record.id(), keys);
             EntryFiles.Opened opened = files.openEntry(record.id(), key);
             EntryKey fresh = key.rekeyed(revision)) {
            final EntryId id = fresh.id();
            final byte[] sealedKey = EntryFiles.sealKey(fresh, current);
            final byte[] sealedEntry = EntryFiles.sealEntry(opened.entry(), fresh.identity().recipient());
            crash.reached("rekey:attachment-key");
            AtomicFiles.write(layout.key(id), sealedKey, true);
            crash.reached("rekey:attachment-blob");
            copyBlob(record.id(), key, id, fresh);
            crash.reached("rekey:attachment-entry");
            AtomicFiles.write(layout.entry(id), sealedEntry, true);
            deleteEntry(record.id(), "rekey:attachment");
            return record(id, opened.entry(), sealedEntry, revision);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** A sealed imported entry. */
    private record Sealed(EntryId id, byte[] key, byte[] entry, Entry source) {
    }

    /** Writes one file per item in parallel without syncing the directory; the first failure is thrown. */
    private <T> void writeAll(final List<T> items, final Function<T, Path> target,
            final Function<T, byte[]> content, final String point) throws IOException, GeneralSecurityException {
        final List<Parallel.Outcome<T, Boolean>> outcomes = Parallel.map(items, Math.max(4, options.parallelism() * 2),
                item -> {
                    crash.reached(point);
                    AtomicFiles.write(target.apply(item), content.apply(item), false);
                    return Boolean.TRUE;
                });
        for (final Parallel.Outcome<T, Boolean> outcome : outcomes) {
            if (!outcome.ok()) {
                throw rethrow(outcome.failure());
            }
        }
    }

    /** Deletes an entry's files: entry first (it vanishes at once), then the attached file, then the key. */
    private void deleteEntry(final EntryId id, final String operation) throws IOException {
        crash.reached(operation + ":entry");
        AtomicFiles.delete(layout.entry(id), true);
        crash.reached(operation + ":blob");
        AtomicFiles.delete(layout.blob(id), true);
        crash.reached(operation + ":key");
        AtomicFiles.delete(layout.key(id), true);
    }

    /** Re-encrypts an attached file to another Entry Key, streamed through a pipe. */
    private void copyBlob(final EntryId from, final EntryKey fromKey, final EntryId to, final EntryKey toKey)
            throws IOException, GeneralSecurityException {
        SecureFiles.createPrivateDirectories(layout.blobs());
        AtomicFiles.write(layout.blob(to), out -> {
            try (InputStream in = Files.newInputStream(layout.blob(from));
                 BlobPipe pipe = new BlobPipe(in, fromKey.identity())) {
                Age.encrypt(pipe.plaintext(), out, List.of(toKey.identity().recipient()), false);
                pipe.finish();
            }
        }, true);
    }

    /**
     * Returns the revision an unchanged key file is wrapped for: the index's, which a device add raised without
     * rewriting the key file's {@code # revision:} line, else the line's.
     *
     * @param id entry id
     * @param key the opened Entry Key
     * @return revision
     */
    private long indexedRevision(final EntryId id, final EntryKey key) {
        final IndexRecord known = index.get(id);
        return known == null ? key.revision() : Math.max(known.keyRevision(), key.revision());
    }

    /** Builds the index record of an entry just written. */
    private IndexRecord record(final EntryId id, final Entry entry, final byte[] sealed, final long revision)
            throws IOException {
        final FileStamp stamp = FileStamp.of(layout.entry(id));
        if (stamp == null) {
            throw new MissingFileException(layout.name(layout.entry(id)));
        }
        return Indexer.record(id, entry, stamp, Hashes.hex(Hashes.sha256(sealed)), revision, sizeOf(layout.key(id)));
    }

    /** Returns a file's size, or -1 when it is missing. */
    private static long sizeOf(final Path file) throws IOException {
        final FileStamp stamp = FileStamp.of(file);
        return stamp == null ? -1 : stamp.size();
    }

    /** Decrypts an entry by id; a file that fails and is shorter than the index says is reported as truncated. */
    private EntryFiles.Opened open(final EntryId id) throws IOException, GeneralSecurityException {
        try (EntryKey key = files.openKey(id, keys)) {
            return files.openEntry(id, key);
        } catch (final TamperedFileException e) {
            final IndexRecord known = index.get(id);
            if (known != null && (shorter(layout.entry(id), known.size(), e) || shorter(layout.key(id), known.keySize(), e))) {
                throw new TruncatedFileException(e.file());
            }
            throw e;
        }
    }

    /** Tells whether the failed file is this one and is now shorter than recorded. */
    private boolean shorter(final Path file, final long recorded, final TamperedFileException failure) throws IOException {
        return layout.name(file).equals(failure.file()) && sizeOf(file) >= 0 && sizeOf(file) < recorded;
    }

    /** Resolves a name through the index after checking the index against the entry files. */
    private EntryId resolveFresh(final String name) throws IOException, GeneralSecurityException {
        refresh(false);
        return resolveName(name);
    }

    /** Resolves a name through the index. */
    private EntryId resolveName(final String name) throws EntryNotFoundException, AmbiguousNameException {
        final List<EntryId> ids = index.idsNamed(name);
        if (ids.isEmpty()) {
            throw new EntryNotFoundException(name);
        }
        if (ids.size() > 1) {
            throw new AmbiguousNameException(name, ids);
        }
        return ids.get(0);
    }

    /** Fails when another entry than {@code self} has the name. */
    private void requireFree(final String name, final EntryId self) throws EntryExistsException {
        for (final EntryId id : index.idsNamed(name)) {
            if (!id.equals(self)) {
                throw new EntryExistsException(name, id);
            }
        }
    }

    /** Describes a device for callers. */
    private Device device(final DeviceRecord record) {
        return new Device(record.id(), record.name(), record.recipient().encoded(),
                record.recipient().equals(opener.recipient()));
    }

    /** Runs a read under the in-process guard, reloading what changed on disk first. */
    private <T> T read(final Operation<T> operation) throws IOException, GeneralSecurityException {
        guard.lock();
        try {
            ensureOpen();
            checkOnce();
            ensureFresh();
            return operation.run();
        } finally {
            guard.unlock();
        }
    }

    /** Runs a change under the in-process guard and the vault lock, after finishing interrupted device changes. */
    private <T> T write(final Operation<T> operation) throws IOException, GeneralSecurityException {
        guard.lock();
        try {
            ensureOpen();
            checkOnce();
            return locked(() -> {
                ensureFresh();
                if (!indexUsable || !scanStillValid()) {
                    final EntryScanner.Scan scan = EntryScanner.scan(layout, index, false);
                    if (scan.changes() || !indexUsable) {
                        apply(scan);
                    }
                    remember(scan);
                }
                completePending();
                return operation.run();
            });
        } finally {
            guard.unlock();
        }
    }

    /**
     * Runs an operation that needs only the manifest and the vault key (device listing), reloading them when another
     * process changed them; the index is not read.
     */
    private <T> T readKeysOnly(final Operation<T> operation) throws IOException, GeneralSecurityException {
        guard.lock();
        try {
            ensureOpen();
            ensureKeysFresh();
            return operation.run();
        } finally {
            guard.unlock();
        }
    }

    /**
     * Runs a device change under the vault lock. In format 2 it needs only the manifest and the vault key (key files
     * and the index are wrapped to the keyring, which a device add does not change); a format 1 vault takes the full
     * path, since its first device change re-wraps every key file.
     */
    private <T> T writeKeysOnly(final Operation<T> operation) throws IOException, GeneralSecurityException {
        guard.lock();
        try {
            ensureOpen();
            ensureKeysFresh();
            if (manifest.keyring() == null) {
                return write(operation);
            }
            return locked(() -> {
                ensureKeysFresh();
                if (manifest.keyring() == null) {
                    throw new IOException("Vault [%s] changed to format 1 while locked: it was replaced".formatted(vaultId));
                }
                return operation.run();
            });
        } finally {
            guard.unlock();
        }
    }

    /** Runs work under the vault lock (the guard already held); on failure forgets what was read from disk. */
    @SuppressWarnings("try")
    private <T> T locked(final Operation<T> work) throws IOException, GeneralSecurityException {
        try (VaultLock.Held held = VaultLock.acquire(layout.lock())) {
            return work.run();
        } catch (final IOException | GeneralSecurityException | RuntimeException | Error e) {
            invalidate();
            throw e;
        }
    }

    /** Reloads the manifest and the vault key when another process changed them (the index then on its next use). */
    private void ensureKeysFresh() throws IOException, GeneralSecurityException {
        if (!FileStamp.same(FileStamp.of(layout.manifest()), manifestStamp)
                || !FileStamp.same(FileStamp.of(layout.secret()), secretStamp)) {
            loadKeys();
            indexLoaded = false;
        }
    }

    /** Fails once the vault is closed. */
    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Vault already closed");
        }
    }

    /** An operation on the vault. */
    @FunctionalInterface
    private interface Operation<T> {
        /** Runs the operation. */
        T run() throws IOException, GeneralSecurityException;
    }

    /** Copies an entry the caller keeps. */
    private static Entry copy(final Entry entry) {
        try (SecretBytes bytes = entry.toBytes()) {
            return Entry.parse(bytes);
        }
    }

    /** Tells whether an entry describes an attached file. */
    private static boolean isAttachment(final Entry entry) {
        return entry.first(Indexer.ATTACHMENT_SHA256).isPresent();
    }

    /** Checks an entry name: not blank, one line, no control characters. */
    private static void checkName(final String name) {
        Objects.requireNonNull(name, "Name required");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Name must not be blank");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Name contains a control character");
        }
    }

    /** Parses an attachment size field. */
    private static long parseSize(final String text) {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /** Returns a SHA-256 digest. */
    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** Rethrows a checked failure kept by {@link Parallel}. */
    private static IOException rethrow(final Exception failure) throws GeneralSecurityException {
        if (failure instanceof GeneralSecurityException security) {
            throw security;
        }
        if (failure instanceof IOException io) {
            return io;
        }
        return new IOException(failure.getMessage(), failure);
    }
}
