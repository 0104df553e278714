package org.cipherpost.plugin.yubikey;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.api.AgeStanza;

/**
 * The {@code cipherpost-piv-p256} stanza: a file key wrapped to a P-256 public key by ECDH with an ephemeral key,
 * HKDF-SHA256 and ChaCha20-Poly1305 (the plugin's README gives the format).
 */
final class PivWrap {
    /** Stanza type. */
    static final String TYPE = "cipherpost-piv-p256";
    /** File key length the host uses. */
    static final int FILE_KEY = 16;

    private static final byte[] INFO = "cipherpost/v1/piv-wrap".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG = 4;
    private static final int AEAD_TAG = 16;
    private static final int WRAP_KEY = 32;
    private static final String AEAD = "ChaCha20-Poly1305";

    private PivWrap() {
    }

    /**
     * Wraps a file key to a recipient point with a fresh ephemeral key.
     *
     * @param recipient the device's uncompressed P-256 public point
     * @param fileKey the 16-byte file key (not kept)
     * @return the stanza
     * @throws GeneralSecurityException when the point is not valid or the JDK lacks an algorithm
     */
    static AgeStanza wrap(final byte[] recipient, final byte[] fileKey) throws GeneralSecurityException {
        final byte[] point = P256.check(recipient);
        Objects.requireNonNull(fileKey, "File Key required");
        if (fileKey.length != FILE_KEY) {
            throw new GeneralSecurityException("File Key length [" + fileKey.length + "] not [" + FILE_KEY + "]");
        }
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPair ephemeral = generator.generateKeyPair();
        final ECPublicKey ephemeralPublic = (ECPublicKey) ephemeral.getPublic();
        final byte[] ephemeralPoint =
                P256.encode(ephemeralPublic.getW().getAffineX(), ephemeralPublic.getW().getAffineY());
        final ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + P256.COORDINATE)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + P256.COORDINATE, P256.POINT)));
        final ECPublicKey recipientKey = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(w, ephemeralPublic.getParams()));
        final KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(recipientKey, true);
        final byte[] shared = agreement.generateSecret();
        try {
            final byte[] body = seal(Cipher.ENCRYPT_MODE, shared, ephemeralPoint, point, fileKey);
            return new AgeStanza(TYPE, List.of(tagOf(point), encode(ephemeralPoint)), body);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /**
     * Tells whether a stanza is of this type and addressed to a recipient point.
     *
     * @param recipient the device's public point
     * @param stanza stanza
     * @return true when type and recipient tag match
     */
    static boolean addressedTo(final byte[] recipient, final AgeStanza stanza) {
        return TYPE.equals(stanza.type()) && stanza.arguments().size() == 2
                && MessageDigest.isEqual(stanza.arguments().get(0).getBytes(StandardCharsets.US_ASCII),
                        tagOf(recipient).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Unwraps a stanza with the card's ECDH.
     *
     * @param recipient the device's public point
     * @param stanza stanza
     * @param card ECDH with the device's private key
     * @return new array holding the 16-byte file key
     * @throws IOException when the card cannot be reached
     * @throws GeneralSecurityException when the stanza is malformed, not for this device or does not unwrap
     */
    static byte[] unwrap(final byte[] recipient, final AgeStanza stanza, final CardAgreement card)
            throws IOException, GeneralSecurityException {
        Objects.requireNonNull(stanza, "Stanza required");
        Objects.requireNonNull(card, "Card Agreement required");
        final byte[] point = P256.check(recipient);
        if (!addressedTo(point, stanza)) {
            throw new GeneralSecurityException("Stanza [" + stanza.type() + "] not addressed to this device");
        }
        final byte[] ephemeralPoint = P256.check(decode(stanza.arguments().get(1)));
        final byte[] body = stanza.body();
        if (body.length != FILE_KEY + AEAD_TAG) {
            throw new GeneralSecurityException("Stanza body length [" + body.length + "] not ["
                    + (FILE_KEY + AEAD_TAG) + "]");
        }
        final byte[] shared = card.agree(ephemeralPoint);
        try {
            if (shared.length != P256.COORDINATE) {
                throw new GeneralSecurityException("Shared secret length [" + shared.length + "] not ["
                        + P256.COORDINATE + "]");
            }
            return seal(Cipher.DECRYPT_MODE, shared, ephemeralPoint, point, body);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** Derives the wrap key from the shared secret and both points, and runs ChaCha20-Poly1305 with a zero nonce. */
    private static byte[] seal(final int mode, final byte[] shared, final byte[] ephemeralPoint,
            final byte[] recipient, final byte[] input) throws GeneralSecurityException {
        final byte[] salt = new byte[P256.POINT * 2];
        System.arraycopy(ephemeralPoint, 0, salt, 0, P256.POINT);
        System.arraycopy(recipient, 0, salt, P256.POINT, P256.POINT);
        final byte[] wrapKey = Hkdf.derive(salt, shared, INFO, WRAP_KEY);
        try {
            final Cipher cipher = Cipher.getInstance(AEAD);
            cipher.init(mode, new SecretKeySpec(wrapKey, AEAD), new IvParameterSpec(new byte[12]));
            return cipher.doFinal(input);
        } finally {
            Arrays.fill(wrapKey, (byte) 0);
        }
    }

    /** Returns the recipient tag: the first four bytes of SHA-256 of the point, in age base64. */
    private static String tagOf(final byte[] recipient) {
        try {
            return encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(recipient), TAG));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /**
     * Encodes bytes in age's base64 (standard alphabet, no padding).
     *
     * @param bytes bytes
     * @return text
     */
    static String encode(final byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes canonical age base64.
     *
     * @param text text
     * @return bytes
     * @throws GeneralSecurityException when not canonical base64
     */
    static byte[] decode(final String text) throws GeneralSecurityException {
        final byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException("Stanza argument not base64", e);
        }
        if (!encode(bytes).equals(text)) {
            throw new GeneralSecurityException("Stanza argument not canonical base64");
        }
        return bytes;
    }
}
