package org.cipherpost.plugin.yubikey;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/** NIST P-256 public points in SEC1 uncompressed form ({@code 04 || X || Y}), checked to lie on the curve. */
final class P256 {
    /** Length of an uncompressed point. */
    static final int POINT = 65;
    /** Length of one coordinate and of an ECDH shared secret. */
    static final int COORDINATE = 32;

    private static final BigInteger P =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B =
            new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private P256() {
    }

    /**
     * Checks that bytes are an uncompressed point on P-256 (not the point at infinity) and returns a copy.
     *
     * @param point candidate point
     * @return a copy of the point
     * @throws GeneralSecurityException when it is not a valid point
     */
    static byte[] check(final byte[] point) throws GeneralSecurityException {
        Objects.requireNonNull(point, "Point required");
        if (point.length != POINT || point[0] != 0x04) {
            throw new GeneralSecurityException("P-256 point length [" + point.length + "] or form not valid");
        }
        final BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE));
        final BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE, POINT));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            throw new GeneralSecurityException("P-256 point coordinates out of range");
        }
        final BigInteger left = y.multiply(y).mod(P);
        final BigInteger right = x.pow(3).subtract(x.multiply(THREE)).add(B).mod(P);
        if (!left.equals(right)) {
            throw new GeneralSecurityException("P-256 point not on the curve");
        }
        return point.clone();
    }

    /**
     * Encodes affine coordinates as an uncompressed point.
     *
     * @param x X coordinate
     * @param y Y coordinate
     * @return the point
     */
    static byte[] encode(final BigInteger x, final BigInteger y) {
        final byte[] point = new byte[POINT];
        point[0] = 0x04;
        copyCoordinate(x, point, 1);
        copyCoordinate(y, point, 1 + COORDINATE);
        return point;
    }

    /** Writes a coordinate big-endian and left-padded into 32 bytes at an offset. */
    private static void copyCoordinate(final BigInteger value, final byte[] target, final int offset) {
        final byte[] raw = value.toByteArray();
        final int start = Math.max(0, raw.length - COORDINATE);
        final int length = raw.length - start;
        System.arraycopy(raw, start, target, offset + COORDINATE - length, length);
    }
}
