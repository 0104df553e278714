package org.cipherpost.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with domain separation: the info is always {@code "cipherpost/v1/" + context}.
 */
public final class Hkdf {
    /** Prefix of every info label. */
    public static final String LABEL_PREFIX = "cipherpost/v1/";

    /** Context of the identity file key-encryption key. */
    public static final String IDENTITY_KEK = "identity-kek";

    /** Context of the share PIN key. */
    public static final String PIN = "pin";

    private static final String MAC_ALGORITHM = "HmacSHA256";

    private static final int HASH_LENGTH = 32;

    private static final int MAXIMUM_LENGTH = 255 * HASH_LENGTH;

    private Hkdf() {
    }

    /**
     * Derives key material bound to a Cipherpost context.
     *
     * @param salt salt; empty or null means HashLen zero bytes, as in RFC 5869
     * @param ikm input keying material
     * @param context context name: not blank, no '/'
     * @param length output length, 1 to 8160 bytes
     * @return derived bytes that the caller owns and must close
     */
    public static SecretBytes derive(final byte[] salt, final SecretBytes ikm, final String context, final int length) {
        Objects.requireNonNull(ikm, "Input keying material required");
        return SecretBytes.wrap(raw(salt, ikm.bytes(), info(context), length));
    }

    /**
     * Returns the info label of a context.
     *
     * @param context context name: not blank, no '/'
     * @return UTF-8 of the prefixed label
     */
    static byte[] info(final String context) {
        Objects.requireNonNull(context, "Context required");
        if (context.isBlank()) {
            throw new IllegalArgumentException("Context must not be blank");
        }
        if (context.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Context [%s] must not contain '/'".formatted(context));
        }
        return (LABEL_PREFIX + context).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Plain HKDF-SHA256: extract then expand, without any label rule.
     *
     * @param salt salt; empty or null means HashLen zero bytes
     * @param ikm input keying material
     * @param info info bytes
     * @param length output length, 1 to 8160 bytes
     * @return output keying material, owned by the caller
     */
    static byte[] raw(final byte[] salt, final byte[] ikm, final byte[] info, final int length) {
        Objects.requireNonNull(ikm, "Input keying material required");
        Objects.requireNonNull(info, "Info required");
        if (length < 1 || length > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("Length [%d] not between [1] and [%d]".formatted(length, MAXIMUM_LENGTH));
        }
        final byte[] extractKey = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        byte[] prk = null;
        byte[] block = new byte[0];
        final byte[] out = new byte[length];
        try {
            final Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(new SecretKeySpec(extractKey, MAC_ALGORITHM));
            prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, MAC_ALGORITHM));
            int offset = 0;
            for (int counter = 1; offset < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                Arrays.fill(block, (byte) 0);
                block = mac.doFinal();
                final int chunk = Math.min(HASH_LENGTH, length - offset);
                System.arraycopy(block, 0, out, offset, chunk);
                offset += chunk;
            }
            mac.reset();
            return out;
        } catch (final GeneralSecurityException e) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalStateException("HMAC-SHA256 not available", e);
        } finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
            Arrays.fill(block, (byte) 0);
        }
    }
}
