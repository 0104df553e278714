package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.api.ChangeKind;
import org.cipherpost.api.StorageEvent;
import org.cipherpost.api.StorageHistory;
import org.cipherpost.api.StorageHook;
import org.cipherpost.api.StoredVersion;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.HookRejectedException;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin storage hooks and histories wired into a real vault, with an in-memory history standing in for git. */
class PluginHooksTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path root;

    private VaultCli cli;

    @BeforeEach
    void initVault() {
        cli = VaultCli.in(root);
        assertEquals(0, cli.init().exitCode());
    }

    @Test
    void threeEditsAreThreeVersionsEachDecryptedWithTheCurrentKey() throws Exception {
        final RecordingHistory history = new RecordingHistory();
        final List<String> warnings = new ArrayList<>();
        try (Vault vault = open(history, warnings)) {
            vault.add("mail", entry("first secret\nusername: alice\n"));
            vault.edit("mail", entry("second secret\nusername: alice\n"));
            vault.edit("mail", entry("third secret\nusername: alice\n"));
            final EntryId id = vault.resolve("mail");

            assertEquals(List.of(ChangeKind.ADD, ChangeKind.EDIT, ChangeKind.EDIT),
                    history.events.stream().map(StorageEvent::kind).toList());
            assertTrue(history.events.stream().allMatch(event -> event.entryId().equals(id.value())
                    && event.vaultDirectory().equals(cli.vault()) && event.at().equals(NOW)));
            assertFalse(history.events.toString().contains("mail"), "no name reaches a hook");

            final VaultVersions versions = new VaultVersions(new Provided<>("fake-history 1", history), vault);
            assertEquals(3, versions.versions(id).size());
            assertEquals("first secret\nusername: alice\nname: mail\n", text(versions.get("mail", 1)));
            assertEquals("second secret\nusername: alice\nname: mail\n", text(versions.get("mail", 2)));
            assertEquals("third secret\nusername: alice\nname: mail\n", text(versions.get("mail", 3)));
            final CliException missing = assertThrows(CliException.class, () -> versions.get("mail", 4));
            assertTrue(missing.getMessage().contains("versions [1..3], not [4]"), missing.getMessage());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aVersionOfAnotherEntryDoesNotDecrypt() throws Exception {
        final RecordingHistory history = new RecordingHistory();
        try (Vault vault = open(history, new ArrayList<>())) {
            vault.add("a", entry("secret a\n"));
            vault.add("b", entry("secret b\n"));
            final byte[] ofA = Files.readAllBytes(cli.vault().resolve(VaultVersions.entryFile(vault.resolve("a"))));
            assertThrows(java.security.GeneralSecurityException.class,
                    () -> vault.getVersion(vault.resolve("b"), ofA).close());
        }
    }

    @Test
    void aVetoNamesThePluginAndStopsTheChange() throws Exception {
        final StorageHook veto = new StorageHook() {
            @Override
            public void beforeChange(final StorageEvent event) throws IOException {
                throw new IOException("read-only\u001b[31m today");
            }

            @Override
            public void afterChange(final StorageEvent event) {
            }
        };
        try (Vault vault = Vaults.open(options(List.of(new Provided<>("veto 2.0", veto)), new ArrayList<>()),
                passphrase())) {
            final HookRejectedException rejected = assertThrows(HookRejectedException.class,
                    () -> vault.add("x", entry("s\n")));
            assertTrue(rejected.getMessage().contains("plugin [veto 2.0] refused the change: read-only?[31m today"),
                    rejected.getMessage());
            assertTrue(vault.list().entries().isEmpty());
        }
    }

    @Test
    void aThrowingPostHookIsAWarningNamingThePluginNotItsMessage() throws Exception {
        final StorageHook broken = event -> {
            throw new IllegalStateException("secret-looking detail");
        };
        final List<String> warnings = new ArrayList<>();
        try (Vault vault = Vaults.open(options(List.of(new Provided<>("broken 1", broken)), warnings), passphrase())) {
            vault.add("x", entry("s\n"));
            assertEquals(1, vault.list().entries().size());
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("plugin [broken 1] failed after ADD (java.lang.IllegalStateException)"),
                warnings::toString);
        assertFalse(warnings.getFirst().contains("secret-looking"));
    }

    @Test
    void changeKindsMapOneToOneOrOntoTheirNearest() {
        assertEquals(ChangeKind.ADD, PluginHooks.kind(org.cipherpost.vault.VaultChange.ATTACH));
        assertEquals(ChangeKind.ADD, PluginHooks.kind(org.cipherpost.vault.VaultChange.COPY));
        assertEquals(ChangeKind.EDIT, PluginHooks.kind(org.cipherpost.vault.VaultChange.SHARE));
        assertEquals(ChangeKind.DEVICE_REVOKE, PluginHooks.kind(org.cipherpost.vault.VaultChange.DEVICE_REVOKE));
    }

    @Test
    void historyWithoutAHistoryPluginSaysWhichPluginKeepsIt() {
        final VaultCli.Result added = cli.withStdin("pw\n").vault("add", "site", "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        final VaultCli.Result history = cli.vault("history", "site");
        assertEquals(1, history.exitCode(), history::describe);
        assertTrue(history.err().contains("no plugin keeps vault history; the hook-git plugin does"),
                history::describe);
        final VaultCli.Result show = cli.vault("show", "site", "--version", "1");
        assertEquals(1, show.exitCode(), show::describe);
        assertTrue(show.err().contains("hook-git"), show::describe);
        assertEquals("pw\nname: site\n", cli.vault("show", "site").out());
    }

    private Vault open(final RecordingHistory history, final List<String> warnings) throws Exception {
        return Vaults.open(options(List.of(new Provided<>("fake-history 1", history)), warnings), passphrase());
    }

    private VaultOptions options(final List<Provided<StorageHook>> hooks, final List<String> warnings) {
        return VaultOptions.of(cli.vault(), cli.home()).withWarnings(warnings::add)
                .withHook(new PluginHooks(() -> hooks, cli.vault(), InstantSource.fixed(NOW)));
    }

    private static SecretBytes passphrase() {
        return SecretBytes.copyOf(VaultCli.PASSPHRASE.getBytes(StandardCharsets.UTF_8));
    }

    private static Entry entry(final String text) {
        return Entry.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(final Entry entry) throws IOException {
        try (entry) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            entry.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Keeps a copy of every entry file after each change, as git would. */
    private static final class RecordingHistory implements StorageHook, StorageHistory {
        private final List<StorageEvent> events = new ArrayList<>();
        private final List<String> files = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();

        @Override
        public void afterChange(final StorageEvent event) throws IOException {
            events.add(event);
            if (!event.entryId().isEmpty()) {
                final String file = "entries/" + event.entryId() + ".age";
                files.add(file);
                contents.add(Files.readAllBytes(event.vaultDirectory().resolve(file)));
            }
        }

        @Override
        public List<StoredVersion> versions(final Path vaultDirectory, final String file) {
            final List<StoredVersion> versions = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).equals(file)) {
                    versions.add(new StoredVersion(Integer.toString(i), NOW, events.get(i).kind().name()));
                }
            }
            return versions;
        }

        @Override
        public byte[] read(final Path vaultDirectory, final String file, final String revision) {
            return contents.get(Integer.parseInt(revision)).clone();
        }
    }
}
