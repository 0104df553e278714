package org.cipherpost.crypto;

import java.math.BigInteger;
import java.util.Set;

/**
 * Public-input checks on edwards25519 encodings (RFC 8032 section 5.1.3): canonical y, point on the
 * curve, small order, canonical scalar. Variable time: use only on public values.
 */
final class Edwards25519 {
    /** Length of an encoded point or scalar in bytes. */
    static final int ENCODED_LENGTH = 32;

    /** The field prime p = 2^255 - 19. */
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** The group order L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    /** The curve constant d = -121665 / 121666. */
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

    private static final BigInteger LEGENDRE_EXPONENT = P.subtract(BigInteger.ONE).shiftRight(1);

    /** The y coordinates of the eight points of order dividing 8 (both signs of x share one y). */
    private static final Set<BigInteger> SMALL_ORDER_Y = Set.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            P.subtract(BigInteger.ONE),
            new BigInteger("05fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826", 16),
            new BigInteger("7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7", 16));

    private Edwards25519() {
    }

    /**
     * Reads the y coordinate of an encoded point, ignoring the sign bit of x.
     *
     * @param encoded 32-byte little-endian encoding
     * @return y, which may be non-canonical (at least p)
     */
    static BigInteger y(final byte[] encoded) {
        final byte[] bigEndian = new byte[ENCODED_LENGTH];
        for (int i = 0; i < ENCODED_LENGTH; i++) {
            bigEndian[i] = encoded[ENCODED_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    /**
     * Returns the sign bit of x from an encoded point.
     *
     * @param encoded 32-byte encoding
     * @return true when x is odd
     */
    static boolean xOdd(final byte[] encoded) {
        return (encoded[ENCODED_LENGTH - 1] & 0x80) != 0;
    }

    /**
     * Tells whether an encoding decodes to a curve point per RFC 8032: y below p, x recoverable, and
     * no sign bit on x = 0.
     *
     * @param encoded 32-byte encoding
     * @return true when the encoding names a point of the curve
     */
    static boolean decodes(final byte[] encoded) {
        if (encoded.length != ENCODED_LENGTH) {
            return false;
        }
        final BigInteger y = y(encoded);
        if (y.compareTo(P) >= 0) {
            return false;
        }
        final BigInteger ySquared = y.multiply(y).mod(P);
        final BigInteger numerator = ySquared.subtract(BigInteger.ONE).mod(P);
        final BigInteger denominator = D.multiply(ySquared).add(BigInteger.ONE).mod(P);
        final BigInteger xSquared = numerator.multiply(denominator.modInverse(P)).mod(P);
        if (xSquared.signum() == 0) {
            return !xOdd(encoded);
        }
        return xSquared.modPow(LEGENDRE_EXPONENT, P).equals(BigInteger.ONE);
    }

    /**
     * Tells whether a decodable encoding names one of the eight points of small order.
     *
     * @param encoded 32-byte encoding that {@link #decodes(byte[])}
     * @return true for a small-order point
     */
    static boolean smallOrder(final byte[] encoded) {
        return SMALL_ORDER_Y.contains(y(encoded));
    }

    /**
     * Tells whether a 32-byte little-endian scalar is canonical, that is below L.
     *
     * @param scalar bytes
     * @param offset first byte of the scalar
     * @return true when the scalar is below L
     */
    static boolean canonicalScalar(final byte[] scalar, final int offset) {
        final byte[] bigEndian = new byte[ENCODED_LENGTH];
        for (int i = 0; i < ENCODED_LENGTH; i++) {
            bigEndian[i] = scalar[offset + ENCODED_LENGTH - 1 - i];
        }
        return new BigInteger(1, bigEndian).compareTo(L) < 0;
    }
}
