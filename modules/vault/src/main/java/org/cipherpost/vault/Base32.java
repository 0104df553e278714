package org.cipherpost.vault;

import java.io.IOException;

/**
 * Decodes RFC 4648 Base32 as found in otpauth secrets: either case, spaces ignored, {@code =} padding optional
 * (only at the end). Unused trailing bits are ignored. Messages never echo the input.
 */
final class Base32 {
    private Base32() {
    }

    /**
     * Decodes the given range of characters.
     *
     * @param text ASCII characters
     * @param from first index
     * @param to index after the last character
     * @return decoded bytes, owned by the caller
     * @throws IOException when a character is not Base32 or the number of symbols cannot end a Base32 text
     */
    static byte[] decode(final byte[] text, final int from, final int to) throws IOException {
        int symbols = 0;
        boolean padding = false;
        for (int i = from; i < to; i++) {
            final byte c = text[i];
            if (c == ' ') {
                continue;
            }
            if (c == '=') {
                padding = true;
            } else if (padding || value(c) < 0) {
                throw new IOException("Secret not valid Base32");
            } else {
                symbols++;
            }
        }
        final int remainder = symbols % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IOException("Secret Base32 length [%d] not valid".formatted(symbols));
        }
        final byte[] out = new byte[symbols * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (int i = from; i < to && at < out.length; i++) {
            final int v = value(text[i]);
            if (v < 0) {
                continue;
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[at++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return out;
    }

    /** Returns the 5-bit value of a Base32 character, or -1. */
    private static int value(final byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
