package org.cipherpost.blob.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;

/**
 * A pubky AuthToken, version 0 (pubky-core docs/src/spec/auth.md, postcard encoding of pubky-common's
 * {@code AuthToken}): the user signs it with their own key and posts it to the homeserver for a session.
 *
 * <pre>
 * offset  length  field
 * 0       64      Ed25519 signature over bytes [65..end] (the spec's "serialized_token[65..]")
 * 64      10      namespace "PUBKY:AUTH"
 * 74      1       version = 0
 * 75      8       timestamp, big-endian microseconds since the Unix epoch
 * 83      32      pubky: the signer's Ed25519 public key (no delegation in version 0)
 * 115     varint  byte length of the capabilities (postcard LEB128)
 * ...     n       capabilities, UTF-8: "scope:actions" joined by ",", such as "/pub/cipherpost/blobs/:rw"
 * </pre>
 */
public final class PubkyAuthToken {
    /** The token's namespace. */
    public static final byte[] NAMESPACE = "PUBKY:AUTH".getBytes(StandardCharsets.US_ASCII);
    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 74;
    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 75;
    /** Offset of the public key. */
    public static final int KEY_OFFSET = 83;
    /** Offset of the capabilities' length. */
    public static final int CAPABILITIES_OFFSET = 115;
    /** Start of the signed bytes, as the spec and the reference code define it. */
    public static final int SIGNED_FROM = 65;

    private PubkyAuthToken() {
    }

    /**
     * Builds and signs a token; the token is a bearer credential for a short while, so the caller wipes it.
     *
     * @param seed the user's 32-byte Ed25519 seed
     * @param capabilities capabilities text such as {@code /pub/cipherpost/blobs/:rw}
     * @param timestampMicros microseconds since the Unix epoch
     * @return encoded token
     */
    public static byte[] sign(final SecretBytes seed, final String capabilities, final long timestampMicros) {
        Objects.requireNonNull(seed, "Signing seed required");
        checkCapabilities(Objects.requireNonNull(capabilities, "Capabilities required"));
        final byte[] caps = capabilities.getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(CAPABILITIES_OFFSET + 5 + caps.length);
        out.writeBytes(new byte[Ed25519.SIGNATURE_LENGTH]);
        out.writeBytes(NAMESPACE);
        out.write(0);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (timestampMicros >>> shift));
        }
        out.writeBytes(Ed25519.publicKey(seed));
        int length = caps.length;
        while (length >= 0x80) {
            out.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(caps);
        final byte[] token = out.toByteArray();
        final byte[] signature = Ed25519.sign(seed, Arrays.copyOfRange(token, SIGNED_FROM, token.length));
        System.arraycopy(signature, 0, token, 0, signature.length);
        return token;
    }

    /**
     * Checks capabilities text against the spec's grammar: {@code scope ":" actions} items joined by commas, each
     * scope an absolute path, each action {@code r} or {@code w}.
     *
     * @param capabilities text to check
     * @throws IllegalArgumentException when the text does not follow the grammar
     */
    public static void checkCapabilities(final String capabilities) {
        for (final String item : capabilities.split(",", -1)) {
            final int colon = item.lastIndexOf(':');
            if (colon < 1 || item.indexOf(':') != colon || item.charAt(0) != '/'
                    || !item.substring(colon + 1).matches("[rw]+")
                    || !item.substring(0, colon).matches("(/[A-Za-z0-9._~!$&'()*+;=@%-]*)+")) {
                throw new IllegalArgumentException(String.format("Capability [%s] not of the form /path/:rw", item));
            }
        }
    }
}
