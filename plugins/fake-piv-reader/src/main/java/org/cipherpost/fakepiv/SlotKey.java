package org.cipherpost.fakepiv;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Objects;

/**
 * A P-256 key in a PIV slot with the policies it was generated under.
 *
 * @param pair the key pair (the fake keeps the private key in memory and in its state file)
 * @param pinPolicy PIV PIN policy byte (1 never, 2 once, 3 always)
 * @param touchPolicy PIV touch policy byte (recorded only: the fake needs no touch)
 */
record SlotKey(KeyPair pair, byte pinPolicy, byte touchPolicy) {
    /** PIN policy NEVER. */
    static final byte PIN_NEVER = 1;
    /** PIN policy ALWAYS. */
    static final byte PIN_ALWAYS = 3;

    private static final int COORDINATE = 32;

    /**
     * Checks the pair.
     *
     * @param pair pair
     * @param pinPolicy PIN policy
     * @param touchPolicy touch policy
     */
    SlotKey {
        Objects.requireNonNull(pair, "Key Pair required");
    }

    /**
     * Returns the public key as an uncompressed SEC1 point ({@code 04 || X || Y}).
     *
     * @return 65 bytes
     */
    byte[] point() {
        final ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        final byte[] point = new byte[1 + 2 * COORDINATE];
        point[0] = 0x04;
        copy(w.getAffineX(), point, 1);
        copy(w.getAffineY(), point, 1 + COORDINATE);
        return point;
    }

    /** Writes a coordinate big-endian, left-padded to 32 bytes, at an offset. */
    private static void copy(final BigInteger value, final byte[] target, final int offset) {
        final byte[] raw = value.toByteArray();
        final int start = Math.max(0, raw.length - COORDINATE);
        final int length = raw.length - start;
        System.arraycopy(raw, start, target, offset + COORDINATE - length, length);
    }
}
