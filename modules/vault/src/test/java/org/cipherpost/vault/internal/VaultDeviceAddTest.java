package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.NoMatchingIdentityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultIntegrityException;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vault format 2 (ADR 0012): key files are wrapped to the keyring, so a device add leaves every key file byte for
 * byte alone; a format 1 vault (key files wrapped to every device) still opens and is upgraded by its next device
 * change; {@code keyring.age} gives the new device what it needs to open key files with the age CLI.
 */
class VaultDeviceAddTest {
    @TempDir
    Path root;

    @Test
    void deviceAddWritesVaultWideFilesOnlyAndTheNewDeviceReadsEverything() throws Exception {
        final VaultOptions options = options(root);
        final Path directory = options.directory();
        try (AgeIdentity phone = AgeIdentity.generate();
             InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
            final Vault vault = created.vault();
            VaultDevicesTest.fill(vault, 6);
            final Map<Path, byte[]> before = read(directory.resolve("keys"));
            for (final byte[] keyFile : before.values()) {
                assertEquals(1, AgeShape.stanzas(keyFile), "a key file is wrapped to the keyring only");
                assertThrows(NoMatchingIdentityException.class, () -> Age.decrypt(keyFile, List.of(phone)));
            }
            final byte[] manifestBefore = Files.readAllBytes(directory.resolve("vault.manifest"));
            vault.addDevice(phone.recipient(), "phone");
            assertEquals(before.keySet(), read(directory.resolve("keys")).keySet());
            for (final Map.Entry<Path, byte[]> keyFile : read(directory.resolve("keys")).entrySet()) {
                assertArrayEquals(before.get(keyFile.getKey()), keyFile.getValue(), "untouched: " + keyFile.getKey());
            }
            final String manifest = Files.readString(directory.resolve("vault.manifest"));
            assertTrue(manifest.startsWith("cipherpost-vault-manifest v2\n"), manifest);
            assertTrue(manifest.contains(" " + phone.recipient().encoded() + " phone\n"), manifest);
            assertEquals(revision(new String(manifestBefore, StandardCharsets.UTF_8)), revision(manifest),
                    "a device add leaves the key-file revision alone");
            // the phone opens keyring.age, and the keyring opens every key file
            try (SecretBytes keyring = Age.decrypt(Files.readAllBytes(directory.resolve("keyring.age")), List.of(phone));
                 AgeIdentity ring = AgeIdentity.parse(TestVaults.identityLine(keyring))) {
                for (final byte[] keyFile : before.values()) {
                    try (SecretBytes opened = Age.decrypt(keyFile, List.of(ring))) {
                        assertTrue(opened.length() > 0);
                    }
                }
            }
            VaultDevicesTest.assertContent(vault, 6);
        }
    }

