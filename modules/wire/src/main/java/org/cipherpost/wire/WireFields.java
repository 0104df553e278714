package org.cipherpost.wire;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.cipherpost.crypto.SecretBytes;

/** Strict checks and codecs for the field formats of the signed structures. */
final class WireFields {
    private static final String HEX_DIGITS = "0123456789abcdef";

    private WireFields() {
    }

    /**
     * Decodes canonical Base64 (standard alphabet, padded, zero trailing bits).
     *
     * @param text Base64 text
     * @param member member name for messages
     * @return decoded bytes
     * @throws IOException when the text is not canonical Base64
     */
    static byte[] base64(final String text, final String member) throws IOException {
        final byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException e) {
            throw notBase64(member);
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw notBase64(member);
        }
        return decoded;
    }

    /**
     * Decodes canonical Base64 held in characters that may be secret, without making a String.
     *
     * @param chars Base64 characters
     * @param member member name for messages
     * @return decoded bytes, owned by the caller
     * @throws IOException when the text is not canonical Base64
     */
    static SecretBytes base64Secret(final char[] chars, final String member) throws IOException {
        final byte[] ascii = new byte[chars.length];
        byte[] decoded = null;
        byte[] again = null;
        try {
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] > 0x7e) {
                    throw notBase64(member);
                }
                ascii[i] = (byte) chars[i];
            }
            try {
                decoded = Base64.getDecoder().decode(ascii);
            } catch (final IllegalArgumentException e) {
                throw notBase64(member);
            }
            again = Base64.getEncoder().encode(decoded);
            if (!MessageDigest.isEqual(again, ascii)) {
                Arrays.fill(decoded, (byte) 0);
                throw notBase64(member);
            }
            return SecretBytes.wrap(decoded);
        } finally {
            Arrays.fill(ascii, (byte) 0);
            if (again != null) {
                Arrays.fill(again, (byte) 0);
            }
        }
    }

    /**
     * Encodes bytes as padded standard Base64.
     *
     * @param bytes bytes
     * @return Base64 text
     */
    static String toBase64(final byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Checks lowercase hexadecimal of an exact length.
     *
     * @param text text
     * @param length required number of characters
     * @param member member name for messages
     * @throws IOException when the length or a character is wrong
     */
    static void hex(final String text, final int length, final String member) throws IOException {
        if (text.length() != length) {
            throw new IOException(String.format("Member [%s] length [%d] not equal to [%d] hexadecimal characters",
                    member, text.length(), length));
        }
        for (int i = 0; i < text.length(); i++) {
            if (HEX_DIGITS.indexOf(text.charAt(i)) < 0) {
                throw new IOException(String.format("Member [%s] character at [%d] not lowercase hexadecimal",
                        member, i));
            }
        }
    }

    /**
     * Decodes a public key written as exactly 52 lowercase z-base-32 characters.
     *
     * @param text key text
     * @param member member name for messages
     * @return 32 key bytes
     * @throws IOException when the text is not a canonical z-base-32 key
     */
    static byte[] z32Key(final String text, final String member) throws IOException {
        if (text.length() != PublicKeys.Z32_LENGTH) {
            throw new IOException(String.format("Member [%s] length [%d] not equal to [%d] z-base-32 characters",
                    member, text.length(), PublicKeys.Z32_LENGTH));
        }
        for (int i = 0; i < text.length(); i++) {
            if (ZBase32.ALPHABET.indexOf(text.charAt(i)) < 0) {
                throw new IOException(String.format("Member [%s] character at [%d] not lowercase z-base-32",
                        member, i));
            }
        }
        try {
            return ZBase32.decode(text);
        } catch (final IOException e) {
            throw new IOException(String.format("Member [%s] not a canonical z-base-32 key", member), e);
        }
    }

    /**
     * Decodes a key of a structure that was validated when parsed or built.
     *
     * @param text 52 lowercase z-base-32 characters
     * @return 32 key bytes
     * @throws IllegalStateException when the text is not a key, which validation rules out
     */
    static byte[] knownKey(final String text) {
        try {
            return z32Key(text, "key");
        } catch (final IOException e) {
            throw new IllegalStateException("Key not valid", e);
        }
    }

    /**
     * Returns the US-ASCII bytes of Base64 of a secret, for writing without a String.
     *
     * @param secret secret bytes
     * @return Base64 characters as bytes, owned (and to be wiped) by the caller
     */
    static byte[] base64Ascii(final SecretBytes secret) {
        return Base64.getEncoder().encode(secret.bytes());
    }

    /**
     * Returns the length of padded Base64 for a byte count.
     *
     * @param byteCount number of bytes
     * @return number of characters
     */
    static long base64Length(final long byteCount) {
        return (byteCount + 2) / 3 * 4;
    }

    private static IOException notBase64(final String member) {
        return new IOException(String.format("Member [%s] not canonical padded standard Base64", member));
    }
}
