package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.AmbiguousNameException;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryExistsException;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.EntryNotFoundException;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.GrepResult;
import org.cipherpost.vault.HookRejectedException;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultChange;
import org.cipherpost.vault.VaultEvent;
import org.cipherpost.vault.VaultExistsException;
import org.cipherpost.vault.VaultHook;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every entry operation of the vault API on a real directory. */
class VaultOperationsTest {
    private static final String MAIL = """
            hunter2
            username: alice
            url: https://mail.example.com
            tag: work
            tags: mail, daily
            pin: 1234
            Recovery codes are in the safe.
            """;

    @TempDir
    Path root;

    @Test
    void initCreatesTheLayoutWithPrivatePermissions() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
            final String code = new String(created.recoveryCode().bytes(), StandardCharsets.US_ASCII);
            assertTrue(code.matches("CPVR1(-[0-9A-HJKMNP-TV-Z]{5}){24}"), code);
            final Vault vault = created.vault();
            assertEquals(32, vault.id().length());
            for (final String name : List.of("vault.manifest", "vault.key", "entries", "keys", "blobs")) {
                assertTrue(Files.exists(options.directory().resolve(name)), name);
            }
            final Path deviceKey = options.home().resolve("vault-devices").resolve(vault.id() + ".key");
            assertTrue(Files.exists(deviceKey));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(deviceKey)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(options.directory())));
            assertFalse(Files.exists(options.directory().resolve("vault-devices")), "device keys never in the vault");
            assertEquals(1, vault.devices().size());
            assertTrue(vault.devices().get(0).current());
        }
        assertThrows(VaultExistsException.class, () -> Vaults.init(options, passphrase(), null, "again"));
    }

    @Test
    void addGetRoundTripsTheExactBytesAndFileNamesRevealNothing() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry mail = entry(MAIL)) {
            final Vault vault = created.vault();
            final EntryId id = vault.add("mail", mail);
            try (Entry back = vault.get("mail")) {
                assertEquals("hunter2\nusername: alice\nurl: https://mail.example.com\ntag: work\ntags: mail, daily\n"
                        + "pin: 1234\nname: mail\nRecovery codes are in the safe.\n", text(back));
            }
            try (Entry byId = vault.get(id)) {
                assertEquals("mail", byId.first("name").orElseThrow().valueText());
            }
            assertEquals(id, vault.resolve("mail"));
            assertTrue(Files.exists(options.directory().resolve("entries").resolve(id.value() + ".age")));
            assertTrue(Files.exists(options.directory().resolve("keys").resolve(id.value() + ".key")));
            try (Stream<Path> all = Files.walk(options.directory())) {
                assertTrue(all.noneMatch(path -> path.toString().contains("mail")));
            }
            final byte[] entryFile = Files.readAllBytes(options.directory().resolve("entries").resolve(id + ".age"));
            assertFalse(new String(entryFile, StandardCharsets.ISO_8859_1).contains("hunter2"));
        }
        try (Vault reopened = Vaults.open(options, passphrase()); Entry back = reopened.get("mail")) {
            assertEquals("hunter2", new String(back.secret().bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void namesAreExactAndUnique() throws Exception {
        try (InitializedVault created = Vaults.init(options(root), passphrase(), null, "laptop");
             Entry one = entry("a\n"); Entry two = entry("b\n")) {
            final Vault vault = created.vault();
            vault.add("Bank", one);
            assertThrows(EntryExistsException.class, () -> vault.add("Bank", two));
            assertThrows(EntryNotFoundException.class, () -> vault.get("bank"));
            assertThrows(EntryNotFoundException.class, () -> vault.get("Ban"));
            assertThrows(IllegalArgumentException.class, () -> vault.add("two\nlines", two));
            assertThrows(IllegalArgumentException.class, () -> vault.add("  ", two));
        }
    }

    @Test
    void ambiguousNamesListTheirIds() throws Exception {
        final VaultOptions options = options(root);
        final EntryId first;
        final EntryId second;
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry one = entry("a\n"); Entry two = entry("b\n")) {
            first = created.vault().add("twin", one);
            second = created.vault().add("other", two);
        }
        // another device renaming concurrently can leave two entries with one name; simulate it on disk
        final Path entries = options.directory().resolve("entries");
        final StandardVault vault = StandardVaultFactory.open(options, passphrase(), CrashPoints.NONE);
        try (vault; Entry renamed = vault.get(second).withField("name", "twin")) {
            final byte[] sealed = EntryFiles.sealEntry(renamed, second.recipient());
            Files.write(entries.resolve(second + ".age"), sealed);
            final AmbiguousNameException ambiguous = assertThrows(AmbiguousNameException.class, () -> vault.get("twin"));
            assertEquals(List.of(first, second).stream().sorted().toList(), ambiguous.ids());
            assertTrue(ambiguous.getMessage().contains(first.value()) && ambiguous.getMessage().contains(second.value()));
            try (Entry byId = vault.get(first)) {
                assertEquals("a", new String(byId.secret().bytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void editReplacesContentAndUnchangedContentWritesNothing() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry mail = entry(MAIL)) {
            final Vault vault = created.vault();
            final EntryId id = vault.add("mail", mail);
            final Path file = options.directory().resolve("entries").resolve(id + ".age");
            final byte[] before = Files.readAllBytes(file);
            try (Entry same = vault.get("mail")) {
                assertFalse(vault.edit("mail", same));
            }
            assertArrayEquals(before, Files.readAllBytes(file));
            try (Entry changed = entry("new-secret\nusername: bob\n")) {
                assertTrue(vault.edit("mail", changed));
            }
            try (Entry back = vault.get("mail")) {
                assertEquals("new-secret\nusername: bob\nname: mail\n", text(back));
            }
            assertEquals(id, vault.resolve("mail"), "edit keeps the id");
            assertEquals("bob", vault.find(EntryQuery.all().withField("username", "bob")).entries().get(0).username());
            try (Entry renamed = entry("s\nname: post\n")) {
                assertTrue(vault.edit("mail", renamed));
            }
            assertThrows(EntryNotFoundException.class, () -> vault.get("mail"));
            assertEquals(id, vault.resolve("post"));
        }
    }

    @Test
    void removeMoveAndCopy() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry mail = entry(MAIL); Entry other = entry("x\n")) {
            final Vault vault = created.vault();
            final EntryId id = vault.add("mail", mail);
            vault.add("other", other);
            vault.move("mail", "mail-old");
            assertEquals(id, vault.resolve("mail-old"));
            assertThrows(EntryNotFoundException.class, () -> vault.resolve("mail"));
            assertThrows(EntryExistsException.class, () -> vault.move("mail-old", "other"));
            final EntryId copy = vault.copy("mail-old", "mail-new");
            assertNotEquals(id, copy);
            try (Entry a = vault.get("mail-old"); Entry b = vault.get("mail-new")) {
                assertEquals(text(a).replace("name: mail-old", "name: mail-new"), text(b));
            }
            vault.remove("mail-old");
            assertThrows(EntryNotFoundException.class, () -> vault.get("mail-old"));
            assertFalse(Files.exists(options.directory().resolve("entries").resolve(id + ".age")));
            assertFalse(Files.exists(options.directory().resolve("keys").resolve(id + ".key")));
            assertEquals(List.of("mail-new", "other"),
                    vault.list().entries().stream().map(EntrySummary::name).toList());
        }
    }

    @Test
    void findUsesTheIndexAndNeverHoldsSecrets() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry mail = entry(MAIL); Entry bank = entry("pw\nusername: alice\nurl: https://bank.example\ntag: money\n")) {
            final Vault vault = created.vault();
            vault.add("mail", mail);
            vault.add("bank", bank);
            assertEquals(List.of("bank", "mail"), names(vault.find(EntryQuery.all().withField("username", "ALICE"))));
            assertEquals(List.of("mail"), names(vault.find(EntryQuery.all().withTag("daily"))));
            assertEquals(List.of("mail"), names(vault.find(EntryQuery.all().withTag("work").withTag("mail"))));
            assertEquals(List.of("bank"), names(vault.find(EntryQuery.nameContains("AN"))));
            assertEquals(List.of("bank"), names(vault.find(EntryQuery.all().withField("url", "bank"))));
            assertEquals(List.of(), names(vault.find(EntryQuery.all().withTag("none"))));
            assertThrows(IllegalArgumentException.class, () -> EntryQuery.all().withField("pin", "1234"));
            final EntrySummary summary = vault.find(EntryQuery.nameContains("mail")).entries().get(0);
            assertEquals(List.of("work", "mail", "daily"), summary.tags());
            assertEquals("https://mail.example.com", summary.url());
        }
        // the index plaintext holds names and usernames, never secrets or other fields
        final StandardVault vault = StandardVaultFactory.open(options, passphrase(), CrashPoints.NONE);
        try (vault; AgeIdentity device = new PassphraseIdentity(options).identity();
             SecretBytes secrets = org.cipherpost.crypto.Age.decrypt(
                     Files.readAllBytes(options.directory().resolve("vault.key")), List.of(device));
             VaultSecrets decoded = VaultSecrets.decode(secrets);
             AgeIdentity keyring = decoded.keyring(0)) {
            final String index;
            try (SecretBytes plaintext = org.cipherpost.crypto.Age.decrypt(
                    Files.readAllBytes(options.directory().resolve("index.age")), List.of(keyring))) {
                index = new String(plaintext.bytes(), StandardCharsets.UTF_8);
            }
            assertTrue(index.contains("alice") && index.contains("mail"));
            // "1234" is the pin; the index also holds SHA-256 hex, where those digits may occur by chance
            assertFalse(index.contains("hunter2") || java.util.regex.Pattern.compile("(?<![0-9a-f])1234(?![0-9a-f])")
                    .matcher(index).find() || index.contains("pw\t")
                    || index.contains("Recovery codes"), index);
        }
    }

    @Test
    void grepMatchesDecryptedLinesWithoutReturningThem() throws Exception {
        try (InitializedVault created = Vaults.init(options(root), passphrase(), null, "laptop");
             Entry mail = entry(MAIL); Entry bank = entry("pw\nname: bank\nnote\n")) {
            final Vault vault = created.vault();
            vault.add("mail", mail);
            vault.add("bank", bank);
            final GrepResult result = vault.grep(Pattern.compile("hunter\\d|safe"));
            assertEquals(2, result.matches().size());
            assertEquals(List.of(1, 8), result.matches().stream().map(m -> m.line()).toList());
            assertEquals("mail", result.matches().get(0).name());
            assertTrue(result.problems().isEmpty());
            assertEquals(1, vault.grep(Pattern.compile("^pw$")).matches().size());
        }
    }

    @Test
    void attachAndDetachStreamFilesWithProgress() throws Exception {
        final VaultOptions options = options(root);
        final byte[] file = new byte[5 * 1024 * 1024 + 17];
        new Random(7).nextBytes(file);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop")) {
            final Vault vault = created.vault();
            final AtomicLong reported = new AtomicLong();
            final EntryId id = vault.attach("photo.jpg", new ByteArrayInputStream(file), (done, total) -> reported.set(done));
            assertEquals(file.length, reported.get());
            final EntrySummary summary = vault.find(EntryQuery.nameContains("photo")).entries().get(0);
            assertTrue(summary.attachment());
            assertEquals(file.length, summary.attachmentSize());
            assertTrue(Files.exists(options.directory().resolve("blobs").resolve(id + ".age")));
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final List<Long> totals = new ArrayList<>();
            assertEquals(file.length, vault.detach("photo.jpg", out, (done, total) -> totals.add(total)));
            assertArrayEquals(file, out.toByteArray());
            assertTrue(totals.stream().allMatch(total -> total == file.length));
            vault.copy("photo.jpg", "photo-copy.jpg");
            final ByteArrayOutputStream copied = new ByteArrayOutputStream();
            vault.detach("photo-copy.jpg", copied, (done, total) -> { });
            assertArrayEquals(file, copied.toByteArray());
            try (Entry plain = entry("x\n")) {
                vault.add("plain", plain);
            }
            assertThrows(IOException.class, () -> vault.detach("plain", new ByteArrayOutputStream(), (d, t) -> { }));
            vault.remove("photo.jpg");
            assertFalse(Files.exists(options.directory().resolve("blobs").resolve(id + ".age")));
        }
    }

    @Test
    void importAddsManyEntriesAtOnce() throws Exception {
        try (InitializedVault created = Vaults.init(options(root), passphrase(), null, "laptop")) {
            final Vault vault = created.vault();
            final List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                entries.add(entry("secret-" + i + "\nname: item-" + i + "\n"));
            }
            final List<EntryId> ids = vault.addAll(entries);
            entries.forEach(Entry::close);
            assertEquals(50, ids.size());
            assertEquals(50, vault.list().entries().size());
            try (Entry e = vault.get("item-42")) {
                assertEquals("secret-42", new String(e.secret().bytes(), StandardCharsets.UTF_8));
            }
            try (Entry dup = entry("s\nname: item-1\n")) {
                assertThrows(EntryExistsException.class, () -> vault.addAll(List.of(dup)));
            }
        }
    }

    @Test
    void hooksSeeIdsAndAPreHookVetoes() throws Exception {
        final List<String> seen = new ArrayList<>();
        final List<String> warnings = TestVaults.warnings();
        final VaultHook recorder = new VaultHook() {
            @Override
            public void before(final VaultEvent event) throws IOException {
                seen.add("before " + event.change());
                if (event.change() == VaultChange.REMOVE) {
                    throw new IOException("removal forbidden");
                }
            }

            @Override
            public void after(final VaultEvent event) throws IOException {
                seen.add("after " + event.change() + " " + event.entryId().map(EntryId::value).orElse("-"));
                if (event.change() == VaultChange.MOVE) {
                    throw new IOException("push failed");
                }
            }
        };
        final VaultOptions options = TestVaults.collecting(options(root), warnings).withHook(recorder);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry e = entry("zebra-secret\n")) {
            final Vault vault = created.vault();
            final EntryId id = vault.add("alpha-name", e);
            assertEquals(List.of("before ADD", "after ADD " + id), seen);
            final HookRejectedException vetoed = assertThrows(HookRejectedException.class, () -> vault.remove("alpha-name"));
            assertTrue(vetoed.getMessage().contains("removal forbidden"));
            assertEquals(id, vault.resolve("alpha-name"), "vetoed change wrote nothing");
            vault.move("alpha-name", "beta-name");
            assertEquals(id, vault.resolve("beta-name"), "failed post-hook keeps the change");
            assertEquals(List.of("Post-hook failed after [MOVE]: push failed"), warnings);
            assertFalse(seen.stream().anyMatch(line -> line.contains("zebra") || line.contains("-name")),
                    "events carry no content");
        }
    }

    @Test
    void openingTwiceInOneProcessSharesTheLock() throws Exception {
        final VaultOptions options = options(root);
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Vault second = Vaults.open(options, passphrase());
             Entry a = entry("a\n"); Entry b = entry("b\n")) {
            created.vault().add("a", a);
            second.add("b", b);
            assertEquals(List.of("a", "b"), names(created.vault().list()));
            assertEquals(List.of("a", "b"), names(second.list()));
        }
    }

    /** Returns the names of a listing. */
    private static List<String> names(final Listing listing) {
        return listing.entries().stream().map(EntrySummary::name).toList();
    }

    /** Unlocks the test device's key as an identity. */
    record PassphraseIdentity(VaultOptions options) {
        /** Returns the device identity. */
        AgeIdentity identity() throws IOException, GeneralSecurityException {
            try (SecretBytes encoded = Vaults.exportDeviceIdentity(options, passphrase())) {
                return AgeIdentity.parse(encoded);
            }
        }
    }
}