    @Test
    void deviceAddAndListReadNeitherTheIndexNorTheEntries() throws Exception {
        final VaultOptions options = options(root);
        final Path directory = options.directory();
        createFilled(options, 3);
        // a garbage index would be reported and rebuilt by any entry operation; device add and ls never look at it
        final byte[] garbage = "not an age file".getBytes(StandardCharsets.US_ASCII);
        Files.write(directory.resolve("index.age"), garbage);
        final List<String> warnings = TestVaults.warnings();
        try (Vault vault = Vaults.open(TestVaults.collecting(options, warnings), passphrase());
             AgeIdentity phone = AgeIdentity.generate()) {
            vault.addDevice(phone.recipient(), "phone");
            assertEquals(List.of("laptop", "phone"), vault.devices().stream().map(device -> device.name()).toList());
            assertEquals(List.of(), warnings);
            assertArrayEquals(garbage, Files.readAllBytes(directory.resolve("index.age")));
            // the first entry operation checks the vault as before
            VaultDevicesTest.assertContent(vault, 3);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("Index unusable, rebuilding it"), warnings.toString());
        }
    }

    @Test
    void formatOneVaultOpensAndItsFirstDeviceAddUpgradesIt() throws Exception {
        final VaultOptions options = options(root);
        final Path directory = options.directory();
        createFilled(options, 6);
        downgrade(options);
        final Path keys = directory.resolve("keys");
        for (final byte[] keyFile : read(keys).values()) {
            assertEquals(2, AgeShape.stanzas(keyFile), "format 1: laptop and recovery");
        }
        try (AgeIdentity phone = AgeIdentity.generate(); AgeIdentity tablet = AgeIdentity.generate()) {
            try (Vault vault = Vaults.open(options, passphrase())) {
                VaultDevicesTest.assertContent(vault, 6);
                assertTrue(Files.readString(directory.resolve("vault.manifest")).startsWith("cipherpost-vault-manifest v1\n"),
                        "reading does not upgrade");
                vault.addDevice(phone.recipient(), "phone");
                assertTrue(Files.readString(directory.resolve("vault.manifest")).startsWith("cipherpost-vault-manifest v2\n"));
                final Map<Path, byte[]> upgraded = read(keys);
                for (final byte[] keyFile : upgraded.values()) {
                    assertEquals(1, AgeShape.stanzas(keyFile), "re-wrapped to the keyring once");
                }
                VaultDevicesTest.assertContent(vault, 6);
                vault.addDevice(tablet.recipient(), "tablet");
                for (final Map.Entry<Path, byte[]> keyFile : read(keys).entrySet()) {
                    assertArrayEquals(upgraded.get(keyFile.getKey()), keyFile.getValue(), "the second add is O(1)");
                }
            }
            // an index rebuild finds nothing pending
            Files.delete(directory.resolve("index.age"));
            final Map<Path, byte[]> settled = read(keys);
            try (Vault vault = Vaults.open(options, passphrase())) {
                VaultDevicesTest.assertContent(vault, 6);
            }
            assertEquals(settled.keySet(), read(keys).keySet());
            for (final Map.Entry<Path, byte[]> keyFile : read(keys).entrySet()) {
                assertArrayEquals(settled.get(keyFile.getKey()), keyFile.getValue());
            }
        }
    }

    @Test
    void aManifestNamingAnotherKeyringIsRefusedAndKeyringAgeIsOnlyForTheAgeCli() throws Exception {
        final VaultOptions options = options(root);
        final Path directory = options.directory();
        createFilled(options, 3);
        // without keyring.age (deleted, or garbage) the vault reads as before; the next device change writes it again
        Files.write(directory.resolve("keyring.age"), new byte[] {1, 2, 3});
        try (Vault vault = Vaults.open(options, passphrase()); AgeIdentity phone = AgeIdentity.generate()) {
            VaultDevicesTest.assertContent(vault, 3);
            vault.addDevice(phone.recipient(), "phone");
            try (SecretBytes keyring = Age.decrypt(Files.readAllBytes(directory.resolve("keyring.age")), List.of(phone))) {
                assertTrue(keyring.length() > 100);
            }
        }
        // a manifest MAC'd correctly (by someone who holds the vault secret) but naming another keyring is refused,
        // so that new key files are never wrapped to a key the vault secret does not make
        final byte[] original = Files.readAllBytes(directory.resolve("vault.manifest"));
        try (SecretBytes exported = Vaults.exportDeviceIdentity(options, passphrase());
             AgeIdentity device = AgeIdentity.parse(TestVaults.identityLine(exported));
             SecretBytes plaintext = Age.decrypt(Files.readAllBytes(directory.resolve("vault.key")), List.of(device));
             VaultSecrets secrets = VaultSecrets.decode(plaintext);
             AgeIdentity other = AgeIdentity.generate()) {
            final Manifest real = ManifestCodec.parse(original, "vault.manifest").manifest();
            final Manifest swapped = new Manifest(real.vaultId(), real.generation(), real.revision(), real.rekeyBelow(),
                    real.recovery(), real.devices(), other.recipient());
            Files.write(directory.resolve("vault.manifest"), ManifestCodec.encode(swapped, secrets));
        }
        final VaultIntegrityException refused = assertThrows(VaultIntegrityException.class,
                () -> Vaults.open(options, passphrase()));
        assertTrue(refused.getMessage().contains("keyring"), refused.getMessage());
        Files.write(directory.resolve("vault.manifest"), original);
        try (Vault vault = Vaults.open(options, passphrase())) {
            VaultDevicesTest.assertContent(vault, 3);
        }
    }

    /**
     * Rewrites a format 2 vault the way the format 1 code left it: manifest v1, key files wrapped to every device and
     * the Recovery Key, no keyring file, no index.
     */
    private static void downgrade(final VaultOptions options) throws Exception {
        final Path directory = options.directory();
        try (SecretBytes exported = Vaults.exportDeviceIdentity(options, passphrase());
             AgeIdentity device = AgeIdentity.parse(TestVaults.identityLine(exported));
             SecretBytes plaintext = Age.decrypt(Files.readAllBytes(directory.resolve("vault.key")), List.of(device));
             VaultSecrets secrets = VaultSecrets.decode(plaintext);
             AgeIdentity keyring = secrets.keyring(0)) {
            final Manifest two = ManifestCodec.parse(Files.readAllBytes(directory.resolve("vault.manifest")),
                    "vault.manifest").manifest();
            final Manifest one = new Manifest(two.vaultId(), two.generation(), two.revision(), two.rekeyBelow(),
                    two.recovery(), two.devices(), null);
            for (final Path keyFile : read(directory.resolve("keys")).keySet()) {
                final Path file = directory.resolve("keys").resolve(keyFile);
                try (SecretBytes key = Age.decrypt(Files.readAllBytes(file), List.of(keyring))) {
                    Files.write(file, Age.encrypt(key.bytes(), one.recipients()));
                }
            }
            Files.write(directory.resolve("vault.manifest"), ManifestCodec.encode(one, secrets));
            Files.delete(directory.resolve("keyring.age"));
            Files.delete(directory.resolve("index.age"));
        }
        assertFalse(Files.exists(directory.resolve("keyring.age")));
    }

    /** Creates a vault on the laptop with {@code count} entries and one attached file. */
    private static void createFilled(final VaultOptions options, final int count) throws Exception {
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
            VaultDevicesTest.fill(created.vault(), count);
        }
    }

    /** Returns the manifest's revision line. */
    private static String revision(final String manifest) {
        return manifest.lines().filter(line -> line.startsWith("revision: ")).findFirst().orElseThrow();
    }

    /** Reads every key file. */
    private static Map<Path, byte[]> read(final Path keys) throws IOException {
        final Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(keys)) {
            for (final Path file : list.filter(path -> path.getFileName().toString().endsWith(".key")).toList()) {
                files.put(file.getFileName(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
