package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.GeneratedDeviceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The age-plugin bridge against a fake {@code age-plugin-fake} script on the PATH, down to unlocking a vault. */
class AgePluginDeviceTest {
    private static final String IDENTITY = "AGE-PLUGIN-FAKE-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGP";
    private static final String RECIPIENT = "age1fake1qyqszqgpqyqszqgpqyqszqgp";

    @TempDir
    Path root;

    private Path bin;
    private Path identityFile;

    @BeforeEach
    void installFakePlugin() throws IOException {
        bin = Files.createDirectories(root.resolve("bin"));
        try (InputStream script = AgePluginDeviceTest.class.getResourceAsStream("age-plugin-fake")) {
            Files.copy(script, bin.resolve("age-plugin-fake"));
        }
        Files.setPosixFilePermissions(bin.resolve("age-plugin-fake"), PosixFilePermissions.fromString("rwx------"));
        identityFile = Files.writeString(root.resolve("fake-identity.txt"),
                "# created by age-plugin-fake\n#    Recipient: " + RECIPIENT + "\n" + IDENTITY + "\n");
    }

    private Map<String, String> environment(final String identity) {
        return Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "FAKE_PLUGIN_IDENTITY", identity);
    }

    private VaultCli cli() {
        return VaultCli.in(root).withEnv("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .withEnv("FAKE_PLUGIN_IDENTITY", IDENTITY);
    }

    @Test
    void aVaultUnlocksThroughTheFakePluginWithoutAPassphrase() throws IOException {
        final VaultCli cli = cli();
        final VaultCli.Result init = cli.init("--age-plugin-identity", identityFile.toString());
        assertEquals(0, init.exitCode(), init::describe);
        final Path deviceKey;
        try (Stream<Path> keys = Files.list(cli.home().resolve("vault-devices"))) {
            deviceKey = keys.filter(path -> path.toString().endsWith(".key")).findFirst().orElseThrow();
        }
        final String stored = Files.readString(deviceKey, StandardCharsets.US_ASCII);
        assertTrue(stored.startsWith(AgePluginDeviceKeyBackend.MAGIC + "plugin: fake\nidentity: " + IDENTITY
                + "\nrecipient: " + RECIPIENT + "\n-> fake-stanza tag1\n"), stored);

        final VaultCli noPassphrase = cli.withoutPassphrase();
        final VaultCli.Result added = noPassphrase.withStdin("s3cret\n").vault("add", "site", "--stdin");
        assertEquals(0, added.exitCode(), added::describe);
        final VaultCli.Result shown = noPassphrase.vault("show", "site");
        assertEquals(0, shown.exitCode(), shown::describe);
        assertEquals("s3cret\nname: site\n", shown.out());

        final VaultCli.Result denied = noPassphrase.withEnv("FAKE_PLUGIN_DENY", "1").vault("show", "site");
        assertEquals(ExitCodes.PASSPHRASE, denied.exitCode(), denied::describe);
        assertTrue(denied.err().contains("cipherpost: age-plugin-fake: touch refused"), denied::describe);
        assertTrue(denied.err().contains("age plugin [fake] did not unwrap the device key"), denied::describe);
        assertFalse(denied.out().contains("s3cret"));

        final VaultCli.Result otherIdentity = noPassphrase.withEnv("FAKE_PLUGIN_IDENTITY", "AGE-PLUGIN-FAKE-1OTHER")
                .vault("show", "site");
        assertEquals(ExitCodes.PASSPHRASE, otherIdentity.exitCode(), otherIdentity::describe);

        final VaultCli.Result noPlugin = noPassphrase.withEnv("PATH", "/usr/bin:/bin").vault("show", "site");
        assertEquals(ExitCodes.GENERIC, noPlugin.exitCode(), noPlugin::describe);
        assertTrue(noPlugin.err().contains("age plugin [age-plugin-fake] not found on PATH"), noPlugin::describe);
    }

    @Test
    void passphraseVaultsAreUntouchedByTheProbe() {
        final VaultCli cli = cli();
        assertEquals(0, cli.init().exitCode());
        assertEquals(0, cli.withStdin("pw\n").vault("add", "x", "--stdin").exitCode());
        assertEquals("pw\nname: x\n", cli.vault("show", "x").out());
        final VaultCli.Result wrong = cli.withEnv("CIPHERPOST_PASSPHRASE", "wrong").vault("show", "x");
        assertEquals(ExitCodes.PASSPHRASE, wrong.exitCode(), wrong::describe);
    }

    @Test
    void aStoredKeyRoundTripsAndATamperedOneDoesNotUnlock() throws Exception {
        final AgePluginClient client = new AgePluginClient("fake", environment(IDENTITY), text -> { });
        final AgePluginDeviceKeyBackend backend = new AgePluginDeviceKeyBackend(
                AgePluginIdentity.parse(Files.readAllBytes(identityFile)), client);
        final byte[] stored;
        final String recipient;
        final GeneratedDeviceKey generated = backend.generate(SecretBytes.wrap(new byte[0]), Argon2Params.DEFAULT);
        try (DeviceKey key = generated.key()) {
            stored = generated.stored();
            recipient = key.recipient().encoded();
        }
        assertTrue(backend.recognizes(stored));
        try (DeviceKey again = backend.unlock(stored, SecretBytes.wrap(new byte[0]))) {
            assertEquals(recipient, again.recipient().encoded());
        }
        final String text = new String(stored, StandardCharsets.US_ASCII);
        final int seal = text.lastIndexOf("--- ") + 4;
        final byte[] sealed = java.util.Base64.getDecoder().decode(text.substring(seal).strip());
        sealed[sealed.length - 1] ^= 1;
        final byte[] tampered = (text.substring(0, seal) + java.util.Base64.getEncoder().withoutPadding()
                .encodeToString(sealed) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThrows(GeneralSecurityException.class, () -> backend.unlock(tampered, SecretBytes.wrap(new byte[0])));
        final byte[] otherRecipient = text.replace("recipient: " + RECIPIENT, "recipient: " + RECIPIENT + "q")
                .getBytes(StandardCharsets.US_ASCII);
        assertThrows(GeneralSecurityException.class,
                () -> backend.unlock(otherRecipient, SecretBytes.wrap(new byte[0])), "the header is authenticated");
        final byte[] otherHeader = new String(stored, StandardCharsets.US_ASCII).replace("tag1", "tag2")
                .getBytes(StandardCharsets.US_ASCII);
        assertThrows(GeneralSecurityException.class, () -> backend.unlock(otherHeader, SecretBytes.wrap(new byte[0])));
    }

    @Test
    void identityFilesNeedOneIdentityAndItsRecipient() throws IOException {
        final AgePluginIdentity parsed = AgePluginIdentity.parse(Files.readAllBytes(identityFile));
        assertEquals(new AgePluginIdentity("fake", IDENTITY, RECIPIENT), parsed);
        assertFalse(parsed.toString().contains(IDENTITY), "the identity is not printed");
        for (final String bad : List.of(IDENTITY + "\n", "# recipient: " + RECIPIENT + "\n",
                "# recipient: " + RECIPIENT + "\n" + IDENTITY + "\n" + IDENTITY + "\n")) {
            assertThrows(IOException.class, () -> AgePluginIdentity.parse(bad.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
