package org.cipherpost.plugin.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.api.ChangeKind;
import org.cipherpost.api.StorageEvent;
import org.cipherpost.api.StoredVersion;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git hook on a plain directory standing in for a vault. */
final class GitStorageHookTest {
    private static final String ID = "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq";
    private static final String FILE = "entries/" + ID + ".age";
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path directory;

    private final GitStorageHook hook = new GitStorageHook();

    @BeforeEach
    void gitInit() throws Exception {
        Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call().close();
    }

    @Test
    void aDirectoryThatIsNotARepositoryIsLeftAlone(@TempDir final Path plain) throws Exception {
        Files.writeString(plain.resolve("vault.manifest"), "devices");
        hook.afterChange(new StorageEvent(ChangeKind.ADD, ID, plain, T0));
        assertFalse(Files.exists(plain.resolve(".git")));
        assertFalse(Files.exists(plain.resolve(".gitattributes")));
        assertEquals(List.of(), hook.versions(plain, FILE));
        assertThrows(IOException.class, () -> hook.read(plain, FILE, "0".repeat(40)));
    }

    @Test
    void everyChangeIsACommitNamingKindAndIdOnly() throws Exception {
        write(FILE, "version one");
        hook.afterChange(new StorageEvent(ChangeKind.ADD, ID, directory, T0));
        write(FILE, "version two");
        hook.afterChange(new StorageEvent(ChangeKind.EDIT, ID, directory, T0.plusSeconds(1)));
        write(FILE, "version three");
        hook.afterChange(new StorageEvent(ChangeKind.EDIT, ID, directory, T0.plusSeconds(2)));
        write("vault.manifest", "devices");
        hook.afterChange(new StorageEvent(ChangeKind.DEVICE_ADD, "", directory, T0.plusSeconds(3)));

        final List<String> messages = new ArrayList<>();
        try (Git git = Git.open(directory.toFile())) {
            for (final RevCommit commit : git.log().call()) {
                messages.add(commit.getFullMessage());
            }
            assertTrue(git.status().call().isClean(), "everything committed");
            assertTrue(git.getRepository().getConfig().getBoolean("diff", "cipherpost", "binary", false));
        }
        assertEquals(List.of("DEVICE_ADD", "EDIT " + ID, "EDIT " + ID, "ADD " + ID), messages);
        assertEquals(GitVault.GITATTRIBUTES, Files.readString(directory.resolve(".gitattributes")));

        final List<StoredVersion> versions = hook.versions(directory, FILE);
        assertEquals(List.of("ADD", "EDIT", "EDIT"), versions.stream().map(StoredVersion::change).toList());
        assertEquals(List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2)),
                versions.stream().map(StoredVersion::at).toList());
        assertArrayEquals(bytes("version one"), hook.read(directory, FILE, versions.get(0).revision()));
        assertArrayEquals(bytes("version two"), hook.read(directory, FILE, versions.get(1).revision()));
        assertArrayEquals(bytes("version three"), hook.read(directory, FILE, versions.get(2).revision()));
    }

    @Test
    void removalsAreCommittedAndLeftOutOfVersions() throws Exception {
        write(FILE, "one");
        write(".lock", "");
        hook.afterChange(new StorageEvent(ChangeKind.ADD, ID, directory, T0));
        Files.delete(directory.resolve(FILE));
        hook.afterChange(new StorageEvent(ChangeKind.REMOVE, ID, directory, T0.plusSeconds(1)));
        try (Git git = Git.open(directory.toFile())) {
            assertTrue(git.status().call().isClean());
            assertTrue(git.status().call().getIgnoredNotInIndex().contains(".lock"), "the lock file is ignored");
        }
        assertEquals(1, hook.versions(directory, FILE).size());
        assertThrows(IOException.class, () -> hook.read(directory, "keys/" + ID + ".key",
                hook.versions(directory, FILE).get(0).revision()));
    }

    @Test
    void noChangeNoCommitAndNoHistoryBeforeTheFirstCommit() throws Exception {
        assertEquals(List.of(), hook.versions(directory, FILE));
        write(FILE, "one");
        hook.afterChange(new StorageEvent(ChangeKind.ADD, ID, directory, T0));
        hook.afterChange(new StorageEvent(ChangeKind.EDIT, ID, directory, T0.plusSeconds(1)));
        assertEquals(1, hook.versions(directory, FILE).size());
    }

    @Test
    void pushesToTheConfiguredRemote(@TempDir final Path remote) throws Exception {
        try (Git bare = Git.init().setBare(true).setDirectory(remote.toFile()).call()) {
            write(FILE, "one");
            hook.afterChange(new StorageEvent(ChangeKind.ADD, ID, directory, T0));
            try (Git git = Git.open(directory.toFile())) {
                final FileBasedConfig config = (FileBasedConfig) git.getRepository().getConfig();
                config.setString("remote", "backup", "url", remote.toUri().toString());
                config.setString(GitVault.PUSH_SECTION, null, GitVault.PUSH_KEY, "backup");
                config.save();
            }
            write(FILE, "two");
            hook.afterChange(new StorageEvent(ChangeKind.EDIT, ID, directory, T0.plusSeconds(1)));
            try (Git git = Git.open(directory.toFile())) {
                assertEquals(git.getRepository().resolve("HEAD"), bare.getRepository().resolve("refs/heads/main"),
                        "the remote has the second commit");
            }
        }
    }

    @Test
    void refusesPathsOutsideTheVault() {
        assertThrows(IllegalArgumentException.class, () -> hook.versions(directory, "../x"));
        assertThrows(IllegalArgumentException.class, () -> hook.versions(directory, "/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> hook.read(directory, "entries/../../x", "0".repeat(40)));
    }

    private void write(final String file, final String text) throws IOException {
        final Path target = directory.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
