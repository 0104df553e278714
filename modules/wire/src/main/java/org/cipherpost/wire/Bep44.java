package org.cipherpost.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * BEP 44 byte layouts: the buffer a mutable item's signature covers and the SHA-1 targets items are stored under.
 *
 * <pre>
 * signable  = [ "4:salt" len(salt) ":" salt ] "3:seqi" seq "e1:v" bencode(v)    (salt part only when non-empty)
 * mutable   target = SHA-1(k || salt)
 * immutable target = SHA-1(bencode(v))
 * </pre>
 */
public final class Bep44 {
    /** Largest value storing nodes must accept, in bytes. */
    public static final int MAX_VALUE_BYTES = 1000;

    /** Largest salt, in bytes. */
    public static final int MAX_SALT_BYTES = 64;

    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    /** Length of a target (SHA-1) in bytes. */
    public static final int TARGET_LENGTH = 20;

    private static final byte[] EMPTY = new byte[0];

    private Bep44() {
    }

    /**
     * Returns the bytes a mutable item's signature covers.
     *
     * @param salt salt, or null or empty for none
     * @param seq sequence number
     * @param encodedValue the bencoded value, verbatim (a PKARR packet is a byte string: {@code <len>:<packet>})
     * @return signable buffer
     */
    public static byte[] signable(final byte[] salt, final long seq, final byte[] encodedValue) {
        Objects.requireNonNull(encodedValue, "Encoded value required");
        final ByteArrayOutputStream out = new ByteArrayOutputStream(encodedValue.length + 96);
        final byte[] saltBytes = salt == null ? EMPTY : salt;
        if (saltBytes.length > 0) {
            ascii(out, "4:salt" + saltBytes.length + ":");
            out.write(saltBytes, 0, saltBytes.length);
        }
        ascii(out, "3:seqi" + seq + "e1:v");
        out.write(encodedValue, 0, encodedValue.length);
        return out.toByteArray();
    }

    /**
     * Returns the target a mutable item is stored under: SHA-1 of the public key followed by the salt.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @param salt salt, or null or empty for none
     * @return 20-byte target
     */
    public static byte[] mutableTarget(final byte[] publicKey, final byte[] salt) {
        PublicKeys.checkLength(publicKey);
        final MessageDigest sha1 = sha1();
        sha1.update(publicKey);
        if (salt != null) {
            sha1.update(salt);
        }
        return sha1.digest();
    }

    /**
     * Returns the target an immutable item is stored under: SHA-1 of its bencoded value.
     *
     * @param encodedValue the bencoded value
     * @return 20-byte target
     */
    public static byte[] immutableTarget(final byte[] encodedValue) {
        Objects.requireNonNull(encodedValue, "Encoded value required");
        return sha1().digest(encodedValue);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 not available", e);
        }
    }

    private static void ascii(final ByteArrayOutputStream out, final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
