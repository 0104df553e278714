package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ed25519 against RFC 8032 vectors, BouncyCastle, and malformed input. */
class Ed25519Test {
    /** RFC 8032 section 7.1 tests 1-3: secret, public, message, signature. */
    private static final String[][] RFC8032 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };

    private static final byte[] MESSAGE = "cipherpost/v1 test message".getBytes(StandardCharsets.UTF_8);

    @Test
    void rfc8032Vectors() {
        for (final String[] vector : RFC8032) {
            try (SecretBytes seed = SecretBytes.wrap(Hashes.unhex(vector[0]))) {
                final byte[] publicKey = Ed25519.publicKey(seed);
                assertEquals(vector[1], Hashes.hex(publicKey));
                final byte[] message = Hashes.unhex(vector[2]);
                final byte[] signature = Ed25519.sign(seed, message);
                assertEquals(vector[3], Hashes.hex(signature));
                assertTrue(Ed25519.verify(publicKey, message, signature));
                assertFalse(Ed25519.verify(publicKey, Arrays.copyOf(message, message.length + 1), signature));
            }
        }
    }

    @Test
    void generatedSeedsAreRandomAndRoundTrip() {
        try (SecretBytes first = Ed25519.generateSeed(); SecretBytes second = Ed25519.generateSeed()) {
            assertEquals(Ed25519.KEY_LENGTH, first.length());
            assertFalse(first.contentEquals(second));
            final byte[] publicKey = Ed25519.publicKey(first);
            final byte[] signature = Ed25519.sign(first, MESSAGE);
            assertEquals(Ed25519.SIGNATURE_LENGTH, signature.length);
            assertTrue(Ed25519.verify(publicKey, MESSAGE, signature));
            assertFalse(Ed25519.verify(Ed25519.publicKey(second), MESSAGE, signature));
        }
    }

    @Test
    void agreesWithBouncyCastle() {
        final Random random = new Random(25519);
        for (int i = 0; i < 20; i++) {
            final byte[] seedBytes = new byte[32];
            random.nextBytes(seedBytes);
            final byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            final byte[] bcPublic = new byte[32];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seedBytes, 0, bcPublic, 0);
            final byte[] bcSignature = new byte[64];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seedBytes, 0, message, 0, message.length, bcSignature, 0);
            try (SecretBytes seed = SecretBytes.copyOf(seedBytes)) {
                assertArrayEquals(bcPublic, Ed25519.publicKey(seed));
                final byte[] signature = Ed25519.sign(seed, message);
                assertArrayEquals(bcSignature, signature);
                assertTrue(org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, bcPublic, 0, message, 0,
                        message.length));
                assertTrue(Ed25519.verify(bcPublic, message, bcSignature));
            }
        }
    }

    @Test
    void wrongLengthsAndNullsAreFalse() {
        final Fixture fixture = new Fixture();
        assertTrue(Ed25519.verify(fixture.publicKey, MESSAGE, fixture.signature));
        assertFalse(Ed25519.verify(Arrays.copyOf(fixture.publicKey, 31), MESSAGE, fixture.signature));
        assertFalse(Ed25519.verify(Arrays.copyOf(fixture.publicKey, 33), MESSAGE, fixture.signature));
        assertFalse(Ed25519.verify(fixture.publicKey, MESSAGE, Arrays.copyOf(fixture.signature, 63)));
        assertFalse(Ed25519.verify(fixture.publicKey, MESSAGE, Arrays.copyOf(fixture.signature, 65)));
        assertFalse(Ed25519.verify(new byte[0], MESSAGE, new byte[0]));
        assertFalse(Ed25519.verify(null, MESSAGE, fixture.signature));
        assertFalse(Ed25519.verify(fixture.publicKey, null, fixture.signature));
        assertFalse(Ed25519.verify(fixture.publicKey, MESSAGE, null));
    }

    @Test
    void everyFlippedBitIsFalse() {
        final Fixture fixture = new Fixture();
        for (int bit = 0; bit < 8 * Ed25519.SIGNATURE_LENGTH; bit++) {
            final byte[] signature = fixture.signature.clone();
            signature[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519.verify(fixture.publicKey, MESSAGE, signature), "signature bit " + bit);
        }
        for (int bit = 0; bit < 8 * Ed25519.KEY_LENGTH; bit++) {
            final byte[] publicKey = fixture.publicKey.clone();
            publicKey[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519.verify(publicKey, MESSAGE, fixture.signature), "public key bit " + bit);
        }
        final byte[] message = MESSAGE.clone();
        message[0] ^= 1;
        assertFalse(Ed25519.verify(fixture.publicKey, message, fixture.signature));
    }

    @Test
    void nonCanonicalScalarIsFalse() {
        final Fixture fixture = new Fixture();
        final BigInteger s = littleEndian(Arrays.copyOfRange(fixture.signature, 32, 64));
        final byte[] malleated = fixture.signature.clone();
        System.arraycopy(toLittleEndian(s.add(Edwards25519.L)), 0, malleated, 32, 32);
        assertNotEquals(Hashes.hex(fixture.signature), Hashes.hex(malleated));
        assertFalse(Ed25519.verify(fixture.publicKey, MESSAGE, malleated));
    }

    @Test
    void publicKeyOffTheCurveIsFalse() {
        final Fixture fixture = new Fixture();
        final byte[] offCurve = offCurveEncoding();
        assertFalse(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(offCurve, 0));
        assertFalse(Ed25519.verify(offCurve, MESSAGE, fixture.signature));
    }

    @Test
    void nonCanonicalPublicKeyIsFalse() {
        final Fixture fixture = new Fixture();
        // y = p + 1 encodes the identity non-canonically; y = p + 2 encodes y = 2 non-canonically.
        final byte[] nonCanonical = new byte[32];
        Arrays.fill(nonCanonical, (byte) 0xff);
        nonCanonical[31] = 0x7f;
        for (final int low : new int[] {0xee, 0xef}) {
            nonCanonical[0] = (byte) low;
            assertFalse(Edwards25519.decodes(nonCanonical));
            assertFalse(Ed25519.verify(nonCanonical, MESSAGE, fixture.signature));
        }
    }

    @Test
    void identityKeyWithIdentitySignatureIsFalse() {
        // A = identity, R = identity, S = 0 satisfies [S]B = R + [k]A for every message under lax rules.
        final byte[] identity = new byte[32];
        identity[0] = 1;
        final byte[] signature = new byte[64];
        signature[0] = 1;
        assertFalse(Ed25519.verify(identity, MESSAGE, signature));
        assertFalse(Ed25519.verify(identity, new byte[0], signature));
    }

    @Test
    void wrongSeedLengthIsRejected() {
        try (SecretBytes shortSeed = SecretBytes.wrap(new byte[31])) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ed25519.publicKey(shortSeed));
            assertEquals("Seed length [31] not equal to [32]", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Ed25519.sign(shortSeed, MESSAGE));
        }
    }

    @Test
    void seedRandomServesOneRequestOnly() {
        final SeedRandom random = new SeedRandom(new byte[32]);
        assertThrows(IllegalStateException.class, () -> random.nextBytes(new byte[16]));
        random.nextBytes(new byte[32]);
        assertThrows(IllegalStateException.class, () -> random.nextBytes(new byte[32]));
    }

    /** Finds a canonical encoding whose y has no x on the curve. */
    static byte[] offCurveEncoding() {
        for (int candidate = 2; ; candidate++) {
            final byte[] encoded = toLittleEndian(BigInteger.valueOf(candidate));
            if (!Edwards25519.decodes(encoded)) {
                return encoded;
            }
        }
    }

    static BigInteger littleEndian(final byte[] bytes) {
        final byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    static byte[] toLittleEndian(final BigInteger value) {
        final byte[] bigEndian = value.toByteArray();
        final byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    /** A seed, its public key and a signature of {@link #MESSAGE}. */
    private static final class Fixture {
        final byte[] publicKey;

        final byte[] signature;

        Fixture() {
            try (SecretBytes seed = SecretBytes.wrap(Hashes.unhex(RFC8032[1][0]))) {
                publicKey = Ed25519.publicKey(seed);
                signature = Ed25519.sign(seed, MESSAGE);
            }
        }
    }
}
