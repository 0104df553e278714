package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Age#addRecipients}: same payload, old and new identities open the result, with our code and the age CLI. */
class AgeAddRecipientsTest {
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path directory;

    @Test
    void oldAndNewIdentitiesOpenTheResultAndThePayloadIsUnchanged() throws Exception {
        final byte[] plaintext = AgeRoundTripTest.random(CHUNK + 77, 11L);
        try (AgeIdentity first = AgeIdentity.generate(); AgeIdentity second = AgeIdentity.generate();
                AgeIdentity added = AgeIdentity.generate(); AgeIdentity alsoAdded = AgeIdentity.generate()) {
            final byte[] original = Age.encrypt(plaintext, List.of(first.recipient(), second.recipient()));
            final byte[] grown = Age.addRecipients(original, List.of(second),
                    List.of(added.recipient(), alsoAdded.recipient()));
            assertArrayEquals(payload(original), payload(grown), "payload bytes copied");
            assertEquals(4, count(grown, "\n-> X25519 "), "two stanzas kept, two added");
            for (final AgeIdentity identity : List.of(first, second, added, alsoAdded)) {
                try (SecretBytes opened = Age.decrypt(grown, List.of(identity))) {
                    assertArrayEquals(plaintext, opened.bytes());
                }
            }
        }
    }

    @Test
    void ageCliOpensTheResultWithOldAndNewKeys() throws Exception {
        final Path oldKey = directory.resolve("old.txt");
        final Path newKey = directory.resolve("new.txt");
        final String oldRecipient = AgeCli.keygen(oldKey);
        final String newRecipient = AgeCli.keygen(newKey);
        final byte[] plaintext = AgeRoundTripTest.random(3 * CHUNK + 5, 12L);
        final Path plain = Files.write(directory.resolve("plain"), plaintext);
        final Path theirs = directory.resolve("theirs.age");
        AgeCli.runOk(new byte[0], AgeCli.age(), "-r", oldRecipient, "-o", theirs.toString(), plain.toString());
        try (AgeIdentity old = AgeInteropTest.parseKeyFile(oldKey)) {
            final byte[] grown = Age.addRecipients(Files.readAllBytes(theirs), List.of(old),
                    List.of(AgeRecipient.parse(newRecipient)));
            final Path sealed = Files.write(directory.resolve("grown.age"), grown);
            for (final Path key : List.of(oldKey, newKey)) {
                final Path opened = directory.resolve("opened-" + key.getFileName());
                AgeCli.runOk(new byte[0], AgeCli.age(), "-d", "-i", key.toString(), "-o", opened.toString(),
                        sealed.toString());
                assertArrayEquals(plaintext, AgeInteropTest.readOutput(opened), key.getFileName().toString());
            }
            assertArrayEquals(payload(Files.readAllBytes(theirs)), payload(grown), "payload bytes copied");
        }
    }

    @Test
    void wrongUnlockingIdentityFailsCleanly() throws Exception {
        try (AgeIdentity owner = AgeIdentity.generate(); AgeIdentity stranger = AgeIdentity.generate()) {
            final byte[] sealed = Age.encrypt(new byte[] {1, 2, 3}, List.of(owner.recipient()));
            assertThrows(NoMatchingIdentityException.class,
                    () -> Age.addRecipients(sealed, List.of(stranger), List.of(stranger.recipient())));
        }
    }

    @Test
    void tamperedHeaderAndNonAgeInputAreRefused() throws Exception {
        try (AgeIdentity owner = AgeIdentity.generate(); AgeIdentity added = AgeIdentity.generate()) {
            final byte[] sealed = Age.encrypt(new byte[] {1, 2, 3}, List.of(owner.recipient()));
            final byte[] tampered = sealed.clone();
            final int mac = indexOf(tampered, "\n--- ") + 6;
            tampered[mac] = (byte) (tampered[mac] == 'A' ? 'B' : 'A');
            assertThrows(GeneralSecurityException.class,
                    () -> Age.addRecipients(tampered, List.of(owner), List.of(added.recipient())));
            assertThrows(IOException.class,
                    () -> Age.addRecipients(new byte[] {1, 2, 3}, List.of(owner), List.of(added.recipient())));
            final byte[] armored = Age.encrypt(new byte[] {1}, List.of(owner.recipient()), true);
            assertThrows(IOException.class,
                    () -> Age.addRecipients(armored, List.of(owner), List.of(added.recipient())));
        }
    }

    @Test
    void passphraseFilesAndRecipientsAreRefused() throws Exception {
        try (SecretBytes passphrase = SecretBytes.copyOf(new byte[] {'p', 'w'}, 0, 2);
                AgeIdentity owner = AgeIdentity.generate()) {
            final byte[] sealed = Age.encrypt(new byte[] {1}, List.of(AgeRecipient.scrypt(passphrase, 10)));
            assertThrows(GeneralSecurityException.class, () -> Age.addRecipients(sealed,
                    List.of(AgeIdentity.scrypt(passphrase)), List.of(owner.recipient())));
            final byte[] x25519 = Age.encrypt(new byte[] {1}, List.of(owner.recipient()));
            assertThrows(IllegalArgumentException.class, () -> Age.addRecipients(x25519, List.of(owner),
                    List.of(AgeRecipient.scrypt(passphrase, 10))));
        }
    }

    /** Returns the bytes after the header MAC line. */
    private static byte[] payload(final byte[] ageFile) {
        final int mac = indexOf(ageFile, "\n--- ");
        int end = mac + 1;
        while (ageFile[end] != '\n') {
            end++;
        }
        return Arrays.copyOfRange(ageFile, end + 1, ageFile.length);
    }

    /** Counts occurrences of an ASCII marker. */
    private static int count(final byte[] bytes, final String marker) {
        int found = 0;
        int at = indexOf(bytes, marker);
        while (at >= 0) {
            found++;
            at = indexOf(Arrays.copyOfRange(bytes, at + 1, bytes.length), marker) < 0 ? -1
                    : at + 1 + indexOf(Arrays.copyOfRange(bytes, at + 1, bytes.length), marker);
        }
        return found;
    }

    /** Returns the first index of an ASCII marker, or -1. */
    private static int indexOf(final byte[] bytes, final String marker) {
        final byte[] pattern = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
