package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault attach, detach, import} in process, importing from stores made by the real age and gpg. */
class VaultFileCommandsTest {
    @TempDir
    Path root;

    private VaultCli cli;

    @BeforeEach
    void initVault() {
        cli = VaultCli.in(root);
        assertEquals(0, cli.init().exitCode());
    }

    @Test
    void attachAndDetachRoundTripAThreeMebibyteFile() throws IOException {
        final byte[] content = new byte[3 << 20];
        new Random(42).nextBytes(content);
        final Path file = Files.write(root.resolve("blob.bin"), content);
        final VaultCli.Result attached = cli.vault("attach", "blob", file.toString());
        assertEquals(0, attached.exitCode(), attached::describe);
        assertFalse(attached.err().contains("\r"), "no progress bar when stderr is not a terminal");

        final Path out = root.resolve("out.bin");
        final VaultCli.Result detached = cli.vault("detach", "blob", out.toString());
        assertEquals(0, detached.exitCode(), detached::describe);
        assertArrayEquals(content, Files.readAllBytes(out));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(cli.vault("ls").out().contains("blob  [file, 3145728 bytes]"));

        final VaultCli.Result exists = cli.vault("detach", "blob", out.toString());
        assertEquals(ExitCodes.GENERIC, exists.exitCode(), exists::describe);
        assertTrue(exists.err().contains("--force"), exists::describe);
        assertEquals(0, cli.vault("detach", "blob", out.toString(), "--force").exitCode());

        final VaultCli.Result toStdout = cli.vault("detach", "blob", "-");
        assertArrayEquals(content, toStdout.stdout());
    }

