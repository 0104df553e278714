package org.cipherpost.vault.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.WrongPassphraseException;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.InvalidRecoveryCodeException;
import org.cipherpost.vault.ManifestAuthenticationException;
import org.cipherpost.vault.TamperedFileException;
import org.junit.jupiter.api.Test;

/** The on-disk codecs: recovery code, manifest, index, key file plaintext, escapes, and the shape of cut age files. */
class VaultCodecsTest {
    @Test
    void recoveryCodeRoundTripsAndCatchesTypos() throws Exception {
        final byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        try (SecretBytes recoveryKey = SecretBytes.copyOf(key);
             SecretBytes passphrase = TestVaults.secret("recovery passphrase");
             SecretBytes code = RecoveryCode.seal(recoveryKey, passphrase, TestVaults.FAST)) {
            final String text = new String(code.bytes(), StandardCharsets.US_ASCII);
            assertEquals(5 + 24 * 6, text.length());
            assertTrue(text.startsWith("CPVR1-"));
            try (SecretBytes opened = RecoveryCode.open(code, passphrase)) {
                assertArrayEquals(key, opened.bytes());
            }
            final String loose = "  " + text.toLowerCase().replace("-", " ").replace('1', 'l').replace('0', 'O') + "\n";
            try (SecretBytes typed = TestVaults.secret(loose); SecretBytes opened = RecoveryCode.open(typed, passphrase)) {
                assertArrayEquals(key, opened.bytes());
            }
            assertThrows(WrongPassphraseException.class, () -> RecoveryCode.open(code, TestVaults.secret("wrong")));
            for (int position = 6; position < text.length(); position += 5) {
                if (text.charAt(position) == '-') {
                    continue;
                }
                final char replacement = text.charAt(position) == 'Z' ? 'Y' : 'Z';
                final String typo = text.substring(0, position) + replacement + text.substring(position + 1);
                final InvalidRecoveryCodeException failure = assertThrows(InvalidRecoveryCodeException.class,
                        () -> RecoveryCode.open(TestVaults.secret(typo), passphrase));
                assertEquals("Recovery code checksum does not match: check it for typos", failure.getMessage());
            }
            assertThrows(InvalidRecoveryCodeException.class,
                    () -> RecoveryCode.open(TestVaults.secret(text.substring(0, text.length() - 1)), passphrase));
            assertThrows(InvalidRecoveryCodeException.class,
                    () -> RecoveryCode.open(TestVaults.secret(text.replace("CPVR1", "CPVR2")), passphrase));
            final InvalidRecoveryCodeException bad = assertThrows(InvalidRecoveryCodeException.class,
                    () -> RecoveryCode.open(TestVaults.secret(text.substring(0, 10) + "U" + text.substring(11)), passphrase));
            assertEquals("Recovery code character at position [11] is not a code character", bad.getMessage());
        }
    }

