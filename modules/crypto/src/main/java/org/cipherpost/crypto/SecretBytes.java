package org.cipherpost.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Holder for secret bytes: copied in, zeroed on {@link #close()}, never printed.
 *
 * <p>Every secret that travels between components (passphrases, seeds, key-encryption keys,
 * derived keys) travels in one of these. {@link #toString()} reveals only the length.
 */
public final class SecretBytes implements Destroyable, AutoCloseable {
    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(final byte[] owned) {
        this.bytes = owned;
    }

    /**
     * Copies the given bytes into a new holder; the caller keeps (and should wipe) its array.
     *
     * @param source bytes to copy
     * @return new holder
     */
    public static SecretBytes copyOf(final byte[] source) {
        Objects.requireNonNull(source, "Source bytes required");
        return new SecretBytes(source.clone());
    }

    /**
     * Copies a range of the given bytes into a new holder.
     *
     * @param source bytes to copy from
     * @param offset first byte
     * @param length number of bytes
     * @return new holder
     */
    public static SecretBytes copyOf(final byte[] source, final int offset, final int length) {
        Objects.requireNonNull(source, "Source bytes required");
        Objects.checkFromIndexSize(offset, length, source.length);
        return new SecretBytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    /**
     * Takes ownership of the given array without copying; the caller must not use it afterwards.
     *
     * @param owned array to own
     * @return new holder
     */
    public static SecretBytes wrap(final byte[] owned) {
        Objects.requireNonNull(owned, "Owned bytes required");
        return new SecretBytes(owned);
    }

    /**
     * Encodes characters as UTF-8 without creating a String; the caller keeps (and should wipe) its array.
     *
     * @param chars characters, such as a typed passphrase
     * @return new holder with the UTF-8 bytes
     */
    public static SecretBytes fromChars(final char[] chars) {
        Objects.requireNonNull(chars, "Characters required");
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer encoded;
        try {
            encoded = encoder.encode(CharBuffer.wrap(chars));
        } catch (final CharacterCodingException e) {
            throw new IllegalArgumentException("Characters are not valid UTF-16 text");
        }
        final byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return new SecretBytes(out);
    }

    /**
     * Returns the live backing array; callers must not keep or modify it past the holder's life.
     *
     * @return backing array
     */
    public byte[] bytes() {
        ensureLive();
        return bytes;
    }

    /**
     * Returns a copy that the caller owns and must wipe.
     *
     * @return copy of the secret bytes
     */
    public byte[] copy() {
        ensureLive();
        return bytes.clone();
    }

    /**
     * Returns the number of secret bytes.
     *
     * @return length
     */
    public int length() {
        return bytes.length;
    }

    /**
     * Compares with another holder in constant time for equal lengths.
     *
     * @param other holder to compare with
     * @return true when both hold the same bytes
     */
    public boolean contentEquals(final SecretBytes other) {
        Objects.requireNonNull(other, "Other secret required");
        ensureLive();
        return MessageDigest.isEqual(bytes, other.bytes());
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes" + (destroyed ? ", destroyed]" : "]");
    }

    private void ensureLive() {
        if (destroyed) {
            throw new IllegalStateException("Secret already destroyed");
        }
    }
}
