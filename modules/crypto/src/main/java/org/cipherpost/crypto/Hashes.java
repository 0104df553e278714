package org.cipherpost.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** SHA-256 over concatenated parts, and strict hexadecimal encoding. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    /**
     * Returns SHA-256 of the concatenation of the parts.
     *
     * @param parts byte arrays hashed in order
     * @return 32-byte digest
     */
    public static byte[] sha256(final byte[]... parts) {
        Objects.requireNonNull(parts, "Parts required");
        final MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        for (final byte[] part : parts) {
            digest.update(Objects.requireNonNull(part, "Part required"));
        }
        return digest.digest();
    }

    /**
     * Encodes bytes as lowercase hexadecimal.
     *
     * @param bytes bytes to encode
     * @return hexadecimal text
     */
    public static String hex(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Bytes required");
        return HEX.formatHex(bytes);
    }

    /**
     * Decodes hexadecimal text strictly: ASCII digits and letters a-f in either case, even length, nothing else.
     *
     * @param hex hexadecimal text
     * @return decoded bytes
     * @throws IllegalArgumentException for odd length or any other character; the message never echoes the text
     */
    public static byte[] unhex(final String hex) {
        Objects.requireNonNull(hex, "Hexadecimal text required");
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("Hexadecimal length [%d] not even".formatted(hex.length()));
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!HexFormat.isHexDigit(hex.charAt(i))) {
                throw new IllegalArgumentException("Hexadecimal character at [%d] not valid".formatted(i));
            }
        }
        return HEX.parseHex(hex);
    }
}
