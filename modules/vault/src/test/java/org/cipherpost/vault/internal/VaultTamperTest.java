package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.ManifestAuthenticationException;
import org.cipherpost.vault.MissingDeviceKeyException;
import org.cipherpost.vault.MissingFileException;
import org.cipherpost.vault.NotWrappedToDeviceException;
import org.cipherpost.vault.TamperedFileException;
import org.cipherpost.vault.TruncatedFileException;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampered, truncated, swapped and foreign files: each fails with its own exception, listings never fail. */
class VaultTamperTest {
    private static final Set<Class<?>> DAMAGE = Set.of(TamperedFileException.class, TruncatedFileException.class,
            NotWrappedToDeviceException.class);

    @TempDir
    Path root;

    private VaultOptions options;
    private Path directory;
    private EntryId mail;
    private EntryId bank;
    private final List<String> warnings = TestVaults.warnings();

    @BeforeEach
    void createVault() throws Exception {
        options = TestVaults.collecting(options(root), warnings);
        directory = options.directory();
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry a = entry("hunter2\nusername: alice\n"); Entry b = entry("pw\n")) {
            mail = created.vault().add("mail", a);
            bank = created.vault().add("bank", b);
        }
    }

    @Test
    void everyFlippedByteOfAnEntryFileIsDetected() throws Exception {
        assertEveryFlipDetected(directory.resolve("entries").resolve(mail + ".age"));
    }

    @Test
    void everyFlippedByteOfAKeyFileIsDetected() throws Exception {
        assertEveryFlipDetected(directory.resolve("keys").resolve(mail + ".key"));
    }

    @Test
    void payloadAndHeaderFlipsAreTamperingAndCutsAreTruncation() throws Exception {
        final Path file = directory.resolve("entries").resolve(mail + ".age");
        final byte[] original = Files.readAllBytes(file);
        try (Vault vault = Vaults.open(options, passphrase())) {
            Files.write(file, flipped(original, original.length - 5));
            final TamperedFileException payload = assertThrows(TamperedFileException.class, () -> vault.get("mail"));
            assertEquals("entries/" + mail + ".age", payload.file());
            assertTrue(payload.getMessage().contains("altered or damaged"), payload.getMessage());
            Files.write(file, Arrays.copyOf(original, original.length - 20));
            assertThrows(TruncatedFileException.class, () -> vault.get("mail"));
            Files.write(file, Arrays.copyOf(original, 60));
            final Exception header = assertThrows(Exception.class, () -> vault.get("mail"));
            assertTrue(DAMAGE.contains(header.getClass()), header.toString());
            Files.delete(file);
            assertThrows(org.cipherpost.vault.EntryNotFoundException.class, () -> vault.get("mail"));
            assertThrows(MissingFileException.class, () -> vault.get(mail));
        }
    }

    @Test
    void keyFileOfNobodyWeHoldAndSwappedFiles() throws Exception {
        final Path mailKey = directory.resolve("keys").resolve(mail + ".key");
        final Path bankKey = directory.resolve("keys").resolve(bank + ".key");
        final Path mailEntry = directory.resolve("entries").resolve(mail + ".age");
        final Path bankEntry = directory.resolve("entries").resolve(bank + ".age");
        try (Vault vault = Vaults.open(options, passphrase()); AgeIdentity stranger = AgeIdentity.generate()) {
            Files.write(mailKey, Age.encrypt("# foreign\n".getBytes(StandardCharsets.US_ASCII),
                    List.of(stranger.recipient())));
            final NotWrappedToDeviceException foreign = assertThrows(NotWrappedToDeviceException.class,
                    () -> vault.get("mail"));
            assertEquals("File [keys/" + mail + ".key] is not wrapped to any key this device holds", foreign.getMessage());
            Files.copy(bankKey, mailKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            final TamperedFileException swappedKey = assertThrows(TamperedFileException.class, () -> vault.get(mail));
            assertTrue(swappedKey.getMessage().contains("key of another entry"), swappedKey.getMessage());
        }
        try (Vault vault = Vaults.open(options, passphrase())) {
            Files.copy(bankEntry, mailEntry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThrows(Exception.class, () -> vault.get(mail));
        }
    }

    @Test
    void listingSkipsAndReportsUnreadableEntries() throws Exception {
        final Path file = directory.resolve("entries").resolve(mail + ".age");
        final byte[] original = Files.readAllBytes(file);
        Files.write(file, flipped(original, original.length - 3));
        try (Vault vault = Vaults.open(options, passphrase())) {
            final Listing listing = vault.list();
            assertEquals(List.of("bank"), listing.entries().stream().map(EntrySummary::name).toList());
            assertEquals(1, listing.problems().size());
            assertEquals(mail, listing.problems().get(0).id());
            assertTrue(listing.problems().get(0).message().contains("entries/" + mail + ".age"));
            assertThrows(TamperedFileException.class, () -> vault.get("mail"));
            assertEquals(1, vault.grep(java.util.regex.Pattern.compile(".")).problems().size());
            Files.write(file, original);
            assertEquals(List.of("bank", "mail"), vault.list().entries().stream().map(EntrySummary::name).toList());
            assertTrue(vault.list().problems().isEmpty());
        }
    }

    @Test
    @SuppressWarnings("try")
    void manifestChangedOutsideCipherpostIsRefused() throws Exception {
        final Path manifest = directory.resolve("vault.manifest");
        final byte[] original = Files.readAllBytes(manifest);
        final String text = new String(original, StandardCharsets.UTF_8);
        try (AgeIdentity attacker = AgeIdentity.generate()) {
            final String device = DeviceRecord.of(attacker.recipient(), "evil").id() + " " + attacker.recipient().encoded()
                    + " evil\n";
            final String added = text.replace("mac: ", "device: " + device + "mac: ");
            Files.write(manifest, added.getBytes(StandardCharsets.UTF_8));
            final ManifestAuthenticationException refused = assertThrows(ManifestAuthenticationException.class,
                    () -> Vaults.open(options, passphrase()));
            assertTrue(refused.getMessage().contains("changed outside cipherpost"), refused.getMessage());
        }
        Files.write(manifest, text.replace("laptop", "laptoq").getBytes(StandardCharsets.UTF_8));
        assertThrows(ManifestAuthenticationException.class, () -> Vaults.open(options, passphrase()));
        Files.write(manifest, text.replace("revision: 1", "revision: 2").getBytes(StandardCharsets.UTF_8));
        assertThrows(ManifestAuthenticationException.class, () -> Vaults.open(options, passphrase()));
        for (int offset = 0; offset < original.length; offset += 7) {
            Files.write(manifest, flipped(original, offset));
            try (Vault opened = Vaults.open(options, passphrase())) {
                fail("Flip at [%d] of the manifest went unnoticed".formatted(offset));
            } catch (final ManifestAuthenticationException | TamperedFileException | MissingDeviceKeyException e) {
                // refused: a changed vault id finds no device key, anything else fails parsing or the MAC
            }
        }
        Files.write(manifest, original);
        try (Vault vault = Vaults.open(options, passphrase()); Entry back = vault.get("mail")) {
            assertEquals("hunter2\nusername: alice\nname: mail\n", text(back));
        }
    }

    @Test
    void damagedVaultKeyIsRefused() throws Exception {
        final Path secret = directory.resolve("vault.key");
        final byte[] original = Files.readAllBytes(secret);
        Files.write(secret, flipped(original, original.length - 2));
        assertThrows(TamperedFileException.class, () -> Vaults.open(options, passphrase()));
        Files.write(secret, Arrays.copyOf(original, 100));
        assertThrows(TruncatedFileException.class, () -> Vaults.open(options, passphrase()));
        Files.delete(secret);
        assertThrows(MissingFileException.class, () -> Vaults.open(options, passphrase()));
    }

    @Test
    void damagedOrForgedIndexIsRebuiltFromTheEntries() throws Exception {
        final Path index = directory.resolve("index.age");
        final byte[] original = Files.readAllBytes(index);
        Files.write(index, flipped(original, original.length - 4));
        assertRebuilt("altered or damaged");
        // a forged index, properly encrypted to the device (whose recipient is public) but without the vault secret
        final String manifest = Files.readString(directory.resolve("vault.manifest"));
        final String recipient = manifest.lines().filter(line -> line.startsWith("device: ")).findFirst().orElseThrow()
                .split(" ")[2];
        final String vaultId = manifest.lines().filter(line -> line.startsWith("vault-id: ")).findFirst().orElseThrow()
                .substring(10);
        final String forged = IndexCodec.HEADER + "\nvault-id: " + vaultId + "\ngeneration: 0\nmac: " + "0".repeat(64) + "\n";
        Files.write(index, Age.encrypt(forged.getBytes(StandardCharsets.UTF_8),
                List.of(org.cipherpost.crypto.AgeRecipient.parse(recipient))));
        assertRebuilt("MAC does not match");
        Files.write(index, Arrays.copyOf(original, 50));
        assertRebuilt("truncated");
    }

    /** Opens the vault and checks that the index was reported and rebuilt. */
    private void assertRebuilt(final String reason) throws Exception {
        warnings.clear();
        try (Vault vault = Vaults.open(options, passphrase())) {
            assertEquals(List.of("bank", "mail"), vault.list().entries().stream().map(EntrySummary::name).toList());
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Index unusable") && w.contains(reason)), warnings.toString());
        }
        warnings.clear();
        try (Vault vault = Vaults.open(options, passphrase())) {
            assertEquals(2, vault.list().entries().size());
            assertFalse(warnings.stream().anyMatch(w -> w.startsWith("Index unusable")), "the rebuilt index was written");
        }
    }

    /** Flips every byte of a file in turn: reading the entry by id must fail with a vault exception each time. */
    @SuppressWarnings("try")
    private void assertEveryFlipDetected(final Path file) throws Exception {
        final byte[] original = Files.readAllBytes(file);
        try (Vault vault = Vaults.open(options, passphrase())) {
            for (int offset = 0; offset < original.length; offset++) {
                Files.write(file, flipped(original, offset));
                try (Entry entry = vault.get(mail)) {
                    fail("Flip at [%d] of [%s] went unnoticed".formatted(offset, file.getFileName()));
                } catch (final IOException | GeneralSecurityException e) {
                    assertTrue(DAMAGE.contains(e.getClass()), "flip at [%d]: %s".formatted(offset, e));
                    assertFalse(e.getMessage().contains("hunter2"));
                }
            }
            Files.write(file, original);
            try (Entry entry = vault.get(mail)) {
                assertEquals("hunter2\nusername: alice\nname: mail\n", text(entry));
            }
        }
    }

    /** Returns a copy with one bit flipped. */
    private static byte[] flipped(final byte[] bytes, final int offset) {
        final byte[] copy = bytes.clone();
        copy[offset] ^= 0x01;
        return copy;
    }
}
