package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.secret;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.WrongPassphraseException;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.DeviceExistsException;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.InvalidRecoveryCodeException;
import org.cipherpost.vault.MissingDeviceKeyException;
import org.cipherpost.vault.NotWrappedToDeviceException;
import org.cipherpost.vault.UnknownDeviceException;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultIntegrityException;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices: join and add, list, revoke (the revoked key reads nothing), share, recover, pinning. */
class VaultDevicesTest {
    private static final byte[] FILE = "attached file content\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void addedDeviceReadsEveryEntry() throws Exception {
        final VaultOptions laptop = options(root.resolve("vault"), root.resolve("laptop"));
        final VaultOptions phone = options(root.resolve("vault"), root.resolve("phone"));
        try (InitializedVault created = Vaults.init(laptop, passphrase(), null, "laptop")) {
            final Vault vault = created.vault();
            fill(vault, 12);
            final String recipient = Vaults.join(phone, secret("phone pass"));
            assertThrows(IOException.class, () -> Vaults.join(phone, secret("phone pass")));
            final NotWrappedToDeviceException notYet = assertThrows(NotWrappedToDeviceException.class,
                    () -> Vaults.open(phone, secret("phone pass")));
            assertTrue(notYet.getMessage().contains("never added or was revoked"), notYet.getMessage());
            final Device added = vault.addDevice(AgeRecipient.parse(recipient), "phone");
            assertEquals("phone", added.name());
            assertFalse(added.current());
            assertThrows(DeviceExistsException.class, () -> vault.addDevice(AgeRecipient.parse(recipient), "again"));
            assertEquals(List.of("laptop", "phone"), vault.devices().stream().map(Device::name).toList());
            try (Vault onPhone = Vaults.open(phone, secret("phone pass"))) {
                assertContent(onPhone, 12);
                assertEquals(List.of(false, true), onPhone.devices().stream().map(Device::current).toList());
                try (Entry fromPhone = entry("made on phone\n")) {
                    onPhone.add("phone-entry", fromPhone);
                }
            }
            try (Entry back = vault.get("phone-entry")) {
                assertEquals("made on phone\nname: phone-entry\n", text(back));
            }
        }
        assertThrows(WrongPassphraseException.class, () -> Vaults.open(phone, secret("wrong")));
        assertThrows(MissingDeviceKeyException.class, () -> Vaults.open(options(root.resolve("vault"),
                root.resolve("stranger")), passphrase()));
    }

    @Test
    void revokedDeviceCanReadNothingAndSharesSurvive() throws Exception {
        final VaultOptions laptop = options(root.resolve("vault"), root.resolve("laptop"));
        final VaultOptions phone = options(root.resolve("vault"), root.resolve("phone"));
        final Path directory = laptop.directory();
        try (InitializedVault created = Vaults.init(laptop, passphrase(), null, "laptop");
             AgeIdentity friend = AgeIdentity.generate()) {
            final Vault vault = created.vault();
            fill(vault, 20);
            vault.share("entry-3", friend.recipient());
            assertEquals(List.of(friend.recipient().encoded()), vault.shares("entry-3"));
            final Device phoneDevice = vault.addDevice(AgeRecipient.parse(Vaults.join(phone, passphrase())), "phone");
            final Map<String, EntryId> before = ids(vault);
            final AgeIdentity phoneKey;
            try (SecretBytes exported = Vaults.exportDeviceIdentity(phone, passphrase())) {
                phoneKey = AgeIdentity.parse(exported);
            }
            try (phoneKey; AgeIdentity phoneRing = keyring(directory, phoneKey)) {
                // the phone can read everything before the revocation (through the keyring it can open)
                assertEquals(21, readableKeyFiles(directory, phoneRing));
                vault.revokeDevice(phoneDevice.id());
                assertEquals(List.of("laptop"), vault.devices().stream().map(Device::name).toList());
                // every entry has a new key, so a new id; the old files are gone
                final Map<String, EntryId> after = ids(vault);
                assertEquals(before.keySet(), after.keySet());
                for (final String name : before.keySet()) {
                    assertFalse(before.get(name).equals(after.get(name)), name);
                    assertFalse(Files.exists(directory.resolve("entries").resolve(before.get(name) + ".age")));
                    assertFalse(Files.exists(directory.resolve("keys").resolve(before.get(name) + ".key")));
                }
                // the keyring the revoked device held opens no key file; its key opens no vault-wide file
                assertEquals(0, readableKeyFiles(directory, phoneRing));
                assertEquals(0, readableKeyFiles(directory, phoneKey));
                assertThrows(NoMatchingIdentityException.class, () -> Age.decrypt(
                        Files.readAllBytes(directory.resolve("index.age")), List.of(phoneRing)), "nor the new index");
                for (final String file : List.of("vault.key", "keyring.age", "index.age")) {
                    assertThrows(NoMatchingIdentityException.class,
                            () -> Age.decrypt(Files.readAllBytes(directory.resolve(file)), List.of(phoneKey)));
                }
                assertThrows(NotWrappedToDeviceException.class, () -> Vaults.open(phone, passphrase()));
                assertContent(vault, 20);
                // the friend still opens the shared entry's new key file, and only that one
                assertEquals(List.of(friend.recipient().encoded()), vault.shares("entry-3"));
                final EntryId shared = vault.resolve("entry-3");
                try (SecretBytes key = Age.decrypt(Files.readAllBytes(directory.resolve("keys").resolve(shared + ".key")),
                        List.of(friend));
                     EntryKey entryKey = EntryKey.decode(key);
                     SecretBytes content = Age.decrypt(Files.readAllBytes(directory.resolve("entries")
                             .resolve(shared + ".age")), List.of(entryKey.identity()))) {
                    assertTrue(new String(content.bytes(), StandardCharsets.UTF_8).startsWith("secret-3\n"));
                }
                assertEquals(1, readableKeyFiles(directory, friend));
            }
            assertThrows(UnknownDeviceException.class, () -> vault.revokeDevice(phoneDevice.id()));
            final String self = vault.devices().get(0).id();
            assertThrows(IOException.class, () -> vault.revokeDevice(self));
        }
        try (Vault reopened = Vaults.open(laptop, passphrase())) {
            assertContent(reopened, 20);
        }
    }

    @Test
    void recoveryCodeSetsUpANewDevice() throws Exception {
        final VaultOptions laptop = options(root.resolve("vault"), root.resolve("laptop"));
        final VaultOptions replacement = options(root.resolve("vault"), root.resolve("replacement"));
        final String code;
        try (InitializedVault created = Vaults.init(laptop, passphrase(), secret("recovery words"), "laptop")) {
            code = new String(created.recoveryCode().bytes(), StandardCharsets.US_ASCII);
            fill(created.vault(), 15);
        }
        assertThrows(WrongPassphraseException.class, () -> Vaults.recover(replacement, secret(code), passphrase(),
                secret("new pass"), "replacement"));
        final String typo = code.substring(0, 20) + (code.charAt(20) == 'A' ? 'B' : 'A') + code.substring(21);
        assertThrows(InvalidRecoveryCodeException.class, () -> Vaults.recover(replacement, secret(typo),
                secret("recovery words"), secret("new pass"), "replacement"));
        // typed by hand: lower case, spaces instead of dashes, O for 0
        final String typed = code.toLowerCase().replace('-', ' ').replace('0', 'o');
        try (Vault recovered = Vaults.recover(replacement, secret(typed), secret("recovery words"), secret("new pass"),
                "replacement")) {
            assertContent(recovered, 15);
            assertEquals(List.of("laptop", "replacement"), recovered.devices().stream().map(Device::name).toList());
            recovered.revokeDevice(recovered.devices().get(0).id());
        }
        assertThrows(NotWrappedToDeviceException.class, () -> Vaults.open(laptop, passphrase()));
        try (Vault reopened = Vaults.open(replacement, secret("new pass"))) {
            assertContent(reopened, 15);
        }
    }

    @Test
    @SuppressWarnings("try")
    void recoveryCodeOfAnotherVaultIsRefused() throws Exception {
        final VaultOptions first = options(root.resolve("one"), root.resolve("home"));
        final VaultOptions second = options(root.resolve("two"), root.resolve("home"));
        final String code;
        try (InitializedVault one = Vaults.init(first, passphrase(), null, "a");
             InitializedVault two = Vaults.init(second, passphrase(), null, "a")) {
            code = new String(one.recoveryCode().bytes(), StandardCharsets.US_ASCII);
        }
        assertThrows(VaultIntegrityException.class, () -> Vaults.recover(options(root.resolve("two"),
                root.resolve("other")), secret(code), passphrase(), passphrase(), "x"));
    }

    @Test
    void rolledBackManifestAndVaultKeyAreRefused() throws Exception {
        final VaultOptions laptop = options(root.resolve("vault"), root.resolve("laptop"));
        final VaultOptions phone = options(root.resolve("vault"), root.resolve("phone"));
        final Path snapshot = root.resolve("snapshot");
        Files.createDirectories(snapshot);
        try (InitializedVault created = Vaults.init(laptop, passphrase(), null, "laptop")) {
            final Vault vault = created.vault();
            fill(vault, 3);
            final Device device = vault.addDevice(AgeRecipient.parse(Vaults.join(phone, passphrase())), "phone");
            for (final String file : List.of("vault.manifest", "vault.key")) {
                Files.copy(laptop.directory().resolve(file), snapshot.resolve(file));
            }
            vault.revokeDevice(device.id());
        }
        // someone who kept the old files (the revoked phone, say) puts them back to get re-added
        for (final String file : List.of("vault.manifest", "vault.key")) {
            Files.copy(snapshot.resolve(file), laptop.directory().resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        final VaultIntegrityException rolledBack = assertThrows(VaultIntegrityException.class,
                () -> Vaults.open(laptop, passphrase()));
        assertTrue(rolledBack.getMessage().contains("rolled back"), rolledBack.getMessage());
    }

    @Test
    void substitutedVaultKeyIsRefused() throws Exception {
        final VaultOptions laptop = options(root);
        final String vaultId;
        try (InitializedVault created = Vaults.init(laptop, passphrase(), null, "laptop")) {
            vaultId = created.vault().id();
            fill(created.vault(), 2);
        }
        // an attacker who can write the directory knows every public recipient and makes a vault key of their own,
        // wrapped to the laptop, with a manifest that adds their device, MAC'd under their own key
        final Path directory = laptop.directory();
        final ManifestCodec.Parsed original = ManifestCodec.parse(Files.readAllBytes(directory.resolve("vault.manifest")),
                "vault.manifest");
        try (AgeIdentity attacker = AgeIdentity.generate();
             SecretBytes fakeRecovery = SecretBytes.wrap(new byte[32]);
             VaultSecrets forged = VaultSecrets.initial(fakeRecovery);
             SecretBytes plaintext = forged.encode()) {
            final Manifest evil = new Manifest(vaultId, 0, original.manifest().revision(), 0,
                    original.manifest().recovery(), original.manifest().devices(), original.manifest().keyring()).withDevice(
                    DeviceRecord.of(attacker.recipient(), "attacker"));
            Files.write(directory.resolve("vault.key"), Age.encrypt(plaintext.bytes(), evil.recipients()));
            Files.write(directory.resolve("vault.manifest"), ManifestCodec.encode(evil, forged));
        }
        final VaultIntegrityException refused = assertThrows(VaultIntegrityException.class,
                () -> Vaults.open(laptop, passphrase()));
        assertTrue(refused.getMessage().contains("replaced"), refused.getMessage());
    }

    /** Adds {@code count} entries and one attached file. */
    static void fill(final Vault vault, final int count) throws IOException, GeneralSecurityException {
        for (int i = 0; i < count; i++) {
            try (Entry entry = entry("secret-" + i + "\nusername: user" + i + "\n")) {
                vault.add("entry-" + i, entry);
            }
        }
        vault.attach("file", new ByteArrayInputStream(FILE), (done, total) -> { });
    }

    /** Checks what {@link #fill} wrote. */
    static void assertContent(final Vault vault, final int count) throws IOException, GeneralSecurityException {
        for (int i = 0; i < count; i++) {
            try (Entry entry = vault.get("entry-" + i)) {
                assertEquals("secret-" + i + "\nusername: user" + i + "\nname: entry-" + i + "\n", text(entry));
            }
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        vault.detach("file", out, (done, total) -> { });
        assertArrayEquals(FILE, out.toByteArray());
        assertTrue(vault.list().problems().isEmpty());
    }

    /** Maps names to ids. */
    private static Map<String, EntryId> ids(final Vault vault) throws IOException, GeneralSecurityException {
        final Map<String, EntryId> ids = new HashMap<>();
        for (final EntrySummary summary : vault.list().entries()) {
            ids.put(summary.name(), summary.id());
        }
        return ids;
    }

    /** Opens {@code keyring.age} with a device key and returns the newest keyring identity in it. */
    private static AgeIdentity keyring(final Path directory, final AgeIdentity device) throws Exception {
        try (SecretBytes file = Age.decrypt(Files.readAllBytes(directory.resolve("keyring.age")), List.of(device));
             SecretBytes line = TestVaults.identityLine(file)) {
            return AgeIdentity.parse(line);
        }
    }

    /** Returns the number of key files an identity opens; every other one must fail as not wrapped to it. */
    private static int readableKeyFiles(final Path directory, final AgeIdentity identity) throws IOException {
        int opened = 0;
        try (Stream<Path> keys = Files.list(directory.resolve("keys"))) {
            for (final Path key : keys.toList()) {
                try {
                    Age.decrypt(Files.readAllBytes(key), List.of(identity)).close();
                    opened++;
                } catch (final GeneralSecurityException e) {
                    assertTrue(e instanceof NoMatchingIdentityException, e.toString());
                }
            }
        }
        return opened;
    }
}
