package org.cipherpost.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ed25519 (RFC 8032) over raw 32-byte seeds and public keys and 64-byte signatures.
 *
 * <p>Runs on the JDK provider: measured here its first call in a fresh JVM costs about 60-150 ms,
 * against 300-900 ms for BouncyCastle's low-level class, which builds its tables on first use.
 * Verification is strict, like libsodium: non-canonical encodings, small-order keys or R, and S not
 * below the group order are rejected.
 */
public final class Ed25519 {
    /** Length of a seed and of a public key in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final String ALGORITHM = "Ed25519";

    /** SubjectPublicKeyInfo of an Ed25519 key: a fixed 12-byte prefix and the raw key. */
    private static final int SPKI_LENGTH = 12 + KEY_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    /**
     * Generates a new random 32-byte seed.
     *
     * @return seed that the caller owns and must close
     */
    public static SecretBytes generateSeed() {
        final byte[] seed = new byte[KEY_LENGTH];
        RANDOM.nextBytes(seed);
        return SecretBytes.wrap(seed);
    }

    /**
     * Derives the 32-byte public key of a seed.
     *
     * @param seed 32-byte seed
     * @return public key
     */
    public static byte[] publicKey(final SecretBytes seed) {
        final byte[] seedBytes = checkSeed(seed);
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seedBytes));
            final byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
            if (encoded.length != SPKI_LENGTH) {
                throw new IllegalStateException("Public key encoding length [%d] not expected".formatted(encoded.length));
            }
            return Arrays.copyOfRange(encoded, SPKI_LENGTH - KEY_LENGTH, SPKI_LENGTH);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    }

    /**
     * Signs a message.
     *
     * @param seed 32-byte seed
     * @param message message bytes
     * @return 64-byte signature
     */
    public static byte[] sign(final SecretBytes seed, final byte[] message) {
        final byte[] seedBytes = checkSeed(seed);
        Objects.requireNonNull(message, "Message required");
        try {
            final PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seedBytes));
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Verifies a signature; never throws for malformed input.
     *
     * @param publicKey 32-byte public key
     * @param message message bytes
     * @param signature 64-byte signature
     * @return true only for a valid signature of the message under a well-formed key
     */
    public static boolean verify(final byte[] publicKey, final byte[] message, final byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        final byte[] r = Arrays.copyOf(signature, KEY_LENGTH);
        if (!strictPoint(publicKey) || !strictPoint(r) || !Edwards25519.canonicalScalar(signature, KEY_LENGTH)) {
            return false;
        }
        try {
            final PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new EdECPublicKeySpec(
                    NamedParameterSpec.ED25519,
                    new EdECPoint(Edwards25519.xOdd(publicKey), Edwards25519.y(publicKey))));
            final Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (final GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Tells whether an encoding is a canonical curve point of large order. */
    private static boolean strictPoint(final byte[] encoded) {
        return Edwards25519.decodes(encoded) && !Edwards25519.smallOrder(encoded);
    }

    /** Returns the live bytes of a seed after checking its length. */
    private static byte[] checkSeed(final SecretBytes seed) {
        Objects.requireNonNull(seed, "Seed required");
        final byte[] bytes = seed.bytes();
        if (bytes.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Seed length [%d] not equal to [%d]".formatted(bytes.length, KEY_LENGTH));
        }
        return bytes;
    }
}
