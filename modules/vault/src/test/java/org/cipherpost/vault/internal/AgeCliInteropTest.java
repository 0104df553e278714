package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.entry;
import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.InitializedVault;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No lock-in: the plain age CLI opens the vault with the exported device key, following docs/VAULT-FORMAT.md, and
 * an entry written by the age CLI reads back through the vault. CI installs age; a missing binary fails the test.
 */
class AgeCliInteropTest {
    @TempDir
    Path root;

    @Test
    void ageCliDecryptsEntriesWithTheDeviceKey() throws Exception {
        final VaultOptions options = options(root);
        final byte[] file = new byte[300_000];
        new Random(3).nextBytes(file);
        final String content = "hunter2\nusername: alice\nurl: https://example.com\nname: mail\nnotes\n";
        try (InitializedVault created = Vaults.init(options, passphrase(), null, "laptop");
             Entry mail = entry(content)) {
            final Vault vault = created.vault();
            final EntryId id = vault.add("mail", mail);
            final EntryId attached = vault.attach("blob.bin", new ByteArrayInputStream(file), (done, total) -> { });
            final Path device = root.resolve("device.txt");
            try (SecretBytes identity = Vaults.exportDeviceIdentity(options, passphrase())) {
                Files.createFile(device, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(device, identity.bytes());
            }
            final Path directory = options.directory();
            // step 1: the device key opens the keyring, an age identity file (every generation, newest first)
            final Path keyring = root.resolve("keyring.txt");
            final byte[] keyringFile = age(null, "-d", "-i", device.toString(), directory.resolve("keyring.age").toString());
            assertTrue(new String(keyringFile, StandardCharsets.US_ASCII).startsWith("# cipherpost vault keyring v1"));
            Files.write(keyring, keyringFile);
            // step 2: the keyring opens the key file, which is an age identity file too
            final byte[] keyFile = age(null, "-d", "-i", keyring.toString(), directory.resolve("keys/" + id + ".key").toString());
            final String keyText = new String(keyFile, StandardCharsets.US_ASCII);
            assertTrue(keyText.startsWith("# cipherpost vault entry key v1\n# revision: 1\n"), keyText);
            assertTrue(keyText.lines().anyMatch(line -> line.startsWith("AGE-SECRET-KEY-1")));
            final Path entryKey = root.resolve("entry-key.txt");
            Files.write(entryKey, keyFile);
            // step 3: the entry key opens the entry
            assertEquals(content, new String(age(null, "-d", "-i", entryKey.toString(),
                    directory.resolve("entries/" + id + ".age").toString()), StandardCharsets.UTF_8));
            // attached files the same way, from blobs/
            final Path attachedKey = root.resolve("attached-key.txt");
            Files.write(attachedKey, age(null, "-d", "-i", keyring.toString(),
                    directory.resolve("keys/" + attached + ".key").toString()));
            assertArrayEquals(file, age(null, "-d", "-i", attachedKey.toString(),
                    directory.resolve("blobs/" + attached + ".age").toString()));
            // the vault key opens with the device key too, the index with the keyring
            assertEquals("CPVSEC01", new String(age(null, "-d", "-i", device.toString(),
                    directory.resolve("vault.key").toString()), 0, 8, StandardCharsets.US_ASCII));
            assertTrue(new String(age(null, "-d", "-i", keyring.toString(), directory.resolve("index.age").toString()),
                    StandardCharsets.UTF_8).startsWith("cipherpost-vault-index v1\n"));
            // and an entry edited with the age CLI (encrypted to the entry's recipient, its id) reads back
            final byte[] edited = age("edited-by-age\nname: mail\n".getBytes(StandardCharsets.UTF_8), "-e", "-r", id.value());
            Files.write(directory.resolve("entries/" + id + ".age"), edited);
            try (Entry back = vault.get("mail")) {
                assertEquals("edited-by-age\nname: mail\n", text(back));
            }
        }
    }

    /** Runs the age CLI and returns its standard output, failing the test on a non-zero exit. */
    private static byte[] age(final byte[] stdin, final String... arguments) throws Exception {
        final List<String> command = new java.util.ArrayList<>();
        command.add(ageBinary());
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).start();
        final CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        final CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("age did not finish");
        }
        if (process.exitValue() != 0) {
            fail("age %s exited with [%d]: %s".formatted(String.join(" ", arguments), process.exitValue(),
                    new String(stderr.join(), StandardCharsets.UTF_8)));
        }
        return stdout.join();
    }

    /** Finds the age binary or fails with an installation hint. */
    private static String ageBinary() {
        for (final String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            final Path candidate = Path.of(directory.isEmpty() ? "." : directory, "age");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/age"))) {
            return "/usr/bin/age";
        }
        return fail("This test needs the age CLI: apt-get install age (.ci/run installs it)");
    }

    /** Reads a process stream on a thread of its own. */
    private static CompletableFuture<byte[]> drain(final InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (final IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
