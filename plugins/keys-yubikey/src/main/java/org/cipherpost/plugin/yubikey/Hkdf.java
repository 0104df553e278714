package org.cipherpost.plugin.yubikey;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) for outputs of at most one hash length, on the JDK's HMAC. */
final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH = 32;

    private Hkdf() {
    }

    /**
     * Derives key material.
     *
     * @param salt salt
     * @param inputKey input key material (not kept)
     * @param info context
     * @param length output length, 1 to 32
     * @return new array holding the output, which the caller wipes
     * @throws GeneralSecurityException when HMAC-SHA256 is unavailable
     */
    static byte[] derive(final byte[] salt, final byte[] inputKey, final byte[] info, final int length)
            throws GeneralSecurityException {
        if (length < 1 || length > HASH) {
            throw new IllegalArgumentException("Length [" + length + "] not in range [1, " + HASH + "]");
        }
        final Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(salt, HMAC));
        final byte[] pseudoRandomKey = mac.doFinal(inputKey);
        try {
            mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            mac.update(info);
            mac.update((byte) 1);
            final byte[] block = mac.doFinal();
            try {
                return Arrays.copyOf(block, length);
            } finally {
                Arrays.fill(block, (byte) 0);
            }
        } finally {
            Arrays.fill(pseudoRandomKey, (byte) 0);
        }
    }
}
