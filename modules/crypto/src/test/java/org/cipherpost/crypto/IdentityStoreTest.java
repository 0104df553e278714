package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path temp;

    @Test
    void resolvesHomeFromEnvironment() {
        assertEquals(Path.of("/x/y"), IdentityStore.resolveHome(Map.of("CIPHERPOST_HOME", "/x/y", "HOME", "/h")));
        assertEquals(Path.of("/h/.cipherpost"), IdentityStore.resolveHome(Map.of("HOME", "/h")));
        assertEquals(Path.of("/h/.cipherpost"), IdentityStore.resolveHome(Map.of("CIPHERPOST_HOME", "", "HOME", "/h")));
    }

    @Test
    void createsPrivateDirectoriesAndFile() throws IOException {
        final Path home = temp.resolve("a/b/home");
        final IdentityStore store = new IdentityStore(home);
        assertNull(store.write(new byte[] {1, 2, 3}, false));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertArrayEquals(new byte[] {1, 2, 3}, store.read());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void refusesToOverwriteWithoutReplace() throws IOException {
        final IdentityStore store = new IdentityStore(temp);
        store.write(new byte[] {1}, false);
        assertThrows(FileAlreadyExistsException.class, () -> store.write(new byte[] {2}, false));
        assertArrayEquals(new byte[] {1}, store.read());
    }

    @Test
    void replaceKeepsABackup() throws IOException {
        final IdentityStore store = new IdentityStore(temp);
        store.write(new byte[] {1}, false);
        final Path backup = store.write(new byte[] {2}, true);
        assertNotNull(backup);
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(backup));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        assertArrayEquals(new byte[] {2}, store.read());
        final Path second = store.write(new byte[] {3}, true);
        assertTrue(!second.equals(backup), "backups never overwrite each other");
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(second));
    }

    @Test
    void refusesFilesOthersCanAccess() throws IOException {
        final IdentityStore store = new IdentityStore(temp);
        store.write(new byte[] {1}, false);
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        final InsecurePermissionsException e = assertThrows(InsecurePermissionsException.class, store::read);
        assertEquals("0644", e.mode());
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("r--------"));
        assertArrayEquals(new byte[] {1}, store.read());
    }

    @Test
    void reportsMissingFilesAndRefusesLinks() throws IOException {
        final IdentityStore store = new IdentityStore(temp);
        assertThrows(NoSuchFileException.class, store::read);
        final Path target = Files.createFile(temp.resolve("elsewhere"), PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
        Files.createSymbolicLink(store.file(), target);
        assertThrows(IOException.class, store::read);
    }

    @Test
    void refusesOversizedFiles() throws IOException {
        final IdentityStore store = new IdentityStore(temp);
        store.write(new byte[IdentityFile.MAXIMUM_SIZE + 1], false);
        assertThrows(IOException.class, store::read);
    }
}
