package org.cipherpost.crypto.internal.age;

import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bech32 (BIP 173, no length limit) for secret keys, on byte arrays only so that no secret becomes a String.
 *
 * <p>Text is ASCII bytes. Decoding accepts all-lowercase or all-uppercase text; encoding writes uppercase,
 * as age does for {@code AGE-SECRET-KEY-1...}. Every temporary array is wiped.
 */
public final class SecretBech32 {
    private static final byte[] CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private static final int CHECKSUM_LENGTH = 6;

    private static final byte SEPARATOR = '1';

    private static final byte[] VALUES = values();

    private SecretBech32() {
    }

    /**
     * Encodes data under a human-readable part, in uppercase.
     *
     * @param prefix human-readable part such as {@code AGE-SECRET-KEY-}
     * @param data bytes to encode
     * @return uppercase ASCII text owned by the caller
     */
    public static byte[] encodeUpperCase(final String prefix, final byte[] data) {
        Objects.requireNonNull(prefix, "Prefix required");
        Objects.requireNonNull(data, "Data required");
        final byte[] hrp = lower(prefix);
        final byte[] words = convert(data, 8, 5, true);
        try {
            final byte[] checksum = checksum(hrp, words);
            final byte[] text = new byte[hrp.length + 1 + words.length + CHECKSUM_LENGTH];
            int position = 0;
            for (final byte b : hrp) {
                text[position++] = upper(b);
            }
            text[position++] = SEPARATOR;
            for (final byte word : words) {
                text[position++] = upper(CHARSET[word]);
            }
            for (final byte word : checksum) {
                text[position++] = upper(CHARSET[word]);
            }
            return text;
        } finally {
            Arrays.fill(words, (byte) 0);
        }
    }

    /**
     * Decodes text and checks its human-readable part, case-insensitively.
     *
     * @param text ASCII text, not modified
     * @param offset first byte
     * @param length byte count
     * @param prefix expected human-readable part
     * @return decoded data owned by the caller
     * @throws InvalidKeyException when the text is not valid Bech32 under that prefix; never quotes the text
     */
    public static byte[] decode(final byte[] text, final int offset, final int length, final String prefix)
            throws InvalidKeyException {
        Objects.requireNonNull(text, "Text required");
        Objects.checkFromIndexSize(offset, length, text.length);
        final byte[] hrp = lower(prefix);
        if (length < hrp.length + 1 + CHECKSUM_LENGTH || text[offset + hrp.length] != SEPARATOR) {
            throw new InvalidKeyException("Key prefix not [%s1]".formatted(prefix));
        }
        boolean hasLower = false;
        boolean hasUpper = false;
        for (int i = 0; i < hrp.length; i++) {
            final byte b = text[offset + i];
            hasLower |= b >= 'a' && b <= 'z';
            hasUpper |= b >= 'A' && b <= 'Z';
            if (lowerByte(b) != hrp[i]) {
                throw new InvalidKeyException("Key prefix not [%s1]".formatted(prefix));
            }
        }
        final int dataLength = length - hrp.length - 1;
        final byte[] words = new byte[dataLength];
        try {
            for (int i = 0; i < dataLength; i++) {
                final byte b = text[offset + hrp.length + 1 + i];
                hasLower |= b >= 'a' && b <= 'z';
                hasUpper |= b >= 'A' && b <= 'Z';
                final int value = b < 0 ? -1 : VALUES[b];
                if (value < 0) {
                    throw new InvalidKeyException("Key contains a character outside Bech32");
                }
                words[i] = (byte) value;
            }
            if (hasLower && hasUpper) {
                throw new InvalidKeyException("Key mixes upper and lower case");
            }
            if (polymod(hrp, words, dataLength) != 1) {
                throw new InvalidKeyException("Key checksum not valid");
            }
            final byte[] data = Arrays.copyOf(words, dataLength - CHECKSUM_LENGTH);
            try {
                return convert(data, 5, 8, false);
            } catch (final IllegalArgumentException e) {
                throw new InvalidKeyException("Key padding not valid");
            } finally {
                Arrays.fill(data, (byte) 0);
            }
        } finally {
            Arrays.fill(words, (byte) 0);
        }
    }

    /** Computes the six checksum words. */
    private static byte[] checksum(final byte[] hrp, final byte[] words) {
        final byte[] padded = Arrays.copyOf(words, words.length + CHECKSUM_LENGTH);
        try {
            final int mod = polymod(hrp, padded, padded.length) ^ 1;
            final byte[] checksum = new byte[CHECKSUM_LENGTH];
            for (int i = 0; i < CHECKSUM_LENGTH; i++) {
                checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
            }
            return checksum;
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    /** BIP 173 checksum polynomial over the expanded prefix and the words. */
    private static int polymod(final byte[] hrp, final byte[] words, final int length) {
        int checksum = 1;
        for (final byte b : hrp) {
            checksum = step(checksum, (b & 0xFF) >>> 5);
        }
        checksum = step(checksum, 0);
        for (final byte b : hrp) {
            checksum = step(checksum, b & 31);
        }
        for (int i = 0; i < length; i++) {
            checksum = step(checksum, words[i]);
        }
        return checksum;
    }

    /** One polymod step, branch-free. */
    private static int step(final int checksum, final int value) {
        final int top = checksum >>> 25;
        int next = ((checksum & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < GENERATOR.length; i++) {
            next ^= -((top >>> i) & 1) & GENERATOR[i];
        }
        return next;
    }

    /** Regroups bits; the strict direction rejects more than 4 padding bits or non-zero padding. */
    private static byte[] convert(final byte[] data, final int fromBits, final int toBits, final boolean pad) {
        int accumulator = 0;
        int bits = 0;
        final int maxValue = (1 << toBits) - 1;
        final byte[] out = new byte[(data.length * fromBits + toBits - 1) / toBits];
        int position = 0;
        for (final byte b : data) {
            accumulator = (accumulator << fromBits) | (b & 0xFF);
            bits += fromBits;
            while (bits >= toBits) {
                bits -= toBits;
                out[position++] = (byte) ((accumulator >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) {
                out[position++] = (byte) ((accumulator << (toBits - bits)) & maxValue);
            }
        } else if (bits >= fromBits || ((accumulator << (toBits - bits)) & maxValue) != 0) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalArgumentException("Key padding not valid");
        }
        if (position == out.length) {
            return out;
        }
        final byte[] trimmed = Arrays.copyOf(out, position);
        Arrays.fill(out, (byte) 0);
        return trimmed;
    }

    /** Returns the lowercase ASCII bytes of a prefix. */
    private static byte[] lower(final String prefix) {
        final byte[] hrp = new byte[prefix.length()];
        for (int i = 0; i < hrp.length; i++) {
            final char c = prefix.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("Prefix character not printable ASCII");
            }
            hrp[i] = lowerByte((byte) c);
        }
        return hrp;
    }

    /** Lowercases one ASCII byte. */
    private static byte lowerByte(final byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    /** Uppercases one ASCII byte. */
    private static byte upper(final byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    /** Builds the reverse lookup of the character set, both cases. */
    private static byte[] values() {
        final byte[] values = new byte[128];
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < CHARSET.length; i++) {
            values[CHARSET[i]] = (byte) i;
            values[upper(CHARSET[i])] = (byte) i;
        }
        return values;
    }
}
