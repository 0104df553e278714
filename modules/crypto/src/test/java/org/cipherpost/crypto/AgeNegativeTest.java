package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files that must not decrypt, and how they fail. */
class AgeNegativeTest {
    private static final int CHUNK = 64 * 1024;

    private static final int SEALED = CHUNK + 16;

    @Test
    void wrongIdentityGivesGenericMessage() throws Exception {
        try (AgeIdentity right = AgeIdentity.generate(); AgeIdentity wrong = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt("secret".getBytes(StandardCharsets.UTF_8), List.of(right.recipient()));
            final GeneralSecurityException e = assertThrows(NoMatchingIdentityException.class, () -> Age.decrypt(file, List.of(wrong)));
            assertEquals("No matching identity", e.getMessage());
        }
    }

    @Test
    void wrongPassphraseGivesGenericMessage() throws Exception {
        try (SecretBytes right = SecretBytes.fromChars("right".toCharArray());
                SecretBytes wrong = SecretBytes.fromChars("wrong".toCharArray());
                AgeRecipient recipient = AgeRecipient.scrypt(right, 10);
                AgeIdentity identity = AgeIdentity.scrypt(wrong)) {
            final byte[] file = Age.encrypt(new byte[100], List.of(recipient));
            final GeneralSecurityException e = assertThrows(NoMatchingIdentityException.class, () -> Age.decrypt(file, List.of(identity)));
            assertEquals("No matching identity", e.getMessage());
        }
    }

    @Test
    void passphraseIdentityDoesNotOpenX25519FileAndViceVersa() throws Exception {
        try (AgeIdentity key = AgeIdentity.generate(); SecretBytes passphrase = SecretBytes.fromChars("p".toCharArray());
                AgeRecipient scrypt = AgeRecipient.scrypt(passphrase, 10); AgeIdentity scryptIdentity = AgeIdentity.scrypt(passphrase)) {
            final byte[] x25519File = Age.encrypt(new byte[10], List.of(key.recipient()));
            final byte[] scryptFile = Age.encrypt(new byte[10], List.of(scrypt));
            assertEquals("No matching identity",
                    assertThrows(GeneralSecurityException.class, () -> Age.decrypt(x25519File, List.of(scryptIdentity))).getMessage());
            assertEquals("No matching identity",
                    assertThrows(GeneralSecurityException.class, () -> Age.decrypt(scryptFile, List.of(key))).getMessage());
        }
    }