    @Test
    void crockfordBase32RoundTrips() {
        final byte[] bytes = new byte[75];
        new Random(2).nextBytes(bytes);
        final byte[] symbols = Crockford32.encode(bytes);
        assertEquals(120, symbols.length);
        assertArrayEquals(bytes, Crockford32.decode(symbols, symbols.length));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0}, Crockford32.decode("00000000".getBytes(StandardCharsets.US_ASCII), 8));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                Crockford32.decode("zzzzzzzz".getBytes(StandardCharsets.US_ASCII), 8));
        assertEquals(-1, Crockford32.value('U'));
        assertEquals(1, Crockford32.value('l'));
    }

    @Test
    void manifestRoundTripsAndItsMacCoversEveryByte() throws Exception {
        try (SecretBytes recoveryKey = SecretBytes.wrap(new byte[32]);
             VaultSecrets secrets = VaultSecrets.initial(recoveryKey);
             AgeIdentity device = AgeIdentity.generate();
             AgeIdentity recovery = AgeIdentity.generate()) {
            final Manifest manifest = new Manifest(secrets.vaultId(), 0, 1, 0, recovery.recipient(),
                    List.of(DeviceRecord.of(device.recipient(), "Alice's laptop (work)")), null);
            final byte[] encoded = ManifestCodec.encode(manifest, secrets);
            final ManifestCodec.Parsed parsed = ManifestCodec.parse(encoded, "vault.manifest");
            assertEquals(manifest, parsed.manifest());
            ManifestCodec.verify(parsed, secrets);
            final String text = new String(encoded, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("cipherpost-vault-manifest v1\nvault-id: " + secrets.vaultId() + "\n"), text);
            assertTrue(text.contains("\ndevice: " + DeviceRecord.idOf(device.recipient()) + " "
                    + device.recipient().encoded() + " Alice's laptop (work)\nmac: "), text);
            try (VaultSecrets rotated = secrets.rotated()) {
                final ManifestCodec.Parsed other = ManifestCodec.parse(ManifestCodec.encode(
                        manifest.withoutDevice("none", 1, recovery.recipient()), rotated), "vault.manifest");
                ManifestCodec.verify(other, rotated);
                assertThrows(ManifestAuthenticationException.class, () -> ManifestCodec.verify(other, secrets));
            }
            for (int offset = 0; offset < encoded.length; offset++) {
                final byte[] changed = encoded.clone();
                changed[offset] ^= 0x02;
                try {
                    ManifestCodec.verify(ManifestCodec.parse(changed, "vault.manifest"), secrets);
                    throw new AssertionError("flip at " + offset + " verified");
                } catch (final ManifestAuthenticationException | TamperedFileException expected) {
                    // refused
                }
            }
        }
    }

    @Test
    void formatTwoManifestNamesTheKeyringAndItsMacCoversIt() throws Exception {
        try (SecretBytes recoveryKey = SecretBytes.wrap(new byte[32]);
             VaultSecrets secrets = VaultSecrets.initial(recoveryKey);
             AgeIdentity device = AgeIdentity.generate();
             AgeIdentity recovery = AgeIdentity.generate();
             AgeIdentity keyring = secrets.keyring(0);
             AgeIdentity again = secrets.keyring(0)) {
            assertEquals(keyring.recipient(), again.recipient(), "the keyring is derived, the same every time");
            final Manifest manifest = new Manifest(secrets.vaultId(), 0, 1, 0, recovery.recipient(),
                    List.of(DeviceRecord.of(device.recipient(), "laptop")), keyring.recipient());
            assertEquals(List.of(keyring.recipient()), manifest.keyRecipients());
            assertEquals(manifest.revision(), manifest.withDevice(DeviceRecord.of(recovery.recipient(), "x")).revision(),
                    "a device add leaves key files alone in format 2");
            final byte[] encoded = ManifestCodec.encode(manifest, secrets);
            final String text = new String(encoded, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("cipherpost-vault-manifest v2\n"), text);
            assertTrue(text.contains("\nrecovery: " + recovery.recipient().encoded() + "\nkeyring: "
                    + keyring.recipient().encoded() + "\ndevice: "), text);
            final ManifestCodec.Parsed parsed = ManifestCodec.parse(encoded, "vault.manifest");
            assertEquals(manifest, parsed.manifest());
            ManifestCodec.verify(parsed, secrets);
            try (VaultSecrets rotated = secrets.rotated(); AgeIdentity next = rotated.keyring(1)) {
                assertNotEquals(keyring.recipient(), next.recipient(), "a revocation makes a new keyring");
            }
            final String keyringLine = "keyring: " + keyring.recipient().encoded();
            final int at = text.indexOf(keyringLine) + keyringLine.length() - 3;
            final byte[] changed = encoded.clone();
            changed[at] = (byte) (changed[at] == 'q' ? 'p' : 'q');
            assertThrows(Exception.class, () -> ManifestCodec.verify(ManifestCodec.parse(changed, "vault.manifest"),
                    secrets), "a keyring swapped in the manifest is refused");
        }
    }

    @Test
    void indexRoundTripsEscapedText() throws Exception {
        try (SecretBytes recoveryKey = SecretBytes.wrap(new byte[32]);
             VaultSecrets secrets = VaultSecrets.initial(recoveryKey);
             AgeIdentity one = AgeIdentity.generate();
             AgeIdentity two = AgeIdentity.generate()) {
            final IndexRecord tricky = new IndexRecord(EntryId.of(one.recipient()), 321, 1_700_000_000_123_456_789L,
                    "ab".repeat(32), 4, 512, false, 0, "tab\there, 100% \"odd\"", "ünïcødé", null,
                    List.of("a,b", "c%d", "e\nf"));
            final IndexRecord file = new IndexRecord(EntryId.of(two.recipient()), 99, 5, "cd".repeat(32), 1, 400, true,
                    123_456_789_012L, "photo.jpg", null, "https://x", List.of());
            final Index index = Index.of(List.of(tricky, file));
            final byte[] plaintext = IndexCodec.encode(index, secrets.vaultId(), 0, secrets);
            final Index decoded = IndexCodec.decode(plaintext, secrets.vaultId(), secrets, "index.age");
            assertEquals(tricky, decoded.get(tricky.id()));
            assertEquals(file, decoded.get(file.id()));
            assertEquals(List.of(tricky.id()), decoded.idsNamed("tab\there, 100% \"odd\""));
            assertThrows(TamperedFileException.class,
                    () -> IndexCodec.decode(plaintext, "0".repeat(32), secrets, "index.age"));
            final byte[] changed = plaintext.clone();
            changed[plaintext.length / 2] ^= 0x01;
            assertThrows(TamperedFileException.class, () -> IndexCodec.decode(changed, secrets.vaultId(), secrets, "i"));
        }
    }

    @Test
    void keyFilePlaintextIsAnAgeIdentityFileWithComments() throws Exception {
        try (AgeIdentity person = AgeIdentity.generate();
             EntryKey original = EntryKey.generate(3);
             EntryKey shared = original.withShare(person.recipient());
             EntryKey rekeyed = shared.rekeyed(4);
             SecretBytes encoded = rekeyed.encode();
             EntryKey decoded = EntryKey.decode(encoded)) {
            final String text = new String(encoded.bytes(), StandardCharsets.US_ASCII);
            assertTrue(text.matches("# cipherpost vault entry key v1\n# revision: 4\n# replaces: age1[a-z0-9]{58}\n"
                    + "# share: age1[a-z0-9]{58}\nAGE-SECRET-KEY-1[A-Z0-9]{58}\n"), text);
            assertEquals(rekeyed.id(), decoded.id());
            assertEquals(4, decoded.revision());
            assertEquals(original.id(), decoded.replaces());
            assertEquals(List.of(person.recipient()), decoded.shares());
            final byte[] sealed = Age.encrypt("x".getBytes(StandardCharsets.US_ASCII), List.of(decoded.identity().recipient()));
            try (SecretBytes opened = Age.decrypt(sealed, List.of(rekeyed.identity()))) {
                assertEquals("x", new String(opened.bytes(), StandardCharsets.US_ASCII));
            }
            for (final String bad : List.of("", "# only comments\n", "AGE-SECRET-KEY-1QQQ\n", "hello\n",
                    text + text.substring(text.indexOf("AGE-SECRET"))))  {
                assertThrows(IOException.class, () -> EntryKey.decode(TestVaults.secret(bad)), bad);
            }
        }
    }

    @Test
    void percentEscapesRoundTrip() throws Exception {
        for (final String text : List.of("", "plain", "a\tb\nc\rd", "100%", "x,y", "\u0000\u001f\u007f", "ünï")) {
            final String escaped = Percent.encode(text);
            assertFalse(escaped.contains("\t") || escaped.contains("\n") || escaped.contains(","), escaped);
            assertEquals(text, Percent.decode(escaped));
        }
        assertThrows(IOException.class, () -> Percent.decode("%4"));
        assertThrows(IOException.class, () -> Percent.decode("%zz"));
    }

    @Test
    void cutAgeFilesLookTruncated() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(new byte[100], List.of(identity.recipient()));
            assertFalse(AgeShape.truncated(file));
            for (int length = 0; length < file.length - 100; length++) {
                assertTrue(AgeShape.truncated(Arrays.copyOf(file, length)), "length " + length);
            }
            assertFalse(AgeShape.truncated("not age at all".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void grepMatchesLinesByNumber() {
        try (SecretBytes content = TestVaults.secret("first\r\nsecond line\n\nlast")) {
            assertEquals(List.of(1, 4), LineGrep.lines(content, Pattern.compile("st")));
            assertEquals(List.of(2), LineGrep.lines(content, Pattern.compile("line")));
            assertEquals(List.of(3), LineGrep.lines(content, Pattern.compile("^$")));
            assertEquals(List.of(4), LineGrep.lines(content, Pattern.compile("^last$")));
            assertEquals(List.of(1), LineGrep.lines(content, Pattern.compile("^first$")));
        }
    }

    @Test
    void parallelKeepsCheckedFailuresPerItemAndRethrowsUncheckedOnes() {
        final List<Parallel.Outcome<Integer, Integer>> outcomes = Parallel.map(List.of(1, 2, 3, 4), 3, item -> {
            if (item == 3) {
                throw new IOException("three");
            }
            return item * 10;
        });
        assertEquals(List.of(10, 20), outcomes.subList(0, 2).stream().map(Parallel.Outcome::value).toList());
        assertEquals("three", outcomes.get(2).failure().getMessage());
        assertNull(outcomes.get(2).value());
        assertEquals(40, outcomes.get(3).value());
        assertThrows(IllegalStateException.class, () -> Parallel.map(List.of(1, 2, 3), 2, item -> {
            throw new IllegalStateException("stop");
        }));
    }
}
