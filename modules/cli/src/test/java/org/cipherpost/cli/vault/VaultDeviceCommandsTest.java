package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.FakeTerminal;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault join, device add|ls|revoke, share, recover} in process, with a second home as a second device. */
class VaultDeviceCommandsTest {
    @TempDir
    Path root;

    private VaultCli laptop;
    private String recoveryCode;

    @BeforeEach
    void initVault() {
        laptop = VaultCli.in(root);
        final VaultCli.Result init = laptop.init("--name", "laptop");
        assertEquals(0, init.exitCode(), init::describe);
        recoveryCode = init.out().strip();
        assertEquals(0, laptop.withStdin("pw\n").vault("add", "mail", "--stdin").exitCode());
    }

    /** A second device: same vault directory, its own home. */
    private VaultCli phone() {
        return laptop.withEnv("CIPHERPOST_HOME", root.resolve("phone-home").toString())
                .withEnv("CIPHERPOST_PASSPHRASE", "phone passphrase");
    }

    @Test
    void joinAddUseAndRevokeADevice() {
        final VaultCli phone = phone();
        final VaultCli.Result notYet = phone.vault("show", "mail");
        assertEquals(ExitCodes.GENERIC, notYet.exitCode(), notYet::describe);
        assertTrue(notYet.err().contains("vault join"), notYet::describe);

        final List<String> fast = VaultCli.FAST_KDF;
        final VaultCli.Result joined = phone.vault("join", fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(0, joined.exitCode(), joined::describe);
        final String recipient = joined.out().strip();
        assertTrue(recipient.startsWith("age1"), joined::describe);
        final VaultCli.Result waiting = phone.vault("show", "mail");
        assertEquals(ExitCodes.PASSPHRASE, waiting.exitCode(), waiting::describe);

        final VaultCli.Result added = laptop.vault("device", "add", recipient, "--name", "phone");
        assertEquals(0, added.exitCode(), added::describe);
        final String phoneId = added.out().strip();
        assertEquals("pw\nname: mail\n", phone.vault("show", "mail").out());

        final VaultCli.Result listed = laptop.vault("device", "ls");
        assertEquals(2, listed.out().lines().count(), listed::describe);
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith("  " + phoneId) && line.endsWith("phone")), listed::describe);
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith("* ") && line.endsWith("laptop")), listed::describe);
        assertTrue(laptop.vault("device", "ls", "--json").out().contains("\"current\" : true"));

        final VaultCli.Result self = phone.vault("device", "revoke", listed.out().lines()
                .filter(line -> line.startsWith("* ")).findFirst().orElseThrow().substring(2, 14));
        assertEquals(0, self.exitCode(), "the phone may revoke the laptop: " + self.describe());
        final VaultCli.Result laptopGone = laptop.vault("show", "mail");
        assertEquals(ExitCodes.PASSPHRASE, laptopGone.exitCode(), laptopGone::describe);
        assertEquals("pw\nname: mail\n", phone.vault("show", "mail").out());

        final VaultCli.Result unknown = phone.vault("device", "revoke", "000000000000");
        assertEquals(ExitCodes.GENERIC, unknown.exitCode(), unknown::describe);
        assertEquals(ExitCodes.USAGE, laptop.vault("device", "add", "not-a-recipient").exitCode());
    }

    @Test
    void shareGrantsOneEntryToAnotherAgeKey() throws Exception {
        assertEquals(0, laptop.withStdin("other\n").vault("add", "other", "--stdin").exitCode());
        try (AgeIdentity friend = AgeIdentity.generate()) {
            final VaultCli.Result shared = laptop.vault("share", "mail", "--with", friend.recipient().encoded());
            assertEquals(0, shared.exitCode(), shared::describe);
            final String keyFile = shared.err().substring(shared.err().indexOf("keys/")).strip();
            final byte[] wrapped = Files.readAllBytes(laptop.vault().resolve(keyFile));
            final String id = keyFile.substring("keys/".length(), keyFile.length() - ".key".length());
            try (SecretBytes entryKeyFile = Age.decrypt(wrapped, List.of(friend));
                 AgeIdentity entryKey = AgeIdentity.parse(SecretBytes.copyOf(lastLine(entryKeyFile)));
                 SecretBytes entry = Age.decrypt(Files.readAllBytes(laptop.vault().resolve("entries/" + id + ".age")),
                         List.of(entryKey))) {
                assertEquals("pw\nname: mail\n", new String(entry.bytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(ExitCodes.USAGE, laptop.vault("share", "mail").exitCode());
    }

    @Test
    void recoverOnANewDeviceFromTheCodeFile() throws Exception {
        final Path codeFile = root.resolve("code.txt");
        Files.writeString(codeFile, recoveryCode.toLowerCase(java.util.Locale.ROOT).replace("-", " ") + "\n");
        Files.setPosixFilePermissions(codeFile, PosixFilePermissions.fromString("rw-r--r--"));
        final VaultCli fresh = laptop.withEnv("CIPHERPOST_HOME", root.resolve("new-home").toString());
        final List<String> fast = VaultCli.FAST_KDF;
        final VaultCli.Result open = fresh.vault("recover", "--code-file", codeFile.toString(), "--name", "new");
        assertEquals(ExitCodes.PASSPHRASE, open.exitCode(), open::describe);
        assertTrue(open.err().contains("0600 or 0400"), open::describe);
        Files.setPosixFilePermissions(codeFile, PosixFilePermissions.fromString("rw-------"));

        final VaultCli.Result wrong = fresh.withEnv("CIPHERPOST_PASSPHRASE", "nope")
                .vault("recover", "--code-file", codeFile.toString(), fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(ExitCodes.PASSPHRASE, wrong.exitCode(), wrong::describe);

        final VaultCli.Result recovered = fresh.vault("recover", "--code-file", codeFile.toString(), "--name", "new",
                fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(0, recovered.exitCode(), recovered::describe);
        assertTrue(recovered.err().contains("(new)"), recovered::describe);
        assertEquals("pw\nname: mail\n", fresh.vault("show", "mail").out());
        assertEquals(2, fresh.vault("device", "ls").out().lines().count());
    }

    @Test
    void recoverPromptsForTheCodeAndBothPassphrasesOnTheTerminal() {
        final List<String> fast = VaultCli.FAST_KDF;
        final FakeTerminal terminal = new FakeTerminal(true, recoveryCode, VaultCli.PASSPHRASE, "new one", "new one");
        final VaultCli fresh = laptop.withEnv("CIPHERPOST_HOME", root.resolve("new-home").toString()).withoutPassphrase()
                .withTerminal(terminal);
        final VaultCli.Result recovered = fresh.vault("recover", fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(0, recovered.exitCode(), recovered::describe);
        assertEquals(List.of("Recovery code: ", "Passphrase for the recovery code: ",
                "Passphrase for this device's new vault key: ", "Repeat passphrase: "), terminal.prompts());
        assertEquals("pw\nname: mail\n", fresh.withEnv("CIPHERPOST_PASSPHRASE", "new one").vault("show", "mail").out());
    }

    @Test
    void aRecoveryPassphraseOfItsOwnFromAFileOrTheTerminal() throws Exception {
        final List<String> fast = VaultCli.FAST_KDF;
        final Path recoveryFile = root.resolve("recovery.txt");
        Files.writeString(recoveryFile, "recovery only\n");
        Files.setPosixFilePermissions(recoveryFile, PosixFilePermissions.fromString("rw-------"));
        final VaultCli other = laptop.withEnv("CIPHERPOST_HOME", root.resolve("other-home").toString())
                .withEnv("CIPHERPOST_VAULT", root.resolve("other-vault").toString());
        final VaultCli.Result created = other.init("--recovery-passphrase-file", recoveryFile.toString());
        assertEquals(0, created.exitCode(), created::describe);
        assertTrue(created.err().contains("with the Recovery Passphrase (not the passphrase of this device)"), created::describe);
        final Path codeFile = root.resolve("other-code.txt");
        Files.writeString(codeFile, created.out());
        Files.setPosixFilePermissions(codeFile, PosixFilePermissions.fromString("rw-------"));
        final VaultCli fresh = other.withEnv("CIPHERPOST_HOME", root.resolve("other-new-home").toString());
        final VaultCli.Result withPrimary = fresh.vault("recover", "--code-file", codeFile.toString(),
                fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(ExitCodes.PASSPHRASE, withPrimary.exitCode(), "the primary passphrase no longer opens the code");
        final VaultCli.Result recovered = fresh.vault("recover", "--code-file", codeFile.toString(),
                "--recovery-passphrase-file", recoveryFile.toString(), fast.get(0), fast.get(1), fast.get(2), fast.get(3));
        assertEquals(0, recovered.exitCode(), recovered::describe);
        assertEquals(2, fresh.vault("device", "ls").out().lines().count(), "the new device uses the primary passphrase");

        Files.setPosixFilePermissions(recoveryFile, PosixFilePermissions.fromString("rw-r--r--"));
        final VaultCli.Result open = other.withEnv("CIPHERPOST_VAULT", root.resolve("third").toString())
                .init("--recovery-passphrase-file", recoveryFile.toString());
        assertEquals(ExitCodes.PASSPHRASE, open.exitCode(), open::describe);

        final FakeTerminal terminal = new FakeTerminal(true, "typed", "typed", "y", "typed recovery", "typed recovery");
        final VaultCli typed = laptop.withEnv("CIPHERPOST_HOME", root.resolve("typed-home").toString())
                .withEnv("CIPHERPOST_VAULT", root.resolve("typed-vault").toString()).withoutPassphrase().withTerminal(terminal);
        final VaultCli.Result asked = typed.init();
        assertEquals(0, asked.exitCode(), asked::describe);
        assertEquals(List.of("Passphrase for the new vault: ", "Repeat passphrase: ",
                "Use a different passphrase for the recovery code (the Recovery Passphrase)? [y/N]: ",
                "Recovery Passphrase: ", "Repeat Recovery Passphrase: "), terminal.prompts());
        final FakeTerminal declined = new FakeTerminal(true, "typed", "typed", "");
        final VaultCli.Result same = laptop.withEnv("CIPHERPOST_HOME", root.resolve("same-home").toString())
                .withEnv("CIPHERPOST_VAULT", root.resolve("same-vault").toString()).withoutPassphrase().withTerminal(declined)
                .init();
        assertEquals(0, same.exitCode(), same::describe);
        assertTrue(same.err().contains("with the passphrase it restores"), same::describe);
    }

    /** Returns the last non-empty line of a key file (the AGE-SECRET-KEY line). */
    private static byte[] lastLine(final SecretBytes text) {
        final String[] lines = new String(text.bytes(), StandardCharsets.US_ASCII).strip().split("\n");
        return lines[lines.length - 1].getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void exportKeyWritesAPrivateIdentityFileThatOpensTheVaultAndNothingElse() throws Exception {
        final Path file = root.resolve("device.txt");
        final VaultCli.Result wrong = laptop.withEnv("CIPHERPOST_PASSPHRASE", "wrong").vault("device", "export-key",
                file.toString());
        assertEquals(ExitCodes.PASSPHRASE, wrong.exitCode(), wrong::describe);
        assertFalse(Files.exists(file), "nothing written on a wrong passphrase");

        final VaultCli.Result exported = laptop.vault("device", "export-key", file.toString());
        assertEquals(0, exported.exitCode(), exported::describe);
        assertEquals("", exported.out(), "the key goes to the file only");
        assertTrue(exported.err().contains("UNENCRYPTED"), exported::describe);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final byte[] content = Files.readAllBytes(file);
        // the file is an age identity file: it opens keyring.age, whose keyring opens the entry's key file
        try (SecretBytes identityFile = SecretBytes.wrap(content.clone());
             AgeIdentity device = AgeIdentity.parse(lineStarting(identityFile, "AGE-SECRET-KEY-"));
             SecretBytes keyring = Age.decrypt(Files.readAllBytes(laptop.vault().resolve("keyring.age")), List.of(device));
             AgeIdentity ring = AgeIdentity.parse(lineStarting(keyring, "AGE-SECRET-KEY-"))) {
            try (java.util.stream.Stream<Path> keys = Files.list(laptop.vault().resolve("keys"))) {
                for (final Path key : keys.toList()) {
                    Age.decrypt(Files.readAllBytes(key), List.of(ring)).close();
                }
            }
        }

        final VaultCli.Result again = laptop.vault("device", "export-key", file.toString());
        assertEquals(ExitCodes.GENERIC, again.exitCode(), again::describe);
        assertTrue(again.err().contains("exists"), again::describe);
        assertArrayEquals(content, Files.readAllBytes(file), "an existing file is left alone");
        assertEquals(0, laptop.vault("device", "export-key", file.toString(), "--force").exitCode());
        final VaultCli.Result noDirectory = laptop.vault("device", "export-key", root.resolve("none/x.txt").toString());
        assertEquals(ExitCodes.GENERIC, noDirectory.exitCode(), noDirectory::describe);
    }

    /** Returns the first line of a secret text that starts with a prefix, as a secret. */
    private static SecretBytes lineStarting(final SecretBytes text, final String prefix) {
        final byte[] bytes = text.bytes();
        final byte[] wanted = prefix.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + wanted.length <= bytes.length; at++) {
            if ((at == 0 || bytes[at - 1] == '\n') && java.util.Arrays.equals(bytes, at, at + wanted.length, wanted, 0,
                    wanted.length)) {
                int end = at;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                return SecretBytes.copyOf(bytes, at, end - at);
            }
        }
        throw new AssertionError("no line starting with " + prefix);
    }
}