    @Test
    void tamperedStanzaOfAnotherRecipientFailsHeaderMac() throws Exception {
        try (AgeIdentity mine = AgeIdentity.generate(); AgeIdentity other = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(new byte[1000], List.of(other.recipient(), mine.recipient()));
            final String text = new String(file, StandardCharsets.ISO_8859_1);
            // change one base64 character of the first (other's) stanza share, keeping it canonical base64
            final int share = text.indexOf("-> X25519 ") + "-> X25519 ".length();
            file[share] = (byte) (file[share] == 'A' ? 'B' : 'A');
            final GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Age.decrypt(file, List.of(mine)));
            assertEquals("Header authentication failed", e.getMessage());
        }
    }

    @Test
    void flippedHeaderMacByteFails() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(new byte[1000], List.of(identity.recipient()));
            final int mac = new String(file, StandardCharsets.ISO_8859_1).indexOf("\n--- ") + 5;
            file[mac] = (byte) (file[mac] == 'A' ? 'B' : 'A');
            final GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Age.decrypt(file, List.of(identity)));
            assertEquals("Header authentication failed", e.getMessage());
        }
    }

    @Test
    void flippedPayloadByteFailsAuthentication() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] plaintext = AgeRoundTripTest.random(3 * CHUNK, 1);
            final byte[] file = Age.encrypt(plaintext, List.of(identity.recipient()));
            for (final int position : new int[] {file.length - 1, file.length - SEALED - 3, AgeRoundTripTest.headerLength(file) + 20}) {
                final byte[] tampered = file.clone();
                tampered[position] ^= 0x01;
                final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                        () -> Age.decrypt(tampered, List.of(identity)), "byte " + position);
                assertEquals("Payload authentication failed", e.getMessage());
            }
        }
    }

    @Test
    void streamingDecryptOfTamperedFileNeverCompletes() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(AgeRoundTripTest.random(5 * 1024 * 1024, 2), List.of(identity.recipient()));
            file[file.length - 100] ^= 0x40;
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(GeneralSecurityException.class, () -> Age.decrypt(new ByteArrayInputStream(file), out, List.of(identity)));
        }
    }

    @Test
    void fileTruncatedAtChunkBoundaryReportsMissingFinalChunk() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            for (final int size : new int[] {2 * CHUNK, 2 * CHUNK + 500, 40 * CHUNK + 7}) {
                final byte[] file = Age.encrypt(AgeRoundTripTest.random(size, size), List.of(identity.recipient()));
                final int payload = AgeRoundTripTest.headerLength(file) + 16;
                final byte[] truncated = Arrays.copyOf(file, payload + SEALED);
                final EOFException e = assertThrows(EOFException.class, () -> Age.decrypt(truncated, List.of(identity)), "size " + size);
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
                // streaming: the same, with whatever was written before discarded by the caller
                assertThrows(EOFException.class, () -> Age.decrypt(new ByteArrayInputStream(truncated),
                        OutputStreamSink.INSTANCE, List.of(identity)));
            }
        }
    }

    @Test
    void fileTruncatedAnywhereFails() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(AgeRoundTripTest.random(CHUNK + 100, 3), List.of(identity.recipient()));
            final int header = AgeRoundTripTest.headerLength(file);
            for (final int length : new int[] {0, 10, header - 5, header, header + 8, header + 16, header + 16 + 10,
                    header + 16 + SEALED, header + 16 + SEALED + 15, file.length - 1}) {
                final byte[] truncated = Arrays.copyOf(file, length);
                final Exception e = assertThrows(Exception.class, () -> Age.decrypt(truncated, List.of(identity)), "length " + length);
                assertTrue(e instanceof IOException || e instanceof GeneralSecurityException, e.toString());
            }
        }
    }

    @Test
    void dataAfterFinalChunkIsRejected() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] file = Age.encrypt(AgeRoundTripTest.random(CHUNK, 4), List.of(identity.recipient()));
            final byte[] longer = Arrays.copyOf(file, file.length + 20);
            final IOException e = assertThrows(IOException.class, () -> Age.decrypt(longer, List.of(identity)));
            assertTrue(e.getMessage().contains("after final chunk"), e.getMessage());
            final byte[] oneMore = Arrays.copyOf(file, file.length + 1);
            assertThrows(Exception.class, () -> Age.decrypt(oneMore, List.of(identity)));
        }
    }

    @Test
    void workFactorAboveMaximumIsRefusedBeforeScrypt() throws Exception {
        try (SecretBytes passphrase = SecretBytes.fromChars("pw".toCharArray());
                AgeRecipient recipient = AgeRecipient.scrypt(passphrase, 12);
                AgeIdentity strict = AgeIdentity.scrypt(passphrase, 11);
                AgeIdentity lenient = AgeIdentity.scrypt(passphrase, 12)) {
            final byte[] file = Age.encrypt(new byte[10], List.of(recipient));
            final GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Age.decrypt(file, List.of(strict)));
            assertEquals("Work Factor [12] greater than maximum [11]", e.getMessage());
            try (SecretBytes opened = Age.decrypt(file, List.of(lenient))) {
                assertEquals(10, opened.length());
            }
        }
    }

    @Test
    void malformedScryptStanzasAreRejected() throws Exception {
        try (SecretBytes passphrase = SecretBytes.fromChars("pw".toCharArray());
                AgeRecipient recipient = AgeRecipient.scrypt(passphrase, 10);
                AgeIdentity identity = AgeIdentity.scrypt(passphrase)) {
            final String file = new String(Age.encrypt(new byte[10], List.of(recipient)), StandardCharsets.ISO_8859_1);
            for (final String bad : new String[] {" 010\n", " 10 extra\n", " +10\n"}) {
                final byte[] tampered = file.replaceFirst(" 10\n", bad).getBytes(StandardCharsets.ISO_8859_1);
                assertThrows(Exception.class, () -> Age.decrypt(tampered, List.of(identity)), bad);
            }
            final byte[] padded = file.replaceFirst("(-> scrypt [A-Za-z0-9+/]+)", "$1==").getBytes(StandardCharsets.ISO_8859_1);
            final IOException e = assertThrows(IOException.class, () -> Age.decrypt(padded, List.of(identity)));
            assertFalse(e.getMessage().contains("pw"));
        }
    }

    @Test
    void garbageAndEmptyInputAreNotAgeFiles() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            assertThrows(EOFException.class, () -> Age.decrypt(new byte[0], List.of(identity)));
            final IOException garbage = assertThrows(IOException.class,
                    () -> Age.decrypt(AgeRoundTripTest.random(100_000, 5), List.of(identity)));
            assertEquals("Input is not an age file", garbage.getMessage());
            final byte[] badHeader = "age-encryption.org/v1\n-> X25519\n--- nope\n".getBytes(StandardCharsets.US_ASCII);
            assertThrows(IOException.class, () -> Age.decrypt(badHeader, List.of(identity)));
            final byte[] otherVersion = "age-encryption.org/v2\n".getBytes(StandardCharsets.US_ASCII);
            assertThrows(IOException.class, () -> Age.decrypt(otherVersion, List.of(identity)));
        }
    }

    @Test
    void malformedArmorIsRejected() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            String armored = "";
            for (int size = 500; !armored.endsWith("=\n-----END AGE ENCRYPTED FILE-----\n"); size++) {
                armored = new String(Age.encrypt(AgeRoundTripTest.random(size, 6), List.of(identity.recipient()), true),
                        StandardCharsets.US_ASCII);
            }
            final int size;
            try (SecretBytes opened = Age.decrypt(armored.getBytes(StandardCharsets.US_ASCII), List.of(identity))) {
                size = opened.length();
            }
            final String[] lines = armored.split("\n");
            // accepted: surrounding whitespace and CRLF line endings
            for (final String variant : new String[] {"\n  \t" + armored + "\n\n ", armored.replace("\n", "\r\n")}) {
                try (SecretBytes opened = Age.decrypt(variant.getBytes(StandardCharsets.US_ASCII), List.of(identity))) {
                    assertEquals(size, opened.length());
                }
            }
            final String shortMiddleLine = armored.replace(lines[1], lines[1].substring(0, 60));
            final String junkAfter = armored + "junk\n";
            final String noFooter = armored.replace("-----END AGE ENCRYPTED FILE-----\n", "");
            final String lastLine = lines[lines.length - 2];
            // the character before the padding has unused low bits: setting one keeps the bytes, breaks canonical form
            final int unused = lastLine.indexOf('=') - 1;
            final String nonCanonical = armored.replace(lastLine, lastLine.substring(0, unused)
                    + flipLowBit(lastLine.charAt(unused)) + lastLine.substring(unused + 1));
            final String wrongLabel = armored.replace("AGE ENCRYPTED FILE", "AGE ENCRYPTED DATA");
            for (final String bad : new String[] {shortMiddleLine, junkAfter, noFooter, nonCanonical, wrongLabel}) {
                assertThrows(IOException.class, () -> Age.decrypt(bad.getBytes(StandardCharsets.US_ASCII), List.of(identity)));
            }
        }
    }

    @Test
    void encryptRefusesMixedPassphraseAndEmptyRecipients() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate(); SecretBytes passphrase = SecretBytes.fromChars("x".toCharArray());
                AgeRecipient scrypt = AgeRecipient.scrypt(passphrase, 10)) {
            assertThrows(IllegalArgumentException.class, () -> Age.encrypt(new byte[1], List.of(scrypt, identity.recipient())));
            assertThrows(IllegalArgumentException.class, () -> Age.encrypt(new byte[1], List.of()));
            assertThrows(IllegalArgumentException.class, () -> Age.decrypt(new byte[1], List.of()));
        }
    }

    @Test
    void decryptFailureLeavesNoPlaintextInTheResult() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate()) {
            final byte[] plaintext = AgeRoundTripTest.random(100, 8);
            final byte[] file = Age.encrypt(plaintext, List.of(identity.recipient()));
            file[file.length - 1] ^= 1;
            final Exception e = assertThrows(GeneralSecurityException.class, () -> Age.decrypt(file, List.of(identity)));
            assertInstanceOf(GeneralSecurityException.class, e);
            final byte[] intact = Age.encrypt(plaintext, List.of(identity.recipient()));
            try (SecretBytes opened = Age.decrypt(intact, List.of(identity))) {
                assertArrayEquals(plaintext, opened.bytes());
            }
        }
    }

    /** Flips the lowest bit of the 6-bit value of a base64 character. */
    private static char flipLowBit(final char c) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    /** Output that discards everything. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(final int b) {
            // discarded
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) {
            // discarded
        }
    }
}
