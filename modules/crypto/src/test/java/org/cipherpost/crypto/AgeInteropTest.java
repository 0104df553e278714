package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with the real age CLI in both directions: X25519, scrypt passphrase and armor.
 *
 * <p>Fails (does not skip) when age is missing: CI installs it.
 */
class AgeInteropTest {
    private static final int CHUNK = 64 * 1024;

    private static final String PASSPHRASE = "interop passphrase \u00e9\u00e8";

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12345})
    void ageDecryptsOurX25519Files(final int size) throws Exception {
        final Path keyFile = directory.resolve("key.txt");
        AgeCli.keygen(keyFile);
        final byte[] plaintext = AgeRoundTripTest.random(size, size + 1L);
        try (AgeIdentity identity = parseKeyFile(keyFile)) {
            for (final boolean armor : new boolean[] {false, true}) {
                final Path sealed = directory.resolve("ours-" + armor + ".age");
                Files.write(sealed, Age.encrypt(plaintext, List.of(identity.recipient()), armor));
                final Path opened = directory.resolve("opened-" + armor);
                AgeCli.runOk(new byte[0], AgeCli.age(), "-d", "-i", keyFile.toString(), "-o", opened.toString(), sealed.toString());
                assertArrayEquals(plaintext, readOutput(opened), "armor " + armor);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12345})
    void weDecryptAgeX25519Files(final int size) throws Exception {
        final Path keyFile = directory.resolve("key.txt");
        final String recipient = AgeCli.keygen(keyFile);
        final Path plain = Files.write(directory.resolve("plain"), AgeRoundTripTest.random(size, size + 2L));
        try (AgeIdentity identity = parseKeyFile(keyFile)) {
            assertEquals(recipient, identity.recipient().encoded(), "same public key as age-keygen -y");
            for (final boolean armor : new boolean[] {false, true}) {
                final Path sealed = directory.resolve("theirs-" + armor + ".age");
                if (armor) {
                    AgeCli.runOk(new byte[0], AgeCli.age(), "-a", "-r", recipient, "-o", sealed.toString(), plain.toString());
                } else {
                    AgeCli.runOk(new byte[0], AgeCli.age(), "-r", recipient, "-o", sealed.toString(), plain.toString());
                }
                try (SecretBytes opened = Age.decrypt(Files.readAllBytes(sealed), List.of(identity))) {
                    assertArrayEquals(Files.readAllBytes(plain), opened.bytes(), "armor " + armor);
                }
            }
        }
    }

    @Test
    void ageDecryptsOurMultiRecipientFile() throws Exception {
        final Path keyFile = directory.resolve("key.txt");
        AgeCli.keygen(keyFile);
        final byte[] plaintext = AgeRoundTripTest.random(200_000, 9);
        try (AgeIdentity theirs = parseKeyFile(keyFile); AgeIdentity other = AgeIdentity.generate()) {
            final Path sealed = Files.write(directory.resolve("multi.age"),
                    Age.encrypt(plaintext, List.of(other.recipient(), theirs.recipient())));
            final Path opened = directory.resolve("opened");
            AgeCli.runOk(new byte[0], AgeCli.age(), "-d", "-i", keyFile.toString(), "-o", opened.toString(), sealed.toString());
            assertArrayEquals(plaintext, Files.readAllBytes(opened));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ageDecryptsOurPassphraseFiles(final boolean armor) throws Exception {
        final byte[] plaintext = AgeRoundTripTest.random(CHUNK + 77, 21);
        try (SecretBytes passphrase = SecretBytes.fromChars(PASSPHRASE.toCharArray());
                AgeRecipient recipient = AgeRecipient.scrypt(passphrase, 12)) {
            final Path sealed = Files.write(directory.resolve("ours.age"), Age.encrypt(plaintext, List.of(recipient), armor));
            final Path opened = directory.resolve("opened");
            final AgeCli.Result result = AgeCli.runInTerminal(PASSPHRASE + "\n", "-d", "-o", opened.toString(), sealed.toString());
            assertEquals(0, result.exitCode(), result.stdoutText() + result.stderr());
            assertArrayEquals(plaintext, Files.readAllBytes(opened));

            final Path wrong = directory.resolve("wrong");
            final AgeCli.Result refused = AgeCli.runInTerminal("not it\n", "-d", "-o", wrong.toString(), sealed.toString());
            assertNotEquals(0, refused.exitCode(), "age refuses a wrong passphrase, so the stanza really uses it");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void weDecryptAgePassphraseFiles(final boolean armor) throws Exception {
        final byte[] plaintext = AgeRoundTripTest.random(2 * CHUNK, 22);
        final Path plain = Files.write(directory.resolve("plain"), plaintext);
        final Path sealed = directory.resolve("theirs.age");
        final AgeCli.Result result = armor
                ? AgeCli.runInTerminal(PASSPHRASE + "\n" + PASSPHRASE + "\n", "-p", "-a", "-o", sealed.toString(), plain.toString())
                : AgeCli.runInTerminal(PASSPHRASE + "\n" + PASSPHRASE + "\n", "-p", "-o", sealed.toString(), plain.toString());
        assertEquals(0, result.exitCode(), result.stdoutText() + result.stderr());
        final byte[] file = Files.readAllBytes(sealed);
        try (SecretBytes passphrase = SecretBytes.fromChars(PASSPHRASE.toCharArray());
                AgeIdentity identity = AgeIdentity.scrypt(passphrase);
                SecretBytes opened = Age.decrypt(file, List.of(identity))) {
            assertArrayEquals(plaintext, opened.bytes());
        }
        if (armor) {
            return; // one wrong-passphrase check is enough: each costs an scrypt at age's work factor 18
        }
        try (SecretBytes passphrase = SecretBytes.fromChars("not it".toCharArray());
                AgeIdentity identity = AgeIdentity.scrypt(passphrase)) {
            final GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Age.decrypt(file, List.of(identity)));
            assertEquals("No matching identity", e.getMessage());
        }
    }

    @Test
    void identityEncodingMatchesAgeKeygen() throws Exception {
        final Path keyFile = directory.resolve("key.txt");
        final String recipient = AgeCli.keygen(keyFile);
        final byte[] line = secretKeyLine(keyFile);
        try (AgeIdentity identity = AgeIdentity.parse(SecretBytes.wrap(line.clone()));
                SecretBytes encoded = identity.encode()) {
            assertArrayEquals(line, encoded.bytes(), "re-encoding gives age-keygen's text");
            assertEquals(recipient, identity.recipient().encoded());
            assertTrue(new String(encoded.bytes(), StandardCharsets.US_ASCII).startsWith("AGE-SECRET-KEY-1"));
        }
        // and age accepts an identity we generate
        try (AgeIdentity ours = AgeIdentity.generate(); SecretBytes encoded = ours.encode()) {
            final Path ourKey = directory.resolve("ours.txt");
            Files.write(ourKey, encoded.bytes());
            Files.write(ourKey, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
            assertEquals(ours.recipient().encoded(),
                    AgeCli.runOk(new byte[0], AgeCli.ageKeygen(), "-y", ourKey.toString()).stdoutText().strip());
        }
    }

    /** Reads what age wrote; age creates no output file for an empty plaintext. */
    static byte[] readOutput(final Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    /** Reads the AGE-SECRET-KEY line of an age-keygen file as bytes. */
    static byte[] secretKeyLine(final Path keyFile) throws java.io.IOException {
        for (final String line : Files.readAllLines(keyFile)) {
            if (line.startsWith("AGE-SECRET-KEY-1")) {
                return line.getBytes(StandardCharsets.US_ASCII);
            }
        }
        throw new AssertionError("no secret key in " + keyFile);
    }

    /** Parses the identity of an age-keygen file. */
    static AgeIdentity parseKeyFile(final Path keyFile) throws Exception {
        try (SecretBytes line = SecretBytes.wrap(secretKeyLine(keyFile))) {
            return AgeIdentity.parse(line);
        }
    }
}
