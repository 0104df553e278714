package org.cipherpost.wire;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * z-base-32 (Zooko's human-oriented base-32) without padding, as PKARR uses for public keys.
 *
 * <p>Bits are taken most significant first, five at a time; the last character carries zero bits after the data.
 */
public final class ZBase32 {
    /** The z-base-32 alphabet, index = 5-bit value. */
    public static final String ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769";

    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private ZBase32() {
    }

    /**
     * Encodes bytes as lowercase z-base-32 text of {@code ceil(8 * length / 5)} characters.
     *
     * @param bytes bytes to encode
     * @return encoded text
     */
    public static String encode(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Bytes required");
        final StringBuilder out = new StringBuilder(encodedLength(bytes.length));
        int buffer = 0;
        int bits = 0;
        for (final byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET.charAt((buffer >>> bits) & 0x1f));
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /**
     * Decodes canonical z-base-32 text; uppercase letters are read as lowercase.
     *
     * @param text encoded text
     * @return decoded bytes
     * @throws IOException when a character is outside the alphabet, the length cannot come from whole bytes,
     *         or the unused trailing bits are not zero
     */
    public static byte[] decode(final CharSequence text) throws IOException {
        Objects.requireNonNull(text, "Text required");
        final int length = text.length();
        final int byteCount = (int) ((long) length * 5 / 8);
        if (encodedLength(byteCount) != length) {
            throw new IOException(String.format("z-base-32 length [%d] does not encode whole bytes", length));
        }
        final byte[] out = new byte[byteCount];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < length; i++) {
            final int value = valueOf(text.charAt(i), i);
            buffer = ((buffer << 5) | value) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >>> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IOException("z-base-32 text has non-zero trailing bits");
        }
        return out;
    }

    /**
     * Returns the encoded length for a byte count.
     *
     * @param byteCount number of bytes
     * @return number of characters
     */
    static int encodedLength(final int byteCount) {
        return (int) (((long) byteCount * 8 + 4) / 5);
    }

    private static int valueOf(final char character, final int position) throws IOException {
        final char lower = character >= 'A' && character <= 'Z' ? (char) (character + ('a' - 'A')) : character;
        final int value = lower < VALUES.length ? VALUES[lower] : -1;
        if (value < 0) {
            throw new IOException(String.format("Character [%s] at position [%d] is not z-base-32",
                    printable(character), position));
        }
        return value;
    }

    private static String printable(final char character) {
        return character >= 0x21 && character < 0x7f ? String.valueOf(character) : String.format("U+%04X", (int) character);
    }
}
