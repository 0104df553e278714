package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing, encoding and printing of age recipients and identities. */
class AgeKeysTest {
    /** Example identity and recipient of the age specification (C2SP age.md): 32 bytes of 0x42. */
    private static final String SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

    private static final String SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    @Test
    void specificationExampleKeysMatch() throws Exception {
        try (AgeIdentity identity = AgeIdentity.parse(SPEC_IDENTITY.toCharArray());
                SecretBytes raw = SecretBytes.copyOf(HexFormat.of().parseHex("42".repeat(32)));
                AgeIdentity fromRaw = AgeIdentity.fromX25519SecretKey(raw);
                SecretBytes encoded = fromRaw.encode()) {
            assertEquals(SPEC_RECIPIENT, identity.recipient().encoded());
            assertEquals(SPEC_RECIPIENT, identity.recipient().toString());
            assertEquals(SPEC_IDENTITY, new String(encoded.bytes(), StandardCharsets.US_ASCII));
            assertEquals(AgeRecipient.parse(SPEC_RECIPIENT), fromRaw.recipient());
        }
    }

    @Test
    void generatedIdentityRoundTripsThroughItsEncoding() throws Exception {
        try (AgeIdentity identity = AgeIdentity.generate(); SecretBytes encoded = identity.encode();
                AgeIdentity parsed = AgeIdentity.parse(encoded)) {
            assertEquals(74, encoded.length());
            assertTrue(new String(encoded.bytes(), StandardCharsets.US_ASCII).startsWith("AGE-SECRET-KEY-1"));
            assertEquals(identity.recipient(), parsed.recipient());
            final byte[] file = Age.encrypt(new byte[] {1, 2, 3}, List.of(identity.recipient()));
            try (SecretBytes opened = Age.decrypt(file, List.of(parsed))) {
                assertArrayEquals(new byte[] {1, 2, 3}, opened.bytes());
            }
        }
        try (AgeIdentity a = AgeIdentity.generate(); AgeIdentity b = AgeIdentity.generate()) {
            assertNotEquals(a.recipient(), b.recipient());
        }
    }

    @Test
    void recipientFromRawPublicKeyEqualsParsedRecipient() throws Exception {
        final AgeRecipient parsed = AgeRecipient.parse("  " + SPEC_RECIPIENT + "\n");
        final AgeRecipient raw = AgeRecipient.fromX25519PublicKey(parsed.x25519PublicKey());
        assertEquals(parsed, raw);
        assertEquals(parsed.hashCode(), raw.hashCode());
        assertEquals(SPEC_RECIPIENT, raw.encoded());
        assertFalse(raw.isPassphrase());
        assertThrows(InvalidKeyException.class, () -> AgeRecipient.fromX25519PublicKey(new byte[31]));
    }

    @Test
    void invalidRecipientsAreRejected() {
        for (final String bad : new String[] {"", "age1", SPEC_RECIPIENT.replace("jwj", "jwq"), SPEC_RECIPIENT.substring(0, 40),
                "agx1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj", "Age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"}) {
            assertThrows(InvalidKeyException.class, () -> AgeRecipient.parse(bad), bad);
        }
    }

    @Test
    void identityParsingAcceptsWhitespaceAndLowerCaseButRejectsDamage() throws Exception {
        try (AgeIdentity padded = AgeIdentity.parse((" \t" + SPEC_IDENTITY + "\r\n").toCharArray());
                AgeIdentity lower = AgeIdentity.parse(SPEC_IDENTITY.toLowerCase(java.util.Locale.ROOT).toCharArray())) {
            assertEquals(SPEC_RECIPIENT, padded.recipient().encoded());
            assertEquals(SPEC_RECIPIENT, lower.recipient().encoded());
        }
        final String mixed = "AGE-SECRET-KEY-1gfpyysjzGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
        final String badChecksum = SPEC_IDENTITY.substring(0, SPEC_IDENTITY.length() - 1) + "Y";
        final String wrongPrefix = "AGE-SECRET-KEY-PQ-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
        final String shortKey = "AGE-SECRET-KEY-1GFPYYSJZ";
        for (final String bad : new String[] {mixed, badChecksum, wrongPrefix, shortKey, SPEC_RECIPIENT, "", "AGE-SECRET-KEY-1\u00e9"}) {
            final InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> AgeIdentity.parse(bad.toCharArray()), bad);
            assertFalse(e.getMessage().contains("GFPYY"), "messages never quote the key");
        }
        assertThrows(InvalidKeyException.class, () -> AgeIdentity.fromX25519SecretKey(SecretBytes.copyOf(new byte[16])));
    }

    @Test
    void toStringNeverShowsSecrets() throws Exception {
        try (AgeIdentity identity = AgeIdentity.parse(SPEC_IDENTITY.toCharArray());
                SecretBytes passphrase = SecretBytes.fromChars("hunter2".toCharArray());
                AgeIdentity scryptIdentity = AgeIdentity.scrypt(passphrase);
                AgeRecipient scryptRecipient = AgeRecipient.scrypt(passphrase)) {
            assertEquals("AgeIdentity[X25519, " + SPEC_RECIPIENT + "]", identity.toString());
            assertFalse(scryptIdentity.toString().contains("hunter2"));
            assertFalse(scryptRecipient.toString().contains("hunter2"));
            assertTrue(scryptRecipient.isPassphrase());
            assertTrue(scryptIdentity.isPassphrase());
            assertThrows(IllegalStateException.class, scryptRecipient::encoded);
            assertThrows(IllegalStateException.class, scryptIdentity::encode);
        }
    }

    @Test
    void closedIdentityCannotBeUsedAndPassphraseCopiesAreIndependent() throws Exception {
        final AgeIdentity identity = AgeIdentity.generate();
        final AgeRecipient recipient = identity.recipient();
        identity.close();
        assertTrue(identity.isDestroyed());
        assertThrows(IllegalStateException.class, identity::encode);
        final byte[] file = Age.encrypt(new byte[1], List.of(recipient));
        assertThrows(IllegalStateException.class, () -> Age.decrypt(file, List.of(identity)));

        final SecretBytes passphrase = SecretBytes.fromChars("pw".toCharArray());
        try (AgeRecipient scrypt = AgeRecipient.scrypt(passphrase, 10); AgeIdentity scryptIdentity = AgeIdentity.scrypt(passphrase)) {
            passphrase.close();
            final byte[] sealed = Age.encrypt(new byte[] {9}, List.of(scrypt));
            try (SecretBytes opened = Age.decrypt(sealed, List.of(scryptIdentity))) {
                assertArrayEquals(new byte[] {9}, opened.bytes());
            }
        }
    }

    @Test
    void passphraseArgumentsAreChecked() {
        try (SecretBytes passphrase = SecretBytes.fromChars("pw".toCharArray()); SecretBytes empty = SecretBytes.copyOf(new byte[0])) {
            assertThrows(IllegalArgumentException.class, () -> AgeRecipient.scrypt(passphrase, 0));
            assertThrows(IllegalArgumentException.class, () -> AgeRecipient.scrypt(passphrase, 31));
            assertThrows(IllegalArgumentException.class, () -> AgeRecipient.scrypt(empty));
            assertThrows(IllegalArgumentException.class, () -> AgeIdentity.scrypt(passphrase, 0));
        }
    }
}
