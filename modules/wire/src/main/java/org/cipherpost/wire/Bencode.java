package org.cipherpost.wire;

import java.util.Objects;

/**
 * Entry point for bencoding (BEP 3) over bytes: strict decoding and canonical encoding.
 */
public final class Bencode {
    /** Deepest nesting of lists and dictionaries accepted or written. */
    public static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    /**
     * Decodes one canonical bencoded value that spans the whole input.
     *
     * @param input bencoded bytes
     * @return decoded value
     * @throws BencodeException when the input is malformed, non-canonical or nested too deeply
     */
    public static BencodeValue decode(final byte[] input) throws BencodeException {
        Objects.requireNonNull(input, "Bencoded input required");
        return BencodeDecoder.decode(input);
    }

    /**
     * Encodes a value canonically.
     *
     * @param value value to encode
     * @return bencoded bytes
     * @throws IllegalArgumentException when the value nests deeper than {@link #MAX_DEPTH}
     */
    public static byte[] encode(final BencodeValue value) {
        Objects.requireNonNull(value, "Bencode value required");
        return BencodeEncoder.encode(value);
    }
}
