package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.MissingDeviceKeyException;
import org.cipherpost.vault.NotAVaultException;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultExistsException;
import org.cipherpost.vault.VaultIntegrityException;
import org.cipherpost.vault.VaultOptions;

/** Creates, opens, joins and recovers vaults on directories. */
public final class StandardVaultFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardVaultFactory() {
    }

    /**
     * Creates a vault; see {@link org.cipherpost.vault.Vaults#init}.
     *
     * @param options options
     * @param primaryPassphrase Primary Passphrase
     * @param recoveryPassphrase Recovery Passphrase or null for the primary one
     * @param deviceName name of this device
     * @return open vault and recovery code
     * @throws IOException on I/O failure or an existing vault
     * @throws GeneralSecurityException on key generation failure
     */
    public static InitializedVault init(final VaultOptions options, final SecretBytes primaryPassphrase,
            final SecretBytes recoveryPassphrase, final String deviceName) throws IOException, GeneralSecurityException {
        return init(options, primaryPassphrase, recoveryPassphrase, deviceName, CrashPoints.NONE);
    }

    /** Creates a vault with crash points (tests). */
    static InitializedVault init(final VaultOptions options, final SecretBytes primaryPassphrase,
            final SecretBytes recoveryPassphrase, final String deviceName, final CrashPoints crash)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        checkPassphrase(primaryPassphrase);
        if (recoveryPassphrase != null) {
            checkPassphrase(recoveryPassphrase);
        }
        DeviceRecord.checkName(deviceName);
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        if (Files.exists(layout.manifest(), LinkOption.NOFOLLOW_LINKS)) {
            throw new VaultExistsException(layout.root().toString());
        }
        final List<Path> created = new ArrayList<>();
        try {
            for (final Path directory : List.of(layout.root(), layout.entries(), layout.keys(), layout.blobs(),
                    layout.deviceDirectory())) {
                final Deque<Path> missing = new ArrayDeque<>();
                for (Path at = directory.toAbsolutePath(); at != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS);
                        at = at.getParent()) {
                    missing.push(at);
                }
                SecureFiles.createPrivateDirectories(directory);
                created.addAll(missing);
            }
            return create(layout, options, primaryPassphrase, recoveryPassphrase, deviceName, crash);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            undoUnfinished(layout, created);
            throw e;
        }
    }

    /**
     * Removes what a failed init left before its manifest was written: device key files of no vault and the
     * directories it created (when empty). Once the manifest exists the vault does, and nothing is removed.
     */
    private static void undoUnfinished(final VaultLayout layout, final List<Path> created) {
        if (Files.exists(layout.manifest(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            for (final Path leftover : List.of(layout.secret(), layout.keyring(), layout.lock())) {
                Files.deleteIfExists(leftover);
            }
        } catch (final IOException e) {
            // best effort: an unfinished vault without a manifest is not a vault, and init may run again
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (final IOException e) {
                // not empty (a device key file written for this attempt is removed by create) or not ours
            }
        }
    }

    /** Generates the keys and writes the vault into existing directories; see {@link #init}. */
    @SuppressWarnings("try")
    private static InitializedVault create(final VaultLayout layout, final VaultOptions options,
            final SecretBytes primaryPassphrase, final SecretBytes recoveryPassphrase, final String deviceName,
            final CrashPoints crash) throws IOException, GeneralSecurityException {
        final byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        try (SecretBytes recoveryKey = SecretBytes.wrap(raw);
             AgeIdentity recovery = AgeIdentity.fromX25519SecretKey(recoveryKey);
             VaultSecrets secrets = VaultSecrets.initial(recoveryKey)) {
            final String vaultId = secrets.vaultId();
            final GeneratedDeviceKey generated = options.backend().generate(primaryPassphrase, options.argon2());
            final DeviceKey device = generated.key();
            boolean manifestWritten = false;
            try {
                writeDeviceKey(layout, vaultId, generated);
                final Manifest manifest;
                try (AgeIdentity keyring = secrets.keyring(0)) {
                    manifest = new Manifest(vaultId, 0, 1, 0, recovery.recipient(),
                            List.of(DeviceRecord.of(device.recipient(), deviceName)), keyring.recipient());
                }
                try (VaultLock.Held held = VaultLock.acquire(layout.lock());
                     SecretBytes plaintext = secrets.encode();
                     SecretBytes keyrings = secrets.encodeKeyring()) {
                    AtomicFiles.write(layout.secret(), Age.encrypt(plaintext.bytes(), manifest.recipients()), true);
                    AtomicFiles.write(layout.keyring(), Age.encrypt(keyrings.bytes(), manifest.recipients()), true);
                    AtomicFiles.write(layout.manifest(), ManifestCodec.encode(manifest, secrets), true);
                    manifestWritten = true;
                }
                new PinFile(0, secrets.keyId(0)).write(layout.pin(vaultId));
                final SecretBytes code = RecoveryCode.seal(recoveryKey,
                        recoveryPassphrase != null ? recoveryPassphrase : primaryPassphrase, options.argon2());
                try {
                    return new InitializedVault(StandardVault.open(layout, options, device, crash, vaultId, null), code);
                } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                    code.close();
                    throw e;
                }
            } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                device.close();
                if (!manifestWritten) {
                    Files.deleteIfExists(layout.deviceKey(vaultId));
                }
                throw e;
            }
        }
    }

    /**
     * Opens a vault; see {@link org.cipherpost.vault.Vaults#open}.
     *
     * @param options options
     * @param passphrase Primary Passphrase
     * @return open vault
     * @throws IOException on I/O failure or missing files
     * @throws GeneralSecurityException on verification failure or a wrong passphrase
     */
    public static Vault open(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        return open(options, passphrase, CrashPoints.NONE);
    }

    /** Opens a vault with crash points (tests). */
    static StandardVault open(final VaultOptions options, final SecretBytes passphrase, final CrashPoints crash)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        Objects.requireNonNull(passphrase, "Passphrase required");
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        final String vaultId = vaultId(layout);
        final DeviceKey device = unlock(layout, options, vaultId, passphrase);
        return StandardVault.open(layout, options, device, crash, vaultId, null);
    }

    /**
     * Creates this device's key for an existing vault; see {@link org.cipherpost.vault.Vaults#join}.
     *
     * @param options options
     * @param passphrase Primary Passphrase
     * @return the device's recipient
     * @throws IOException on I/O failure or an existing device key
     * @throws GeneralSecurityException on key generation failure
     */
    public static String join(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        checkPassphrase(passphrase);
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        final String vaultId = vaultId(layout);
        if (Files.exists(layout.deviceKey(vaultId), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("This device already has a key for vault [%s] at [%s]"
                    .formatted(vaultId, layout.deviceKey(vaultId)));
        }
        final GeneratedDeviceKey generated = options.backend().generate(passphrase, options.argon2());
        try (DeviceKey device = generated.key()) {
            writeDeviceKey(layout, vaultId, generated);
            return device.recipient().encoded();
        }
    }

    /**
     * Recovers a vault on a new device; see {@link org.cipherpost.vault.Vaults#recover}.
     *
     * @param options options
     * @param recoveryCode recovery code as typed
     * @param recoveryPassphrase Recovery Passphrase
     * @param newPrimaryPassphrase Primary Passphrase of the new device key
     * @param deviceName name of this device
     * @return vault opened with the new device key
     * @throws IOException on I/O failure or an unusable code
     * @throws GeneralSecurityException on verification failure or a wrong passphrase
     */
    public static Vault recover(final VaultOptions options, final SecretBytes recoveryCode,
            final SecretBytes recoveryPassphrase, final SecretBytes newPrimaryPassphrase, final String deviceName)
            throws IOException, GeneralSecurityException {
        return recover(options, recoveryCode, recoveryPassphrase, newPrimaryPassphrase, deviceName, CrashPoints.NONE);
    }

    /** Recovers a vault with crash points (tests). */
    static StandardVault recover(final VaultOptions options, final SecretBytes recoveryCode,
            final SecretBytes recoveryPassphrase, final SecretBytes newPrimaryPassphrase, final String deviceName,
            final CrashPoints crash) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        Objects.requireNonNull(recoveryCode, "Recovery Code required");
        Objects.requireNonNull(recoveryPassphrase, "Recovery Passphrase required");
        checkPassphrase(newPrimaryPassphrase);
        DeviceRecord.checkName(deviceName);
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        final String vaultId = vaultId(layout);
        final GeneratedDeviceKey generated;
        try (SecretBytes recoveryKey = RecoveryCode.open(recoveryCode, recoveryPassphrase);
             SecretBytes secret0 = VaultSecrets.firstSecret(recoveryKey)) {
            if (!VaultSecrets.vaultIdOf(secret0).equals(vaultId)) {
                throw new VaultIntegrityException("Recovery code does not belong to vault [%s]".formatted(vaultId));
            }
            final AgeIdentity recovery = AgeIdentity.fromX25519SecretKey(recoveryKey);
            try (StandardVault session = StandardVault.open(layout, options, new IdentityDeviceKey(recovery), crash,
                    vaultId, secret0)) {
                generated = options.backend().generate(newPrimaryPassphrase, options.argon2());
                try {
                    final Path existing = layout.deviceKey(vaultId);
                    if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                        final Path aside = existing.resolveSibling(existing.getFileName() + ".replaced-"
                                + Instant.now().getEpochSecond());
                        Files.move(existing, aside, StandardCopyOption.ATOMIC_MOVE);
                        options.warnings().warn("Previous device key of vault [%s] moved to [%s]; revoke that device"
                                .formatted(vaultId, aside));
                    }
                    writeDeviceKey(layout, vaultId, generated);
                    session.addDevice(generated.key().recipient(), deviceName);
                } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                    generated.key().close();
                    throw e;
                }
            }
        }
        return StandardVault.open(layout, options, generated.key(), crash, vaultId, null);
    }

    /**
     * Exports this device's key as an age identity; see {@link org.cipherpost.vault.Vaults#exportDeviceIdentity}.
     *
     * @param options options
     * @param passphrase Primary Passphrase
     * @return {@code AGE-SECRET-KEY-1...} text, owned by the caller
     * @throws IOException on I/O failure or a backend that cannot export
     * @throws GeneralSecurityException on a wrong passphrase
     */
    public static SecretBytes exportDeviceIdentity(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        Objects.requireNonNull(passphrase, "Passphrase required");
        if (!isDeviceIdentityExportable(options)) {
            throw new IOException("Device key of vault [%s] is held by a backend that cannot export it"
                    .formatted(vaultId(new VaultLayout(options.directory(), options.home()))));
        }
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        final String vaultId = vaultId(layout);
        final byte[] stored = readDeviceKey(layout, vaultId);
        if (!PassphraseDeviceKeyBackend.INSTANCE.recognizes(stored)) {
            throw new IOException("Device key of vault [%s] is held by a backend that cannot export it".formatted(vaultId));
        }
        try (AgeIdentity identity = PassphraseDeviceKeyBackend.INSTANCE.identity(stored, passphrase)) {
            return identity.encode();
        }
    }

    /**
     * Tells whether this device's key is passphrase-held; see {@link org.cipherpost.vault.Vaults#isDeviceIdentityExportable}.
     *
     * @param options options
     * @return true when it can be exported
     * @throws IOException on I/O failure, no vault or no device key file
     * @throws GeneralSecurityException on a malformed manifest
     */
    public static boolean isDeviceIdentityExportable(final VaultOptions options) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(options, "Options required");
        final VaultLayout layout = new VaultLayout(options.directory(), options.home());
        return PassphraseDeviceKeyBackend.INSTANCE.recognizes(readDeviceKey(layout, vaultId(layout)));
    }

    /** Reads the vault id from the manifest (not yet verified: the device key file is found by it). */
    private static String vaultId(final VaultLayout layout) throws IOException, GeneralSecurityException {
        if (!Files.exists(layout.manifest(), LinkOption.NOFOLLOW_LINKS)) {
            throw new NotAVaultException(layout.root().toString());
        }
        final byte[] bytes = new EntryFiles(layout).read(layout.manifest(), ManifestCodec.MAXIMUM_SIZE);
        return ManifestCodec.parse(bytes, VaultLayout.MANIFEST).manifest().vaultId();
    }

    /** Unlocks this device's key for a vault. */
    private static DeviceKey unlock(final VaultLayout layout, final VaultOptions options, final String vaultId,
            final SecretBytes passphrase) throws IOException, GeneralSecurityException {
        final byte[] stored = readDeviceKey(layout, vaultId);
        final DeviceKeyBackend backend = options.backend();
        if (!backend.recognizes(stored)) {
            throw new IOException("Device key file [%s] is not a [%s] device key"
                    .formatted(layout.deviceKey(vaultId), backend.name()));
        }
        return backend.unlock(stored, passphrase);
    }

    /** Reads this device's key file for a vault. */
    private static byte[] readDeviceKey(final VaultLayout layout, final String vaultId) throws IOException {
        final Path file = layout.deviceKey(vaultId);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MissingDeviceKeyException(vaultId, file.toString());
        }
        return Files.readAllBytes(file);
    }

    /** Writes this device's key file, 0600 in a 0700 directory. */
    private static void writeDeviceKey(final VaultLayout layout, final String vaultId, final GeneratedDeviceKey generated)
            throws IOException {
        SecureFiles.createPrivateDirectories(layout.deviceDirectory());
        SecureFiles.writeAtomically(layout.deviceKey(vaultId), generated.stored(), SecureFiles.PRIVATE_FILE);
    }

    /** Refuses an absent or empty passphrase. */
    private static void checkPassphrase(final SecretBytes passphrase) {
        Objects.requireNonNull(passphrase, "Passphrase required");
        if (passphrase.length() == 0) {
            throw new IllegalArgumentException("Passphrase must not be empty");
        }
    }
}