    @Test
    void aTamperedAttachmentLeavesNoFileBehind() throws IOException {
        final Path file = Files.write(root.resolve("small.bin"), "attached content".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, cli.vault("attach", "small", file.toString()).exitCode());
        try (var blobs = Files.list(cli.vault().resolve("blobs"))) {
            final Path blob = blobs.findFirst().orElseThrow();
            final byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length - 5] ^= 1;
            Files.write(blob, bytes);
        }
        final Path out = root.resolve("out.bin");
        final VaultCli.Result detached = cli.vault("detach", "small", out.toString());
        assertEquals(ExitCodes.GENERIC, detached.exitCode(), detached::describe);
        assertTrue(detached.err().contains("tampered"), detached::describe);
        assertFalse(Files.exists(out));
        try (var left = Files.list(root)) {
            assertTrue(left.noneMatch(path -> path.getFileName().toString().startsWith(".out.bin")));
        }
    }

    @Test
    void importPassageStoreMadeWithTheAgeCli() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/age")), "age CLI not installed");
        final Path identities = root.resolve("identities");
        run(List.of("age-keygen", "-o", identities.toString()), null);
        final String recipient = Files.readAllLines(identities).stream().filter(line -> line.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        final Path store = Files.createDirectories(root.resolve("store/web"));
        run(List.of("age", "-r", recipient, "-o", store.resolve("mail.age").toString()), "pw-mail\nlogin: bob\n");
        run(List.of("age", "-r", recipient, "-o", root.resolve("store/bank.age").toString()), "pw-bank\n");
        Files.writeString(root.resolve("store/.age-recipients"), recipient + "\n");
        assertEquals(0, cli.withStdin("x\n").vault("add", "bank", "--stdin").exitCode());

        final VaultCli.Result imported = cli.withEnv("PASSAGE_IDENTITIES_FILE", identities.toString())
                .vault("import", "passage", root.resolve("store").toString());
        assertEquals(0, imported.exitCode(), imported::describe);
        assertTrue(imported.err().contains("skipped [bank]"), imported::describe);
        assertTrue(imported.err().contains("imported 1 entries, skipped 1"), imported::describe);
        assertEquals("pw-mail\nlogin: bob\nname: web/mail\n", cli.vault("show", "web/mail").out());
        assertEquals("x\nname: bank\n", cli.vault("show", "bank").out());

        final VaultCli.Result noIdentities = cli.withEnv("PASSAGE_IDENTITIES_FILE", root.resolve("none").toString())
                .vault("import", "passage", root.resolve("store").toString());
        assertEquals(ExitCodes.GENERIC, noIdentities.exitCode(), noIdentities::describe);
    }

    @Test
    void importPassageDecryptsInProcessWithPlainIdentitiesAndUsesTheAgeCliForOthers() throws Exception {
        final Path noTools = Files.createDirectory(root.resolve("no-tools"));
        final Path store = Files.createDirectories(root.resolve("bulk/site"));
        try (AgeIdentity identity = AgeIdentity.generate(); AgeIdentity stranger = AgeIdentity.generate();
             SecretBytes encoded = identity.encode()) {
            for (int i = 0; i < 40; i++) {
                Files.write(store.resolve("user-" + i + ".age"), Age.encrypt(("pw-" + i + "\nlogin: u" + i + "\n")
                        .getBytes(StandardCharsets.UTF_8), List.of(identity.recipient())));
            }
            final Path identities = root.resolve("identities");
            Files.write(identities, ("# created: today\n# public key: " + identity.recipient().encoded() + "\n\n"
                    + new String(encoded.bytes(), StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
            final VaultCli inProcess = cli.withEnv("PASSAGE_IDENTITIES_FILE", identities.toString())
                    .withEnv("PATH", noTools.toString());

            Files.write(root.resolve("bulk/stranger.age"), Age.encrypt("not ours\n".getBytes(StandardCharsets.UTF_8),
                    List.of(stranger.recipient())));
            final VaultCli.Result refused = inProcess.vault("import", "passage", root.resolve("bulk").toString());
            assertEquals(ExitCodes.PASSPHRASE, refused.exitCode(), refused::describe);
            assertTrue(refused.err().contains("cannot decrypt [stranger]"), refused::describe);
            assertEquals("", cli.vault("ls").out(), "nothing was imported");
            Files.delete(root.resolve("bulk/stranger.age"));

            final VaultCli.Result imported = inProcess.vault("import", "passage", root.resolve("bulk").toString());
            assertEquals(0, imported.exitCode(), imported::describe);
            assertTrue(imported.err().contains("imported 40 entries"), imported::describe);
            assertEquals("pw-17\nlogin: u17\nname: site/user-17\n", cli.vault("show", "site/user-17").out());

            Files.write(identities, ("AGE-PLUGIN-YUBIKEY-1QQQQQQ\n" + new String(encoded.bytes(), StandardCharsets.US_ASCII)
                    + "\n").getBytes(StandardCharsets.US_ASCII));
            Files.write(store.resolve("more.age"), Age.encrypt("pw\n".getBytes(StandardCharsets.UTF_8),
                    List.of(identity.recipient())));
            final VaultCli.Result needsAge = inProcess.vault("import", "passage", root.resolve("bulk").toString());
            assertEquals(ExitCodes.GENERIC, needsAge.exitCode(), needsAge::describe);
            assertTrue(needsAge.err().contains("age is not installed"), "plugin identities go to the age CLI: " + needsAge.err());
        }
    }

    @Test
    void importPassStoreMadeWithGnuPg() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gpg")), "gpg not installed");
        final Path gnupg = Files.createDirectory(root.resolve("g"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        final VaultCli gpgCli = cli.withEnv("GNUPGHOME", gnupg.toString());
        run(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", "test@example.org", "default", "default", "never"), null);
        final Path store = Files.createDirectories(root.resolve("pass"));
        Files.writeString(store.resolve(".gpg-id"), "test@example.org\n");
        run(List.of("gpg", "--homedir", gnupg.toString(), "--batch", "--yes", "--trust-model", "always", "-r",
                "test@example.org", "-o", store.resolve("shop.gpg").toString(), "-e"), "pw-shop\nurl: https://shop.example\n");
        try {
            final VaultCli.Result imported = gpgCli.vault("import", "pass", store.toString());
            assertEquals(0, imported.exitCode(), imported::describe);
            assertEquals("pw-shop\nurl: https://shop.example\nname: shop\n", cli.vault("show", "shop").out());

            Files.write(store.resolve("broken.gpg"), new byte[] {1, 2, 3});
            final VaultCli.Result broken = gpgCli.vault("import", "pass", store.toString());
            assertEquals(ExitCodes.PASSPHRASE, broken.exitCode(), broken::describe);
            assertTrue(broken.err().contains("cannot decrypt [broken]"), broken::describe);
        } finally {
            run(List.of("gpgconf", "--homedir", gnupg.toString(), "--kill", "all"), null);
        }
    }

    /** Runs a tool with optional standard input and fails the test when it fails. */
    private static void run(final List<String> command, final String stdin) throws Exception {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), () -> command + " timed out");
        assertEquals(0, process.exitValue(), () -> command + ": " + output);
    }
}
