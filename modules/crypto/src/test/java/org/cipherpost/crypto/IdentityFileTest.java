package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityFileTest {
    /** Small parameters keep the many unlocks in these tests fast; the format is the same. */
    private static final Argon2Params FAST = new Argon2Params(8192, 1, 1);

    private static SecretBytes seed;
    private static SecretBytes passphrase;
    private static byte[] sealed;

    @BeforeAll
    static void seal() throws GeneralSecurityException {
        seed = SecretBytes.copyOf(Hashes.sha256("seed".getBytes(StandardCharsets.US_ASCII)));
        passphrase = SecretBytes.copyOf("correct horse battery staple".getBytes(StandardCharsets.UTF_8));
        sealed = IdentityFile.seal(seed, passphrase, FAST);
    }

    @Test
    void roundTripsAndRecordsParameters() throws Exception {
        assertArrayEquals("CIPHPOSK".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(sealed, 8));
        assertEquals(1, sealed[8]);
        final PhcArgon2 header = IdentityFile.header(sealed);
        assertEquals(FAST, header.params());
        assertFalse(header.hasHash(), "we never write the Argon2 output into the file");
        try (SecretBytes opened = IdentityFile.open(sealed, passphrase)) {
            assertTrue(opened.contentEquals(seed));
        }
    }

    @Test
    void readsParametersFromTheFileNotFromDefaults() throws Exception {
        final Argon2Params other = new Argon2Params(16384, 2, 2);
        final byte[] file = IdentityFile.seal(seed, passphrase, other);
        assertEquals(other, IdentityFile.header(file).params());
        try (SecretBytes opened = IdentityFile.open(file, passphrase)) {
            assertTrue(opened.contentEquals(seed));
        }
    }

    @Test
    void saltsDiffer() throws Exception {
        final byte[] again = IdentityFile.seal(seed, passphrase, FAST);
        assertFalse(Arrays.equals(IdentityFile.header(again).salt(), IdentityFile.header(sealed).salt()));
    }

    @Test
    void wrongPassphraseIsReportedAsSuch() {
        final SecretBytes wrong = SecretBytes.copyOf("correct horse battery stapler".getBytes(StandardCharsets.UTF_8));
        assertThrows(WrongPassphraseException.class, () -> IdentityFile.open(sealed, wrong));
    }

    @Test
    void everyFlippedByteFails() {
        for (int i = 0; i < sealed.length; i++) {
            final byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            try (SecretBytes opened = IdentityFile.open(tampered, passphrase)) {
                fail("flipped byte " + i + " opened to " + opened.length() + " bytes");
            } catch (final IOException | GeneralSecurityException | IllegalArgumentException expected) {
                if (expected instanceof IllegalArgumentException) {
                    fail("flipped byte " + i + " escaped as an unchecked exception");
                }
            }
        }
    }

    @Test
    void everyTruncationFails() {
        for (int length = 0; length < sealed.length; length++) {
            final byte[] truncated = Arrays.copyOf(sealed, length);
            final int at = length;
            final Exception thrown = assertThrows(Exception.class, () -> IdentityFile.open(truncated, passphrase),
                    "truncated to " + at);
            assertTrue(thrown instanceof IOException || thrown instanceof GeneralSecurityException,
                    "truncated to " + at + " threw " + thrown.getClass());
        }
    }

    @Test
    void rejectsOversizedAndForeignFiles() {
        assertThrows(IOException.class, () -> IdentityFile.header(new byte[IdentityFile.MAXIMUM_SIZE + 1]));
        assertThrows(IOException.class, () -> IdentityFile.header("age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII)));
        final byte[] otherVersion = sealed.clone();
        otherVersion[8] = 2;
        final IOException e = assertThrows(IOException.class, () -> IdentityFile.header(otherVersion));
        assertTrue(e.getMessage().contains("[2]"));
    }

    /**
     * A file as cipherpost v1 writes it: the PHC string ends with the Argon2id output as its hash.
     * We must read it, and we flag it, because that hash alone unlocks the file (shown below).
     */
    @Test
    void readsV1FilesAndShowsWhyTheirHashSegmentLeaksTheKey() throws Exception {
        final byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 7);
        final byte[] argonOutput;
        try (SecretBytes out = Argon2id.derive(passphrase, salt, FAST, 32)) {
            argonOutput = out.copy();
        }
        final String phc = new PhcArgon2(FAST, salt, false).encode() + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(argonOutput);
        final byte[] ciphertext;
        try (SecretBytes kek = IdentityFile.deriveKek(passphrase, salt, FAST)) {
            ciphertext = Age.encrypt(seed.bytes(), List.of(AgeIdentity.fromX25519SecretKey(kek).recipient()));
        }
        final byte[] phcBytes = phc.getBytes(StandardCharsets.US_ASCII);
        final byte[] v1 = ByteBuffer.allocate(11 + phcBytes.length + ciphertext.length)
                .put("CIPHPOSK".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).putShort((short) phcBytes.length)
                .put(phcBytes).put(ciphertext).array();

        assertTrue(IdentityFile.header(v1).hasHash());
        try (SecretBytes opened = IdentityFile.open(v1, passphrase)) {
            assertTrue(opened.contentEquals(seed));
        }

        // Without the passphrase: the hash segment is the Argon2id output, so HKDF over it gives the KEK.
        final byte[] leaked = Base64.getDecoder().decode(phc.substring(phc.lastIndexOf('$') + 1));
        try (SecretBytes ikm = SecretBytes.copyOf(leaked);
             SecretBytes kek = Hkdf.derive(salt, ikm, Hkdf.IDENTITY_KEK, 32);
             SecretBytes recovered = Age.decrypt(ciphertext, List.of(AgeIdentity.fromX25519SecretKey(kek)))) {
            assertTrue(recovered.contentEquals(seed));
        }
    }
}
