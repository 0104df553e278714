package org.cipherpost.wire;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A share URI: {@code cipherpost://<sender-z32>/<share_ref>}, the one token a recipient needs.
 *
 * <p>Parsing is strict: the lowercase scheme, a 52-character lowercase z-base-32 sender key, one {@code /}, 32
 * lowercase hexadecimal characters, and nothing else (no whitespace, query, fragment, port, user or extra segment).
 */
public final class ShareUri {
    /** Scheme and authority separator every share URI starts with. */
    public static final String PREFIX = "cipherpost://";

    /** Length of every share URI in characters. */
    public static final int LENGTH = PREFIX.length() + PublicKeys.Z32_LENGTH + 1 + ShareRef.HEX_LENGTH;

    private final byte[] senderPublicKey;
    private final ShareRef shareRef;

    private ShareUri(final byte[] senderPublicKey, final ShareRef shareRef) {
        this.senderPublicKey = senderPublicKey;
        this.shareRef = shareRef;
    }

    /**
     * Parses a share URI.
     *
     * @param text URI text, exactly as printed by the sender
     * @return share URI
     * @throws IOException when the text is not a share URI
     */
    public static ShareUri parse(final String text) throws IOException {
        Objects.requireNonNull(text, "Share URI required");
        if (!text.startsWith(PREFIX)) {
            if (text.length() == PublicKeys.Z32_LENGTH && text.indexOf(':') < 0) {
                throw new IOException(
                        "Share URI required in the form cipherpost://<sender>/<share_ref>, not a bare key");
            }
            throw new IOException(String.format("Share URI does not start with [%s]", PREFIX));
        }
        final String rest = text.substring(PREFIX.length());
        final int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IOException("Share URI has no [/] between sender and share_ref");
        }
        final byte[] sender;
        try {
            sender = WireFields.z32Key(rest.substring(0, slash), "sender");
        } catch (final IOException e) {
            throw new IOException("Share URI sender not a 52-character lowercase z-base-32 key", e);
        }
        final ShareRef shareRef;
        try {
            shareRef = ShareRef.parse(rest.substring(slash + 1));
        } catch (final IOException e) {
            throw new IOException("Share URI share_ref not 32 lowercase hexadecimal characters ending the URI", e);
        }
        return new ShareUri(sender, shareRef);
    }

    /**
     * Creates the share URI of a sender key and share reference.
     *
     * @param senderPublicKey 32-byte sender identity key
     * @param shareRef share reference
     * @return share URI
     */
    public static ShareUri of(final byte[] senderPublicKey, final ShareRef shareRef) {
        PublicKeys.checkLength(senderPublicKey);
        return new ShareUri(senderPublicKey.clone(), Objects.requireNonNull(shareRef, "Share reference required"));
    }

    /**
     * Returns the sender's identity key.
     *
     * @return copy of the 32-byte key
     */
    public byte[] senderPublicKey() {
        return senderPublicKey.clone();
    }

    /**
     * Returns the sender's identity key as 52 lowercase z-base-32 characters.
     *
     * @return z-base-32 key
     */
    public String senderZ32() {
        return PublicKeys.toZ32(senderPublicKey);
    }

    /**
     * Returns the share reference.
     *
     * @return share reference
     */
    public ShareRef shareRef() {
        return shareRef;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ShareUri that && Arrays.equals(senderPublicKey, that.senderPublicKey)
                && shareRef.equals(that.shareRef);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(senderPublicKey) + shareRef.hashCode();
    }

    /**
     * Returns the URI text.
     *
     * @return {@code cipherpost://<sender-z32>/<share_ref>}
     */
    @Override
    public String toString() {
        return PREFIX + senderZ32() + "/" + shareRef.hex();
    }
}
