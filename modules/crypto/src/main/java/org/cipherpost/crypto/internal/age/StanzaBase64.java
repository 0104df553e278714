package org.cipherpost.crypto.internal.age;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Canonical unpadded base64 of stanza arguments (age spec: reject padding and non-canonical encodings). */
final class StanzaBase64 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private StanzaBase64() {
    }

    /**
     * Encodes bytes as unpadded base64.
     *
     * @param bytes bytes
     * @return base64 text
     */
    static String encode(final byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes a canonical unpadded argument of an exact length.
     *
     * @param argument base64 text
     * @param length expected decoded length
     * @param what name for the message, such as "X25519 share"
     * @return decoded bytes
     * @throws InvalidStanzaException when the argument is not canonical or has another length
     */
    static byte[] decode(final String argument, final int length, final String what) throws InvalidStanzaException {
        final byte[] decoded;
        try {
            if (argument.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            decoded = Base64.getDecoder().decode(argument.getBytes(StandardCharsets.US_ASCII));
        } catch (final IllegalArgumentException e) {
            throw new InvalidStanzaException("%s not valid base64".formatted(what));
        }
        if (decoded.length != length || !ENCODER.encodeToString(decoded).equals(argument)) {
            throw new InvalidStanzaException("%s not canonical base64 of [%d] bytes".formatted(what, length));
        }
        return decoded;
    }
}
