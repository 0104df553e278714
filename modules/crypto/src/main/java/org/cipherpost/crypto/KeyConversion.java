package org.cipherpost.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Converts Ed25519 keys to X25519 keys for age recipients and identities, byte-compatible with cipherpost v1.
 *
 * <p>The public map rejects what libsodium's {@code crypto_sign_ed25519_pk_to_curve25519} rejects for
 * encodings and small order. The secret is the first half of SHA-512(seed) left unclamped, as v1 (ed25519-dalek's
 * {@code to_scalar_bytes}) and its vectors have it; X25519 clamps every scalar when it uses it, so libsodium's
 * clamped form gives the same public key and the same shared secrets.
 */
public final class KeyConversion {
    private static final int KEY_LENGTH = 32;

    private KeyConversion() {
    }

    /**
     * Maps an Ed25519 public key to its X25519 public key: u = (1 + y) / (1 - y) mod p.
     *
     * @param ed25519PublicKey 32-byte Ed25519 public key
     * @return 32-byte little-endian X25519 public key
     * @throws InvalidKeyException when the key has the wrong length, does not decode to a curve point,
     *     or names a point of small order (including the identity, y = 1)
     */
    public static byte[] x25519PublicKey(final byte[] ed25519PublicKey) throws InvalidKeyException {
        Objects.requireNonNull(ed25519PublicKey, "Ed25519 public key required");
        if (ed25519PublicKey.length != KEY_LENGTH) {
            throw new InvalidKeyException("Ed25519 public key length [%d] not equal to [%d]"
                    .formatted(ed25519PublicKey.length, KEY_LENGTH));
        }
        if (!Edwards25519.decodes(ed25519PublicKey)) {
            throw new InvalidKeyException("Ed25519 public key not a curve point");
        }
        if (Edwards25519.smallOrder(ed25519PublicKey)) {
            throw new InvalidKeyException("Ed25519 public key has small order");
        }
        final BigInteger y = Edwards25519.y(ed25519PublicKey);
        final BigInteger p = Edwards25519.P;
        final BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(p).modInverse(p)).mod(p);
        return littleEndian(u);
    }

    /**
     * Derives the X25519 secret key of an Ed25519 seed: the first 32 bytes of SHA-512(seed), unclamped as in v1.
     *
     * @param ed25519Seed 32-byte Ed25519 seed
     * @return X25519 secret key that the caller owns and must close
     */
    public static SecretBytes x25519SecretKey(final SecretBytes ed25519Seed) {
        Objects.requireNonNull(ed25519Seed, "Ed25519 seed required");
        final byte[] seed = ed25519Seed.bytes();
        if (seed.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Ed25519 seed length [%d] not equal to [%d]".formatted(seed.length, KEY_LENGTH));
        }
        final byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 not available", e);
        }
        try {
            return SecretBytes.copyOf(hash, 0, KEY_LENGTH);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** Encodes a field element as 32 little-endian bytes. */
    private static byte[] littleEndian(final BigInteger value) {
        final byte[] bigEndian = value.toByteArray();
        final byte[] out = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
