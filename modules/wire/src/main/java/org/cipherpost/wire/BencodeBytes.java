package org.cipherpost.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bencoded byte string: {@code <length>:<bytes>}, compared and hashed by content.
 *
 * <p>Ordering is unsigned lexicographic over the raw bytes, the order BEP 3 requires for dictionary keys.
 */
public final class BencodeBytes implements BencodeValue, Comparable<BencodeBytes> {
    private static final int SHOWN_BYTES = 32;

    private final byte[] bytes;

    private BencodeBytes(final byte[] owned) {
        this.bytes = owned;
    }

    /**
     * Returns a byte string holding a copy of the given bytes.
     *
     * @param bytes content to copy
     * @return byte string
     */
    public static BencodeBytes of(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Bytes required");
        return new BencodeBytes(bytes.clone());
    }

    /**
     * Returns a byte string holding the UTF-8 encoding of the given text (for keys such as {@code "seq"}).
     *
     * @param text text to encode
     * @return byte string
     */
    public static BencodeBytes utf8(final String text) {
        Objects.requireNonNull(text, "Text required");
        return new BencodeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Wraps an array that nobody else holds; for the decoder only.
     *
     * @param owned array to own
     * @return byte string
     */
    static BencodeBytes wrap(final byte[] owned) {
        return new BencodeBytes(owned);
    }

    /**
     * Returns a copy of the content.
     *
     * @return content bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns the live content array for package code that will not modify it.
     *
     * @return content bytes, not copied
     */
    byte[] unsafeBytes() {
        return bytes;
    }

    /**
     * Returns the number of content bytes.
     *
     * @return length
     */
    public int length() {
        return bytes.length;
    }

    /**
     * Returns the content decoded as UTF-8 (malformed sequences replaced), for keys and diagnostics.
     *
     * @return text
     */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Tells whether the content equals the UTF-8 encoding of the given text.
     *
     * @param text text to compare with
     * @return true when equal
     */
    public boolean contentEquals(final String text) {
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int compareTo(final BencodeBytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof BencodeBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        final int shown = Math.min(bytes.length, SHOWN_BYTES);
        final String hex = HexFormat.of().formatHex(bytes, 0, shown);
        return "BencodeBytes[" + bytes.length + ":" + hex + (shown < bytes.length ? "...]" : "]");
    }
}
