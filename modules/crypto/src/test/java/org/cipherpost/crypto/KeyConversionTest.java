package org.cipherpost.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/** Ed25519 to X25519 conversion against the v1 vectors, X25519 itself, and malformed keys. */
class KeyConversionTest {
    private static final Pattern OBJECT = Pattern.compile("\\{([^}]*)}");

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([0-9a-fA-F]*)\"");

    @Test
    void cipherpostV1Vectors() throws IOException, InvalidKeyException {
        final List<Map<String, String>> vectors = vectors();
        assertEquals(3, vectors.size());
        for (final Map<String, String> vector : vectors) {
            try (SecretBytes seed = SecretBytes.wrap(Hashes.unhex(vector.get("seed_hex")))) {
                final byte[] publicKey = Ed25519.publicKey(seed);
                assertEquals(vector.get("ed25519_pub_hex"), Hashes.hex(publicKey));
                assertEquals(vector.get("x25519_pub_hex"), Hashes.hex(KeyConversion.x25519PublicKey(publicKey)));
                try (SecretBytes secret = KeyConversion.x25519SecretKey(seed)) {
                    assertEquals(vector.get("x25519_secret_hex"), Hashes.hex(secret.bytes()));
                }
            }
        }
    }

    @Test
    void convertedSecretMatchesConvertedPublicForRandomSeeds() throws InvalidKeyException {
        for (int i = 0; i < 200; i++) {
            try (SecretBytes seed = Ed25519.generateSeed(); SecretBytes secret = KeyConversion.x25519SecretKey(seed)) {
                final byte[] expected = new byte[X25519.POINT_SIZE];
                X25519.scalarMultBase(secret.bytes(), 0, expected, 0);
                assertArrayEquals(expected, KeyConversion.x25519PublicKey(Ed25519.publicKey(seed)));
                final byte[] clamped = secret.copy();
                X25519.clampPrivateKey(clamped);
                final byte[] fromClamped = new byte[X25519.POINT_SIZE];
                X25519.scalarMultBase(clamped, 0, fromClamped, 0);
                assertArrayEquals(expected, fromClamped, "libsodium's clamped form names the same key");
            }
        }
    }

    @Test
    void secretIsTheUnclampedSha512Prefix() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed(); SecretBytes secret = KeyConversion.x25519SecretKey(seed)) {
            final byte[] hash = MessageDigest.getInstance("SHA-512").digest(seed.bytes());
            assertArrayEquals(Arrays.copyOf(hash, 32), secret.bytes());
        }
    }

    @Test
    void identityIsRejected() {
        final byte[] identity = new byte[32];
        identity[0] = 1;
        assertRejected(identity, "Ed25519 public key has small order");
    }

    @Test
    void smallOrderPointsAreRejected() {
        final String[] smallOrder = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        };
        for (final String hex : smallOrder) {
            assertRejected(Hashes.unhex(hex), "Ed25519 public key has small order");
        }
    }

    @Test
    void nonPointsAreRejected() {
        assertRejected(Ed25519Test.offCurveEncoding(), "Ed25519 public key not a curve point");
        assertRejected(Hashes.unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                "Ed25519 public key not a curve point");
        assertRejected(Hashes.unhex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
                "Ed25519 public key not a curve point");
        final byte[] identityWithSign = new byte[32];
        identityWithSign[0] = 1;
        identityWithSign[31] = (byte) 0x80;
        assertRejected(identityWithSign, "Ed25519 public key not a curve point");
    }

    @Test
    void wrongLengthsAreRejected() {
        assertRejected(new byte[31], "Ed25519 public key length [31] not equal to [32]");
        assertRejected(new byte[33], "Ed25519 public key length [33] not equal to [32]");
        try (SecretBytes shortSeed = SecretBytes.wrap(new byte[16])) {
            assertThrows(IllegalArgumentException.class, () -> KeyConversion.x25519SecretKey(shortSeed));
        }
    }

    @Test
    void signBitDoesNotChangeTheMontgomeryU() throws InvalidKeyException {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final byte[] publicKey = Ed25519.publicKey(seed);
            final byte[] negated = publicKey.clone();
            negated[31] ^= (byte) 0x80;
            assertArrayEquals(KeyConversion.x25519PublicKey(publicKey), KeyConversion.x25519PublicKey(negated));
            final BigInteger u = Ed25519Test.littleEndian(KeyConversion.x25519PublicKey(publicKey));
            assertTrue(u.compareTo(Edwards25519.P) < 0);
        }
    }

    private static void assertRejected(final byte[] publicKey, final String message) {
        final InvalidKeyException e = assertThrows(InvalidKeyException.class,
                () -> KeyConversion.x25519PublicKey(publicKey));
        assertEquals(message, e.getMessage());
    }

    static Path vectorsDirectory() {
        return Path.of(System.getProperty("cipherpost.root")).resolve("../shared/vectors/cipherpost-v1");
    }

    private static List<Map<String, String>> vectors() throws IOException {
        final String json = Files.readString(vectorsDirectory().resolve("ed25519_x25519_vectors.json"),
                StandardCharsets.UTF_8);
        final List<Map<String, String>> vectors = new ArrayList<>();
        final Matcher object = OBJECT.matcher(json);
        while (object.find()) {
            final Map<String, String> fields = new HashMap<>();
            final Matcher field = FIELD.matcher(object.group(1));
            while (field.find()) {
                fields.put(field.group(1), field.group(2));
            }
            assertEquals(4, fields.size(), object.group());
            vectors.add(fields);
        }
        return vectors;
    }
}
