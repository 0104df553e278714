package org.cipherpost.crypto.internal.age;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/** Key derivations of the age format: one-block HKDF-SHA-256 and the scrypt wrap key. */
final class AgeKdf {
    /** Salt prefix of the scrypt recipient type. */
    static final byte[] SCRYPT_LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);

    private static final String HMAC = "HmacSHA256";

    private static final int KEY_LENGTH = 32;

    private static final int SCRYPT_BLOCK_SIZE = 8;

    private AgeKdf() {
    }

    /**
     * HKDF-SHA-256 with a 32-byte output (RFC 5869).
     *
     * @param ikm input keying material
     * @param salt salt
     * @param info info label
     * @return 32 bytes owned by the caller
     * @throws GeneralSecurityException when HMAC-SHA-256 is not available
     */
    static byte[] hkdf(final byte[] ikm, final byte[] salt, final String info) throws GeneralSecurityException {
        final Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(salt.length == 0 ? new byte[KEY_LENGTH] : salt, HMAC));
        final byte[] prk = mac.doFinal(ikm);
        try {
            mac.init(new SecretKeySpec(prk, HMAC));
            mac.update(info.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 1);
            return mac.doFinal();
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /**
     * Derives the scrypt wrap key: scrypt(N = 2^workFactor, r = 8, p = 1, S = label || salt).
     *
     * @param passphrase passphrase bytes
     * @param salt 16-byte salt
     * @param workFactor base-two logarithm of N
     * @return 32 bytes owned by the caller
     */
    static byte[] scrypt(final byte[] passphrase, final byte[] salt, final int workFactor) {
        final byte[] labeledSalt = new byte[SCRYPT_LABEL.length + salt.length];
        System.arraycopy(SCRYPT_LABEL, 0, labeledSalt, 0, SCRYPT_LABEL.length);
        System.arraycopy(salt, 0, labeledSalt, SCRYPT_LABEL.length, salt.length);
        return SCrypt.generate(passphrase, labeledSalt, 1 << workFactor, SCRYPT_BLOCK_SIZE, 1, KEY_LENGTH);
    }
}
