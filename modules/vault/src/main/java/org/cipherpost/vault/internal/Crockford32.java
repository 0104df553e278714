package org.cipherpost.vault.internal;

import java.util.Arrays;

/**
 * Crockford Base32 (digits and capital letters without I, L, O, U), made for people copying text by hand: decoding
 * ignores case and reads I and L as 1, O as 0.
 */
final class Crockford32 {
    /** The 32 symbols in value order. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
            VALUES[Character.toLowerCase(ALPHABET.charAt(i))] = i;
        }
        VALUES['O'] = 0;
        VALUES['o'] = 0;
        VALUES['I'] = 1;
        VALUES['i'] = 1;
        VALUES['L'] = 1;
        VALUES['l'] = 1;
    }

    private Crockford32() {
    }

    /**
     * Encodes bytes whose bit length is a multiple of 5.
     *
     * @param bytes bytes, length a multiple of 5
     * @return symbols, 8 per 5 bytes
     */
    static byte[] encode(final byte[] bytes) {
        if (bytes.length % 5 != 0) {
            throw new IllegalArgumentException("Length [%d] not a multiple of [5]".formatted(bytes.length));
        }
        final byte[] out = new byte[bytes.length / 5 * 8];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (final byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[at++] = (byte) ALPHABET.charAt((buffer >>> bits) & 31);
            }
            buffer &= (1 << bits) - 1;
        }
        return out;
    }

    /**
     * Returns the value of a symbol.
     *
     * @param symbol ASCII character
     * @return 0 to 31, or -1 when it is not a symbol
     */
    static int value(final int symbol) {
        return symbol >= 0 && symbol < VALUES.length ? VALUES[symbol] : -1;
    }

    /**
     * Decodes symbols whose count is a multiple of 8.
     *
     * @param symbols ASCII symbols, all valid
     * @param length number of symbols, a multiple of 8
     * @return bytes, 5 per 8 symbols, owned by the caller
     */
    static byte[] decode(final byte[] symbols, final int length) {
        if (length % 8 != 0) {
            throw new IllegalArgumentException("Length [%d] not a multiple of [8]".formatted(length));
        }
        final byte[] out = new byte[length / 8 * 5];
        long buffer = 0;
        int bits = 0;
        int at = 0;
        for (int i = 0; i < length; i++) {
            final int v = value(symbols[i]);
            if (v < 0) {
                throw new IllegalArgumentException("Symbol at [%d] not valid".formatted(i));
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[at++] = (byte) (buffer >>> bits);
                buffer &= (1L << bits) - 1;
            }
        }
        return out;
    }
}
