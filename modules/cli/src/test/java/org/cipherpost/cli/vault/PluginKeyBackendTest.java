package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Stream;
import org.cipherpost.api.AgeStanza;
import org.cipherpost.api.DeviceInfo;
import org.cipherpost.api.KeyBackend;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin key backend (an in-process fake token) holding a vault's device key through the adapter. */
class PluginKeyBackendTest {
    @TempDir
    Path root;

    /** A token that "wraps" by XOR with a secret it never hands out, and can be unplugged. */
    private static class FakeToken implements KeyBackend {
        private final byte[] secret = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private boolean present = true;
        private int unwraps;

        @Override
        public String name() {
            return "fake-token";
        }

        @Override
        public List<DeviceInfo> listDevices() {
            return List.of(new DeviceInfo("serial-7:slot-82", "token", "fake1recipient"));
        }

        @Override
        public DeviceInfo createDevice(final String label) {
            return new DeviceInfo("serial-7:slot-82", label, "fake1recipient");
        }

        @Override
        public DeviceInfo loadDevice(final String deviceId) {
            return listDevices().getFirst();
        }

        @Override
        public AgeStanza wrap(final String deviceId, final byte[] fileKey) {
            return new AgeStanza("fake-token", List.of(deviceId), xor(fileKey));
        }

        @Override
        public byte[] unwrap(final String deviceId, final AgeStanza stanza) throws IOException, GeneralSecurityException {
            if (!present) {
                throw new IOException("token [serial-7] not present");
            }
            if (!stanza.type().equals("fake-token") || !stanza.arguments().equals(List.of(deviceId))) {
                throw new GeneralSecurityException("stanza not for this token");
            }
            unwraps++;
            return xor(stanza.body());
        }

        private byte[] xor(final byte[] in) {
            final byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = (byte) (in[i] ^ secret[i % secret.length]);
            }
            return out;
        }
    }

    @Test
    void aVaultInitialisedOnTheTokenOpensOnlyWithIt() throws Exception {
        final FakeToken token = new FakeToken();
        final Provided<KeyBackend> provided = new Provided<>("fake-token-plugin 1.0", token);
        final VaultOptions options = VaultOptions.of(root.resolve("vault"), root.resolve("home"))
                .withArgon2(new org.cipherpost.crypto.Argon2Params(8192, 1, 1))
                .withBackend(new PluginKeyBackend(provided, "laptop"));
        try (SecretBytes pass = SecretBytes.copyOf("recovery only".getBytes(StandardCharsets.UTF_8));
             InitializedVault created = Vaults.init(options, pass, null, "laptop")) {
            created.vault().add("mail", Entry.parse("secret\n".getBytes(StandardCharsets.UTF_8)));
        }
        final Path deviceKey;
        try (Stream<Path> keys = Files.list(root.resolve("home").resolve("vault-devices"))) {
            deviceKey = keys.filter(path -> path.toString().endsWith(".key")).findFirst().orElseThrow();
        }
        final byte[] stored = Files.readAllBytes(deviceKey);
        assertTrue(PluginKeyBackend.isStored(stored));
        assertEquals("fake-token", PluginKeyBackend.backendOf(stored));
        assertTrue(new String(stored, StandardCharsets.US_ASCII).contains("device: serial-7:slot-82\n"));

        final VaultOptions reopen = options.withBackend(new PluginKeyBackend(provided, ""));
        try (Vault vault = Vaults.open(reopen, SecretBytes.wrap(new byte[0]));
             Entry entry = vault.get("mail");
             SecretBytes secret = entry.secret()) {
            assertEquals("secret", new String(secret.bytes(), StandardCharsets.UTF_8));
        }
        assertEquals(1, token.unwraps);

        token.present = false;
        final IOException absent = assertThrows(IOException.class,
                () -> Vaults.open(reopen, SecretBytes.wrap(new byte[0])).close());
        assertEquals("key backend [fake-token-plugin 1.0] unwrap: token [serial-7] not present", absent.getMessage());
    }

    @Test
    void aBackendThatThrowsIsNamedWithoutItsMessage() {
        final KeyBackend broken = new FakeToken() {
            @Override
            public DeviceInfo createDevice(final String label) {
                throw new IllegalStateException("internal detail");
            }
        };
        final PluginKeyBackend adapter = new PluginKeyBackend(new Provided<>("broken 2", broken), "laptop");
        final IOException failed = assertThrows(IOException.class,
                () -> adapter.generate(SecretBytes.wrap(new byte[0]), org.cipherpost.crypto.Argon2Params.DEFAULT));
        assertEquals("key backend [broken 2] failed during createDevice (java.lang.IllegalStateException)",
                failed.getMessage());
        assertFalse(failed.getMessage().contains("internal detail"));
    }

    @Test
    void aBackendThatCannotWrapIsRefused() {
        final KeyBackend unwrapOnly = new KeyBackend() {
            @Override
            public String name() {
                return "unwrap-only";
            }

            @Override
            public List<DeviceInfo> listDevices() {
                return List.of();
            }

            @Override
            public DeviceInfo createDevice(final String label) {
                return new DeviceInfo("d", label, "r");
            }

            @Override
            public DeviceInfo loadDevice(final String deviceId) {
                return createDevice("x");
            }

            @Override
            public byte[] unwrap(final String deviceId, final AgeStanza stanza) {
                return new byte[16];
            }
        };
        final PluginKeyBackend adapter = new PluginKeyBackend(new Provided<>("old 1", unwrapOnly), "laptop");
        final GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> adapter.generate(SecretBytes.wrap(new byte[0]), org.cipherpost.crypto.Argon2Params.DEFAULT));
        assertTrue(refused.getMessage().contains("cannot wrap file keys"), refused.getMessage());
    }

    @Test
    void initWithAnUnknownKeyBackendSaysSo() {
        final VaultCli cli = VaultCli.in(root);
        final VaultCli.Result init = cli.init("--key-backend", "yubikey");
        assertEquals(ExitCodes.GENERIC, init.exitCode(), init::describe);
        assertTrue(init.err().contains("no plugin provides key backend [yubikey]; no key backend is installed"),
                init::describe);
        assertFalse(Files.exists(cli.vault().resolve("vault.manifest")));
    }
}
