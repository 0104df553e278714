package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed init leaves nothing behind: no directories it created, no device key of a vault that does not exist. */
class VaultInitTest {
    @TempDir
    Path root;

    /** A key backend whose device cannot be created (a hardware token that is not plugged in). */
    private static final class AbsentToken implements DeviceKeyBackend {
        @Override
        public String name() {
            return "absent";
        }

        @Override
        public boolean recognizes(final byte[] stored) {
            return false;
        }

        @Override
        public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params) throws IOException {
            throw new IOException("No token found");
        }

        @Override
        public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws IOException {
            throw new IOException("No token found");
        }
    }

    @Test
    void aFailedInitLeavesNothingAndInitCanRunAgain() throws Exception {
        final Path home = root.resolve("home");
        final VaultOptions failing = TestVaults.options(home.resolve("vault"), home).withBackend(new AbsentToken());
        final IOException refused = assertThrows(IOException.class, () -> Vaults.init(failing, passphrase(), null, "x"));
        assertEquals("No token found", refused.getMessage());
        assertFalse(Files.exists(home), "the home it created is gone again");

        // an existing home keeps what it had; only what init created goes
        Files.createDirectories(home.resolve("identities"));
        assertThrows(IOException.class, () -> Vaults.init(failing, passphrase(), null, "x"));
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(home.resolve("identities")), left.toList());
        }
        try (InitializedVault created = Vaults.init(TestVaults.options(home.resolve("vault"), home), passphrase(), null,
                "x")) {
            assertTrue(Files.exists(home.resolve("vault").resolve("vault.manifest")));
            created.recoveryCode().close();
        }
    }
}
