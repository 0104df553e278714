package org.cipherpost.vault;

import java.math.BigInteger;

/** Base-2 logarithm of large counts, for entropy figures. */
final class Log2 {
    private static final int DOUBLE_BITS = 53;

    private Log2() {
    }

    /**
     * Returns log2 of a positive integer, accurate to double precision.
     *
     * @param value positive integer
     * @return logarithm in bits
     */
    static double of(final BigInteger value) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("Value not positive");
        }
        final int shift = Math.max(0, value.bitLength() - DOUBLE_BITS);
        return Math.log(value.shiftRight(shift).doubleValue()) / Math.log(2) + shift;
    }
}
