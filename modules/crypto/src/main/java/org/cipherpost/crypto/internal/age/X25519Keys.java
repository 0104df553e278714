package org.cipherpost.crypto.internal.age;

import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on the JDK's XDH, and the {@code age1} Bech32 encoding of public keys. BouncyCastle's
 * {@code rfc7748.X25519} is about twice as fast warm (107 us against 217 us per product here), but its signed jar
 * is outside the AOT cache and its first use costs a CLI command hundreds of milliseconds, so single-shot
 * commands stay on the JDK.
 */
public final class X25519Keys {
    /** Length of scalars, public keys and shared secrets. */
    public static final int KEY_LENGTH = 32;

    /** Human-readable part of recipients. */
    private static final String RECIPIENT_PREFIX = "age";

    private static final byte[] BASE_POINT = basePoint();

    private X25519Keys() {
    }

    /**
     * Computes the public key of a secret scalar.
     *
     * @param secret 32-byte scalar
     * @return 32-byte public key
     * @throws GeneralSecurityException when XDH is not available
     */
    public static byte[] publicKey(final byte[] secret) throws GeneralSecurityException {
        return multiply(secret, BASE_POINT);
    }

    /**
     * Computes X25519(secret, point).
     *
     * @param secret 32-byte scalar
     * @param point 32-byte u-coordinate
     * @return 32-byte result, owned by the caller
     * @throws GeneralSecurityException when the result is all zero (small-order point)
     */
    static byte[] multiply(final byte[] secret, final byte[] point) throws GeneralSecurityException {
        checkLength(secret);
        checkLength(point);
        final KeyFactory keyFactory = KeyFactory.getInstance("XDH");
        final PrivateKey privateKey = keyFactory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret));
        final PublicKey publicKey = keyFactory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, uCoordinate(point)));
        final KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(publicKey, true);
        final byte[] shared = agreement.generateSecret();
        int any = 0;
        for (final byte b : shared) {
            any |= b;
        }
        if (any == 0) {
            throw new InvalidKeyException("X25519 result is zero");
        }
        return shared;
    }

    /**
     * Encodes a public key as an {@code age1...} recipient.
     *
     * @param publicKey 32-byte public key
     * @return lowercase Bech32 recipient
     * @throws InvalidKeyException when the key is not 32 bytes
     */
    public static String encodeRecipient(final byte[] publicKey) throws InvalidKeyException {
        Objects.requireNonNull(publicKey, "Public Key required");
        if (publicKey.length != KEY_LENGTH) {
            throw new InvalidKeyException("X25519 public key length [%d] not [%d]".formatted(publicKey.length, KEY_LENGTH));
        }
        return Bech32.getEncoder().encode(RECIPIENT_PREFIX, publicKey).toString();
    }

    /**
     * Decodes an {@code age1...} recipient.
     *
     * @param recipient Bech32 recipient
     * @return 32-byte public key
     * @throws InvalidKeyException when the text is not an X25519 age recipient
     */
    public static byte[] decodeRecipient(final CharSequence recipient) throws InvalidKeyException {
        Objects.requireNonNull(recipient, "Recipient required");
        final Bech32Address address;
        try {
            address = Bech32.getDecoder().decode(recipient);
        } catch (final RuntimeException e) {
            throw new InvalidKeyException("Recipient not valid Bech32");
        }
        if (!RECIPIENT_PREFIX.contentEquals(address.getHumanReadablePart())) {
            throw new InvalidKeyException("Recipient prefix not [%s]".formatted(RECIPIENT_PREFIX));
        }
        final byte[] data = address.getData();
        if (data.length != KEY_LENGTH) {
            throw new InvalidKeyException("Recipient key length [%d] not [%d]".formatted(data.length, KEY_LENGTH));
        }
        return data;
    }

    /** Decodes a little-endian u-coordinate, masking the top bit as RFC 7748 requires. */
    private static BigInteger uCoordinate(final byte[] point) {
        final byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = point[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7F;
        return new BigInteger(1, bigEndian);
    }

    private static void checkLength(final byte[] value) throws InvalidKeyException {
        Objects.requireNonNull(value, "Key required");
        if (value.length != KEY_LENGTH) {
            throw new InvalidKeyException("X25519 value length [%d] not [%d]".formatted(value.length, KEY_LENGTH));
        }
    }

    private static byte[] basePoint() {
        final byte[] point = new byte[KEY_LENGTH];
        point[0] = 9;
        return point;
    }
}
