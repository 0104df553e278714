package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.EntryId;

/**
 * An Entry Key and what its key file says about it. The plaintext of {@code keys/<id>.key} is an age identity file,
 * so the plain age CLI reads it as is; the comments carry the vault's bookkeeping:
 *
 * <pre>
 * # cipherpost vault entry key v1
 * # revision: 3                 device-set revision the file was wrapped for
 * # replaces: age1...           entry this one re-keyed (the old one may be deleted)
 * # share: age1...              another person granted this entry, one line each
 * AGE-SECRET-KEY-1...
 * </pre>
 */
final class EntryKey implements AutoCloseable {
    private static final String HEADER = "# cipherpost vault entry key v1";
    private static final String REVISION = "# revision: ";
    private static final String REPLACES = "# replaces: ";
    private static final String SHARE = "# share: ";
    private static final byte[] SECRET_PREFIX = "AGE-SECRET-KEY-1".getBytes(StandardCharsets.US_ASCII);

    private final AgeIdentity identity;
    private final long revision;
    private final List<AgeRecipient> shares;
    private final EntryId replaces;

    /**
     * Creates an Entry Key that owns the identity.
     *
     * @param identity X25519 identity
     * @param revision device-set revision
     * @param shares recipients the entry is shared with
     * @param replaces entry this one re-keyed, or null
     */
    EntryKey(final AgeIdentity identity, final long revision, final List<AgeRecipient> shares, final EntryId replaces) {
        this.identity = Objects.requireNonNull(identity, "Identity required");
        this.revision = revision;
        this.shares = List.copyOf(shares);
        this.replaces = replaces;
    }

    /**
     * Generates a new Entry Key.
     *
     * @param revision device-set revision
     * @return new key
     */
    static EntryKey generate(final long revision) {
        return new EntryKey(AgeIdentity.generate(), revision, List.of(), null);
    }

    /** Returns the entry id: the key's recipient. */
    EntryId id() {
        return EntryId.of(identity.recipient());
    }

    /** Returns the identity that opens the entry. */
    AgeIdentity identity() {
        return identity;
    }

    /** Returns the device-set revision the key file was wrapped for. */
    long revision() {
        return revision;
    }

    /** Returns the recipients the entry is shared with. */
    List<AgeRecipient> shares() {
        return shares;
    }

    /** Returns the entry this one re-keyed, or null. */
    EntryId replaces() {
        return replaces;
    }

    /**
     * Returns a copy of this key for another revision.
     *
     * @param newRevision device-set revision
     * @return new key (same identity, copied)
     */
    EntryKey withRevision(final long newRevision) {
        return new EntryKey(copyIdentity(), newRevision, shares, replaces);
    }

    /**
     * Returns a copy of this key shared with one more recipient.
     *
     * @param recipient recipient
     * @return new key (same identity, copied)
     */
    EntryKey withShare(final AgeRecipient recipient) {
        final List<AgeRecipient> more = new ArrayList<>(shares);
        more.add(recipient);
        return new EntryKey(copyIdentity(), revision, more, replaces);
    }

    /**
     * Returns a new Entry Key that replaces this one: new identity, same shares.
     *
     * @param newRevision device-set revision
     * @return new key
     */
    EntryKey rekeyed(final long newRevision) {
        return new EntryKey(AgeIdentity.generate(), newRevision, shares, id());
    }

    /**
     * Returns every recipient the key file is encrypted to.
     *
     * @param manifest manifest naming the keyring (format 2) or the devices and the recovery key (format 1)
     * @return the keyring (or devices and recovery key), then the shares
     */
    List<AgeRecipient> recipients(final Manifest manifest) {
        final List<AgeRecipient> recipients = new ArrayList<>(manifest.keyRecipients());
        for (final AgeRecipient share : shares) {
            if (!recipients.contains(share)) {
                recipients.add(share);
            }
        }
        return recipients;
    }

    /**
     * Encodes the key file plaintext.
     *
     * @return plaintext, owned by the caller
     */
    SecretBytes encode() {
        final StringBuilder comments = new StringBuilder(128);
        comments.append(HEADER).append('\n').append(REVISION).append(revision).append('\n');
        if (replaces != null) {
            comments.append(REPLACES).append(replaces.value()).append('\n');
        }
        for (final AgeRecipient share : shares) {
            comments.append(SHARE).append(share.encoded()).append('\n');
        }
        final byte[] head = comments.toString().getBytes(StandardCharsets.US_ASCII);
        try (SecretBytes secret = identity.encode()) {
            final byte[] out = new byte[head.length + secret.length() + 1];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(secret.bytes(), 0, out, head.length, secret.length());
            out[out.length - 1] = '\n';
            return SecretBytes.wrap(out);
        }
    }

    /**
     * Decodes a key file plaintext.
     *
     * @param plaintext plaintext; the caller keeps it
     * @return key, owned by the caller
     * @throws IOException when the plaintext is not a single-key identity file
     */
    static EntryKey decode(final SecretBytes plaintext) throws IOException {
        final byte[] bytes = plaintext.bytes();
        long revision = 0;
        EntryId replaces = null;
        final List<AgeRecipient> shares = new ArrayList<>();
        AgeIdentity identity = null;
        try {
            int start = 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int contentEnd = end;
                if (contentEnd > start && bytes[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
                if (contentEnd > start && bytes[start] == '#') {
                    final String comment = new String(bytes, start, contentEnd - start, StandardCharsets.US_ASCII);
                    if (comment.startsWith(REVISION)) {
                        revision = Long.parseLong(comment.substring(REVISION.length()));
                    } else if (comment.startsWith(REPLACES)) {
                        replaces = new EntryId(comment.substring(REPLACES.length()));
                    } else if (comment.startsWith(SHARE)) {
                        shares.add(AgeRecipient.parse(comment.substring(SHARE.length())));
                    }
                } else if (contentEnd > start) {
                    if (identity != null) {
                        throw new IOException("Key file holds more than one key");
                    }
                    if (!Arrays.equals(bytes, start, Math.min(contentEnd, start + SECRET_PREFIX.length), SECRET_PREFIX, 0,
                            SECRET_PREFIX.length)) {
                        throw new IOException("Key file line is neither a comment nor an X25519 identity");
                    }
                    try (SecretBytes line = SecretBytes.copyOf(bytes, start, contentEnd - start)) {
                        identity = AgeIdentity.parse(line);
                    }
                }
                start = end + 1;
            }
        } catch (final InvalidKeyException | IllegalArgumentException e) {
            if (identity != null) {
                identity.close();
            }
            throw new IOException("Key file content malformed", e);
        } catch (final IOException e) {
            if (identity != null) {
                identity.close();
            }
            throw e;
        }
        if (identity == null) {
            throw new IOException("Key file holds no key");
        }
        return new EntryKey(identity, revision, shares, replaces);
    }

    /** Returns a new identity holding the same secret. */
    private AgeIdentity copyIdentity() {
        try (SecretBytes encoded = identity.encode()) {
            return AgeIdentity.parse(encoded);
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("Identity does not round-trip", e);
        }
    }

    @Override
    public void close() {
        identity.close();
    }

    @Override
    public String toString() {
        return "EntryKey[" + id() + ", revision " + revision + "]";
    }
}
