package org.cipherpost.wire;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Ed25519 public keys as PKARR names them: 52 characters of z-base-32, optionally prefixed with {@code pk:}.
 */
public final class PublicKeys {
    /** Length of an Ed25519 public key in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Length of a z-base-32 encoded public key in characters. */
    public static final int Z32_LENGTH = 52;

    /** URI-style prefix PKARR advises for printed keys. */
    public static final String PREFIX = "pk:";

    private PublicKeys() {
    }

    /**
     * Parses a z-base-32 public key, with or without the {@code pk:} prefix, in either case.
     *
     * @param text key text such as {@code pk:yg4gxe7z1r7mr6orids9fh95y7gxhdsxjqi6nngsxxtakqaxr5no}
     * @return 32 key bytes
     * @throws IOException when the length, a character or the trailing bits are wrong
     */
    public static byte[] parseZ32(final String text) throws IOException {
        Objects.requireNonNull(text, "Public key text required");
        String key = text.strip();
        if (key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            key = key.substring(PREFIX.length());
        }
        if (key.length() != Z32_LENGTH) {
            throw new IOException(String.format("Public key length [%d] not equal to required [%d] characters",
                    key.length(), Z32_LENGTH));
        }
        return ZBase32.decode(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Encodes a public key as 52 lowercase z-base-32 characters.
     *
     * @param publicKey 32 key bytes
     * @return encoded key without prefix
     */
    public static String toZ32(final byte[] publicKey) {
        checkLength(publicKey);
        return ZBase32.encode(publicKey);
    }

    /**
     * Encodes a public key as a {@code pk:} URI.
     *
     * @param publicKey 32 key bytes
     * @return {@code pk:} followed by the z-base-32 key
     */
    public static String toUri(final byte[] publicKey) {
        return PREFIX + toZ32(publicKey);
    }

    /**
     * Checks a public key's length.
     *
     * @param publicKey key bytes
     * @throws IllegalArgumentException when not 32 bytes
     */
    static void checkLength(final byte[] publicKey) {
        Objects.requireNonNull(publicKey, "Public key required");
        if (publicKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException(String.format("Public key length [%d] not equal to required [%d]",
                    publicKey.length, KEY_LENGTH));
        }
    }
}
